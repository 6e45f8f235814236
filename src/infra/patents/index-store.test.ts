import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryPatentIndex } from '../../core/workbenches/patent-search/memory-index.js';
import { preparePatent, searchPatents } from '../../core/workbenches/patent-search/search.js';
import { type PatentRecord, type PatentRecordInput, patentRecordSchema } from '../../shared/contracts/patents.js';
import { describeEachDatabase, openTestDatabase } from '../../testing/db.js';
import type { Database } from '../db/database.js';
import { generatePatents } from '../demo/patents.js';
import { createPatentIndexStore, type PatentIndexStore, reindexOutdatedCorpora } from './index-store.js';

function patent(over: Partial<PatentRecordInput> & { number: string }): PatentRecord {
  const m = /^([A-Z]{2}).*?([A-Z]\d?)$/.exec(over.number);
  return patentRecordSchema.parse({
    country: m?.[1],
    kind: m?.[2],
    title: 'Untitled',
    publicationDate: '2015-01-01',
    language: 'en',
    ...over,
  });
}
const sha = (r: PatentRecord) => createHash('sha256').update(JSON.stringify(r)).digest('hex');
const prepared = (r: PatentRecord) => preparePatent(r, sha(r));

const corpus: PatentRecord[] = [
  patent({
    number: 'US9000001B2',
    title: 'Balloon catheter with pressure sensor',
    abstract: 'An inflatable balloon catheter carries a pressure sensor near its tip.',
    claims: [
      { number: 1, text: 'A catheter comprising: an inflatable balloon; and a pressure sensor.', dependsOn: [] },
      { number: 2, text: 'The catheter of claim 1, wherein the sensor is optical.', dependsOn: [1] },
    ],
    cpc: ['A61M 25/10', 'A61B 5/0215'],
    publicationDate: '2012-05-01',
    priorityDate: '2010-03-01',
  }),
  patent({
    number: 'US9000002B2',
    title: 'Wearable blood pressure monitor',
    abstract: 'A wrist-worn device estimates blood pressure from pulse transit time measured optically.',
    claims: [
      { number: 1, text: 'A wearable device comprising an optical sensor and a processor estimating blood pressure.', dependsOn: [] },
    ],
    cpc: ['A61B 5/021'],
    publicationDate: '2018-07-01',
  }),
  patent({
    number: 'JP2019123456A',
    title: 'カフレス血圧測定装置',
    abstract: '光学センサにより脈波伝播時間を測定し、血圧を推定する装置。',
    claims: [{ number: 1, text: '光学センサと、演算部とを備える血圧測定装置。', dependsOn: [] }],
    cpc: ['A61B 5/022'],
    publicationDate: '2019-08-01',
    language: 'ja',
  }),
  patent({
    number: 'US9000004B1',
    title: 'Coated stent',
    abstract: 'A stent graft with a drug-eluting coating.',
    cpc: ['A61F 2/82'],
    publicationDate: '2009-01-01',
  }),
];

