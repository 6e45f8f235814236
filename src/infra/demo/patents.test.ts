import { PassThrough } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { detectDependencies, resolveClaim, splitElements } from '../../core/workbenches/patent-search/claims.js';
import { parseClassification, parseFi, parseFterm } from '../../core/workbenches/patent-search/classification.js';
import { type PatentRecord, patentRecordSchema } from '../../shared/contracts/patents.js';
import {
  DEMO_FTO_CLIENT,
  DEMO_FTO_KEY_PATENTS,
  DEMO_PATENT_SEED,
  DEMO_PATENT_STATUS_DATE,
  demoFtoCorpus,
  generatePatents,
  writePatentJsonl,
} from './patents.js';

const N = 2_000;
const generated = [...generatePatents({ count: N })];
const demo = demoFtoCorpus();
const plusYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;

/** Every rule the brief asks of a set of records; an empty list when all hold. */
function problems(records: PatentRecord[]): string[] {
  const out: string[] = [];
  const published = new Map(records.map((r) => [r.number, r.publicationDate]));
  if (published.size !== records.length) out.push('numbers are not unique');
  for (const r of records) {
    const where = r.number;
    const parsed = patentRecordSchema.safeParse(r);
    if (!parsed.success) out.push(`${where}: ${JSON.stringify(parsed.error.issues)}`);
    else if (!isDeepStrictEqual(parsed.data, r)) out.push(`${where}: the schema changed the record`);
    // priority ≤ filing ≤ publication ≤ grant, all in 2000–2025
    const dates = [r.priorityDate, r.filingDate, r.publicationDate, r.grantDate].filter((d): d is string => d !== undefined);
    if (dates.join() !== [...dates].sort().join()) out.push(`${where}: dates out of order ${dates}`);
    if (dates.some((d) => d < '2000-01-01' || d > '2025-12-31')) out.push(`${where}: a date outside 2000–2025`);
    const grant = r.kind.startsWith('B');
    if (grant !== (r.grantDate !== undefined)) out.push(`${where}: grant date and kind disagree`);
    if (grant && r.expectedExpiry !== plusYears(r.filingDate as string, 20)) out.push(`${where}: expiry is not filing + 20 years`);
    if (r.legalStatus === 'expired' && !(grant && (r.expectedExpiry as string) <= DEMO_PATENT_STATUS_DATE))
      out.push(`${where}: expired too early`);
    if (r.legalStatus === 'alive' && grant && (r.expectedExpiry as string) <= DEMO_PATENT_STATUS_DATE)
      out.push(`${where}: alive past expiry`);
    if ((r.language === 'ja') !== (r.country === 'JP')) out.push(`${where}: language ${r.language} for ${r.country}`);
    // claims: what the claim engine reads is what was written
    if (r.claims.length < 3 || r.claims.length > 20) out.push(`${where}: ${r.claims.length} claims`);
    if (r.claims[0]?.dependsOn.length !== 0) out.push(`${where}: claim 1 is not independent`);
    for (const c of r.claims) {
      const detected = detectDependencies(c.text, c.number, r.language);
      if (detected.join() !== c.dependsOn.join()) out.push(`${where} claim ${c.number}: wrote ${c.dependsOn}, detected ${detected}`);
      if (c.dependsOn.length === 0 && splitElements(c.text, r.language).length < 2) out.push(`${where} claim ${c.number}: < 2 elements`);
    }
    if (new Set(r.claims.map((c) => c.text)).size !== r.claims.length) out.push(`${where}: two claims say the same`);
    r.description.forEach((p, i) => {
      if (p.id !== String(i + 1).padStart(4, '0')) out.push(`${where}: paragraph id ${p.id}`);
    });
    // codes
    for (const code of [...r.cpc, ...r.ipc]) {
      const p = parseClassification(code);
      if (!p.ok || p.value.code !== code || (p.value.level !== 'subgroup' && p.value.level !== 'main_group'))
        out.push(`${where}: code ${code}`);
    }
    if (r.cpc.length === 0 || r.ipc.length === 0) out.push(`${where}: no CPC or IPC`);
    for (const code of r.fi ?? []) if (parseFi(code).ok !== true) out.push(`${where}: FI ${code}`);
    for (const code of r.fterms ?? []) if (parseFterm(code).ok !== true) out.push(`${where}: F-term ${code}`);
    if (r.country === 'JP' && (!r.fi?.length || !r.fterms?.length)) out.push(`${where}: a JP record without FI or F-terms`);
    // citations: only earlier-published records of the same set
    for (const cit of r.citations) {
      if (cit.number === undefined) continue;
      const date = published.get(cit.number);
      if (date === undefined) out.push(`${where}: cites ${cit.number}, not in the set`);
      else if (date >= r.publicationDate) out.push(`${where}: cites ${cit.number}, published ${date}, not before ${r.publicationDate}`);
      else if (cit.date !== undefined && cit.date !== date) out.push(`${where}: citation date ${cit.date} ≠ ${date}`);
    }
    if (r.assignees.length === 0 || r.inventors.length === 0) out.push(`${where}: no assignee or inventor`);
  }
  return out;
}

