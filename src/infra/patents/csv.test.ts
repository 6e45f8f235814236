import { describe, expect, it } from 'vitest';
import { parseNumberedClaims, parseParagraphs, readPatentCsv } from './csv.js';
import type { PatentImportItem } from './import.js';

async function all(text: string): Promise<PatentImportItem[]> {
  const out: PatentImportItem[] = [];
  for await (const it of readPatentCsv([text])) out.push(it);
  return out;
}
const reasons = (items: PatentImportItem[]) => items.map((i) => (i.ok ? (i.duplicate ? 'duplicate' : 'ok') : i.reason));

const HEADER =
  'Number,Kind,Title,Abstract,Claims,CPC,IPC,FI,F-terms,Priority Date,Filing Date,Publication Date,Assignees,Inventors,Legal Status,Citations,Language';

describe('readPatentCsv', () => {
  it('reads the documented columns', async () => {
    const csv = `${HEADER}
JP2019-123456,A,バルーンカテーテル,内圧を検出する。,"【請求項1】
カテーテル本体と、バルーンとを備えるバルーンカテーテル。
【請求項2】
請求項1に記載のバルーンカテーテルであって、圧力センサを有する。",A61M25/10;A61B 5/0215,A61M 25/10,A61M25/10 500,4C267AA05;4C267 BB02,2018/01/15,2018-01-15,20190725,架空医療機器株式会社,山田 太郎;佐藤 花子,pending,"JP2015012345A:examiner;US 8926509 B2 (applicant);Smith, J. Catheters. 2001.",ja
`;
    const [item] = await all(csv);
    expect(item?.ok).toBe(true);
    if (!item?.ok) return;
    expect(item.record).toMatchObject({
      number: 'JP2019123456A',
      country: 'JP',
      kind: 'A',
      claims: [
        { number: 1, dependsOn: [] },
        { number: 2, dependsOn: [1] },
      ],
      cpc: ['A61M 25/10', 'A61B 5/0215'],
      fi: ['A61M25/10,500'],
      fterms: ['4C267AA05', '4C267BB02'],
      priorityDate: '2018-01-15',
      publicationDate: '2019-07-25',
      inventors: ['山田 太郎', '佐藤 花子'],
      legalStatus: 'pending',
      citations: [
        { number: 'JP2015012345A', category: 'examiner' },
        { number: 'US8926509B2', category: 'applicant' },
        { text: 'Smith, J. Catheters. 2001.' },
      ],
      language: 'ja',
    });
    // the line the row ends on (its claims cell spans lines 2–5)
    expect(item.position.line).toBe(5);
  });

  it('bad rows are refused one by one', async () => {
    const csv = `number,kind,title,publication_date,cpc
US1000001,B2,Good one,2020-01-07,A61B 5/02
US1000002,B2,Ragged,2020-01-07
US1000003,B2,,2020-01-07,A61B 5/02
US1000004,B2,Bad date,2021-02-30,A61B 5/02
US1000005,B2,Bad code,2020-01-07,A61B 5
US1000001,B2,Good one,2020-01-07,A61B 5/02
US1000001,B2,Changed,2020-01-07,A61B 5/02
US1000008,B2,Last,2020-01-07,A61B 5/02
`;
    const items = await all(csv);
    expect(reasons(items)).toEqual([
      'ok',
      'malformed_csv',
      'missing_field',
      'invalid_record',
      'invalid_record',
      'duplicate',
      'duplicate_conflict',
      'ok',
    ]);
    expect(items[1]?.position.line).toBe(3);
  });

  it('a header without the required columns refuses the file', async () => {
    expect(reasons(await all('id,name\n1,x\n'))).toEqual(['malformed_csv']);
  });

  it('an unclosed quote ends the file with a reason', async () => {
    const items = await all('number,kind,title,publication_date\nUS1000001,B2,Good,2020-01-07\nUS1000002,B2,"Open,2020-01-07\n');
    expect(reasons(items)).toEqual(['ok', 'malformed_csv']);
  });

  it('numbered claims and paragraphs', () => {
    expect(
      parseNumberedClaims(
        '1. A catheter comprising a shaft.\n2. The catheter of claim 1, wherein the shaft is steel.\n3. The catheter of claim 1 or 2.',
      ),
    ).toEqual([
      { number: 1, text: 'A catheter comprising a shaft.', dependsOn: [] },
      { number: 2, text: 'The catheter of claim 1, wherein the shaft is steel.', dependsOn: [1] },
      { number: 3, text: 'The catheter of claim 1 or 2.', dependsOn: [1, 2] },
    ]);
    expect(parseParagraphs('[0001] First.\n[0002] Second\nline.')).toEqual([
      { id: '0001', text: 'First.' },
      { id: '0002', text: 'Second\nline.' },
    ]);
    expect(parseParagraphs('【０００１】第一。\n【０００２】第二。')).toEqual([
      { id: '0001', text: '第一。' },
      { id: '0002', text: '第二。' },
    ]);
    expect(parseParagraphs('One.\n\nTwo.')).toEqual([
      { id: '0001', text: 'One.' },
      { id: '0002', text: 'Two.' },
    ]);
  });
});
