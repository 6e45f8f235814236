import type { ModelDetail } from '../shared/contracts/financial-model-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints, sakuraModel, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
const models = (ids: { engagement: string }) => `/api/engagements/${ids.engagement}/models`;
const imports = (ids: { engagement: string }) => `/api/engagements/${ids.engagement}/model-imports`;
const statement = { fileName: 'pl.csv', contentBase64: Buffer.from('科目,2023年3月期\r\n売上高,"72,400"\r\n', 'utf8').toString('base64') };
const mapping = { orientation: 'linesInRows', headerIndex: 0, labelIndex: 0, lines: { 売上高: 'incomeStatement.revenue' } };

/**
 * The financial-modeling workbench: names, notes, scenarios, the model's own text, imported files
 * and ids. The provider's analyst saves models while the engagement is in progress.
 */
export const modelCases: WriteCase[] = [
  {
    name: 'model name',
    route: 'POST /api/engagements/:id/models',
    path: (_s, ids) => models(ids),
    body: (s) => ({ name: s, document: sakuraModel }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'version note',
    route: 'POST /api/engagements/:id/models/:modelId/versions',
    path: (_s, ids) => `${models(ids)}/${ids.model}/versions`,
    body: (s, ids) => ({ baseVersion: ids.modelVersion, note: s, document: sakuraModel }),
    as: 'analyst',
    at: 'in_progress',
    accepted: (_s, ids, reply) => {
      ids.modelVersion = (reply.body as ModelDetail).latestVersion;
    },
  },
  {
    name: 'model id in the path',
    route: 'POST /api/engagements/:id/models/:modelId/versions',
    path: (s, ids) => `${models(ids)}/${enc(s)}/versions`,
    body: (_s, ids) => ({ baseVersion: ids.modelVersion, document: sakuraModel }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'share reason',
    route: 'POST /api/engagements/:id/models/:modelId/versions/:version/share',
    path: (_s, ids) => `${models(ids)}/${ids.model}/versions/${ids.modelVersion}/share`,
    body: (s) => ({ reason: s }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'version in the share path',
    route: 'POST /api/engagements/:id/models/:modelId/versions/:version/share',
    path: (s, ids) => `${models(ids)}/${ids.model}/versions/${enc(s)}/share`,
    body: () => ({}),
    as: 'analyst',
    at: 'in_progress',
    control: () => '1',
  },
  {
    name: 'comment on a shared version',
    route: 'POST /api/engagements/:id/models/:modelId/versions/:version/comments',
    path: (_s, ids) => `${models(ids)}/${ids.model}/versions/1/comments`,
    body: (s) => ({ body: s }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'draft scenario',
    route: 'POST /api/engagements/:id/models/:modelId/analysis',
    path: (_s, ids) => `${models(ids)}/${ids.model}/analysis`,
    body: (s) => ({ document: sakuraModel, scenario: s }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'company name in a draft',
    route: 'POST /api/engagements/:id/models/:modelId/analysis',
    path: (_s, ids) => `${models(ids)}/${ids.model}/analysis`,
    body: (s) => ({
      document: { ...sakuraModel, meta: { ...sakuraModel.meta, company: { ...sakuraModel.meta.company, name: s } } },
    }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'custom line formula in a draft',
    route: 'POST /api/engagements/:id/models/:modelId/analysis',
    path: (_s, ids) => `${models(ids)}/${ids.model}/analysis`,
    body: (s) => ({
      document: { ...sakuraModel, forecast: { ...sakuraModel.forecast, lines: [{ name: 'probe', formula: s }] } },
    }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'import file name',
    route: 'POST /api/engagements/:id/model-imports/preview',
    path: (_s, ids) => `${imports(ids)}/preview`,
    body: (s) => ({ ...statement, fileName: s }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'import mapping (line label)',
    route: 'POST /api/engagements/:id/model-imports/historicals',
    path: (_s, ids) => `${imports(ids)}/historicals`,
    body: (s) => ({ ...statement, mapping: { ...mapping, lines: { ...mapping.lines, [s]: 'incomeStatement.costOfSales' } } }),
    as: 'analyst',
    at: 'in_progress',
  },
];

describeEachDatabase('bad input: naughty strings into financial-model endpoints', (backend) => {
  fuzzWriteEndpoints(useTestKit(backend), modelCases, backend);
});
