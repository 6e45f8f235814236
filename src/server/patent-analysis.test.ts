import { expect, it } from 'vitest';
import { demoFtoCorpus } from '../infra/demo/patents.js';
import type {
  PatentChartResult,
  PatentCorpusView,
  PatentImportResult,
  PatentSearchResult,
  SavedSearchView,
} from '../shared/contracts/patents-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const corpus = demoFtoCorpus();
const jsonl = (records: readonly unknown[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');
const KEY = 'JP7158342B2';

describeEachDatabase('patent claim charts, combined steps and facets through the API', (backend) => {
  const kit = useTestKit(backend);
  const base = (id: string) => `/api/engagements/${id}`;

  async function withCorpus() {
    const k = kit();
    const e = await engagementInProgress(k, { type: 'patent_research' });
    const made = await e.as.p1Analyst.post<PatentCorpusView>(`${base(e.id)}/patent-corpora`, { name: 'FTO 母集合' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const imported = await e.as.p1Analyst.upload<PatentImportResult>(`${base(e.id)}/patent-corpora/${made.body.id}/imports`, jsonl(corpus));
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    return { k, ...e, corpusId: made.body.id };
  }

  it('charts a claim against two documents: elements from the claim, a suggestion per cell, nothing decided, nothing stored', async () => {
    const { k, as, id, corpusId } = await withCorpus();
    const before = (await k.rt.store.read.audit.query({ limit: 100 })).length;
    const reply = await as.p1Analyst.post<PatentChartResult>(`${base(id)}/patent-charts`, {
      corpusId,
      patent: 'jp 7158342 b2',
      claim: 1,
      documents: ['jp2015030607a', 'JP4418630B2'],
      key: 'jp-claim-1',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { chart, located } = reply.body;
    expect(chart.key).toBe('jp-claim-1');
    expect(chart.claim).toMatchObject({ patent: KEY, number: 1, independent: true });
    expect(chart.elements.map((e) => e.label).slice(0, 3)).toEqual(['A', 'B', 'C']);
    expect(chart.documents.map((d) => d.number)).toEqual(['JP2015030607A', 'JP4418630B2']);
    expect(located).toEqual([
      { number: 'JP2015030607A', corpusId },
      { number: 'JP4418630B2', corpusId },
    ]);
    expect(chart.cells).toHaveLength(chart.elements.length * 2);
    expect(chart.cells.every((c) => c.judgement === null && c.passage === null)).toBe(true);
    // Every suggested passage names a place of its document.
    const cited = corpus.find((r) => r.number === 'JP2015030607A');
    const places = new Set([
      'abstract',
      ...(cited?.claims.map((c) => String(c.number)) ?? []),
      ...(cited?.description.map((p) => p.id) ?? []),
    ]);
    const passages = chart.cells.filter((c) => c.document === 'JP2015030607A').flatMap((c) => c.suggestion.passages);
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.every((p) => places.has(p.ref))).toBe(true);
    expect(chart.cells.some((c) => c.suggestion.judgement !== 'not')).toBe(true);
    // A dependent claim brings its parents' elements.
    const dependent = corpus.find((r) => r.number === KEY)?.claims.find((c) => c.dependsOn.length > 0);
    const dep = await as.owner.post<PatentChartResult>(`${base(id)}/patent-charts`, {
      corpusId,
      patent: KEY,
      claim: dependent?.number,
      documents: ['EP3456789B1'],
    });
    expect(dep.status, JSON.stringify(dep.body)).toBe(200);
    expect(dep.body.chart.claim.independent).toBe(false);
    expect(dep.body.chart.elements.length).toBeGreaterThan(chart.elements.length);
    // Reading only: no audit event, nothing written.
    expect((await k.rt.store.read.audit.query({ limit: 100 })).length).toBe(before);
  });

  it('refuses unknown patents, claims and documents with every issue listed; strangers see nothing', async () => {
    const { as, id, corpusId } = await withCorpus();
    const url = `${base(id)}/patent-charts`;
    const noPatent = await as.p1Analyst.post(url, { corpusId, patent: 'US1234567B2', claim: 1, documents: ['EP3456789B1'] });
    expect(noPatent.status).toBe(404);
    expect(errorOf(noPatent).issues?.map((i) => [i.path.join('.'), i.code])).toEqual([['patent', 'not_in_corpus']]);
    // A number that is no publication number is named as written, without the spaces around it.
    const odd = await as.p1Analyst.post(url, { corpusId, patent: '  XYZ-42  ', claim: 1, documents: ['EP3456789B1'] });
    expect(odd.status).toBe(404);
    expect(errorOf(odd).issues?.map((i) => i.message)).toEqual(['XYZ-42 is not in this corpus.']);
    const noClaim = await as.p1Analyst.post(url, { corpusId, patent: KEY, claim: 999, documents: ['EP3456789B1'] });
    expect(noClaim.status).toBe(400);
    expect(errorOf(noClaim).issues?.map((i) => [i.path.join('.'), i.code])).toEqual([['claim', 'claim_not_found']]);
    const docs = await as.p1Analyst.post(url, {
      corpusId,
      patent: KEY,
      claim: 1,
      documents: ['US1234567B2', 'EP3456789B1', 'EP3456789B1'],
    });
    expect(docs.status).toBe(400);
    expect(errorOf(docs).issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['documents.0', 'not_in_corpus'],
      ['documents.2', 'each_once'],
    ]);
    const shape = await as.p1Analyst.post(url, { corpusId: 'x', patent: '', claim: 0, documents: [], key: 'Bad Key' });
    expect(shape.status).toBe(400);
    expect(errorOf(shape).issues?.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['corpusId', 'patent', 'claim', 'documents', 'key']),
    );
    expect(
      errorOf(await as.p1Analyst.post(url, { corpusId: crypto.randomUUID(), patent: KEY, claim: 1, documents: ['EP3456789B1'] })).reason,
    ).toBe('patent_corpus_not_found');
    expect(errorOf(await as.p2Manager.post(url, { corpusId, patent: KEY, claim: 1, documents: ['EP3456789B1'] })).code).toBe('forbidden');
  });

  it('a step combines earlier steps (AND, OR, NOT): its hits are counted by the server on their hit sets', async () => {
    const { k, as, id, corpusId } = await withCorpus();
    const url = `${base(id)}/patent-searches`;
    const numbers = async (query: string, extra: object = {}) =>
      new Set(
        (await as.p1Analyst.post<PatentSearchResult>(`${base(id)}/patent-search`, { query, corpusId, limit: 100, ...extra })).body.hits.map(
          (h) => h.number,
        ),
      );
    const [s1, s2, s3] = [await numbers('血圧'), await numbers('手首', { publishedBefore: '2024-03-15' }), await numbers('カフ')];
    const and = [...s1].filter((n) => s2.has(n)).length;
    const or = new Set([...s1, ...s3]).size;
    const not = [...s2].filter((n) => !s1.has(n)).length;
    expect(and).toBeGreaterThan(0);
    expect(and).toBeLessThan(s1.size);

    const created = await as.p1Analyst.post<SavedSearchView>(url, {
      title: '組合せ',
      steps: [
        { query: '血圧', corpusId },
        { query: '手首', corpusId, publishedBefore: '2024-03-15' },
        { query: 'カフ', corpusId },
        { query: 'S1 AND S2' },
        { query: '(S1 OR S3)' },
        { query: 'Ｓ２－Ｓ１' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.steps.map((s) => [s.label, s.hits, s.combines ?? null])).toEqual([
      ['S1', s1.size, null],
      ['S2', s2.size, null],
      ['S3', s3.size, null],
      ['S4', and, ['S1', 'S2']],
      ['S5', or, ['S1', 'S3']],
      ['S6', not, ['S2', 'S1']],
    ]);
    expect(created.body.steps[3]).toMatchObject({
      corpusId: null,
      publishedBefore: null,
      classification: [],
      corpusDocuments: corpus.length,
    });

    // A combination of a combination, added as a step: counted on the saved steps' sets.
    const added = await as.p1Analyst.post<SavedSearchView>(`${url}/${created.body.id}/steps`, {
      baseVersion: 1,
      step: { query: 'S4 OR S6' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.steps.at(-1)).toMatchObject({ label: 'S7', hits: and + not, combines: ['S4', 'S6'] });

    // Unbalanced, unknown, itself or later (a cycle), with a filter: every problem listed, nothing saved.
    const before = (await k.rt.store.read.audit.query({ type: 'patent.search_saved', limit: 50 })).length;
    const bad = await as.p1Analyst.post(url, {
      title: 'x',
      steps: [
        { query: '血圧', corpusId },
        { query: '(S1 AND S1' },
        { query: 'S1 AND S9' },
        { query: 'S1 OR S4' },
        { query: 'S5 NOT S1' },
        { query: 'S1 AND S2', corpusId },
      ],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['steps.1.query', 'query_unbalanced'],
      ['steps.2.query', 'step_order'],
      ['steps.3.query', 'step_order'],
      ['steps.4.query', 'step_order'],
      ['steps.5.corpusId', 'invalid_value'],
    ]);
    const unknownStep = await as.p1Analyst.post(`${url}/${created.body.id}/steps`, { baseVersion: 2, step: { query: 'S1 AND S0' } });
    expect(errorOf(unknownStep).issues?.map((i) => [i.path.join('.'), i.code])).toEqual([['step.query', 'unknown_step']]);
    const cycle = await as.p1Analyst.post(`${url}/${created.body.id}/steps`, { baseVersion: 2, step: { query: 'S8 AND S1' } });
    expect(errorOf(cycle).issues?.map((i) => [i.path.join('.'), i.code])).toEqual([['step.query', 'step_order']]);
    expect((await k.rt.store.read.audit.query({ type: 'patent.search_saved', limit: 50 })).length).toBe(before);
  });

  it('a saved step keeps its facet filters: its count, a re-run and a combination of it agree', async () => {
    const { as, id, corpusId } = await withCorpus();
    const search = (extra: object) =>
      as.p1Analyst.post<PatentSearchResult>(`${base(id)}/patent-search`, { query: '血圧', corpusId, limit: 100, facets: true, ...extra });
    const all = (await search({})).body;
    const year = Number(all.facets?.year[0]?.key);
    const narrowed = { years: [year], legalStatuses: ['alive', 'pending'] };
    const expected = (await search(narrowed)).body;
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(all.total);
    const assignee = expected.facets?.assignee[0]?.key ?? '';
    const byAssignee = (await search({ ...narrowed, assignees: [assignee] })).body.total;

    const url = `${base(id)}/patent-searches`;
    const created = await as.p1Analyst.post<SavedSearchView>(url, {
      title: '絞り込み',
      steps: [
        { query: '血圧', corpusId, ...narrowed },
        { query: '血圧', corpusId, ...narrowed, assignees: [assignee] },
        { query: '血圧', corpusId },
        { query: 'S3 NOT S1' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.steps.map((s) => [s.hits, s.years, s.assignees, s.legalStatuses])).toEqual([
      [expected.total, [year], [], ['alive', 'pending']],
      [byAssignee, [year], [assignee], ['alive', 'pending']],
      [all.total, [], [], []],
      [all.total - expected.total, [], [], []],
    ]);
    // Read back, the steps still hold their filters; running one again with them finds the same count.
    const read = await as.owner.get<SavedSearchView>(`${url}/${created.body.id}`);
    const [s1] = read.body.steps;
    expect(s1).toMatchObject({ years: [year], assignees: [], legalStatuses: ['alive', 'pending'] });
    const rerun = await as.owner.post<PatentSearchResult>(`${base(id)}/patent-search`, {
      query: s1?.query,
      corpusId: s1?.corpusId,
      years: s1?.years,
      legalStatuses: s1?.legalStatuses,
    });
    expect(rerun.body.total).toBe(s1?.hits);
    // A combination takes no facet filter of its own; a bad status is refused with its path.
    const bad = await as.p1Analyst.post(url, {
      title: 'x',
      steps: [
        { query: '血圧', corpusId, legalStatuses: ['sleeping'] },
        { query: 'S1 OR S1', years: [2020] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues?.map((i) => i.path.join('.'))).toEqual(['steps.0.legalStatuses.0']);
    const combined = await as.p1Analyst.post(url, {
      title: 'x',
      steps: [
        { query: '血圧', corpusId },
        { query: 'S1 OR S1', years: [2020] },
      ],
    });
    expect(errorOf(combined).issues?.map((i) => [i.path.join('.'), i.code])).toEqual([['steps.1.years', 'invalid_value']]);
  });

  it('facets count the hits by class, year, assignee, status and corpus; a facet value is a filter', async () => {
    const { as, id, corpusId } = await withCorpus();
    const url = `${base(id)}/patent-search`;
    const all = await as.owner.post<PatentSearchResult>(url, { query: '血圧', facets: true, limit: 100 });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const hits = all.body.hits.map((h) => corpus.find((r) => r.number === h.number));
    const facets = all.body.facets;
    expect(facets).toMatchObject({ basis: all.body.total, complete: true, corpus: [{ key: corpusId, count: all.body.total }] });
    const years = new Map<string, number>();
    for (const r of hits) years.set(r?.publicationDate.slice(0, 4) ?? '', (years.get(r?.publicationDate.slice(0, 4) ?? '') ?? 0) + 1);
    expect(Object.fromEntries(facets?.year.map((y) => [y.key, y.count]) ?? [])).toEqual(Object.fromEntries(years));
    const a61b = hits.filter((r) => [...(r?.cpc ?? []), ...(r?.ipc ?? [])].some((c) => c.startsWith('A61B'))).length;
    expect(facets?.subclass.find((c) => c.key === 'A61B')?.count).toBe(a61b);
    expect(facets?.group.every((g) => /^[A-HY]\d\d[A-Z] \d+\/00$/.test(g.key))).toBe(true);
    const alive = hits.filter((r) => r?.legalStatus === 'alive').length;
    expect(facets?.legalStatus.find((s) => s.key === 'alive')?.count).toBe(alive);
    const [topAssignee] = facets?.assignee ?? [];
    expect(topAssignee?.count).toBe(hits.filter((r) => r?.assignees.includes(topAssignee?.key ?? '')).length);
    // Without `facets`, none are counted.
    expect((await as.owner.post<PatentSearchResult>(url, { query: '血圧' })).body.facets).toBeUndefined();

    // Clicking a value filters by it: the total is that value's count.
    const year = facets?.year[0];
    const byYear = await as.owner.post<PatentSearchResult>(url, { query: '血圧', years: [Number(year?.key)], facets: true });
    expect(byYear.body.total).toBe(year?.count);
    expect(byYear.body.hits.every((h) => h.publicationDate.startsWith(year?.key ?? 'x'))).toBe(true);
    const byStatus = await as.owner.post<PatentSearchResult>(url, { query: '血圧', legalStatuses: ['alive'] });
    expect(byStatus.body.total).toBe(alive);
    const byAssignee = await as.owner.post<PatentSearchResult>(url, { query: '血圧', assignees: [topAssignee?.key], limit: 100 });
    expect(byAssignee.body.total).toBe(topAssignee?.count);
    const combined = await as.owner.post<PatentSearchResult>(url, {
      query: '血圧',
      assignees: [topAssignee?.key],
      legalStatuses: ['expired'],
    });
    expect(combined.body.total).toBe(
      hits.filter((r) => r?.assignees.includes(topAssignee?.key ?? '') && r.legalStatus === 'expired').length,
    );
    const bad = await as.owner.post(url, { query: '血圧', years: [1], legalStatuses: ['dead'], assignees: [''], facets: 'yes' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues?.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['years.0', 'legalStatuses.0', 'assignees.0', 'facets']),
    );
  });
});
