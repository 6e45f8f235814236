import { expect, it } from 'vitest';
import { loadHistories, loadHistory } from '../core/engagements/context.js';
import type { EngagementView, ProposalView, ProviderScorecard, QuestionView } from '../shared/contracts/engagements.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, parties, proposal } from '../testing/engagements.js';
import type { TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

type World = Awaited<ReturnType<typeof parties>>;

/** An engagement of the world's client awarded to one provider (the other also invited), started unless told not to. */
async function awarded(w: World, manager: TestClient, opts: { start?: boolean } = {}) {
  const { as, orgs } = w;
  const e = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
  await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id, orgs.p2.id] });
  await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
  const draft = await manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, { proposal: proposal(), version: 0 });
  const bid = (await manager.post<ProposalView>(`/api/engagements/${e.id}/proposal/submit`, { version: draft.body.version })).body;
  let view = (await as.owner.get<EngagementView>(`/api/engagements/${e.id}`)).body;
  view = (await as.owner.post<EngagementView>(`/api/engagements/${e.id}/award`, { proposalId: bid.id, version: view.version })).body;
  expect(view.status).toBe('contracted');
  if (opts.start !== false) {
    await as.owner.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
    await manager.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
    expect((await manager.post(`/api/engagements/${e.id}/transitions`, { action: 'start', version: view.version })).status).toBe(200);
  }
  return e.id;
}

describeEachDatabase('provider scorecards', (backend) => {
  const kit = useTestKit(backend);

  it('count every awarded engagement of the client, each provider on its own card, with the answer times of its questions', async () => {
    const k = kit();
    const w = await parties(k);
    const { as, orgs } = w;
    const first = await awarded(w, as.p1Manager);
    await awarded(w, as.p1Manager, { start: false });
    await awarded(w, as.p2Manager);
    // Requested, never awarded: on no card.
    const open = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
    await as.owner.post(`/api/engagements/${open.id}/providers`, { providerOrgIds: [orgs.p1.id] });
    await as.owner.post(`/api/engagements/${open.id}/transitions`, { action: 'request', version: open.version });

    // The client asks p1 on the first engagement; p1 answers five hours later.
    expect((await as.owner.post(`/api/engagements/${first}/questions`, { title: 'Sources?', body: 'Which panels?' })).status).toBe(201);
    const [question] = (await as.owner.get<QuestionView[]>(`/api/engagements/${first}/questions`)).body;
    k.clock.advanceMinutes(300);
    expect((await as.p1Manager.post(`/api/engagements/${first}/questions/${question?.id}/answers`, { body: 'Two panels.' })).status).toBe(
      201,
    );

    const cards = (await as.owner.get<ProviderScorecard[]>('/api/providers/scorecards')).body;
    const p1 = cards.find((c) => c.provider.orgId === orgs.p1.id);
    const p2 = cards.find((c) => c.provider.orgId === orgs.p2.id);
    expect(cards).toHaveLength(2);
    expect(p1).toMatchObject({ engagements: 2, active: 2, medianAnswerHours: 5 });
    expect(p2).toMatchObject({ engagements: 1, active: 1, medianAnswerHours: null });

    // The provider's manager sees its own card only, with the same figures.
    const own = (await as.p1Manager.get<ProviderScorecard[]>('/api/providers/scorecards')).body;
    expect(own.map((c) => c.provider.orgId)).toEqual([orgs.p1.id]);
    expect(own[0]).toMatchObject({ engagements: 2, active: 2, medianAnswerHours: 5 });
    // The other provider sees its own record only; an analyst, none.
    const other = (await as.p2Manager.get<ProviderScorecard[]>('/api/providers/scorecards')).body;
    expect(other.map((c) => [c.provider.orgId, c.engagements])).toEqual([[orgs.p2.id, 1]]);
    expect((await as.p1Analyst.get('/api/providers/scorecards')).status).toBe(403);
  }, 90_000);

  it('walk the awarded engagements in id order a page at a time, and read their histories as one engagement at a time would', async () => {
    const k = kit();
    const w = await parties(k);
    const { as, orgs } = w;
    const ids = [await awarded(w, as.p1Manager), await awarded(w, as.p1Manager), await awarded(w, as.p1Manager, { start: false })];
    await as.p1Manager.post(`/api/engagements/${ids[0]}/updates`, {
      progressPct: 20,
      rag: 'amber',
      done: 'Desk research',
      next: 'Survey',
      blockers: '',
      risks: '',
    });
    await as.owner.post(`/api/engagements/${ids[1]}/questions`, { title: 'Q1', body: 'First' });
    k.clock.advanceMinutes(5);
    await as.owner.post(`/api/engagements/${ids[1]}/questions`, { title: 'Q2', body: 'Second' });

    const repo = k.rt.store.read.engagements;
    const seen: string[] = [];
    for (let after: string | null = null; ; ) {
      const page = await repo.awardedInScope({ clientOrgId: orgs.client.id }, ['contracted', 'in_progress'], after, 2);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      for (const p of page) expect(p.providerName).toBe(orgs.p1.name);
      seen.push(...page.map((p) => p.engagement.id));
      after = page.at(-1)?.engagement.id ?? null;
    }
    expect(seen).toEqual([...ids].sort());
    expect((await repo.awardedInScope({ providerOrgId: orgs.p2.id }, ['contracted', 'in_progress'], null, 10)).length).toBe(0);
    expect((await repo.awardedInScope({ providerOrgId: orgs.p1.id }, ['contracted'], null, 10)).map((p) => p.engagement.id)).toEqual([
      ids[2],
    ]);

    const records = await Promise.all(ids.map(async (id) => (await repo.get(id)) ?? expect.fail(id)));
    const together = await loadHistories(k.rt.store.read, records);
    const oneByOne = await Promise.all(records.map((e) => loadHistory(k.rt.store.read, e)));
    expect(together).toEqual(oneByOne);
    expect(together[1]?.questions.map((q) => q.title)).toEqual(['Q2', 'Q1']);
    expect(together[0]?.updates).toHaveLength(1);
  }, 90_000);
});
