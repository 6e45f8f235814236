import { describe, expect, it } from 'vitest';
import type { PatentRecordInput } from '../../shared/contracts/patents.js';
import { DuplicateTracker, type PatentImportItem } from './import.js';
import { readPatentJsonl } from './jsonl.js';

/** A fictional Japanese medical-device patent (the docs' example). */
const example: PatentRecordInput = {
  number: 'JP2019123456A',
  country: 'JP',
  kind: 'A',
  title: 'バルーンカテーテル',
  abstract: '【課題】バルーンの内圧を正確に検出する。',
  claims: [
    { number: 1, text: 'カテーテル本体と、バルーンとを備えるバルーンカテーテル。', dependsOn: [] },
    { number: 2, text: '請求項1に記載のバルーンカテーテルであって、圧力センサを有する。', dependsOn: [1] },
  ],
  description: [{ id: '0001', text: '本発明はバルーンカテーテルに関する。' }],
  cpc: ['A61M 25/10'],
  ipc: ['A61M 25/10'],
  fi: ['A61M25/10,500'],
  fterms: ['4C267AA05'],
  priorityDate: '2018-01-15',
  filingDate: '2018-01-15',
  publicationDate: '2019-07-25',
  assignees: ['架空医療機器株式会社'],
  inventors: ['山田 太郎'],
  legalStatus: 'pending',
  citations: [{ number: 'JP2015012345A', category: 'examiner' }],
  language: 'ja',
};

async function all(lines: string[], options: Parameters<typeof readPatentJsonl>[1] = {}): Promise<PatentImportItem[]> {
  const out: PatentImportItem[] = [];
  for await (const it of readPatentJsonl([lines.join('\n')], options)) out.push(it);
  return out;
}

const reasons = (items: PatentImportItem[]) => items.map((i) => (i.ok ? (i.duplicate ? 'duplicate' : 'ok') : i.reason));

describe('readPatentJsonl', () => {
  it('reads valid lines, with line numbers, and skips blank lines', async () => {
    const items = await all([JSON.stringify(example), '', JSON.stringify({ ...example, number: 'JP2019123457A' })]);
    expect(reasons(items)).toEqual(['ok', 'ok']);
    expect(items.map((i) => i.position.line)).toEqual([1, 3]);
    const first = items[0];
    if (first?.ok) expect(first.record).toMatchObject({ number: 'JP2019123456A', claims: [{ dependsOn: [] }, { dependsOn: [1] }] });
  });

  it('normalises a loose number and codes before validation', async () => {
    const [item] = await all([
      JSON.stringify({
        ...example,
        number: 'JP 2019-123456 A',
        cpc: ['A61M0025100000'],
        ipc: ['A61M25/10 (2006.01)'],
        fi: ['A61M 25/10 500'],
      }),
    ]);
    expect(item?.ok && item.record).toMatchObject({
      number: 'JP2019123456A',
      cpc: ['A61M 25/10'],
      ipc: ['A61M 25/10'],
      fi: ['A61M25/10,500'],
    });
  });

  it('one bad line never stops the rest', async () => {
    const items = await all([
      '{"number": "JP1',
      '[1, 2]',
      JSON.stringify({ ...example, publicationDate: '2021-02-30' }),
      JSON.stringify({ ...example, cpc: ['not a code'] }),
      JSON.stringify({ ...example, extra: true }),
      JSON.stringify({ ...example, claims: [{ number: 1, text: 'x', dependsOn: [3] }] }),
      JSON.stringify({ ...example, priorityDate: '2020-01-01' }),
      JSON.stringify(example),
    ]);
    expect(reasons(items)).toEqual([
      'malformed_json',
      'invalid_record',
      'invalid_record',
      'invalid_record',
      'invalid_record',
      'invalid_record',
      'invalid_record',
      'ok',
    ]);
    const date = items[2];
    if (date && !date.ok) {
      expect(date.position.line).toBe(3);
      expect(date.issues?.[0]).toMatchObject({ path: ['publicationDate'], code: 'invalid_format' });
    }
    const order = items[6];
    if (order && !order.ok) expect(order.issues?.[0]).toMatchObject({ path: ['filingDate'], code: 'date_order' });
    const code = items[3];
    if (code && !code.ok) expect(code.issues?.[0]?.path).toEqual(['cpc', 0]);
  });

  it('refuses a line longer than the limit without holding it', async () => {
    const items = await all(
      [JSON.stringify(example), `{"title": "${'x'.repeat(5000)}"}`, JSON.stringify({ ...example, number: 'JP2019123457A' })],
      {
        maxLineLength: 2000,
      },
    );
    expect(reasons(items)).toEqual(['ok', 'line_too_long', 'ok']);
    expect(items[1]?.position.line).toBe(2);
  });

  it('lines split across chunks, CRLF and a BOM', async () => {
    const text = `\uFEFF${JSON.stringify(example)}\r\n${JSON.stringify({ ...example, number: 'JP2019123457A' })}\r\n`;
    const bytes = new TextEncoder().encode(text);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 5) parts.push(bytes.subarray(i, i + 5));
    const out: PatentImportItem[] = [];
    for await (const it of readPatentJsonl(parts)) out.push(it);
    expect(reasons(out)).toEqual(['ok', 'ok']);
  });

  it('duplicates across files of one import', async () => {
    const duplicates = new DuplicateTracker();
    const a = await all([JSON.stringify(example)], { duplicates });
    const b = await all([JSON.stringify(example), JSON.stringify({ ...example, title: '別の題名' })], { duplicates });
    expect([...reasons(a), ...reasons(b)]).toEqual(['ok', 'duplicate', 'duplicate_conflict']);
  });
});

describe('duplicates whatever the key order', () => {
  it('the same record with its keys in another order is a duplicate', async () => {
    const reversed = Object.fromEntries(Object.entries(example).reverse());
    const items = await all([JSON.stringify(example), JSON.stringify(reversed)]);
    expect(items.map((i) => i.ok && i.duplicate)).toEqual([false, true]);
  });
});

describe('docs/patent-format.md', () => {
  it('its example line is a valid record', async () => {
    const { readFileSync } = await import('node:fs');
    const md = readFileSync(new URL('../../../docs/patent-format.md', import.meta.url), 'utf8');
    const block = /```jsonl\n(.*)\n```/.exec(md)?.[1] ?? '';
    const items = await all([block]);
    expect(reasons(items)).toEqual(['ok']);
  });
});
