import { expect, it } from 'vitest';
import type { SurveyDetail } from '../shared/contracts/market-research-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf, type Reply } from '../testing/http.js';
import { fuzzWriteEndpoints, SURVEY_CSV, surveyCodebook, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
const surveys = (ids: { engagement: string }) => `/api/engagements/${ids.engagement}/surveys`;
const withLabel = (s: string) => ({
  questions: [
    surveyCodebook.questions[0],
    {
      ...surveyCodebook.questions[1],
      values: [
        { value: 'a', label: s },
        { value: 'b', label: 'B' },
      ],
    },
  ],
});

/**
 * The market-research workbench: names, notes, codebook text, file references, ids in the path and
 * raking targets. The provider's delivery manager works on a contracted market-research engagement.
 */
export const surveyCases: WriteCase[] = [
  {
    name: 'survey file sheet',
    route: 'POST /api/engagements/:id/surveys/preview',
    path: (_s, ids) => `${surveys(ids)}/preview`,
    body: (s, ids) => ({ documentId: ids.surveyDocument, sheet: s }),
    as: 'manager',
    at: 'contracted',
  },
  {
    name: 'survey dataset name',
    route: 'POST /api/engagements/:id/surveys',
    path: (_s, ids) => surveys(ids),
    body: (s, ids) => ({ name: s, documentId: ids.surveyDocument, codebook: surveyCodebook }),
    as: 'manager',
    at: 'contracted',
  },
  {
    name: 'codebook value label',
    route: 'POST /api/engagements/:id/surveys/:surveyId/versions',
    path: (_s, ids) => `${surveys(ids)}/${ids.survey}/versions`,
    body: (s, ids) => ({ baseVersion: ids.surveyVersion, codebook: withLabel(s) }),
    as: 'manager',
    at: 'contracted',
    accepted: (_s, ids, reply) => {
      ids.surveyVersion = (reply.body as SurveyDetail).latestVersion;
    },
  },
  {
    name: 'survey id in the path',
    route: 'POST /api/engagements/:id/surveys/:surveyId/versions',
    path: (s, ids) => `${surveys(ids)}/${enc(s)}/versions`,
    body: (_s, ids) => ({ baseVersion: ids.surveyVersion, codebook: surveyCodebook }),
    as: 'manager',
    at: 'contracted',
  },
  {
    name: 'weighting target category',
    route: 'POST /api/engagements/:id/surveys/:surveyId/weightings',
    path: (_s, ids) => `${surveys(ids)}/${ids.survey}/weightings`,
    body: (s) => ({ name: 'w', targets: { gender: { '1': 0.5, [s]: 0.5 } } }),
    as: 'manager',
    at: 'contracted',
  },
];

describeEachDatabase('bad input: the market-research workbench', (backend) => {
  const kit = useTestKit(backend);
  fuzzWriteEndpoints(kit, surveyCases, backend);
});

/** The exports' query parameters: each bad one a 400 naming it (or 404 for a version that is not there), never a file or a 500. */
describeEachDatabase('bad input: the market-research exports (deck.pdf, data.csv)', (backend) => {
  const kit = useTestKit(backend);

  it('refuses bad versions, weightings, encodings, languages, banners and unknown parameters, each by name', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k);
    const doc = await as.p1Analyst.upload<{ id: string }>(
      `/api/engagements/${id}/documents?name=r.csv&classification=internal`,
      SURVEY_CSV,
    );
    const sv = await as.p1Analyst.post<SurveyDetail>(`/api/engagements/${id}/surveys`, {
      name: 's',
      documentId: doc.body.id,
      codebook: surveyCodebook,
    });
    expect(sv.status, JSON.stringify(sv.body)).toBe(201);
    const base = `/api/engagements/${id}/surveys/${sv.body.id}`;
    const issues = (r: Reply<unknown>) => (errorOf(r)?.issues ?? []).map((i) => `${i.path.join('.')}:${i.code}`);
    const cases: [string, number, string[]][] = [
      ['data.csv?encoding=latin1', 400, ['encoding:invalid_value']],
      ['data.csv?encoding=', 400, ['encoding:invalid_value']],
      ['data.csv?weighting=abc', 400, ['weighting']],
      ['data.csv?weighting=00000000-0000-4000-8000-000000000000', 400, ['weighting:unknown_key']],
      ['data.csv?weighting=file', 400, ['weighting:invalid_value']],
      ['data.csv?version=0', 400, ['version']],
      ['data.csv?version=1.5', 400, ['version']],
      ['data.csv?version=%E2%88%9E', 400, ['version']],
      ['data.csv?banners=gender', 400, [':unrecognized_keys']],
      ['deck.pdf', 400, ['banners']],
      ['deck.pdf?banners=nope', 400, ['banners.0:unknown_key']],
      ['deck.pdf?banners=gender&stubs=q1,nope', 400, ['stubs.1:unknown_key']],
      ['deck.pdf?banners=gender&language=fr', 400, ['language:invalid_value']],
      ['deck.pdf?banners=gender&alpha=NaN', 400, ['alpha']],
      ['deck.pdf?banners=gender&weighting=abc&version=-1', 400, ['weighting', 'version']],
    ];
    for (const [query, status, expected] of cases) {
      const reply = await as.owner.get(`${base}/${query}`);
      expect(reply.status, `${query}: ${JSON.stringify(reply.body)}`).toBe(status);
      const got = issues(reply);
      for (const e of expected)
        expect(
          got.some((g) => (e.includes(':') ? g === e : g.startsWith(`${e}:`))),
          `${query}: ${got.join(', ')}`,
        ).toBe(true);
    }
    // A version that is not there is not found, not a file; a good request still answers.
    expect((await as.owner.get(`${base}/data.csv?version=9`)).status).toBe(404);
    expect((await as.owner.raw('GET', `${base}/data.csv?encoding=shift_jis`)).status).toBe(200);
    expect((await as.owner.raw('GET', `${base}/deck.pdf?banners=gender&language=en`)).status).toBe(200);
  });
});
