import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../infra/config.js';
import { DEMO_FTO_CLIENT, DEMO_FTO_KEY_PATENTS, demoFtoCorpus } from '../../infra/demo/patents.js';
import { createRuntime } from '../../runtime.js';
import { kpo } from '../../testing/cli.js';
import { makeTestDataDir } from '../../testing/db.js';
import { exitCodeOf } from '../exit-codes.js';

/** Each `kpo` call opens the embedded database from disk: the time-out fits a busy machine, not a speed. */
const TIMEOUT = 300_000;

const line = (over: Record<string, unknown>) =>
  JSON.stringify({ country: 'US', kind: 'B2', title: 'Untitled', publicationDate: '2015-01-01', language: 'en', ...over });

const patents = [
  line({
    number: 'US9000001B2',
    title: 'Balloon catheter with pressure sensor',
    abstract: 'An inflatable balloon catheter carries a pressure sensor near its tip.',
    claims: [{ number: 1, text: 'A catheter comprising: an inflatable balloon; and a pressure sensor.', dependsOn: [] }],
    cpc: ['A61M 25/10', 'A61B 5/0215'],
    publicationDate: '2012-05-01',
  }),
  line({
    number: 'US9000002B2',
    title: 'Wearable blood pressure monitor',
    abstract: 'A wrist-worn device estimates blood pressure from pulse transit time.',
    cpc: ['A61B 5/021'],
    publicationDate: '2018-07-01',
  }),
  line({
    number: 'JP2019123456A',
    country: 'JP',
    kind: 'A',
    title: 'カフレス血圧測定装置',
    abstract: '光学センサにより脈波伝播時間を測定し、血圧を推定する装置。',
    cpc: ['A61B 5/022'],
    publicationDate: '2019-08-01',
    language: 'ja',
  }),
  '{"number": "US1B2", "title": ',
  line({ number: 'US9000003B2', title: 'A date that does not exist', publicationDate: '2021-02-30' }),
];

