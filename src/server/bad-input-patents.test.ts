import { expect, it } from 'vitest';
import { demoFtoCorpus } from '../infra/demo/patents.js';
import type { PatentCorpusView, PatentImportResult, SavedSearchView } from '../shared/contracts/patents-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
const base = (ids: { engagement: string }) => `/api/engagements/${ids.engagement}`;

/** The corpus and saved search the creating cases made; the later cases build on them. */
const made = { corpus: '', search: '', searchVersion: 0 };

/**
 * The patent workbench: corpus names, uploaded files, queries, classification codes, dates and ids
 * in the path. The provider's delivery manager works on a contracted patent-research engagement.
 */
export const patentCases: WriteCase[] = [
  {
    name: 'patent corpus name',
    route: 'POST /api/engagements/:id/patent-corpora',
    path: (_s, ids) => `${base(ids)}/patent-corpora`,
    body: (s) => ({ name: s }),
    as: 'manager',
    at: 'patent',
    accepted: (_s, _ids, reply) => {
      made.corpus = (reply.body as PatentCorpusView).id;
    },
  },
  {
    name: 'patent file name in the query',
    route: 'POST /api/engagements/:id/patent-corpora/:corpusId/imports',
    path: (s, ids) => `${base(ids)}/patent-corpora/${made.corpus}/imports?filename=${enc(s)}`,
    body: () => ({ number: 'not a patent' }),
    as: 'manager',
    at: 'patent',
  },
  {
    name: 'patent corpus id in the path',
    route: 'POST /api/engagements/:id/patent-corpora/:corpusId/imports',
    path: (s, ids) => `${base(ids)}/patent-corpora/${enc(s)}/imports`,
    body: () => ({}),
    as: 'manager',
    at: 'patent',
    control: () => made.corpus,
  },
  {
    name: 'patent search query',
    route: 'POST /api/engagements/:id/patent-search',
    path: (_s, ids) => `${base(ids)}/patent-search`,
    body: (s) => ({ query: s }),
    as: 'manager',
    at: 'patent',
  },
  {
    name: 'patent search classification and date',
    route: 'POST /api/engagements/:id/patent-search',
    path: (_s, ids) => `${base(ids)}/patent-search`,
    body: (s) => ({ query: 'sensor', classification: [s], publishedBefore: s }),
    as: 'manager',
    at: 'patent',
  },
  {
    name: 'patent chart claim and documents',
    route: 'POST /api/engagements/:id/patent-charts',
    path: (_s, ids) => `${base(ids)}/patent-charts`,
    body: (s) => ({ corpusId: made.corpus, patent: s, claim: 1, documents: [s], key: s }),
    as: 'manager',
    at: 'patent',
  },
  {
    name: 'saved patent search title and step',
    route: 'POST /api/engagements/:id/patent-searches',
    path: (_s, ids) => `${base(ids)}/patent-searches`,
    body: (s) => ({ title: s, steps: [{ query: `sensor ${s}` }] }),
    as: 'manager',
    at: 'patent',
    accepted: (_s, _ids, reply) => {
      made.search = (reply.body as SavedSearchView).id;
      made.searchVersion = (reply.body as SavedSearchView).latestVersion;
    },
  },
  {
    name: 'saved patent search step',
    route: 'POST /api/engagements/:id/patent-searches/:searchId/steps',
    path: (_s, ids) => `${base(ids)}/patent-searches/${made.search}/steps`,
    body: (s) => ({ baseVersion: made.searchVersion, step: { query: s, classification: [s] }, note: s }),
    as: 'manager',
    at: 'patent',
    accepted: (_s, _ids, reply) => {
      made.searchVersion = (reply.body as SavedSearchView).latestVersion;
    },
  },
  {
    name: 'saved patent search version',
    route: 'POST /api/engagements/:id/patent-searches/:searchId/versions',
    path: (_s, ids) => `${base(ids)}/patent-searches/${made.search}/versions`,
    body: (s) => ({ baseVersion: made.searchVersion, steps: [{ query: s, publishedBefore: s }] }),
    as: 'manager',
    at: 'patent',
    accepted: (_s, _ids, reply) => {
      made.searchVersion = (reply.body as SavedSearchView).latestVersion;
    },
  },
  {
    name: 'saved patent search id in the path',
    route: 'POST /api/engagements/:id/patent-searches/:searchId/versions',
    path: (s, ids) => `${base(ids)}/patent-searches/${enc(s)}/versions`,
    body: () => ({ baseVersion: made.searchVersion, steps: [{ query: 'sensor' }] }),
    as: 'manager',
    at: 'patent',
    control: () => made.search,
  },
];

