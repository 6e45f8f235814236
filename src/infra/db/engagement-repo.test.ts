import { expect, it } from 'vitest';
import type { EngagementView, ProposalView } from '../../shared/contracts/engagements.js';
import { describeEachDatabase } from '../../testing/db.js';
import { brief, engagementInProgress, proposal } from '../../testing/engagements.js';
import { useTestKit } from '../../testing/runtime.js';
import { createRepos } from './repos.js';

const HOUR = 3_600_000;

describeEachDatabase('engagement repo: reads in one statement', (backend) => {
  const kit = useTestKit(backend);

  it('reads the five history lists, the conditions and the page’s parts in one statement each, with the values and order of the reads they replace', async () => {
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

    // A change request approved by the other side: SOW version 2.
    const cr = await as.p1Manager.post<{ id: string }[]>(`/api/engagements/${id}/change-requests`, {
      summary: 'Survey one week later',
      reason: 'The panel vendor is late.',
      changes: { milestones: [{ key: 'survey', dueDate: '2026-06-05' }] },
    });
    expect(cr.status).toBe(201);
    expect((await as.owner.post(`/api/engagements/${id}/change-requests/${cr.body[0]?.id}/decision`, { decision: 'approve' })).status).toBe(
      200,
    );

    const repo = createRepos(k.rt.database.db).engagements;
    const separately = {
      sowVersions: await repo.sowVersions(id),
      milestones: await repo.milestones(id),
      reviews: await repo.reviews(id),
      updates: await repo.updates(id),
      questions: await repo.questions(id),
    };
    expect(separately.sowVersions.map((v) => v.version)).toEqual([1, 2]);
    expect(separately.milestones.length).toBe(3);
    expect(separately.reviews.length).toBeGreaterThan(0);
    expect(separately.updates.map((u) => u.rag)).toEqual(['amber', 'green']);
    expect(separately.questions.map((q) => q.title)).toEqual(['Q1', 'Q0']);
    expect(await repo.history(id)).toEqual(separately);
    const locked = await k.rt.database.db.transaction().execute((tx) => createRepos(tx).engagements.withFacts(id, true, true));
    expect(locked?.history).toEqual(separately);
    expect(locked?.engagement).toEqual(await repo.get(id));
    expect((await repo.withFacts(id, false))?.history).toBeUndefined();

    // What the conditions read, and who the page names with them, each in one statement, against the reads they replace.
    const repos = createRepos(k.rt.database.db);
    const e = await repo.get(id);
    if (!e?.awardedProviderOrgId) throw new Error('The engagement is awarded.');
    const proposals = await repo.proposals(id);
    expect(proposals.length).toBe(1);
    const conditions = {
      proposalStatuses: proposals.map((p) => p.status),
      sowVersions: separately.sowVersions.map((v) => ({ clientApprovedAt: v.clientApprovedAt, providerApprovedAt: v.providerApprovedAt })),
      milestoneStatuses: separately.milestones.map((m) => m.status),
    };
    expect(await repo.conditionRows(id)).toEqual(conditions);
    expect((await repo.conditionRows(id)).milestoneStatuses).toEqual(['accepted', 'planned', 'planned']);
    const parties = await repo.viewParts(e);
    expect(parties).toEqual({
      clientName: (await repos.orgs.get(e.clientOrgId))?.name,
      provider: { id: e.awardedProviderOrgId, name: (await repos.orgs.get(e.awardedProviderOrgId))?.name },
      providers: await repo.providers(id),
      team: await repo.team(id),
      ownerName: (await repos.users.get(e.ownerUserId))?.displayName,
      conditions,
    });
    expect(parties.providers.length).toBe(2);
    expect(parties.team.map((t) => t.side).sort()).toEqual(['client', 'provider']);
    // Conditions while a proposal is submitted, then with a SOW only the client has approved.
    const b = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
    await as.owner.post(`/api/engagements/${b.id}/providers`, { providerOrgIds: [e.awardedProviderOrgId] });
    await as.owner.post(`/api/engagements/${b.id}/transitions`, { action: 'request', version: b.version });
    const draft = await as.p1Manager.put<ProposalView>(`/api/engagements/${b.id}/proposal`, { proposal: proposal(), version: 0 });
    const bid = (await as.p1Manager.post<ProposalView>(`/api/engagements/${b.id}/proposal/submit`, { version: draft.body.version })).body;
    expect(await repo.conditionRows(b.id)).toEqual({ proposalStatuses: ['submitted'], sowVersions: [], milestoneStatuses: [] });
    const bidding = (await as.owner.get<EngagementView>(`/api/engagements/${b.id}`)).body;
    expect((await as.owner.post(`/api/engagements/${b.id}/award`, { proposalId: bid.id, version: bidding.version })).status).toBe(200);
    expect((await as.owner.post(`/api/engagements/${b.id}/sow/approve`, { version: 1 })).status).toBe(200);
    const [half] = await repo.sowVersions(b.id);
    expect(half?.clientApprovedAt).not.toBeNull();
    expect(await repo.conditionRows(b.id)).toEqual({
      proposalStatuses: ['awarded'],
      sowVersions: [{ clientApprovedAt: half?.clientApprovedAt, providerApprovedAt: null }],
      // Milestones come with the SOW both sides approved.
      milestoneStatuses: [],
    });

    // The list joins the names and the viewer's own invitation to its page: the client has none on any row;
    // each provider its own (the winner's awarded, the other's not), with the names of both parties.
    const page = (orgId: string, orgKind: 'client' | 'provider') =>
      repo.list({ userId: e.ownerUserId, orgId, orgKind, seesAllOfOrg: true }, { limit: 50, offset: 0 }, k.clock.now());
    const clientRow = (await page(e.clientOrgId, 'client')).rows.find((r) => r.id === id);
    expect(clientRow).toMatchObject({
      invitation: null,
      clientName: (await repos.orgs.get(e.clientOrgId))?.name,
      providerName: (await repos.orgs.get(e.awardedProviderOrgId))?.name,
    });
    const invited = await repo.providers(id);
    for (const p of invited) {
      const row = (await page(p.providerOrgId, 'provider')).rows.find((r) => r.id === id);
      expect(row?.invitation?.status, p.orgName).toBe(p.status);
    }
    expect(invited.map((p) => p.status).sort()).toEqual(['awarded', 'not_awarded']);

    // The page of a record changed in memory names the provider it holds, not the one stored.
    expect((await repo.viewParts({ ...e, awardedProviderOrgId: null })).provider).toBeNull();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await k.rt.database.db.transaction().execute((tx) => createRepos(tx).engagements.withFacts(missing, true, true))).toBeNull();
    expect(await repo.history(missing)).toEqual({
      sowVersions: [],
      milestones: [],
      reviews: [],
      updates: [],
      questions: [],
    });
  });
});