describe('kpo ip on an embedded data directory', { timeout: TIMEOUT }, () => {
  it('imports patent files into a corpus (refusing bad records one by one), searches it with operators, dates and classes, and audits the import', async () => {
    const env = { KPO_DATA_DIR: await makeTestDataDir() };
    const dir = mkdtempSync(join(tmpdir(), 'kpo-ip-'));
    const file = join(dir, 'patents.jsonl');
    writeFileSync(file, `${patents.join('\n')}\n`);

    const imported = await kpo(['ip', 'import', file, '--corpus', 'Medical devices', '--json'], env);
    expect(imported.code, imported.err).toBe(0);
    const report = JSON.parse(imported.out);
    expect(report).toMatchObject({ corpus: 'Medical devices', files: 1, added: 3, replaced: 0, unchanged: 0, rejected: 2, documents: 3 });
    expect(report.refusals.map((r: { reason: string; position: { line: number } }) => [r.position.line, r.reason])).toEqual([
      [4, 'malformed_json'],
      [5, 'invalid_record'],
    ]);

    const search = async (...args: string[]) => {
      const r = await kpo(['ip', 'search', ...args, '--corpus', 'medical devices', '--json'], env);
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out) as { total: number; results: { number: string; score: number; title: string }[] };
    };
    const pressure = await search('pressure');
    expect(pressure.results.map((r) => r.number).sort()).toEqual(['US9000001B2', 'US9000002B2']);
    expect(pressure.results[0]?.score).toBeGreaterThanOrEqual(pressure.results[1]?.score ?? 0);
    expect((await search('"pressure sensor" OR 血圧')).results.map((r) => r.number).sort()).toEqual(['JP2019123456A', 'US9000001B2']);
    expect((await search('pressure', '--before', '2015-01-01')).results.map((r) => r.number)).toEqual(['US9000001B2']);
    expect((await search('pressure OR 血圧', '--cpc', 'A61B 5/02')).results.map((r) => r.number)).toEqual([]);
    expect((await search('pressure OR 血圧', '--cpc', 'A61B5/021', '--cpc', 'A61B 5/022')).results.map((r) => r.number).sort()).toEqual([
      'JP2019123456A',
      'US9000002B2',
    ]);
    expect((await search('pressure OR 血圧', '--limit', '1')).results).toHaveLength(1);

    // A second import of the same file changes nothing.
    const again = await kpo(['ip', 'import', file, '--corpus', 'Medical devices', '--json'], env);
    expect(JSON.parse(again.out)).toMatchObject({ added: 0, unchanged: 3, rejected: 2, documents: 3 });

    // Bad queries and options: a clear refusal with its code, never a stack.
    const unbalanced = await kpo(['ip', 'search', '(stent OR graft', '--corpus', 'Medical devices', '--json'], env);
    expect(unbalanced.code).toBe(exitCodeOf.invalid_input);
    expect(unbalanced.err).toContain('query: A parenthesis is not closed. (at character 1)');
    expect(unbalanced.err).not.toMatch(/\.ts:\d+/);
    const stopWords = await kpo(['ip', 'search', 'the of', '--corpus', 'Medical devices'], env);
    expect(stopWords.code).toBe(exitCodeOf.invalid_input);
    expect(stopWords.err).toContain('only common words');
    const badOptions = await kpo(
      ['ip', 'search', 'pressure', '--before', '2021-02-30', '--limit', '0', '--corpus', 'Medical devices', '--json'],
      env,
    );
    expect(badOptions.code).toBe(exitCodeOf.invalid_input);
    expect(badOptions.err).toContain('limit: Must be a whole number from 1 to 1000.');
    expect(badOptions.err).toContain('before: Must be a date YYYY-MM-DD.');
    const badCode = await kpo(['ip', 'search', 'pressure', '--cpc', 'A6', '--corpus', 'Medical devices', '--json'], env);
    expect(badCode.code).toBe(exitCodeOf.invalid_input);
    expect(badCode.err).toContain('cpc: "A6" is not a CPC or IPC code');
    const noCorpus = await kpo(['ip', 'search', 'pressure', '--corpus', 'nothing here'], env);
    expect(noCorpus.code).toBe(exitCodeOf.not_found);
    expect(noCorpus.err).toContain('There is no corpus');
    const noFile = await kpo(['ip', 'import', join(dir, 'missing.jsonl')], env);
    expect(noFile.code).toBe(exitCodeOf.invalid_input);
    expect(noFile.err).toContain('Not a file');

    // Each import is one audit event about the corpus, which exists.
    const rt = await createRuntime(loadConfig({ ...env, KPO_LOG_LEVEL: 'silent' }));
    try {
      const events = await rt.database.db
        .selectFrom('audit_events')
        .select(['type', 'resource_type', 'resource_id', 'data'])
        .where('type', '=', 'patent.imported')
        .execute();
      expect(events).toHaveLength(2);
      const corpora = await rt.database.db.selectFrom('patent_corpora').select('id').execute();
      expect(events.every((e) => e.resource_type === 'patent_corpus' && corpora.some((c) => c.id === e.resource_id))).toBe(true);
    } finally {
      await rt.close();
    }
    const verified = await kpo(['audit', 'verify', '--json'], env);
    expect(verified.code, verified.err).toBe(0);
  });

  it('finds patents like an invention description and charts a claim against corpus documents', async () => {
    const env = { KPO_DATA_DIR: await makeTestDataDir() };
    const dir = mkdtempSync(join(tmpdir(), 'kpo-ip-'));
    const corpus = demoFtoCorpus();
    const file = join(dir, 'demo.jsonl');
    writeFileSync(file, corpus.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const imported = await kpo(['ip', 'import', file, '--corpus', 'fto', '--json'], env);
    expect(imported.code, imported.err).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ added: corpus.length, rejected: 0 });

    const description = join(dir, 'invention.txt');
    writeFileSync(description, DEMO_FTO_CLIENT.features.map((f) => f.en).join('\n'));
    const similar = await kpo(['ip', 'similar', '--text', description, '--corpus', 'fto', '--limit', '10', '--json'], env);
    expect(similar.code, similar.err).toBe(0);
    const found = JSON.parse(similar.out) as { results: { number: string; score: number; title: string }[]; terms: { term: string }[] };
    expect(found.results).toHaveLength(10);
    expect(Object.keys(found.results[0] ?? {})).toEqual(expect.arrayContaining(['number', 'score', 'title']));
    const keys = new Set(DEMO_FTO_KEY_PATENTS.map((k) => k.number));
    expect(found.results.filter((r) => keys.has(r.number)).length).toBeGreaterThanOrEqual(4);
    const before = await kpo(['ip', 'similar', '--text', description, '--corpus', 'fto', '--before', '2005-01-01', '--json'], env);
    expect(before.code, before.err).toBe(0);
    expect((JSON.parse(before.out) as typeof found).results.map((r) => r.number)).not.toContain('EP3456789B1');

    const claimFile = join(dir, 'claim.txt');
    const claim = corpus.find((r) => r.number === 'EP3456789B1')?.claims[0]?.text ?? '';
    writeFileSync(claimFile, claim);
    const charted = await kpo(['ip', 'chart', claimFile, '--against', 'EP 3456789 B1', 'US6821254B1', '--corpus', 'fto', '--json'], env);
    expect(charted.code, charted.err).toBe(0);
    const chart = JSON.parse(charted.out) as {
      elements: { label: string }[];
      documents: { number: string }[];
      cells: { element: string; document: string; suggestion: { judgement: string }; judgement: null }[];
    };
    expect(chart.documents.map((d) => d.number)).toEqual(['EP3456789B1', 'US6821254B1']);
    expect(chart.cells).toHaveLength(chart.elements.length * 2);
    expect(chart.cells.filter((c) => c.document === 'EP3456789B1').every((c) => c.suggestion.judgement === 'disclosed')).toBe(true);
    expect(chart.cells.every((c) => c.judgement === null)).toBe(true);
    const table = await kpo(['ip', 'chart', claimFile, '--against', 'EP3456789B1', '--corpus', 'fto'], env);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/^Element\s+EP3456789B1\s+Text$/m);
    expect(table.out).toMatch(/^A\s+disclosed claim 1\s+A wrist-worn blood pressure device/m);

    const unknown = await kpo(['ip', 'chart', claimFile, '--against', 'US1234567B2', '--corpus', 'fto'], env);
    expect(unknown.code).toBe(exitCodeOf.not_found);
    expect(unknown.err).toContain('US1234567B2');
    const malformed = await kpo(['ip', 'chart', claimFile, '--against', '12', '--corpus', 'fto'], env);
    expect(malformed.code).toBe(exitCodeOf.invalid_input);
    expect(malformed.err).toContain('is not a publication number');
    const stopWords = join(dir, 'stop.txt');
    writeFileSync(stopWords, 'the of and');
    const nothing = await kpo(['ip', 'similar', '--text', stopWords, '--corpus', 'fto'], env);
    expect(nothing.code).toBe(exitCodeOf.invalid_input);
    expect(nothing.err).toContain('no word that any patent of the corpus holds');
  });
});
