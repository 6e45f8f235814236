import type { SurveyDetail } from '../shared/contracts/market-research-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints, surveyCodebook, type WriteCase } from '../testing/naughty.js';
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
