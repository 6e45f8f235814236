import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import type { PiiCliIo } from './pii.js';

const dir = mkdtempSync(join(tmpdir(), 'kpo-pii-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function kpo(argv: string[], lines?: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: PiiCliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    ...(lines && {
      stdinLines: (async function* () {
        yield* lines;
      })(),
    }),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('kpo pii scan', () => {
  const letter = file('letter.txt', '山田太郎様\n電話 03-1234-5678\nDear Mr. John Smith,\n');

  it('prints a table of type, text and where', async () => {
    const r = await kpo(['pii', 'scan', letter]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TYPE\s+TEXT\s+WHERE\n/);
    expect(r.stdout).toMatch(/PERSON\s+山田太郎\s+line 1/);
    expect(r.stdout).toMatch(/PHONE_NUMBER\s+03-1234-5678\s+line 2/);
    expect(r.stdout).toContain('3 findings: PERSON 2, PHONE_NUMBER 1');
  });

  it('--json gives the findings with offsets and where', async () => {
    const r = await kpo(['pii', 'scan', letter, '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe('txt');
    expect(out.findings[1]).toMatchObject({ type: 'PHONE_NUMBER', text: '03-1234-5678', start: 3, end: 15, where: 'line 2' });
  });

  it.each(['1', '2'])('--jsonl --workers %s answers each line, and a bad line with an error instead of stopping', async (workers) => {
    const r = await kpo(
      ['pii', 'scan', '--jsonl', '--workers', workers],
      [
        JSON.stringify({ id: 'a', text: '佐藤花子様 jo@example.com' }),
        '{not json',
        '',
        JSON.stringify({ id: 7 }),
        JSON.stringify({ id: 'b', text: 'nothing here' }),
      ],
    );
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      id: 'a',
      findings: [
        { start: 0, end: 4, type: 'PERSON', text: '佐藤花子' },
        { start: 6, end: 20, type: 'EMAIL_ADDRESS', text: 'jo@example.com' },
      ],
    });
    expect(lines[1]).toMatchObject({ id: null, error: expect.stringContaining('not JSON') });
    expect(lines[2]).toMatchObject({ id: 7, error: expect.any(String) });
    expect(lines[3]).toEqual({ id: 'b', findings: [] });
  });

  it('--jsonl on several threads answers in the order of the input, as one thread does', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      JSON.stringify({
        id: i,
        text: i % 3 === 0 ? `担当は田中一郎です。${'本文。'.repeat(i * 20)}` : `Call John Smith at 555-123-4567 ${'x '.repeat(i)}`,
      }),
    );
    const one = await kpo(['pii', 'scan', '--jsonl', '--workers', '1'], lines);
    const three = await kpo(['pii', 'scan', '--jsonl', '--workers', '3'], lines);
    expect(three.code).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    expect(
      one.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(lines.map((_, i) => i));
    expect(JSON.parse(one.stdout.split('\n')[0] ?? '').findings[0]).toMatchObject({ type: 'PERSON', text: '田中一郎' });
  });

  it('refuses a --workers that is not 1–64, or without --jsonl', async () => {
    for (const bad of ['0', '65', '1.5', 'many']) {
      const r = await kpo(['pii', 'scan', '--jsonl', '--workers', bad], []);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--workers');
    }
    const r = await kpo(['pii', 'scan', letter, '--workers', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jsonl');
  });

  it('exits 5 for a missing file and 2 for an unsupported one', async () => {
    expect((await kpo(['pii', 'scan', join(dir, 'none.txt')])).code).toBe(5);
    const r = await kpo(['pii', 'scan', file('x.exe', 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot be scanned');
  });
});

describe('kpo pii redact', () => {
  it('writes the copy and grows the mapping across documents of an engagement', async () => {
    const map = join(dir, 'map.json');
    const out1 = join(dir, 'out1.txt');
    const r1 = await kpo(['pii', 'redact', file('d1.txt', '佐藤花子様へ。\n'), '--out', out1, '--mapping', map]);
    expect(r1.code).toBe(0);
    expect(readFileSync(out1, 'utf8').replace(/^\uFEFF/, '')).toBe('人物A様へ。\n');
    const out2 = join(dir, 'out2.txt');
    await kpo(['pii', 'redact', file('d2.txt', '田中一郎様と佐藤花子様\n'), '--out', out2, '--mapping', map]);
    expect(readFileSync(out2, 'utf8').replace(/^\uFEFF/, '')).toBe('人物B様と人物A様\n');
    expect(JSON.parse(readFileSync(map, 'utf8')).entries.map((e: { token: string }) => e.token)).toEqual(['人物A', '人物B']);
  });

  it('refuses a mapping file that is not one, and an --out of another kind', async () => {
    const bad = file('bad-map.json', '{"version": 1, "entries": [{"type": "NOPE"}]}');
    const r = await kpo(['pii', 'redact', file('d3.txt', 'x'), '--out', join(dir, 'o.txt'), '--mapping', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad-map.json');
    expect((await kpo(['pii', 'redact', file('d4.txt', 'x'), '--out', join(dir, 'o.csv')])).code).toBe(2);
  });
});