describeEachDatabase('the patent index in the database', (backend) => {
  let database: Database;
  let index: PatentIndexStore;
  let corpusId = '';
  const now = new Date('2026-12-06T00:00:00Z');
  const search = async (q: string, filters = {}) => {
    const r = await searchPatents(index, corpusId, q, { filters });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.hits.map((h) => h.number);
  };

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    index = createPatentIndexStore(database.db);
    corpusId = (await index.corpus('Medical devices', null, null, now)).id;
    // Two batches: the lists of a term span blocks.
    await database.db.transaction().execute((tx) => index.importBatch(tx, corpusId, corpus.slice(0, 2).map(prepared), now));
    await database.db.transaction().execute((tx) => index.importBatch(tx, corpusId, corpus.slice(2).map(prepared), now));
  }, 60_000);
  afterAll(async () => database?.close());

  it('finds patents by words, phrases, NEAR, fields and Japanese, best first', async () => {
    expect(await search('catheter')).toEqual(['US9000001B2']);
    expect(await search('blood pressure')).toEqual(['US9000002B2']);
    expect(await search('pressure OR stent')).toHaveLength(3);
    expect(await search('"pressure sensor"')).toEqual(['US9000001B2']);
    // "…wherein the sensor is optical" and "an optical sensor": both within three words.
    expect((await search('optical NEAR/3 sensor')).sort()).toEqual(['US9000001B2', 'US9000002B2']);
    expect(await search('optical NEAR/1 processor')).toEqual([]);
    expect((await search('claims:optical')).sort()).toEqual(['US9000001B2', 'US9000002B2']);
    expect(await search('title:optical')).toEqual([]);
    expect(await search('血圧')).toEqual(['JP2019123456A']);
    expect(await search('脈波伝播')).toEqual(['JP2019123456A']);
    expect(await search('stent -coating')).toEqual([]);
  });

  it('filters by publication date and by classification at any level', async () => {
    expect(await search('pressure', { publishedBefore: '2015-01-01' })).toEqual(['US9000001B2']);
    expect(await search('pressure OR 血圧 OR stent', { classification: ['A61B 5/00'] })).toHaveLength(3);
    expect(await search('pressure OR 血圧 OR stent', { classification: ['A61B 5/021'] })).toEqual(['US9000002B2']);
    expect(await search('pressure OR 血圧 OR stent', { classification: ['A61F'] })).toEqual(['US9000004B1']);
    expect(await search('pressure OR 血圧 OR stent', { classification: ['A61'] })).toHaveLength(4);
  });

  it('refuses a malformed classification filter and a query of only common words, with the reason', async () => {
    const bad = await searchPatents(index, corpusId, 'catheter', { filters: { classification: ['A6'] } });
    expect(!bad.ok && bad.issues.map((i) => i.code)).toEqual(['bad_classification']);
    const empty = await searchPatents(index, corpusId, 'the of');
    expect(!empty.ok && empty.issues.map((i) => i.code)).toEqual(['query_no_terms']);
  });

  it('imports the same patents again as unchanged, and a changed one as a replacement that the old text no longer finds', async () => {
    const again = await database.db.transaction().execute((tx) => index.importBatch(tx, corpusId, corpus.map(prepared), now));
    expect(again).toEqual({ added: 0, replaced: 0, unchanged: 4, block: null });
    const changed = patent({
      ...corpus[3],
      number: 'US9000004B1',
      title: 'Bioresorbable scaffold',
      abstract: 'A scaffold that dissolves.',
    } as PatentRecordInput & { number: string });
    const replaced = await database.db.transaction().execute((tx) => index.importBatch(tx, corpusId, [prepared(changed)], now));
    expect(replaced).toMatchObject({ added: 0, replaced: 1, unchanged: 0 });
    expect(await search('stent')).toEqual([]);
    expect(await search('scaffold')).toEqual(['US9000004B1']);
    expect((await index.stats(corpusId)).documents).toBe(4);
  });
  it('rebuilds a corpus indexed with older tokens from its patents at start, once (migration 0029)', async () => {
    const old = (await index.corpus('Older tokens', null, null, now)).id;
    const record = patent({
      number: 'JP2020111111A',
      title: '血圧計',
      abstract: '第1の脈波センサと第2の脈波センサとを備え、ＬＥＤ照明装置を有する。',
      publicationDate: '2020-02-01',
      language: 'ja',
    });
    await database.db.transaction().execute((tx) => index.importBatch(tx, old, [prepared(record)], now));
    const find = async (q: string) => {
      const r = await searchPatents(index, old, q);
      return r.ok ? r.hits.map((h) => h.number) : r.issues;
    };
    expect(await find('脈波センサ')).toEqual(['JP2020111111A']);
    // What an index of version 1 looks like to today's queries: blocks without the new tokens.
    await database.db.deleteFrom('patent_postings').where('corpus_id', '=', old).execute();
    await database.db.updateTable('patent_corpora').set({ index_version: 1 }).where('id', '=', old).execute();
    expect(await find('脈波センサ')).toEqual([]);
    expect(await reindexOutdatedCorpora(database.db)).toEqual([{ id: old, name: 'Older tokens', documents: 1 }]);
    for (const q of ['脈波センサ', '"LED 照明装置"']) expect(await find(q), q).toEqual(['JP2020111111A']);
    expect(await reindexOutdatedCorpora(database.db)).toEqual([]);
    // A corpus made today is built with today's tokens, and the rebuild left the other corpus alone.
    const row = await database.db.selectFrom('patent_corpora').select(['index_version']).where('id', '=', corpusId).executeTakeFirst();
    expect(row?.index_version).toBe(2);
    expect(await search('catheter')).toEqual(['US9000001B2']);
  });

  it("answers exactly as before, hits and scores, once an import's blocks are merged into one a term", async () => {
    const merged = (await index.corpus('Compacted', null, null, now)).id;
    const records = [...generatePatents({ count: 90, seed: 7, japaneseShare: 0.4 })];
    const write = (batch: PatentRecord[]) =>
      database.db.transaction().execute((tx) => index.importBatch(tx, merged, batch.map(prepared), now));
    // An earlier import of two batches, then this import: six batches, one of them replacing a patent.
    for (const at of [0, 10]) await write(records.slice(at, at + 10));
    const firstOfImport = (await write(records.slice(20, 35))).block as number;
    for (const at of [35, 50, 65]) await write(records.slice(at, at + 15));
    const changed = { ...records[3], abstract: 'A replaced abstract about a pressure sensor.' } as PatentRecord;
    await write([...records.slice(80), changed]);
    const words = records.flatMap((r) =>
      [...`${r.title} ${r.abstract}`.matchAll(/[A-Za-z]{5,}|[\p{Script=Han}\p{Script=Katakana}]{2,4}/gu)].map((m) => m[0]),
    );
    const queries: [string, object?][] = [
      ['pressure'],
      ['"pressure sensor"'],
      ['sensor NEAR/5 pressure'],
      ['(catheter OR sensor) -balloon'],
      ['血圧 センサ'],
      ['replaced abstract'],
      ['sensor', { publishedBefore: '2015-01-01' }],
      ['sensor OR 血圧', { classification: ['A61B 5/00'] }],
      ...words
        .filter((_, i) => i % 7 === 0)
        .slice(0, 30)
        .map((w, i): [string] => [i % 3 === 0 ? w : `${w} OR ${words[i * 5 + 1]}`]),
    ];
    const answers = async () =>
      Promise.all(
        queries.map(async ([q, filters]) => {
          const r = await searchPatents(index, merged, q, { filters: filters ?? {}, limit: 100 });
          return r.ok ? { total: r.total, hits: r.hits.map((h) => [h.number, h.score]) } : r.issues;
        }),
      );
    const rows = async (where: 'before' | 'from') =>
      Number(
        (
          await database.db
            .selectFrom('patent_postings')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('corpus_id', '=', merged)
            .where('block', where === 'before' ? '<' : '>=', firstOfImport)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await answers();
    expect(before.filter((a) => 'total' in a && a.total > 0).length).toBeGreaterThan(20);
    const [earlierRows, importRows] = [await rows('before'), await rows('from')];

    const done = await index.compactBlocks(merged, firstOfImport);

    expect(done.terms).toBeGreaterThan(0);
    expect(await answers()).toEqual(before);
    // The earlier import's blocks are left as they were; this import's are one row a term.
    expect(await rows('before')).toBe(earlierRows);
    const terms = await database.db
      .selectFrom('patent_postings')
      .select('term')
      .distinct()
      .where('corpus_id', '=', merged)
      .where('block', '>=', firstOfImport)
      .execute();
    expect(await rows('from')).toBe(terms.length);
    expect(importRows).toBeGreaterThan(terms.length);
    // Merging again changes nothing.
    expect((await index.compactBlocks(merged, firstOfImport)).terms).toBe(0);
    expect(await answers()).toEqual(before);
  }, 120_000);
  it('answers as the in-memory index does — hits and scores — with positions read for phrase and NEAR terms only and filters applied to the matches', async () => {
    // One batch: the impacts are computed with the same average length as the in-memory index's.
    const records = [...generatePatents({ count: 120, seed: 11, japaneseShare: 0.4 })];
    const reference = memoryPatentIndex(records);
    const id = (await index.corpus('Against memory', null, null, now)).id;
    await database.db.transaction().execute((tx) => index.importBatch(tx, id, records.map(prepared), now));
    const english = records
      .filter((r) => r.language === 'en')
      .flatMap((r) => [...`${r.title} ${r.claims[0]?.text ?? ''}`.matchAll(/[A-Za-z]{4,}/g)].map((m) => m[0].toLowerCase()));
    const japanese = records
      .filter((r) => r.language === 'ja')
      .flatMap((r) =>
        [...`${r.title} ${r.claims[0]?.text ?? ''}`.matchAll(/[\p{Script=Han}\p{Script=Katakana}ー]{2,6}/gu)].map((m) => m[0]),
      );
    const dates = [{ publishedBefore: '2015-01-01' }, { publishedBefore: '2019-06-30' }];
    const classes = [{ classification: ['A61B 5/00'] }, { classification: ['A61B'] }, { classification: ['A61M', 'A61B 5/02'] }];
    const queries: [string, object?][] = [];
    for (let i = 0; i < 12; i++) {
      const [a, b, c] = [english[i * 11], english[i * 11 + 1], english[i * 11 + 2]] as [string, string, string];
      const [x, y] = [japanese[i * 7], japanese[i * 7 + 3]] as [string, string];
      queries.push(
        [`"${a} ${b}"`],
        [`${a} NEAR/5 ${c}`, i % 2 === 0 ? (dates[0] ?? {}) : {}],
        [`(${a} OR ${b}) -${c}`, classes[i % 3] ?? {}],
        [x],
        [`${x} OR ${y}`, dates[i % 2] ?? {}],
        [`${x} ${y}`, classes[i % 3] ?? {}],
        [`${a} "${b} ${c}"`, { ...dates[0], ...classes[0] }],
      );
    }
    const answers = (port: typeof index | typeof reference, corpus: string) =>
      Promise.all(
        queries.map(async ([q, filters]) => {
          const r = await searchPatents(port, corpus, q, { filters: filters ?? {}, limit: 100 });
          return r.ok ? { q, total: r.total, hits: r.hits.map((h) => [h.number, h.score]) } : { q, issues: r.issues };
        }),
      );
    const expected = await answers(reference, '');
    // Phrases, NEAR, Japanese words and filters that find something, and some that filter hits out.
    expect(expected.filter((a) => 'total' in a && a.total > 0).length).toBeGreaterThan(50);
    expect(expected.filter((a) => 'total' in a && a.total === 0).length).toBeGreaterThan(0);
    expect(await answers(index, id)).toEqual(expected);
    // Again, from the per-process caches (decoded blocks, filter columns): the same.
    expect(await answers(index, id)).toEqual(expected);
    // Inside a transaction the filters ask the database, not the columns: the same.
    await database.db.transaction().execute(async (tx) => {
      expect(await answers(createPatentIndexStore(tx), id)).toEqual(expected);
    });
  }, 120_000);

  it('filters patents imported after the filter columns were read, and not a replaced one', async () => {
    const id = (await index.corpus('Growing', null, null, now)).id;
    const old = patent({ number: 'US9100001B2', title: 'Pulse oximeter clip', cpc: ['A61B 5/1455'], publicationDate: '2010-01-01' });
    await database.db.transaction().execute((tx) => index.importBatch(tx, id, [prepared(old)], now));
    const numbers = async (q: string, filters: object) => {
      const r = await searchPatents(index, id, q, { filters });
      return r.ok ? r.hits.map((h) => h.number).sort() : r.issues;
    };
    expect(await numbers('oximeter', { publishedBefore: '2012-01-01' })).toEqual(['US9100001B2']);
    const later = patent({ number: 'US9100002B2', title: 'Oximeter sensor', cpc: ['A61B 5/1455'], publicationDate: '2011-05-05' });
    const newer = patent({ number: 'US9100003B2', title: 'Oximeter strap', cpc: ['A61F 5/00'], publicationDate: '2020-05-05' });
    await database.db.transaction().execute((tx) => index.importBatch(tx, id, [prepared(later), prepared(newer)], now));
    expect(await numbers('oximeter', { publishedBefore: '2012-01-01' })).toEqual(['US9100001B2', 'US9100002B2']);
    expect(await numbers('oximeter', { classification: ['A61B 5/00'] })).toEqual(['US9100001B2', 'US9100002B2']);
    expect(await numbers('oximeter', { classification: ['A61F'] })).toEqual(['US9100003B2']);
    // The old patent re-imported as published later: its old number stops matching, the new one is filtered by its new date.
    const moved = { ...old, publicationDate: '2013-01-01' } as PatentRecord;
    await database.db.transaction().execute((tx) => index.importBatch(tx, id, [prepared(moved)], now));
    expect(await numbers('oximeter', { publishedBefore: '2012-01-01' })).toEqual(['US9100002B2']);
    expect(await numbers('oximeter', { publishedBefore: '2014-01-01' })).toEqual(['US9100001B2', 'US9100002B2']);
  }, 60_000);
});
