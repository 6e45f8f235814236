import { expect, it } from 'vitest';
import type { EngagementView, ProposalView } from '../shared/contracts/engagements.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, parties, proposal } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import type { TestKit } from '../testing/runtime.js';
import { useTestKit } from '../testing/runtime.js';

/** An engagement awarded to provider 1, its SOW approved by both, work started. */
async function workUnderWay(k: TestKit) {
  const p = await parties(k);
  const { orgs, as } = p;
  const e = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
  await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id] });
  await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
  const draft = await as.p1Manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, { proposal: proposal(), version: 0 });
  const bid = (await as.p1Manager.post<ProposalView>(`/api/engagements/${e.id}/proposal/submit`, { version: draft.body.version })).body;
  let view = (await as.owner.get<EngagementView>(`/api/engagements/${e.id}`)).body;
  view = (await as.owner.post<EngagementView>(`/api/engagements/${e.id}/award`, { proposalId: bid.id, version: view.version })).body;
  await as.owner.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
  await as.p1Manager.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
  expect((await as.p1Manager.post(`/api/engagements/${e.id}/transitions`, { action: 'start', version: view.version })).status).toBe(200);
  return { ...p, id: e.id };
}

const issuesOf = (reply: Parameters<typeof errorOf>[0]) =>
  (errorOf(reply).issues ?? []).map(({ path, code, params }) => ({ path: path.join('.'), code, ...(params && { params }) }));

describeEachDatabase('validation that says what is wrong', (backend) => {
  const kit = useTestKit(backend);

  it('refuses a brief with an over-long title and a negative budget, stating the limit, never cutting or flipping', async () => {
    const { as } = await parties(kit());
    const reply = await as.owner.post('/api/engagements', brief({ title: 'x'.repeat(201), budget: { amount: -500, currency: 'JPY' } }));
    expect(reply.status).toBe(400);
    expect(errorOf(reply).reason).toBe('validation');
    expect(issuesOf(reply)).toEqual([
      { path: 'title', code: 'too_big', params: { maximum: 200, origin: 'string' } },
      { path: 'budget.amount', code: 'too_small', params: { minimum: 0, origin: 'number' } },
    ]);
    // Nothing was saved, so nothing was cut or sign-flipped on the way.
    expect((await as.owner.get<{ total: number }>('/api/engagements')).body.total).toBe(0);
    // An empty title is required, not "too short".
    expect(issuesOf(await as.owner.post('/api/engagements', brief({ title: '' })))).toEqual([{ path: 'title', code: 'required' }]);
  });

  it('says an empty question title and an empty progress are required, not "too short" or "of the wrong type"', async () => {
    const { as, id } = await workUnderWay(kit());
    const asked = await as.p1Manager.post(`/api/engagements/${id}/questions`, { title: '', body: 'Which years?' });
    expect(asked.status).toBe(400);
    expect(issuesOf(asked)).toEqual([{ path: 'title', code: 'required' }]);

    const update = { rag: 'green', done: '', next: '', blockers: '', risks: '' };
    // The web sends an emptied number field as "" — or leaves it out.
    for (const progress of [{ progressPct: '' }, {}]) {
      const posted = await as.p1Manager.post(`/api/engagements/${id}/updates`, { ...update, ...progress });
      expect(posted.status).toBe(400);
      expect(issuesOf(posted)).toEqual([{ path: 'progressPct', code: 'required' }]);
    }
    const over = await as.p1Manager.post(`/api/engagements/${id}/updates`, { ...update, progressPct: 101, hoursSpent: -2 });
    expect(issuesOf(over)).toEqual([
      { path: 'progressPct', code: 'too_big', params: { maximum: 100, origin: 'number' } },
      { path: 'hoursSpent', code: 'too_small', params: { minimum: 0, origin: 'number' } },
    ]);
  });
});