describe('generatePatents', () => {
  it('gives valid records that keep every rule of the brief', () => {
    expect(generated).toHaveLength(N);
    expect(problems(generated)).toEqual([]);
  });

  it('numbers look like the offices’: kind, serial range and the year of a JP/US/WO application number', () => {
    const shapes: Record<string, RegExp> = {
      JPA: /^JP(20\d\d)\d{6}A$/,
      JPB1: /^JP[3-7]\d{6}B1$/,
      JPB2: /^JP[3-7]\d{6}B2$/,
      USA1: /^US(20\d\d)\d{7}A1$/,
      USB1: /^US(?:[6-9]\d{6}|1[0-2]\d{6})B1$/,
      USB2: /^US(?:[6-9]\d{6}|1[0-2]\d{6})B2$/,
      EPA1: /^EP[1-4]?\d{6}A1$/,
      EPB1: /^EP[1-4]?\d{6}B1$/,
      WOA1: /^WO(20\d\d)\d{6}A1$/,
    };
    const seen = new Set<string>();
    for (const r of generated) {
      const shape = shapes[`${r.country}${r.kind}`];
      seen.add(`${r.country}${r.kind}`);
      expect(shape, r.number).toBeDefined();
      const m = (shape as RegExp).exec(r.number);
      expect(m, r.number).not.toBeNull();
      if (m?.[1]) expect(m[1], r.number).toBe(r.publicationDate.slice(0, 4));
    }
    expect([...seen].sort()).toEqual(Object.keys(shapes).sort());
    // grant numbers rise with the grant date
    const usGrants = generated.filter((r) => r.country === 'US' && r.kind.startsWith('B'));
    const early = usGrants.filter((r) => r.publicationDate < '2006-01-01').map((r) => Number(r.number.slice(2, -2)));
    const late = usGrants.filter((r) => r.publicationDate > '2022-01-01').map((r) => Number(r.number.slice(2, -2)));
    expect(Math.max(...early)).toBeLessThan(7_000_000);
    expect(Math.min(...late)).toBeGreaterThan(11_000_000);
  });

  it('spreads dates over 2000–2025 with more publications in later years, and mixes statuses', () => {
    const years = generated.map((r) => Number(r.publicationDate.slice(0, 4)));
    expect(Math.min(...years)).toBe(2002);
    expect(Math.max(...years)).toBe(2025);
    expect(years.filter((y) => y >= 2020).length).toBeGreaterThan(years.filter((y) => y < 2006).length);
    expect(generated.some((r) => r.priorityDate?.startsWith('2000'))).toBe(true);
    const statuses = new Set(generated.map((r) => r.legalStatus));
    for (const s of ['alive', 'expired', 'lapsed', 'pending'] as const) expect(statuses).toContain(s);
  });

  it('drafts real claim sets: multiple dependencies outside the US, second independent claims, 3–20 claims', () => {
    const multiple = generated.filter((r) => r.claims.some((c) => c.dependsOn.length > 1));
    expect(multiple.length).toBeGreaterThan(100);
    expect(multiple.every((r) => r.country !== 'US')).toBe(true);
    expect(generated.filter((r) => r.claims.filter((c) => c.dependsOn.length === 0).length > 1).length).toBeGreaterThan(200);
    expect(generated.some((r) => r.claims.some((c) => c.text.startsWith('A method')))).toBe(true);
    expect(generated.some((r) => r.claims.some((c) => c.text.endsWith('方法。')))).toBe(true);
    // A dependent claim resolves down to claim 1's elements
    const r = generated.find((x) => x.language === 'en' && x.claims.length > 4) as PatentRecord;
    const resolved = resolveClaim(r.claims, 3);
    expect(resolved?.chain[0]).toBe(1);
  });

  it('clusters neighbours: citations stay within a technology, and the corpus has unrelated noise', () => {
    const byNumber = new Map(generated.map((r) => [r.number, r]));
    let cited = 0;
    let sameMainCode = 0;
    for (const r of generated)
      for (const c of r.citations) {
        const target = c.number ? byNumber.get(c.number) : undefined;
        if (!target) continue;
        cited++;
        if (target.cpc[0] === r.cpc[0]) sameMainCode++;
      }
    expect(cited).toBeGreaterThan(1_000);
    expect(sameMainCode).toBe(cited);
    for (const noise of ['A61F 2/82', 'A61M 5/142', 'A61B 17/072']) expect(generated.some((r) => r.cpc[0] === noise)).toBe(true);
    expect(generated.some((r) => r.citations.some((c) => c.number === undefined && c.category === 'other'))).toBe(true);
  });

  it('gives the same records for the same seed and other records for another', () => {
    // The dates spread the records over 2002–2025, so the same seed gives the same records for the same count.
    const again = [...generatePatents({ count: N, seed: DEMO_PATENT_SEED })];
    expect(isDeepStrictEqual(again, generated)).toBe(true);
    const other = [...generatePatents({ count: 300, seed: 7 })];
    expect(other.map((r) => r.number)).not.toEqual(again.slice(0, 300).map((r) => r.number));
    expect(problems(other)).toEqual([]);
  });

  it('respects the Japanese share', () => {
    const share = (records: PatentRecord[]) => records.filter((r) => r.language === 'ja').length / records.length;
    expect(share(generated)).toBeCloseTo(0.45, 1);
    expect(Math.abs(share(generated) - 0.45)).toBeLessThan(0.03);
    const few = [...generatePatents({ count: 2_000, seed: 11, japaneseShare: 0.1 })];
    expect(Math.abs(share(few) - 0.1)).toBeLessThan(0.025);
    expect(share([...generatePatents({ count: 200, japaneseShare: 0 })])).toBe(0);
    expect(share([...generatePatents({ count: 200, japaneseShare: 1 })])).toBe(1);
  });

  it('streams: a huge count costs nothing until records are taken', () => {
    const it = generatePatents({ count: 1_000_000_000 });
    const first = it.next().value as PatentRecord;
    expect(patentRecordSchema.safeParse(first).success).toBe(true);
    it.return(undefined);
  });

  it('refuses a bad count or share', () => {
    expect(() => generatePatents({ count: -1 }).next()).toThrow(RangeError);
    expect(() => generatePatents({ count: 1.5 }).next()).toThrow(RangeError);
    expect(() => generatePatents({ count: 10, japaneseShare: 2 }).next()).toThrow(RangeError);
  });

  it('writes JSON Lines that parse back to the same records', async () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    const written = await writePatentJsonl(generated.slice(0, 50), stream);
    stream.end();
    expect(written).toBe(50);
    const lines = chunks.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(generated.slice(0, 50));
  });
});

