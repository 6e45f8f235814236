import type { EngagementView, ProposalView, SowView } from '../shared/contracts/engagements.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, proposal } from '../testing/engagements.js';
import { type FuzzIds, fuzzWriteEndpoints, type WriteCase } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
const e = (ids: { engagement: string }) => `/api/engagements/${ids.engagement}`;
/** After an accepted change, the next string is sent on the new version (so each is saved, not refused as stale). */
const moved = (_s: string, ids: FuzzIds, reply: { body: unknown }) => {
  const view = reply.body as EngagementView;
  ids.version = view.version;
  ids.status = view.status;
};
const nextProposal = (_s: string, ids: FuzzIds, reply: { body: unknown }) => {
  ids.proposalVersion = (reply.body as ProposalView).version;
};

/** The test clock's next Monday (src/testing/clock.ts: Wednesday 2026-04-01). */
const NEXT_MONDAY = '2026-04-06';
/** A staffing plan of one person (the provider's analyst, planned for a week) with one field replaced by the naughty string. */
const staffing = (s: { userId?: string; role?: string; week?: string; minutes?: string }, ids: FuzzIds) => [
  {
    userId: s.userId ?? ids.analyst,
    role: s.role ?? 'analyst',
    weeks: [{ week: s.week ?? NEXT_MONDAY, minutes: s.minutes ?? 600 }],
  },
];

/**
 * Engagements: the brief, bidding, the SOW, the work, and the list's filters; the financial models
 * are in bad-input-models.test.ts. Each case is sent by someone the route lets in, on an engagement
 * in a state where it is open (access.test.ts says who and when).
 */