describeEachDatabase('bad input: the patent workbench', (backend) => {
  const kit = useTestKit(backend);
  fuzzWriteEndpoints(kit, patentCases, backend);

  it('lists every problem of a request, each with its code, and writes nothing', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k, { type: 'patent_research' });
    const e = `/api/engagements/${id}`;
    const codes = (reply: Parameters<typeof errorOf>[0]) => errorOf(reply).issues?.map((i) => [i.path.join('.'), i.code]);

    const noName = await as.p1Analyst.post(`${e}/patent-corpora`, { name: '   ', extra: 1 });
    expect(noName.status).toBe(400);
    expect(codes(noName)).toEqual([
      ['name', 'required'],
      ['', 'unrecognized_keys'],
    ]);

    const search = await as.p1Analyst.post(`${e}/patent-search`, {
      query: '',
      corpusId: 'nope',
      publishedBefore: '2024-13-01',
      classification: ['A61B 5/02', ''],
      limit: 0,
      offset: -1,
    });
    expect(search.status).toBe(400);
    expect(codes(search)?.map(([path]) => path)).toEqual(
      expect.arrayContaining(['query', 'corpusId', 'publishedBefore', 'classification.1', 'limit', 'offset']),
    );

    // A query that parses badly in several places lists each place; a bad code is listed beside it.
    const formula = await as.p1Analyst.post(`${e}/patent-search`, { query: '(sensor OR) AND', classification: ['XYZ'] });
    expect(errorOf(formula).reason).toBe('patent_query_invalid');
    const found = codes(formula) ?? [];
    expect(found.filter(([path]) => path === 'query').length).toBeGreaterThan(0);
    expect(found.every(([path, code]) => (path === 'query' ? String(code).startsWith('query_') : code === 'bad_classification'))).toBe(
      true,
    );
    expect(found).toContainEqual(['classification.0', 'bad_classification']);

    const tooFar = await as.p1Analyst.post(`${e}/patent-search`, { query: 'sensor', offset: 990, limit: 20 });
    expect(codes(tooFar)).toEqual([['offset', 'custom']]);

    const steps = await as.p1Analyst.post(`${e}/patent-searches`, {
      title: 'S',
      steps: [{ query: 'a OR' }, { query: 'ok', classification: ['bad'] }, { query: '-sensor' }],
    });
    expect(steps.status).toBe(400);
    expect(codes(steps)).toEqual([
      ['steps.0.query', 'query_operator'],
      ['steps.1.classification.0', 'bad_classification'],
      ['steps.2.query', 'query_only_negative'],
    ]);
    expect((await as.p1Analyst.get<unknown[]>(`${e}/patent-searches`)).body).toEqual([]);

    // A file in no known format, and a CSV whose rows are refused: nothing imported, each refusal listed.
    const corpus = (await as.p1Analyst.post<PatentCorpusView>(`${e}/patent-corpora`, { name: 'c' })).body;
    const csv = await as.p1Analyst.upload<PatentImportResult>(
      `${e}/patent-corpora/${corpus.id}/imports?format=csv`,
      'just,some\ntext,here\n',
    );
    expect(csv.status).toBe(201);
    expect(csv.body.imported).toBe(0);
    expect(csv.body.rejected).toBeGreaterThan(0);
    expect([...new Set(csv.body.refusals.map((r) => r.reason))]).toEqual(['malformed_csv']);
    const wrongFormat = await as.p1Analyst.upload(`${e}/patent-corpora/${corpus.id}/imports?format=pdf`, 'x');
    expect(codes(wrongFormat)).toEqual([['format', 'invalid_value']]);
    // A JSON Lines file with one good record and one bad imports the good one only.
    const [good] = demoFtoCorpus();
    const mixed = await as.p1Analyst.upload<PatentImportResult>(
      `${e}/patent-corpora/${corpus.id}/imports`,
      `${JSON.stringify(good)}\n{"number":"US1B2","country":"JP"}\n`,
    );
    expect(mixed.body).toMatchObject({ imported: 1, rejected: 1 });
    expect(mixed.body.refusals[0]).toMatchObject({ reason: 'invalid_record', line: 2 });
  });
});
