import { describeEachDatabase } from '../testing/db.js';
import { fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
/** The client's reviewer's week: its admin approves it and may submit it for them. */
const week = (ids: { org: string; member: string }, monday = '2026-03-30') =>
  `/api/organizations/${ids.org}/people/${ids.member}/timesheets/${monday}`;
let agreementVersion = 0;
let ratesVersion = 0;

/** Time: entries, imports, weeks, the overtime agreement, internal rates. */
export const timeCases: WriteCase[] = [
  {
    name: 'time entry note',
    route: 'POST /api/engagements/:id/time-entries',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/time-entries`,
    body: (s) => ({ date: '2026-04-01', category: 'briefing', minutes: 30, note: s }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'time entry date, category and minutes',
    route: 'POST /api/engagements/:id/time-entries',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/time-entries`,
    body: (s) => ({ date: s, category: s, minutes: s, milestoneId: s, userId: s }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'time import CSV',
    route: 'POST /api/engagements/:id/time-entries/import',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/time-entries/import`,
    body: (s) => ({ csv: `date,category,minutes,note\n2026-04-02,research,10,"${s.replaceAll('"', '""')}"\n${s}` }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'suggestion accepted: date, category, minutes and note',
    route: 'POST /api/engagements/:id/time-suggestions/accept',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/time-suggestions/accept`,
    body: (s) => ({ date: s, category: s, minutes: s, note: s }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'suggestion dismissed: date and category',
    route: 'POST /api/engagements/:id/time-suggestions/dismiss',
    path: (_s, ids) => `/api/engagements/${ids.engagement}/time-suggestions/dismiss`,
    body: (s) => ({ date: s, category: s }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'week in the timesheet path',
    route: 'POST /api/organizations/:orgId/people/:userId/timesheets/:week/submit',
    path: (s, ids) => `${week(ids, enc(s))}/submit`,
    body: () => ({ version: 'one' }),
    as: 'admin',
    control: () => '2026-03-30',
  },
  {
    name: 'timesheet return note',
    route: 'POST /api/organizations/:orgId/people/:userId/timesheets/:week/return',
    path: (_s, ids) => `${week(ids)}/return`,
    body: (s) => ({ version: 1, note: s }),
    as: 'admin',
  },
  {
    name: 'timesheet approval version',
    route: 'POST /api/organizations/:orgId/people/:userId/timesheets/:week/approve',
    path: (_s, ids) => `${week(ids)}/approve`,
    body: (s) => ({ version: s }),
    as: 'admin',
  },
  {
    name: 'bulk approval: person, week and version',
    route: 'POST /api/organizations/:orgId/timesheets/approve',
    path: (_s, ids) => `/api/organizations/${ids.org}/timesheets/approve`,
    body: (s) => ({ weeks: [{ userId: s, weekStart: s, version: s }] }),
    as: 'admin',
  },
  {
    name: 'overtime agreement',
    route: 'PUT /api/organizations/:orgId/overtime-agreement',
    path: (_s, ids) => `/api/organizations/${ids.provider}/overtime-agreement`,
    body: (s) => ({
      contractedDailyMinutes: 480,
      monthlyLimitMinutes: s,
      yearlyLimitMinutes: 21600,
      specialClause: s,
      yearStartMonth: 4,
      version: agreementVersion,
    }),
    as: 'providerAdmin',
    accepted: (_s, _ids, reply) => {
      agreementVersion = (reply.body as { version?: number }).version ?? agreementVersion;
    },
  },
  {
    name: 'internal rates',
    route: 'PUT /api/organizations/:orgId/internal-rates',
    path: (_s, ids) => `/api/organizations/${ids.org}/internal-rates`,
    body: (s) => ({ rates: [{ role: s, hourlyYen: s }], version: ratesVersion }),
    as: 'admin',
    accepted: (_s, _ids, reply) => {
      ratesVersion = (reply.body as { version?: number }).version ?? ratesVersion;
    },
  },
];

describeEachDatabase('bad input: naughty strings into time', (backend) => {
  fuzzWriteEndpoints(useTestKit(backend), timeCases, backend);
});