describe('demoFtoCorpus', () => {
  const byNumber = new Map(demo.map((r) => [r.number, r]));
  const key = (n: string) => byNumber.get(n) as PatentRecord;

  it('is about 60 valid records that keep every rule, the key patents among them', () => {
    expect(demo.length).toBe(60);
    expect(problems(demo)).toEqual([]);
    for (const k of DEMO_FTO_KEY_PATENTS) expect(byNumber.has(k.number), k.number).toBe(true);
    expect(demoFtoCorpus()).toEqual(demo);
  });

  it('has one alive JP patent whose claim 1 maps onto the client’s device', () => {
    const jp = key('JP7158342B2');
    expect(jp.legalStatus).toBe('alive');
    expect((jp.expectedExpiry as string) > DEMO_PATENT_STATUS_DATE).toBe(true);
    expect((jp.priorityDate as string) < DEMO_FTO_CLIENT.priorityDate).toBe(true);
    const elements = splitElements((jp.claims[0] as { text: string }).text, 'ja').map((e) => e.text);
    expect(elements.slice(0, 4)).toEqual([
      '使用者の手首に装着される筐体',
      '前記筐体に設けられ、橈骨動脈の延在方向に互いに離間して配置された第1の脈波センサ及び第2の脈波センサ',
      '前記第1の脈波センサ及び前記第2の脈波センサの検出信号から脈波伝播時間を算出する算出部',
      '前記脈波伝播時間に基づいて血圧値を推定する推定部',
    ]);
    // claims 4 and 5 (body motion, calibration) resolve through claim 1
    expect(resolveClaim(jp.claims, 4)?.chain).toEqual([1, 4]);
  });

  it('splits 「…とを備える血圧測定装置。」 with the closing subject intact', () => {
    const jp = key('JP7158342B2');
    const last = splitElements((jp.claims[0] as { text: string }).text, 'ja').at(-1);
    expect(last?.text).toBe('血圧測定装置');
  });

  it('has the expired, lapsed, pending and later-published documents the walkthrough needs', () => {
    const us = key('US6821254B1');
    expect(us.legalStatus).toBe('expired');
    expect((us.expectedExpiry as string) < DEMO_PATENT_STATUS_DATE).toBe(true);
    const later = key('US20240325121A1');
    expect(later.publicationDate > DEMO_FTO_CLIENT.priorityDate).toBe(true);
    expect((later.priorityDate as string) < DEMO_FTO_CLIENT.priorityDate).toBe(true);
    expect(later.legalStatus).toBe('pending');
    expect(key('WO2023181234A1').publicationDate < DEMO_FTO_CLIENT.priorityDate).toBe(true);
    expect(key('EP3456789B1').legalStatus).toBe('alive');
    expect(key('EP3456789B1').claims[0]?.text).toContain('inflatable cuff');
    expect(key('US10575612B2').claims[0]?.text).toContain('catheter');
    expect(key('JP6248817B2').legalStatus).toBe('lapsed');
    // the invalidity angle: art published before the alive JP patent's priority date
    expect(key('JP2017086742A').publicationDate < (key('JP7158342B2').priorityDate as string)).toBe(true);
    expect(key('JP7158342B2').citations.map((c) => c.number)).toContain('JP2017086742A');
  });

  it('mixes Japanese and English and surrounds the key patents with neighbours and noise', () => {
    expect(demo.filter((r) => r.language === 'ja').length).toBeGreaterThan(15);
    expect(demo.filter((r) => r.language === 'en').length).toBeGreaterThan(15);
    expect(demo.filter((r) => r.cpc.some((c) => c.startsWith('A61B 5/02'))).length).toBeGreaterThan(20);
    expect(demo.some((r) => !r.cpc.some((c) => c.startsWith('A61B 5/')))).toBe(true);
  });
});
