import { describeEachDatabase } from '../testing/db.js';
import { type FuzzIds, fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
const person = (ids: FuzzIds) => `/api/organizations/${ids.provider}/people/${ids.analyst}`;
let capacityVersion = 0;

/** Capacity: contracted hours, leave, plans and their preview. */
export const capacityCases: WriteCase[] = [
  {
    name: 'leave dates and note',
    route: 'POST /api/organizations/:orgId/people/:userId/leave',
    path: (_s, ids) => `${person(ids)}/leave`,
    body: (s) => ({ from: s, to: s, note: s }),
    as: 'analyst',
  },
  {
    name: 'leave note',
    route: 'POST /api/organizations/:orgId/people/:userId/leave',
    path: (_s, ids) => `${person(ids)}/leave`,
    // The first accepted takes the day; the rest overlap it and are refused.
    body: (s) => ({ from: '2027-01-04', to: '2027-01-05', note: s }),
    as: 'analyst',
  },
  {
    name: 'leave id in the path',
    route: 'DELETE /api/organizations/:orgId/people/:userId/leave/:leaveId',
    path: (s, ids) => `${person(ids)}/leave/${enc(s)}`,
    as: 'manager',
  },
  {
    name: 'contracted hours',
    route: 'PUT /api/organizations/:orgId/people/:userId/capacity',
    path: (_s, ids) => `${person(ids)}/capacity`,
    body: (s) => ({ contractedDailyMinutes: s, version: capacityVersion }),
    as: 'manager',
    accepted: (_s, _ids, reply) => {
      capacityVersion = (reply.body as { version?: number }).version ?? capacityVersion;
    },
  },
  {
    name: 'planned weeks',
    route: 'PUT /api/organizations/:orgId/people/:userId/allocations',
    path: (_s, ids) => `${person(ids)}/allocations`,
    body: (s, ids) => ({ engagementId: ids.engagement, weeks: [{ week: s, minutes: s }], overrideReason: s }),
    as: 'manager',
    at: 'in_progress',
  },
  {
    name: 'plan override reason',
    route: 'PUT /api/organizations/:orgId/people/:userId/allocations',
    path: (_s, ids) => `${person(ids)}/allocations`,
    body: (s, ids) => ({ engagementId: ids.engagement, weeks: [{ week: '2026-04-06', minutes: 60 }], overrideReason: s }),
    as: 'manager',
    at: 'in_progress',
  },
  {
    name: 'plan preview',
    route: 'POST /api/organizations/:orgId/people/:userId/allocations/preview',
    path: (_s, ids) => `${person(ids)}/allocations/preview`,
    body: (s) => ({ engagementId: s, weeks: [{ week: '2026-04-06', minutes: s }] }),
    as: 'manager',
  },
];

describeEachDatabase('bad input: naughty strings into capacity', (backend) => {
  fuzzWriteEndpoints(useTestKit(backend), capacityCases, backend);
});
