import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
/** The restricted list's version after the last save a case made (a 2xx moves it on). */
let listVersion = 0;
const remember = (_s: string, _ids: unknown, reply: { body: unknown }) => {
  listVersion = (reply.body as { version?: number }).version ?? listVersion;
};
const restrictedList = (ids: { org: string }) => `/api/organizations/${ids.org}/restricted-list`;
const list = (entity: Record<string, unknown>) => ({
  coolingOffMonths: 6,
  version: listVersion,
  entities: [{ kind: 'target', ...entity }],
});

/** Conflict walls: declarations, the restricted list, an engagement's subjects, overrides. */
export const conflictCases: WriteCase[] = [
  {
    name: 'declared employer',
    route: 'PUT /api/conflict-declarations',
    path: () => '/api/conflict-declarations',
    body: (s) => ({ employers: [{ entity: s, from: '2020-04-01', to: null }], holdings: [] }),
    as: 'manager',
  },
  {
    name: 'declared employment dates',
    route: 'PUT /api/conflict-declarations',
    path: () => '/api/conflict-declarations',
    body: (s) => ({ employers: [{ entity: 'トヨタ自動車', from: s, to: s }], holdings: [] }),
    as: 'manager',
  },
  {
    name: 'declared holding',
    route: 'PUT /api/conflict-declarations',
    path: () => '/api/conflict-declarations',
    body: (s) => ({ employers: [], holdings: [{ entity: s }] }),
    as: 'analyst',
  },
  {
    name: 'restricted entity name and alias',
    route: 'PUT /api/organizations/:orgId/restricted-list',
    path: (_s, ids) => restrictedList(ids),
    body: (s) => list({ name: s, aliases: [s] }),
    as: 'admin',
    accepted: remember,
  },
  {
    name: 'restricted entity ticker and note',
    route: 'PUT /api/organizations/:orgId/restricted-list',
    path: (_s, ids) => restrictedList(ids),
    body: (s) => list({ name: 'トヨタ自動車', tickers: [s], note: s }),
    as: 'admin',
    accepted: remember,
  },
  {
    name: 'restricted entity id',
    route: 'PUT /api/organizations/:orgId/restricted-list',
    path: (_s, ids) => restrictedList(ids),
    body: (s) => list({ id: s, name: 'トヨタ自動車' }),
    as: 'admin',
    accepted: remember,
  },
  {
    name: 'organisation id in the restricted-list path',
    route: 'PUT /api/organizations/:orgId/restricted-list',
    path: (s) => `/api/organizations/${enc(s)}/restricted-list`,
    body: () => ({ coolingOffMonths: 'six', version: 0, entities: [] }),
    as: 'admin',
    control: (ids) => ids.org,
  },
  {
    name: 'engagement subjects',
    route: 'PUT /api/engagements/:id/conflict-subjects',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/conflict-subjects`,
    body: (s) => ({ targets: [s], competitors: [s] }),
    as: 'admin',
  },
  {
    name: 'override reason',
    route: 'POST /api/engagements/:id/conflicts/overrides',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/conflicts/overrides`,
    body: (s, ids) => ({ userId: ids.member, reason: s }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'overridden person',
    route: 'POST /api/engagements/:id/conflicts/overrides',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/conflicts/overrides`,
    body: (s) => ({ userId: s, reason: '誓約書を受領済み。' }),
    as: 'admin',
    at: 'in_progress',
  },
];

describeEachDatabase('bad input: naughty strings into the conflict walls', (backend) => {
  fuzzWriteEndpoints(useTestKit(backend), conflictCases, backend);
});
