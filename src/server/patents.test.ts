import { expect, it } from 'vitest';
import { preparePatent } from '../core/workbenches/patent-search/search.js';
import { demoFtoCorpus } from '../infra/demo/patents.js';
import { createPatentIndexStore } from '../infra/patents/index-store.js';
import type {
  PatentCorpusView,
  PatentDocument,
  PatentImportResult,
  PatentSearchResult,
  SavedSearchSummary,
  SavedSearchView,
} from '../shared/contracts/patents-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const corpus = demoFtoCorpus();
const jsonl = (records: readonly unknown[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');
const KEY = 'JP7158342B2';

describeEachDatabase('patent research through the API', (backend) => {
  const kit = useTestKit(backend, { KPO_VAULT_MAX_BYTES: String(2 * 1024 * 1024) });
  const base = (id: string) => `/api/engagements/${id}`;

  async function withCorpus() {
    const k = kit();
    const e = await engagementInProgress(k, { type: 'patent_research' });
    const made = await e.as.p1Analyst.post<PatentCorpusView>(`${base(e.id)}/patent-corpora`, { name: 'FTO 母集合' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const imported = await e.as.p1Analyst.upload<PatentImportResult>(
      `${base(e.id)}/patent-corpora/${made.body.id}/imports?filename=fto.jsonl`,
      jsonl(corpus),
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    return { k, ...e, corpusId: made.body.id, imported: imported.body };
  }

  it('the analyst makes a corpus and imports a file; re-importing changes nothing; both are audited', async () => {
    const { k, as, id, corpusId, imported } = await withCorpus();
    expect(imported).toMatchObject({ imported: corpus.length, replaced: 0, unchanged: 0, rejected: 0, refusals: [] });
    expect(imported.corpus).toMatchObject({ id: corpusId, scope: 'engagement', documents: corpus.length });

    // Creating the same name again (any case) returns the corpus as it is.
    const again = await as.p1Manager.post<PatentCorpusView>(`${base(id)}/patent-corpora`, { name: 'fto 母集合' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: corpusId, documents: corpus.length });

    const twice = await as.p1Analyst.upload<PatentImportResult>(`${base(id)}/patent-corpora/${corpusId}/imports`, jsonl(corpus));
    expect(twice.body).toMatchObject({ imported: 0, replaced: 0, unchanged: corpus.length, rejected: 0 });

    // One changed record is replaced, one broken line refused with its reason and line, the rest unchanged.
    const changed = { ...corpus[0], title: `${corpus[0]?.title} (corrected)` };
    const mixed = `${jsonl([changed, corpus[1]])}{"number": "not a number"}\n`;
    const third = await as.p1Analyst.upload<PatentImportResult>(`${base(id)}/patent-corpora/${corpusId}/imports?format=jsonl`, mixed);
    expect(third.body).toMatchObject({ imported: 0, replaced: 1, unchanged: 1, rejected: 1 });
    expect(third.body.refusals).toEqual([expect.objectContaining({ reason: 'invalid_record', line: 3 })]);
    expect(third.body.corpus.documents).toBe(corpus.length);

    const events = await k.rt.store.read.audit.query({ limit: 50 });
    const created = events.filter((e) => e.type === 'patent.corpus_created');
    expect(created.map((e) => e.resourceId)).toEqual([corpusId]);
    const imports = events.filter((e) => e.type === 'patent.imported');
    expect(imports).toHaveLength(3);
    expect(imports.every((e) => e.resourceId === corpusId)).toBe(true);
    const corpusRow = await k.rt.database.db
      .selectFrom('patent_corpora')
      .select('engagement_id')
      .where('id', '=', corpusId)
      .executeTakeFirst();
    expect(corpusRow?.engagement_id).toBe(id);
  });

  it('everyone on the engagement reads and searches; only the provider team writes; strangers see nothing', async () => {
    const { as, id, corpusId, people } = await withCorpus();
    // A reviewer of the client reads once on the engagement's team.
    expect(errorOf(await as.reviewer.get(`${base(id)}/patent-corpora`)).code).toBe('not_found');
    expect((await as.owner.post(`${base(id)}/team`, { userId: people.reviewer.id, role: 'reviewer' })).status).toBe(200);
    const listed = await as.reviewer.get<PatentCorpusView[]>(`${base(id)}/patent-corpora`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.map((c) => c.id)).toEqual([corpusId]);

    const found = await as.reviewer.post<PatentSearchResult>(`${base(id)}/patent-search`, { query: '脈波伝播時間 血圧', limit: 100 });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.hits.map((h) => h.number)).toContain(KEY);

    expect(errorOf(await as.owner.post(`${base(id)}/patent-corpora`, { name: 'mine' })).code).toBe('forbidden');
    expect(errorOf(await as.reviewer.upload(`${base(id)}/patent-corpora/${corpusId}/imports`, jsonl(corpus))).code).toBe('forbidden');
    // The losing bidder knows the engagement but reads none of its work.
    expect(errorOf(await as.p2Manager.get(`${base(id)}/patent-corpora`)).code).toBe('forbidden');
  });

  it('a market-research engagement has no patent workbench', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k, { type: 'market_research' });
    const refused = await as.p1Analyst.post(`${base(id)}/patent-corpora`, { name: 'x' });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).reason).toBe('not_patent_research');
  });

  it('search ranks, filters, pages and highlights, with offsets into the original text', async () => {
    const { as, id, corpusId } = await withCorpus();
    const search = (body: object) => as.p1Analyst.post<PatentSearchResult>(`${base(id)}/patent-search`, body);

    const all = await search({ query: '脈波センサ', corpusId, limit: 100 });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.total).toBeGreaterThan(2);
    expect(all.body.hits).toHaveLength(Math.min(all.body.total, 100));
    const key = all.body.hits.find((h) => h.number === KEY);
    expect(key?.corpusId).toBe(corpusId);
    const record = corpus.find((r) => r.number === KEY);
    const snippet = key?.snippets[0];
    expect(snippet).toBeDefined();
    const source = {
      title: record?.title,
      abstract: record?.abstract,
      claims: record?.claims.find((c) => String(c.number) === snippet?.ref)?.text,
      description: record?.description.find((p) => p.id === snippet?.ref)?.text,
    }[snippet?.field ?? 'title'];
    expect(source?.slice(snippet?.start, snippet?.end)).toBe(snippet?.text);
    for (const m of snippet?.matches ?? []) expect('脈波センサ').toContain(source?.slice(m.start, m.end).slice(0, 2));

    // Pages are slices of one ranking.
    const page2 = await search({ query: '脈波センサ', corpusId, limit: 2, offset: 2 });
    expect(page2.body.hits.map((h) => h.number)).toEqual(all.body.hits.slice(2, 4).map((h) => h.number));
    expect(page2.body.total).toBe(all.body.total);

    // The prior-art cut-off and a classification filter only ever narrow.
    const before = await search({ query: '脈波センサ', corpusId, publishedBefore: '2019-01-01', limit: 100 });
    expect(before.body.total).toBeLessThan(all.body.total);
    expect(before.body.hits.every((h) => h.publicationDate < '2019-01-01')).toBe(true);
    const coded = await search({ query: '脈波センサ', classification: ['A61B 5/021'], limit: 100 });
    expect(coded.body.hits.map((h) => h.number)).toContain(KEY);
    expect(coded.body.total).toBeLessThanOrEqual(all.body.total);

    // Every problem of a formula is listed with its code.
    const bad = await search({ query: '(blood sensor', classification: ['not a code'] });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).reason).toBe('patent_query_invalid');
    expect(errorOf(bad).issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['query', 'query_unbalanced'],
      ['classification.0', 'bad_classification'],
    ]);
    const elsewhere = await search({ query: 'blood', corpusId: crypto.randomUUID() });
    expect(errorOf(elsewhere).reason).toBe('patent_corpus_not_found');
  });

  it('the document view gives claims with dependencies and elements, numbered paragraphs, codes, dates and status', async () => {
    const { as, id, corpusId } = await withCorpus();
    const record = corpus.find((r) => r.number === KEY);
    const doc = await as.owner.get<PatentDocument>(`${base(id)}/patents/${corpusId}/${KEY}`);
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    expect(doc.body).toMatchObject({ number: KEY, language: 'ja', title: record?.title });
    const claim1 = doc.body.claims[0];
    expect(claim1).toMatchObject({ number: 1, independent: true, dependsOn: [] });
    expect(claim1?.elements.map((e) => e.label).slice(0, 3)).toEqual(['A', 'B', 'C']);
    for (const el of claim1?.elements ?? []) expect(claim1?.text.slice(el.start, el.end)).toBe(el.text);
    expect(doc.body.claims.some((c) => !c.independent && c.dependsOn.length > 0)).toBe(true);
    expect(doc.body.paragraphs.map((p) => p.index)).toEqual(record?.description.map((_, i) => i + 1));
    expect(doc.body.classifications.cpc).toEqual(record?.cpc);
    expect(doc.body.dates.publication).toBe(record?.publicationDate);
    expect(doc.body.legalStatus.status).toBe(record?.legalStatus ?? 'unknown');
    expect(doc.body.citations.length).toBe(record?.citations.length);

    // A number as people write it finds the patent; an unknown one is a 404 with its reason.
    expect((await as.owner.get<PatentDocument>(`${base(id)}/patents/${corpusId}/jp7158342b2`)).body.number).toBe(KEY);
    expect(errorOf(await as.owner.get(`${base(id)}/patents/${corpusId}/US1234567B2`)).reason).toBe('patent_not_found');
  });

  it('a platform corpus is searchable by a patent engagement and read-only through it', async () => {
    const { k, as, id, corpusId } = await withCorpus();
    const store = createPatentIndexStore(k.rt.database.db);
    const platform = await store.corpus('platform', null, null, k.rt.clock.now());
    const one = corpus.find((r) => r.number === KEY);
    if (!one) throw new Error('the demo corpus has the key patent');
    await k.rt.database.db.transaction().execute((tx) => store.importBatch(tx, platform.id, [preparePatent(one, 'x')], k.rt.clock.now()));

    const listed = (await as.owner.get<PatentCorpusView[]>(`${base(id)}/patent-corpora`)).body;
    expect(listed.map((c) => [c.id, c.scope])).toEqual([
      [corpusId, 'engagement'],
      [platform.id, 'platform'],
    ]);
    const found = await as.owner.post<PatentSearchResult>(`${base(id)}/patent-search`, { query: '脈波伝播時間', corpusId: platform.id });
    expect(found.body.hits.map((h) => h.number)).toEqual([KEY]);
    // Without a corpus, every readable corpus is searched: the key patent is found in both.
    const both = await as.owner.post<PatentSearchResult>(`${base(id)}/patent-search`, { query: '脈波伝播時間', limit: 100 });
    expect(
      both.body.hits
        .filter((h) => h.number === KEY)
        .map((h) => h.corpusId)
        .sort(),
    ).toEqual([corpusId, platform.id].sort());

    const refused = await as.p1Analyst.upload(`${base(id)}/patent-corpora/${platform.id}/imports`, jsonl(corpus));
    expect(refused.status).toBe(403);
    expect(errorOf(refused).reason).toBe('platform_corpus_read_only');
  });

  it('a file past the size limit is refused and leaves nothing behind', async () => {
    const { as, id, corpusId } = await withCorpus();
    const big = jsonl(corpus).repeat(12);
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const other = (await as.p1Analyst.post<PatentCorpusView>(`${base(id)}/patent-corpora`, { name: 'big' })).body;
    const refused = await as.p1Analyst.upload(`${base(id)}/patent-corpora/${other.id}/imports`, big);
    expect(refused.status).toBe(413);
    expect(errorOf(refused).reason).toBe('body_too_large');
    const listed = (await as.p1Analyst.get<PatentCorpusView[]>(`${base(id)}/patent-corpora`)).body;
    expect(listed.find((c) => c.id === other.id)?.documents).toBe(0);
    expect(listed.find((c) => c.id === corpusId)?.documents).toBe(corpus.length);
  });

  it('saved searches: steps counted by the server, versions, a step added, stale versions refused, audited', async () => {
    const { k, as, id, corpusId } = await withCorpus();
    const url = `${base(id)}/patent-searches`;
    const count = async (body: object) =>
      (await as.p1Analyst.post<PatentSearchResult>(`${base(id)}/patent-search`, { ...body, limit: 1 })).body.total;

    const created = await as.p1Analyst.post<SavedSearchView>(url, {
      title: '血圧 FTO 母集合',
      steps: [
        { query: '脈波センサ', corpusId },
        { query: '脈波センサ 血圧', corpusId, publishedBefore: '2023-04-06', classification: ['A61B 5/02'] },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.steps.map((s) => s.label)).toEqual(['S1', 'S2']);
    expect(created.body.steps[0]?.hits).toBe(await count({ query: '脈波センサ', corpusId }));
    expect(created.body.steps[1]?.hits).toBe(
      await count({ query: '脈波センサ 血圧', corpusId, publishedBefore: '2023-04-06', classification: ['A61B 5/02'] }),
    );
    expect(created.body.steps[0]?.corpusDocuments).toBe(corpus.length);
    const sid = created.body.id;

    // A count sent by the client is not part of the contract: the request is refused.
    const forged = await as.p1Analyst.post(url, { title: 'x', steps: [{ query: 'blood', hits: 1 }] });
    expect(forged.status).toBe(400);

    const added = await as.p1Analyst.post<SavedSearchView>(`${url}/${sid}/steps`, { baseVersion: 1, step: { query: 'カフ', corpusId } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ version: 2, latestVersion: 2 });
    expect(added.body.steps.map((s) => s.label)).toEqual(['S1', 'S2', 'S3']);
    expect(added.body.steps.slice(0, 2)).toEqual(created.body.steps);

    const stale = await as.p1Analyst.post(`${url}/${sid}/steps`, { baseVersion: 1, step: { query: 'カフ' } });
    expect(stale.status).toBe(409);
    const badStep = await as.p1Analyst.post(`${url}/${sid}/steps`, { baseVersion: 2, step: { query: 'a OR' } });
    expect(errorOf(badStep).issues?.map((i) => [i.path.join('.'), i.code])).toEqual([['step.query', 'query_operator']]);

    const v3 = await as.p1Manager.post<SavedSearchView>(`${url}/${sid}/versions`, {
      baseVersion: 2,
      steps: [{ query: '血圧' }],
      note: '絞り込み',
    });
    expect(v3.status, JSON.stringify(v3.body)).toBe(201);
    expect(v3.body).toMatchObject({ version: 3, note: '絞り込み', steps: [{ label: 'S1', query: '血圧', corpusId: null }] });

    const listed = await as.owner.get<SavedSearchSummary[]>(url);
    expect(listed.body).toEqual([expect.objectContaining({ id: sid, latestVersion: 3, steps: 1, title: '血圧 FTO 母集合' })]);
    const first = await as.owner.get<SavedSearchView>(`${url}/${sid}?version=1`);
    expect(first.body.steps).toEqual(created.body.steps);
    expect(errorOf(await as.owner.post(url, { title: 'x', steps: [{ query: 'blood' }] })).code).toBe('forbidden');
    expect(errorOf(await as.owner.get(`${url}/${crypto.randomUUID()}`)).reason).toBe('saved_search_not_found');

    const saved = (await k.rt.store.read.audit.query({ type: 'patent.search_saved', limit: 10 })).map((e) => e.resourceId);
    expect(saved).toEqual([sid, sid, sid]);
    const row = await k.rt.database.db.selectFrom('patent_saved_searches').select('id').where('id', '=', sid).executeTakeFirst();
    expect(row?.id).toBe(sid);
  });
});
