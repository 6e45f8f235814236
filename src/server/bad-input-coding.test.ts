import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
const frames = (ids: { engagement: string; survey: string }) => `/api/engagements/${ids.engagement}/surveys/${ids.survey}/codeframes`;
const code = (s: string) => ({ key: 'k', label: s, keywords: [s], exclude: [s] });

/**
 * Open-answer coding: code labels and keywords, question keys, override code keys and ids in the
 * path. The fuzz survey (testing/naughty.ts) has no open-text question, so a well-formed string
 * reaches the service and is refused there (unknown_variable / codeframe_not_found), never a 500;
 * survey-coding.test.ts covers the accepted paths and the service's own refusals.
 */
export const codingCases: WriteCase[] = [
  {
    name: 'codeframe code label and keyword',
    route: 'POST /api/engagements/:id/surveys/:surveyId/codeframes',
    path: (_s, ids) => frames(ids),
    body: (s) => ({ question: 'q1', codes: [code(s)] }),
    as: 'manager',
    at: 'contracted',
  },
  {
    name: 'codeframe question key',
    route: 'POST /api/engagements/:id/surveys/:surveyId/codeframes',
    path: (_s, ids) => frames(ids),
    body: (s) => ({ question: s, codes: [code('価格')] }),
    as: 'manager',
    at: 'contracted',
  },
  {
    name: 'codeframe code key in a new version',
    route: 'POST /api/engagements/:id/surveys/:surveyId/codeframes/:codeframeId/versions',
    path: (_s, ids) => `${frames(ids)}/00000000-0000-4000-8000-000000000000/versions`,
    body: (s) => ({ baseVersion: 1, codes: [{ key: s, label: 'l', keywords: ['高い'] }] }),
    as: 'manager',
    at: 'contracted',
  },
  {
    name: 'codeframe id in the path',
    route: 'POST /api/engagements/:id/surveys/:surveyId/codeframes/:codeframeId/overrides',
    path: (s, ids) => `${frames(ids)}/${enc(s)}/overrides`,
    body: () => ({ respondent: 0, codes: [] }),
    as: 'manager',
    at: 'contracted',
  },
  {
    name: 'override code key',
    route: 'POST /api/engagements/:id/surveys/:surveyId/codeframes/:codeframeId/overrides',
    path: (_s, ids) => `${frames(ids)}/00000000-0000-4000-8000-000000000000/overrides`,
    body: (s) => ({ respondent: 0, codes: [s] }),
    as: 'manager',
    at: 'contracted',
  },
];

describeEachDatabase('bad input: open-answer coding', (backend) => {
  const kit = useTestKit(backend);
  fuzzWriteEndpoints(kit, codingCases, backend);
});
