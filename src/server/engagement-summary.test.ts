import { expect, it, vi } from 'vitest';
import { loadHistory } from '../core/engagements/context.js';
import { derivedState, engagementSummary } from '../core/engagements/control.js';
import { PROVIDER_ANSWER_STATS_MAX_AGE_MS } from '../core/engagements/oversight.js';
import type {
  ChangeRequestView,
  ClosedBidView,
  ControlFigures,
  EngagementList,
  EngagementView,
  MilestoneView,
  ProposalView,
  QuestionView,
} from '../shared/contracts/engagements.js';
import { engagementViewSchema } from '../shared/contracts/engagements.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, engagementInProgress, proposal } from '../testing/engagements.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

describeEachDatabase('the engagement page in one request: its summary from the state kept on change', (backend) => {
  const kit = useTestKit(backend, { KPO_SESSION_IDLE_MINUTES: '100000', KPO_SESSION_MAX_HOURS: '5000' });

  /**
   * The derived state stored on the engagement equals a recomputation over its whole history, and
   * the view's summary is that state read at the server's time — for the client, and for the
   * provider without the budget's flag.
   */
  async function expectKept(k: TestKit, w: Awaited<ReturnType<typeof engagementInProgress>>, when: string) {
    const e = await k.rt.store.read.engagements.get(w.id);
    if (!e) throw new Error('engagement gone');
    const recomputed = derivedState(await loadHistory(k.rt.store.read, e));
    expect(e.derived, `stored derived state after ${when}`).toEqual(recomputed);
    const now = k.clock.now();
    const client = (await w.as.owner.get<EngagementView>(`/api/engagements/${w.id}`)).body;
    expect(engagementViewSchema.safeParse(client).success, when).toBe(true);
    expect(client.summary, `client summary after ${when}`).toEqual(engagementSummary(e.status, recomputed, now, 'client'));
    const provider = (await w.as.p1Manager.get<EngagementView>(`/api/engagements/${w.id}`)).body;
    expect(provider.summary, `provider summary after ${when}`).toEqual(engagementSummary(e.status, recomputed, now, 'provider'));
    expect(provider.summary?.riskFlags).not.toContain('over_budget');
    // The list shows the same figures as the page.
    const item = (await w.as.owner.get<EngagementList>('/api/engagements?limit=50')).body.items.find((i) => i.id === w.id);
    expect(item, when).toMatchObject({
      progressPct: client.summary?.progressPct,
      rag: client.summary?.rag,
      nextMilestoneDue: client.summary?.nextMilestoneDue,
      riskFlags: client.summary?.riskFlags,
    });
    return client.summary;
  }

  it('keeps progress, RAG, deadlines and flags through each kind of change, and a deadline passing needs no write', async () => {
    const k = kit();
    k.clock.advance(0);
    // A budget below the fee: the client sees over_budget, the provider never.
    const w = await engagementInProgress(k, { budget: { amount: 1_000_000, currency: 'JPY' } });
    const { as, id } = w;
    const start = await expectKept(k, w, 'the start of work');
    expect(start?.riskFlags).toEqual(['over_budget']);
    expect(start?.nextUpdateDueAt).not.toBeNull();

    // A status update.
    k.clock.advance(2 * DAY);
    const update = { progressPct: 25, rag: 'amber', done: 'Desk research', next: 'Survey', blockers: '', risks: '' };
    expect((await as.p1Analyst.post(`/api/engagements/${id}/updates`, update)).status).toBe(201);
    expect(await expectKept(k, w, 'a status update')).toMatchObject({ progressPct: 25, rag: 'amber' });

    // A question, then its answer.
    const asked = await as.p1Manager.post<QuestionView[]>(`/api/engagements/${id}/questions`, { title: 'Data?', body: 'Sales 2025?' });
    expect(asked.status).toBe(201);
    const open = await expectKept(k, w, 'a question');
    expect(open?.nextAnswerDueAt).not.toBeNull();
    // The answer deadline passes: the flag is raised at reading time, from the stored deadline.
    k.clock.advance(5 * DAY);
    const late = await expectKept(k, w, 'the answer deadline passing');
    expect(late?.riskFlags).toContain('overdue_answer');
    const q = asked.body[0];
    await as.owner.post(`/api/engagements/${id}/questions/${q?.id}/answers`, { body: 'Sent by e-mail.' });
    const answered = await expectKept(k, w, 'the answer');
    expect(answered?.nextAnswerDueAt).toBeNull();
    expect(answered?.riskFlags).not.toContain('overdue_answer');

    // A milestone submitted (a review falls due), then accepted (the next milestone moves on).
    const milestones = (await as.owner.get<MilestoneView[]>(`/api/engagements/${id}/milestones`)).body;
    const first = milestones[0];
    await as.p1Analyst.post(`/api/engagements/${id}/milestones/${first?.id}/progress`, { action: 'submit' });
    expect((await expectKept(k, w, 'a milestone submitted'))?.nextReviewDueAt).not.toBeNull();
    await as.owner.post(`/api/engagements/${id}/milestones/${first?.id}/decision`, { action: 'accept' });
    const accepted = await expectKept(k, w, 'a milestone accepted');
    expect(accepted?.nextReviewDueAt).toBeNull();
    expect(accepted?.nextMilestoneDue).toBe(milestones[1]?.dueDate);

    // A change request moves the next milestone.
    const cr = await as.p1Manager.post<ChangeRequestView[]>(`/api/engagements/${id}/change-requests`, {
      summary: 'Survey one week later',
      reason: 'The panel vendor is late.',
      changes: { milestones: [{ key: milestones[1]?.key ?? '', dueDate: '2026-06-05' }] },
    });
    expect(cr.status).toBe(201);
    await as.owner.post(`/api/engagements/${id}/change-requests/${cr.body[0]?.id}/decision`, { decision: 'approve' });
    expect((await expectKept(k, w, 'a change request approved'))?.nextMilestoneDue).toBe('2026-06-05');

    // The update cadence passes with no update: missed, as of the server's time.
    k.clock.advance(10 * DAY);
    expect((await expectKept(k, w, 'the update cadence passing'))?.riskFlags).toContain('missed_update');

    // A change answered with the engagement view carries the summary as it is after the change.
    const view = (await as.owner.get<EngagementView>(`/api/engagements/${id}`)).body;
    const held = await as.owner.post<EngagementView>(`/api/engagements/${id}/transitions`, {
      action: 'hold',
      reason: 'Budget review.',
      version: view.version,
    });
    expect(held.status).toBe(200);
    expect(held.body.summary?.riskFlags).toContain('on_hold');
    expect(held.body.summary?.riskFlags).not.toContain('missed_update'); // only while under way
  });

  it('gives the summary only to whoever may read the control figures, the same decision as GET …/control', async () => {
    const k = kit();
    const w = await engagementInProgress(k, { budget: { amount: 1_000_000, currency: 'JPY' } });
    const { as, id, orgs } = w;

    // Parties on both sides get it, and so may read the control figures.
    for (const who of ['owner', 'finance', 'p1Manager', 'p1Analyst'] as const) {
      const seen = (await as[who].get<EngagementView>(`/api/engagements/${id}`)).body;
      expect(seen.summary, who).not.toBeNull();
      expect((await as[who].get(`/api/engagements/${id}/control`)).status, who).toBe(200);
    }
    // Someone of the provider not on the engagement sees neither.
    expect((await as.p1Other.get(`/api/engagements/${id}`)).status).toBe(404);
    expect((await as.p1Other.get(`/api/engagements/${id}/control`)).status).toBe(404);
    // The losing bidder gets how its bid ended, with nothing of the work.
    const closed = (await as.p2Manager.get<ClosedBidView>(`/api/engagements/${id}`)).body;
    expect(closed.standing).toBe('former_bidder');
    expect(JSON.stringify(closed)).not.toContain('summary');
    expect((await as.p2Manager.get(`/api/engagements/${id}/control`)).status).not.toBe(200);

    // A bidder on an open request reads the engagement but not its control figures: no summary.
    const open = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
    await as.owner.post(`/api/engagements/${open.id}/providers`, { providerOrgIds: [orgs.p2.id] });
    await as.owner.post(`/api/engagements/${open.id}/transitions`, { action: 'request', version: open.version });
    await as.p2Manager.put<ProposalView>(`/api/engagements/${open.id}/proposal`, { proposal: proposal(), version: 0 });
    const bidder = await as.p2Manager.get<EngagementView>(`/api/engagements/${open.id}`);
    expect(bidder.status).toBe(200);
    expect(bidder.body.standing).toBe('bidder');
    expect(bidder.body.summary).toBeNull();
    expect((await as.p2Manager.get(`/api/engagements/${open.id}/control`)).status).toBe(403);
    // The client's lead on the same open request gets it (empty until work starts).
    expect((await as.owner.get<EngagementView>(`/api/engagements/${open.id}`)).body.summary).toMatchObject({
      riskFlags: [],
      progressPct: null,
    });
  });

  it('reads the engagement once for a GET of its page: the route guard’s read is the service’s, decided again', async () => {
    const k = kit();
    const w = await engagementInProgress(k);
    const repo = k.rt.store.read.engagements;
    const withFacts = vi.spyOn(repo, 'withFacts');
    const facts = vi.spyOn(repo, 'facts');
    try {
      for (const part of ['', '/milestones', '/updates', '/questions', '/control', '/change-requests']) {
        withFacts.mockClear();
        facts.mockClear();
        const res = await w.as.p1Manager.get(`/api/engagements/${w.id}${part}`);
        expect(res.status, part).toBe(200);
        expect([withFacts.mock.calls.length, facts.mock.calls.length], part).toEqual([1, 0]);
      }
      // A change reads the engagement again in its own transaction, under the row lock (not through the
      // read store spied on here); its guard reads only the policy's facts.
      withFacts.mockClear();
      facts.mockClear();
      const update = { progressPct: 30, rag: 'green', done: 'Interviews.', next: 'Draft.', blockers: '', risks: '' };
      expect((await w.as.p1Analyst.post(`/api/engagements/${w.id}/updates`, update)).status).toBe(201);
      expect(facts.mock.calls.length).toBe(1);
      expect(withFacts.mock.calls.length).toBe(0);
    } finally {
      withFacts.mockRestore();
      facts.mockRestore();
    }
  });

  it('keeps the provider’s median answer time across its engagements for a quarter-hour, then computes it again', async () => {
    const k = kit();
    const w = await engagementInProgress(k);
    const { as, id } = w;
    const ownAverage = async () =>
      (await as.owner.get<ControlFigures>(`/api/engagements/${id}/control`)).body.responsiveness?.ownAverageHours ?? null;
    const ask = async (title: string) =>
      (await as.owner.post<QuestionView[]>(`/api/engagements/${id}/questions`, { title, body: '?' })).body;
    const answer = async (questionId: string | undefined) =>
      expect((await as.p1Analyst.post(`/api/engagements/${id}/questions/${questionId}/answers`, { body: 'Here.' })).status).toBe(201);

    // Three questions; the first answered after 2 hours: the median is 2.
    const [first] = await ask('First');
    const [second] = await ask('Second');
    const [third] = await ask('Third');
    k.clock.advance(2 * HOUR);
    await answer(first?.id);
    expect(await ownAverage()).toBe(2);
    // The other two answered 5 minutes later: the median is now 2.083 hours (2.1), but the kept value stands…
    k.clock.advance(5 * MINUTE);
    await answer(second?.id);
    await answer(third?.id);
    expect(await k.rt.store.read.engagements.providerMedianAnswerHours(w.orgs.p1.id)).toBeCloseTo(2 + 5 / 60, 6);
    expect(await ownAverage()).toBe(2);
    // …until it is a quarter-hour old.
    k.clock.advance(PROVIDER_ANSWER_STATS_MAX_AGE_MS - 5 * MINUTE - 1);
    expect(await ownAverage()).toBe(2);
    k.clock.advance(1);
    expect(await ownAverage()).toBe(2.1);
    // A view that computed earlier and writes later never replaces the newer value.
    const repo = k.rt.store.read.engagements;
    const newer = await repo.providerAnswerStats(w.orgs.p1.id);
    await repo.saveProviderAnswerStats(w.orgs.p1.id, 99, new Date(k.clock.now().getTime() - MINUTE).toISOString());
    expect(await repo.providerAnswerStats(w.orgs.p1.id)).toEqual(newer);
  });
});
