import { demoCompetitors, demoSizing } from '../infra/demo/survey.js';
import { type MarketSizing, marketSizingSchema } from '../shared/contracts/market-sizing.js';
import type { MatrixDetail, SizingDetail } from '../shared/contracts/market-sizing-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
const sizings = (ids: { engagement: string }) => `/api/engagements/${ids.engagement}/sizings`;
const matrices = (ids: { engagement: string }) => `/api/engagements/${ids.engagement}/competitor-matrices`;
const topDown: MarketSizing = marketSizingSchema.parse(demoSizing);

/** The sizing and matrix the creating cases made (the shared ids know nothing of them); the version cases build on them. */
const made = { sizing: '', sizingVersion: 0, matrix: '', matrixVersion: 0 };

function withSourceTitle(s: string): MarketSizing {
  const sizing = structuredClone(topDown);
  const factor = sizing.levels.tam.factors[0];
  if (factor) factor.source = { title: s };
  return sizing;
}

/**
 * Market sizings and competitor matrices: titles, sources, competitor names, chosen positioning
 * features and ids in the path. The provider's delivery manager works on a contracted market-research engagement.
 */
export const sizingCases: WriteCase[] = [
  {
    name: 'sizing title',
    route: 'POST /api/engagements/:id/sizings',
    path: (_s, ids) => sizings(ids),
    body: (s) => ({ sizing: { ...demoSizing, title: s } }),
    as: 'manager',
    at: 'contracted',
    accepted: (_s, _ids, reply) => {
      made.sizing = (reply.body as SizingDetail).id;
      made.sizingVersion = (reply.body as SizingDetail).latestVersion;
    },
  },
  {
    name: 'sizing assumption source',
    route: 'POST /api/engagements/:id/sizings/:sizingId/versions',
    path: (_s, ids) => `${sizings(ids)}/${made.sizing}/versions`,
    body: (s) => ({ baseVersion: made.sizingVersion, sizing: withSourceTitle(s), note: s }),
    as: 'manager',
    at: 'contracted',
    accepted: (_s, _ids, reply) => {
      made.sizingVersion = (reply.body as SizingDetail).latestVersion;
    },
  },
  {
    name: 'sizing id in the path',
    route: 'POST /api/engagements/:id/sizings/:sizingId/versions',
    path: (s, ids) => `${sizings(ids)}/${enc(s)}/versions`,
    body: () => ({ baseVersion: made.sizingVersion, sizing: topDown }),
    as: 'manager',
    at: 'contracted',
  },
  {
    name: 'competitor name',
    route: 'POST /api/engagements/:id/competitor-matrices',
    path: (_s, ids) => matrices(ids),
    body: (s) => ({
      matrix: { ...demoCompetitors, competitors: demoCompetitors.competitors.map((c, i) => (i === 0 ? { ...c, name: s } : c)) },
    }),
    as: 'manager',
    at: 'contracted',
    accepted: (_s, _ids, reply) => {
      made.matrix = (reply.body as MatrixDetail).id;
      made.matrixVersion = (reply.body as MatrixDetail).latestVersion;
    },
  },
  {
    name: 'positioning feature',
    route: 'POST /api/engagements/:id/competitor-matrices/:matrixId/versions',
    path: (_s, ids) => `${matrices(ids)}/${made.matrix}/versions`,
    body: (s) => ({ baseVersion: made.matrixVersion, matrix: demoCompetitors, positioning: { x: s, y: 'auto_category' } }),
    as: 'manager',
    at: 'contracted',
    accepted: (_s, _ids, reply) => {
      made.matrixVersion = (reply.body as MatrixDetail).latestVersion;
    },
  },
  {
    name: 'competitor matrix id in the path',
    route: 'POST /api/engagements/:id/competitor-matrices/:matrixId/versions',
    path: (s, ids) => `${matrices(ids)}/${enc(s)}/versions`,
    body: () => ({ baseVersion: made.matrixVersion, matrix: demoCompetitors }),
    as: 'manager',
    at: 'contracted',
  },
];

describeEachDatabase('bad input: market sizings and competitor matrices', (backend) => {
  const kit = useTestKit(backend);
  fuzzWriteEndpoints(kit, sizingCases, backend);
});
