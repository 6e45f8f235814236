import { describeEachDatabase } from '../testing/db.js';
import { brief, proposal } from '../testing/engagements.js';
import { fuzzWriteEndpoints } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';

const enc = encodeURIComponent;
const e = (ids: { engagement: string }) => `/api/engagements/${ids.engagement}`;

// Engagements: the brief, bidding, the SOW, the work, and the list's filters.
describeEachDatabase('bad input: naughty strings into engagement endpoints', (backend) => {
  const kit = useTestKit(backend);
  fuzzWriteEndpoints(kit, [
    { name: 'brief (title)', method: 'POST', path: () => '/api/engagements', body: (s) => brief({ title: s }), as: 'admin' },
    { name: 'brief (code name)', method: 'POST', path: () => '/api/engagements', body: (s) => brief({ codeName: s }), as: 'admin' },
    { name: 'brief (type)', method: 'POST', path: () => '/api/engagements', body: (s) => ({ ...brief(), type: s }), as: 'admin' },
    { name: 'brief (date)', method: 'POST', path: () => '/api/engagements', body: (s) => ({ ...brief(), targetStart: s }), as: 'admin' },
    {
      name: 'brief (currency)',
      method: 'POST',
      path: () => '/api/engagements',
      body: (s) => ({ ...brief(), budget: { amount: 1, currency: s } }),
      as: 'admin',
    },
    { name: 'edit brief (scope)', method: 'PATCH', path: (_s, ids) => e(ids), body: (s) => ({ scope: s, version: 1 }), as: 'admin' },
    {
      name: 'engagement id in the path',
      method: 'PATCH',
      path: (s) => `/api/engagements/${enc(s)}`,
      body: () => ({ version: 1 }),
      as: 'admin',
    },
    {
      name: 'invite provider (id)',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/providers`,
      body: (s) => ({ providerOrgIds: [s] }),
      as: 'admin',
    },
    {
      name: 'transition (action)',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/transitions`,
      body: (s) => ({ action: s, version: 1 }),
      as: 'admin',
    },
    {
      name: 'transition (reason)',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/transitions`,
      body: (s) => ({ action: 'hold', reason: s, version: 1 }),
      as: 'admin',
    },
    {
      name: 'team (role)',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/team`,
      body: (s, ids) => ({ userId: ids.member, role: s }),
      as: 'admin',
    },
    {
      name: 'proposal (approach)',
      method: 'PUT',
      path: (_s, ids) => `${e(ids)}/proposal`,
      body: (s) => ({ proposal: { ...proposal(), approach: s }, version: 0 }),
      as: 'admin',
    },
    {
      name: 'proposal (milestone key)',
      method: 'PUT',
      path: (_s, ids) => `${e(ids)}/proposal`,
      body: (s) => {
        const p = proposal();
        return { proposal: { ...p, milestones: p.milestones.map((m, i) => (i === 0 ? { ...m, key: s } : m)) }, version: 0 };
      },
      as: 'admin',
    },
    {
      name: 'award (proposal id)',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/award`,
      body: (s) => ({ proposalId: s, version: 1 }),
      as: 'admin',
    },
    {
      name: 'milestone id in the path',
      method: 'POST',
      path: (s, ids) => `${e(ids)}/milestones/${enc(s)}/decision`,
      body: () => ({ action: 'accept' }),
      as: 'admin',
    },
    {
      name: 'question (title)',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/questions`,
      body: (s) => ({ title: s, body: s }),
      as: 'admin',
    },
    {
      name: 'answer (body)',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/questions/00000000-0000-4000-8000-000000000000/answers`,
      body: (s) => ({ body: s }),
      as: 'admin',
    },
    {
      name: 'change request (summary and scope)',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/change-requests`,
      body: (s) => ({ summary: s, reason: s, changes: { scope: s } }),
      as: 'admin',
    },
    {
      name: 'change decision',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/change-requests/00000000-0000-4000-8000-000000000000/decision`,
      body: (s) => ({ decision: s, comment: s }),
      as: 'admin',
    },
    {
      name: 'status update (done)',
      method: 'POST',
      path: (_s, ids) => `${e(ids)}/updates`,
      body: (s) => ({ progressPct: 10, rag: 'green', done: s, next: s, blockers: '', risks: '' }),
      as: 'admin',
    },
    { name: 'list filters', method: 'GET', path: (s) => `/api/engagements?q=${enc(s)}&status=${enc(s)}`, as: 'admin' },
    { name: 'mark notifications read', method: 'POST', path: () => '/api/notifications/read', body: (s) => ({ ids: [s] }), as: 'admin' },
  ]);
});