export const engagementCases: WriteCase[] = [
  {
    name: 'brief (title)',
    route: 'POST /api/engagements',
    path: () => '/api/engagements',
    body: (s) => brief({ title: s }),
    as: 'admin',
  },
  {
    name: 'brief (code name)',
    route: 'POST /api/engagements',
    path: () => '/api/engagements',
    body: (s) => brief({ codeName: s }),
    as: 'admin',
  },
  {
    name: 'brief (type)',
    route: 'POST /api/engagements',
    path: () => '/api/engagements',
    body: (s) => ({ ...brief(), type: s }),
    as: 'admin',
  },
  {
    name: 'brief (date)',
    route: 'POST /api/engagements',
    path: () => '/api/engagements',
    body: (s) => ({ ...brief(), targetStart: s }),
    as: 'admin',
  },
  {
    name: 'brief (currency)',
    route: 'POST /api/engagements',
    path: () => '/api/engagements',
    body: (s) => ({ ...brief(), budget: { amount: 1, currency: s } }),
    as: 'admin',
  },
  {
    name: 'edit brief (scope)',
    route: 'PATCH /api/engagements/:id',
    path: (_s, ids) => e(ids),
    body: (s, ids) => ({ scope: s, version: ids.version }),
    as: 'admin',
    at: 'draft',
    accepted: moved,
  },
  {
    name: 'engagement id in the path',
    route: 'PATCH /api/engagements/:id',
    path: (s) => `/api/engagements/${enc(s)}`,
    body: (_s, ids) => ({ version: ids.version }),
    as: 'admin',
    at: 'draft',
    control: (ids) => ids.engagement,
  },
  {
    name: 'invite provider (id)',
    route: 'POST /api/engagements/:id/providers',
    path: (_s, ids) => `${e(ids)}/providers`,
    body: (s) => ({ providerOrgIds: [s] }),
    as: 'admin',
    at: 'draft',
  },
  {
    name: 'transition (action)',
    route: 'POST /api/engagements/:id/transitions',
    path: (_s, ids) => `${e(ids)}/transitions`,
    body: (s, ids) => ({ action: s, version: ids.version }),
    as: 'admin',
    at: 'draft',
  },
  {
    // Held with the string as the reason, resumed with the next one, and so on.
    name: 'transition (reason)',
    route: 'POST /api/engagements/:id/transitions',
    path: (_s, ids) => `${e(ids)}/transitions`,
    body: (s, ids) => ({ action: ids.status === 'on_hold' ? 'resume' : 'hold', reason: s, version: ids.version }),
    as: 'admin',
    at: 'requested',
    accepted: moved,
  },
  {
    name: 'team (role)',
    route: 'POST /api/engagements/:id/team',
    path: (_s, ids) => `${e(ids)}/team`,
    body: (s, ids) => ({ userId: ids.member, role: s }),
    as: 'admin',
    at: 'draft',
  },
  {
    name: 'team member id in the path',
    route: 'DELETE /api/engagements/:id/team/:userId',
    path: (s, ids) => `${e(ids)}/team/${enc(s)}`,
    as: 'admin',
    at: 'draft',
  },
  {
    name: 'proposal (approach)',
    route: 'PUT /api/engagements/:id/proposal',
    path: (_s, ids) => `${e(ids)}/proposal`,
    body: (s, ids) => ({ proposal: { ...proposal(), approach: s }, version: ids.proposalVersion }),
    as: 'manager',
    at: 'bidding',
    accepted: nextProposal,
  },
  {
    name: 'proposal (milestone key)',
    route: 'PUT /api/engagements/:id/proposal',
    path: (_s, ids) => `${e(ids)}/proposal`,
    body: (s, ids) => {
      const p = proposal();
      return { proposal: { ...p, milestones: p.milestones.map((m, i) => (i === 0 ? { ...m, key: s } : m)) }, version: ids.proposalVersion };
    },
    as: 'manager',
    at: 'bidding',
    accepted: nextProposal,
  },
  {
    name: 'proposal staffing (person id)',
    route: 'PUT /api/engagements/:id/proposal',
    path: (_s, ids) => `${e(ids)}/proposal`,
    body: (s, ids) => ({ proposal: proposal(), version: ids.proposalVersion, staffing: staffing({ userId: s }, ids) }),
    as: 'manager',
    at: 'bidding',
    accepted: nextProposal,
  },
  {
    name: 'proposal staffing (hours)',
    route: 'PUT /api/engagements/:id/proposal',
    path: (_s, ids) => `${e(ids)}/proposal`,
    body: (s, ids) => ({ proposal: proposal(), version: ids.proposalVersion, staffing: staffing({ minutes: s }, ids) }),
    as: 'manager',
    at: 'bidding',
    accepted: nextProposal,
  },
  {
    name: 'proposal staffing (week and role)',
    route: 'PUT /api/engagements/:id/proposal',
    path: (_s, ids) => `${e(ids)}/proposal`,
    body: (s, ids) => ({ proposal: proposal(), version: ids.proposalVersion, staffing: staffing({ week: s, role: s }, ids) }),
    as: 'manager',
    at: 'bidding',
    accepted: nextProposal,
  },
  {
    name: 'submit proposal (version)',
    route: 'POST /api/engagements/:id/proposal/submit',
    path: (_s, ids) => `${e(ids)}/proposal/submit`,
    body: (s) => ({ version: s }),
    as: 'manager',
    at: 'bidding',
  },
  {
    name: 'withdraw proposal (version)',
    route: 'POST /api/engagements/:id/proposal/withdraw',
    path: (_s, ids) => `${e(ids)}/proposal/withdraw`,
    body: (s) => ({ version: s }),
    as: 'manager',
    at: 'bidding',
  },
  {
    name: 'award (proposal id)',
    route: 'POST /api/engagements/:id/award',
    path: (_s, ids) => `${e(ids)}/award`,
    body: (s, ids) => ({ proposalId: s, version: ids.version }),
    as: 'admin',
    at: 'bidding',
  },
  {
    name: 'revise SOW (scope and a deliverable)',
    route: 'PUT /api/engagements/:id/sow',
    path: (_s, ids) => `${e(ids)}/sow`,
    body: (s, ids) => ({ content: { ...ids.sow, scope: s, deliverables: [s] }, baseVersion: ids.sowVersion }),
    as: 'manager',
    at: 'contracted',
    accepted: (_s, ids, reply) => {
      ids.sowVersion = (reply.body as SowView).current?.version ?? ids.sowVersion;
    },
  },
  {
    name: 'approve SOW (version)',
    route: 'POST /api/engagements/:id/sow/approve',
    path: (_s, ids) => `${e(ids)}/sow/approve`,
    body: (s) => ({ version: s }),
    as: 'admin',
    at: 'contracted',
  },
  {
    name: 'milestone progress (comment)',
    route: 'POST /api/engagements/:id/milestones/:milestoneId/progress',
    path: (_s, ids) => `${e(ids)}/milestones/${ids.milestone}/progress`,
    body: (s) => ({ action: 'start', comment: s }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'milestone id in the path',
    route: 'POST /api/engagements/:id/milestones/:milestoneId/decision',
    path: (s, ids) => `${e(ids)}/milestones/${enc(s)}/decision`,
    body: () => ({ action: 'accept' }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'status update (done, next, blockers, risks)',
    route: 'POST /api/engagements/:id/updates',
    path: (_s, ids) => `${e(ids)}/updates`,
    body: (s) => ({ progressPct: 10, rag: 'green', done: s, next: s, blockers: s, risks: s }),
    as: 'analyst',
    at: 'in_progress',
  },
  {
    name: 'question (title and body)',
    route: 'POST /api/engagements/:id/questions',
    path: (_s, ids) => `${e(ids)}/questions`,
    body: (s) => ({ title: s, body: s }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'answer (body)',
    route: 'POST /api/engagements/:id/questions/:questionId/answers',
    path: (_s, ids) => `${e(ids)}/questions/${ids.question}/answers`,
    body: (s) => ({ body: s }),
    as: 'manager',
    at: 'in_progress',
  },
  {
    name: 'question id in the path (close)',
    route: 'POST /api/engagements/:id/questions/:questionId/close',
    path: (s, ids) => `${e(ids)}/questions/${enc(s)}/close`,
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'change request (summary, reason and scope)',
    route: 'POST /api/engagements/:id/change-requests',
    path: (_s, ids) => `${e(ids)}/change-requests`,
    body: (s) => ({ summary: s, reason: s, changes: { scope: s } }),
    as: 'admin',
    at: 'in_progress',
  },
  {
    name: 'change decision',
    route: 'POST /api/engagements/:id/change-requests/:changeId/decision',
    path: (_s, ids) => `${e(ids)}/change-requests/${ids.change}/decision`,
    body: (s) => ({ decision: s, comment: s }),
    as: 'manager',
    at: 'in_progress',
  },
  {
    name: 'list filters',
    route: 'GET /api/engagements',
    path: (s) => `/api/engagements?q=${enc(s)}&status=${enc(s)}`,
    as: 'admin',
  },
];

describeEachDatabase('bad input: naughty strings into engagement endpoints', (backend) => {
  fuzzWriteEndpoints(useTestKit(backend), engagementCases, backend);
});
