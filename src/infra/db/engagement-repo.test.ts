import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/db.js';
import { engagementInProgress } from '../../testing/engagements.js';
import { useTestKit } from '../../testing/runtime.js';
import { createRepos } from './repos.js';

const HOUR = 3_600_000;

describeEachDatabase('engagement repo: reads in one statement', (backend) => {
  const kit = useTestKit(backend);

  it('reads the five history lists, the conditions and the page’s parties in one statement each, with the values and order of the reads they replace', async () => {
    const k = kit();
    const { id, as } = await engagementInProgress(k);
    for (const [i, rag] of (['green', 'amber'] as const).entries()) {
      k.clock.advance(HOUR);
      const posted = await as.p1Analyst.post(`/api/engagements/${id}/updates`, {
        progressPct: 10 + i * 15,
        rag,
        done: `Step ${i}`,
        next: 'Next',
        blockers: '',
        risks: '',
        hoursSpent: 2.5,
      });
      expect(posted.status).toBe(201);
      k.clock.advance(HOUR);
      expect((await as.owner.post(`/api/engagements/${id}/questions`, { title: `Q${i}`, body: '売上データは？' })).status).toBe(201);
    }
    const [milestone] = (await as.p1Analyst.get<{ id: string }[]>(`/api/engagements/${id}/milestones`)).body;
    expect((await as.p1Analyst.post(`/api/engagements/${id}/milestones/${milestone?.id}/progress`, { action: 'submit' })).status).toBe(200);
    k.clock.advance(HOUR);
    expect((await as.owner.post(`/api/engagements/${id}/milestones/${milestone?.id}/decision`, { action: 'accept' })).status).toBe(200);

    const repo = createRepos(k.rt.database.db).engagements;
    const separately = {
      sowVersions: await repo.sowVersions(id),
      milestones: await repo.milestones(id),
      reviews: await repo.reviews(id),
      updates: await repo.updates(id),
      questions: await repo.questions(id),
    };
    expect(separately.sowVersions.length).toBeGreaterThan(0);
    expect(separately.milestones.length).toBe(3);
    expect(separately.reviews.length).toBeGreaterThan(0);
    expect(separately.updates.map((u) => u.rag)).toEqual(['amber', 'green']);
    expect(separately.questions.map((q) => q.title)).toEqual(['Q1', 'Q0']);
    expect(await repo.history(id)).toEqual(separately);
    const locked = await k.rt.database.db.transaction().execute((tx) => createRepos(tx).engagements.withFacts(id, true, true));
    expect(locked?.history).toEqual(separately);
    expect(locked?.engagement).toEqual(await repo.get(id));
    expect((await repo.withFacts(id, false))?.history).toBeUndefined();

    // What the conditions read and who the page names, each in one statement, against the reads they replace.
    const repos = createRepos(k.rt.database.db);
    const e = await repo.get(id);
    if (!e?.awardedProviderOrgId) throw new Error('The engagement is awarded.');
    const proposals = await repo.proposals(id);
    expect(proposals.length).toBe(1);
    expect(await repo.conditionRows(id)).toEqual({
      submittedProposals: proposals.filter((p) => p.status === 'submitted').length,
      sowApprovals: separately.sowVersions.map((v) => ({ clientApproved: !!v.clientApprovedAt, providerApproved: !!v.providerApprovedAt })),
      milestoneStatuses: separately.milestones.map((m) => m.status),
    });
    expect((await repo.conditionRows(id)).milestoneStatuses).toEqual(['accepted', 'planned', 'planned']);
    const parties = await repo.parties(e);
    expect(parties).toEqual({
      clientName: (await repos.orgs.get(e.clientOrgId))?.name,
      provider: { id: e.awardedProviderOrgId, name: (await repos.orgs.get(e.awardedProviderOrgId))?.name },
      providers: await repo.providers(id),
      team: await repo.team(id),
      ownerName: (await repos.users.get(e.ownerUserId))?.displayName,
    });
    expect(parties.providers.length).toBe(2);
    expect(parties.team.map((t) => t.side).sort()).toEqual(['client', 'provider']);
    // The page of a record changed in memory names the provider it holds, not the one stored.
    expect((await repo.parties({ ...e, awardedProviderOrgId: null })).provider).toBeNull();
    expect(await repo.history('00000000-0000-4000-8000-000000000000')).toEqual({
      sowVersions: [],
      milestones: [],
      reviews: [],
      updates: [],
      questions: [],
    });
  });
});
