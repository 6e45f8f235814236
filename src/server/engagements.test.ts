import { expect, it } from 'vitest';
import type {
  ChangeRequestView,
  ControlFigures,
  EngagementList,
  EngagementView,
  MilestoneView,
  ProposalView,
  QuestionView,
  SowView,
} from '../shared/contracts/engagements.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, parties, proposal } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const DAY = 86_400_000;

describeEachDatabase('engagements: from brief to acceptance, with control kept', (backend) => {
  // Sessions outlive the days the clock is moved forward here.
  const kit = useTestKit(backend, { KPO_SESSION_IDLE_MINUTES: '100000', KPO_SESSION_MAX_HOURS: '5000' });

  it('runs the whole lifecycle: brief, two proposals, award, SOW approval, work, Q&A, change request, delivery, acceptance', async () => {
    const k = kit();
    k.clock.advance(0);
    const { orgs, people, as } = await parties(k);

    // The client writes a brief and invites two providers.
    const created = await as.owner.post<EngagementView>('/api/engagements', brief({ codeName: 'Project Sakura' }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.status).toBe('draft');
    const invited = await as.owner.post<EngagementView>(`/api/engagements/${id}/providers`, { providerOrgIds: [orgs.p1.id, orgs.p2.id] });
    expect(invited.body.invitedProviders.map((p) => p.status)).toEqual(['invited', 'invited']);
    const requested = await as.owner.post<EngagementView>(`/api/engagements/${id}/transitions`, {
      action: 'request',
      version: invited.body.version,
    });
    expect(requested.body.status).toBe('requested');

    // Providers see only the code name, never the title or the budget, and not each other.
    const seen = await as.p1Manager.get<EngagementView>(`/api/engagements/${id}`);
    expect(seen.body).toMatchObject({ displayName: 'Project Sakura', title: null, budget: null, viewerSide: 'provider' });
    expect(seen.body.invitedProviders.map((p) => p.orgId)).toEqual([orgs.p1.id]);
    const list = await as.p1Manager.get<EngagementList>('/api/engagements?q=市場');
    expect(list.body.items).toEqual([]); // the title is not searchable by a provider
    expect((await as.p1Manager.get<EngagementList>('/api/engagements?q=sakura')).body.items.map((i) => i.displayName)).toEqual([
      'Project Sakura',
    ]);

    // Two proposals come in; the client compares them.
    for (const [client, amount] of [
      [as.p1Manager, 3_000_000],
      [as.p2Manager, 3_600_000],
    ] as const) {
      const saved = await client.put<ProposalView>(`/api/engagements/${id}/proposal`, { proposal: proposal(amount), version: 0 });
      expect(saved.status).toBe(200);
      expect((await client.post<ProposalView>(`/api/engagements/${id}/proposal/submit`, { version: saved.body.version })).body.status).toBe(
        'submitted',
      );
    }
    const compared = await as.owner.get<ProposalView[]>(`/api/engagements/${id}/proposals`);
    expect(compared.body.map((p) => p.feeEstimate.amount).sort()).toEqual([3_000_000, 3_600_000]);
    expect((await as.p2Manager.get<ProposalView[]>(`/api/engagements/${id}/proposals`)).body).toHaveLength(1); // own only

    // Award provider 1; provider 2 is told and loses sight of the work.
    const current = await as.owner.get<EngagementView>(`/api/engagements/${id}`);
    expect(current.body.status).toBe('proposing');
    const winner = compared.body.find((p) => p.provider.orgId === orgs.p1.id);
    const awarded = await as.owner.post<EngagementView>(`/api/engagements/${id}/award`, {
      proposalId: winner?.id,
      version: current.body.version,
    });
    expect(awarded.body).toMatchObject({ status: 'contracted', provider: { orgId: orgs.p1.id } });
    expect((await as.p2Manager.get(`/api/engagements/${id}/sow`)).status).toBe(403);

    // Both approve SOW v1 (a stale version is refused); work starts.
    const sow = await as.owner.get<SowView>(`/api/engagements/${id}/sow`);
    expect(sow.body.current).toMatchObject({ version: 1, reason: 'award', status: 'pending_approval' });
    expect(sow.body.current?.content.fee).toEqual({ type: 'fixed', amount: { amount: 3_000_000, currency: 'JPY' } });
    const early = await as.owner.post(`/api/engagements/${id}/transitions`, { action: 'start', version: awarded.body.version });
    expect(errorOf(early).reason).toBe('sow_not_approved');
    expect((await as.owner.post(`/api/engagements/${id}/sow/approve`, { version: 1 })).status).toBe(200);
    const approved = await as.p1Manager.post<SowView>(`/api/engagements/${id}/sow/approve`, { version: 1 });
    expect(approved.body.current?.status).toBe('approved');
    const started = await as.p1Manager.post<EngagementView>(`/api/engagements/${id}/transitions`, {
      action: 'start',
      version: awarded.body.version,
    });
    expect(started.body.status).toBe('in_progress');

    // The provider assigns an analyst, who can see and work on it; an unassigned analyst cannot.
    await as.p1Manager.post(`/api/engagements/${id}/team`, { userId: people.p1Analyst.id, role: 'analyst' });
    expect((await as.p1Analyst.get(`/api/engagements/${id}`)).status).toBe(200);
    expect((await as.p1Other.get(`/api/engagements/${id}`)).status).toBe(404);

    // An update, a question each way, an answer.
    k.clock.advance(2 * DAY);
    const posted = await as.p1Analyst.post(`/api/engagements/${id}/updates`, {
      progressPct: 20,
      rag: 'green',
      done: 'Desk research',
      next: 'Survey design',
      blockers: '',
      risks: '',
    });
    expect(posted.status).toBe(201);
    const asked = await as.p1Manager.post<QuestionView[]>(`/api/engagements/${id}/questions`, {
      title: 'Sales data?',
      body: 'Can we get 2025 sales?',
    });
    expect(asked.status).toBe(201);
    const question = asked.body[0];
    const answered = await as.owner.post<QuestionView[]>(`/api/engagements/${id}/questions/${question?.id}/answers`, {
      body: 'Sent by e-mail.',
    });
    expect(answered.body[0]).toMatchObject({ status: 'answered', askedBySide: 'provider' });

    // Milestones: submit, send back (a rework round), resubmit, accept.
    const milestones = (await as.owner.get<MilestoneView[]>(`/api/engagements/${id}/milestones`)).body;
    expect(milestones.map((m) => m.key)).toEqual(['desk', 'survey', 'report']);
    const desk = milestones[0]?.id;
    await as.p1Analyst.post(`/api/engagements/${id}/milestones/${desk}/progress`, { action: 'submit' });
    const noReason = await as.owner.post(`/api/engagements/${id}/milestones/${desk}/decision`, { action: 'send_back' });
    expect(noReason.status).toBe(400);
    await as.owner.post(`/api/engagements/${id}/milestones/${desk}/decision`, { action: 'send_back', comment: 'Add the 2025 figures.' });
    await as.p1Analyst.post(`/api/engagements/${id}/milestones/${desk}/progress`, { action: 'submit' });
    const accepted = await as.owner.post<MilestoneView[]>(`/api/engagements/${id}/milestones/${desk}/decision`, { action: 'accept' });
    expect(accepted.body[0]).toMatchObject({ status: 'accepted', reworkRounds: 1 });
    expect((await as.p1Analyst.post(`/api/engagements/${id}/milestones/${desk}/decision`, { action: 'accept' })).status).toBe(403);

    // A change request moves the survey by a week; the other side approves; SOW v2 comes out approved.
    const cr = await as.p1Manager.post<ChangeRequestView[]>(`/api/engagements/${id}/change-requests`, {
      summary: 'Survey one week later',
      reason: 'The panel vendor is late.',
      changes: { milestones: [{ key: 'survey', dueDate: '2026-06-05' }] },
    });
    expect(cr.status).toBe(201);
    const own = await as.p1Manager.post(`/api/engagements/${id}/change-requests/${cr.body[0]?.id}/decision`, { decision: 'approve' });
    expect(errorOf(own).reason).toBe('other_side');
    const decided = await as.owner.post<ChangeRequestView[]>(`/api/engagements/${id}/change-requests/${cr.body[0]?.id}/decision`, {
      decision: 'approve',
    });
    expect(decided.body[0]).toMatchObject({ status: 'approved', resultingSowVersion: 2 });
    const moved = (await as.owner.get<MilestoneView[]>(`/api/engagements/${id}/milestones`)).body[1];
    expect(moved).toMatchObject({ key: 'survey', baselineDueDate: '2026-05-29', dueDate: '2026-06-05' });

    // The rest is delivered and accepted; the engagement closes.
    for (const m of milestones.slice(1)) {
      await as.p1Analyst.post(`/api/engagements/${id}/milestones/${m.id}/progress`, { action: 'submit' });
    }
    let e = (await as.p1Manager.get<EngagementView>(`/api/engagements/${id}`)).body;
    e = (await as.p1Manager.post<EngagementView>(`/api/engagements/${id}/transitions`, { action: 'deliver', version: e.version })).body;
    expect(e.status).toBe('delivered');
    const tooEarly = await as.owner.post(`/api/engagements/${id}/transitions`, { action: 'accept', version: e.version });
    expect(errorOf(tooEarly).reason).toBe('milestones_not_accepted');
    for (const m of milestones.slice(1)) await as.owner.post(`/api/engagements/${id}/milestones/${m.id}/decision`, { action: 'accept' });
    e = (await as.owner.post<EngagementView>(`/api/engagements/${id}/transitions`, { action: 'accept', version: e.version })).body;
    e = (await as.owner.post<EngagementView>(`/api/engagements/${id}/transitions`, { action: 'close', version: e.version })).body;
    expect(e.status).toBe('closed');

    // Every step is in the audit log, for the client's and for the provider's auditors alike.
    const events = await k.rt.store.read.audit.query({ resourceType: 'engagement', limit: 500 });
    expect(events.every((ev) => ev.orgId === orgs.client.id)).toBe(true);
    const transitions = await k.rt.store.read.audit.query({ type: 'engagement.transitioned', orgId: orgs.p1.id, limit: 50 });
    // From the award on (the request went to every invited provider, before one was chosen).
    expect(transitions.map((t) => t.data.to).reverse()).toEqual(['in_progress', 'delivered', 'accepted', 'closed']);
    expect(JSON.stringify(await k.rt.store.read.audit.query({ orgId: orgs.p1.id, limit: 500 }))).not.toContain('新製品');
  });

  it('refuses illegal transitions, stale versions and bad input, listing every issue', async () => {
    const { orgs, as } = await parties(kit());
    const bad = await as.owner.post(
      '/api/engagements',
      brief({ targetStart: '2026-07-01', targetEnd: '2026-06-01', budget: { amount: -5, currency: 'JPY' } }),
    );
    expect(bad.status).toBe(400);
    expect(
      errorOf(bad)
        .issues?.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['budget.amount', 'targetEnd']);

    const e = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
    const illegal = await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'deliver', version: e.version });
    expect(errorOf(illegal)).toMatchObject({ code: 'forbidden' }); // the client never delivers
    const notYet = await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
    expect(errorOf(notYet)).toMatchObject({ code: 'invalid_state', reason: 'no_providers' });
    const unknown = await as.owner.post(`/api/engagements/${e.id}/providers`, {
      providerOrgIds: ['00000000-0000-4000-8000-000000000000', orgs.client.id],
    });
    expect(errorOf(unknown).issues?.map((i) => i.path.join('.'))).toEqual(['providerOrgIds.0', 'providerOrgIds.1']);

    // Two people edit the brief from the same version: the second is told, not lost.
    const first = await as.owner.patch<EngagementView>(`/api/engagements/${e.id}`, { title: 'First edit', version: e.version });
    expect(first.status).toBe(200);
    const second = await as.owner.patch(`/api/engagements/${e.id}`, { title: 'Second edit', version: e.version });
    expect(second.status).toBe(409);
    expect(errorOf(second).code).toBe('conflict');

    await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id] });
    // A draft is not the provider's to see; once the request is out, it proposes.
    expect(errorOf(await as.p1Manager.get(`/api/engagements/${e.id}`)).reason).toBe('engagement_not_found');
    const current = (await as.owner.get<EngagementView>(`/api/engagements/${e.id}`)).body;
    await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: current.version });
    const negative = await as.p1Manager.put(`/api/engagements/${e.id}/proposal`, {
      proposal: proposal(-1, {
        milestones: [
          { key: 'a', title: 'A', dueDate: '2026-05-10', weight: 50, deliverables: [] },
          { key: 'b', title: 'B', dueDate: '2026-05-01', weight: 40, deliverables: [] },
        ],
      }),
      version: 0,
    });
    expect(negative.status).toBe(400);
    expect(
      errorOf(negative)
        .issues?.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['proposal.fee.amount.amount', 'proposal.milestones', 'proposal.milestones.1.dueDate']);
  });

  it('the SOW: concurrent revisions conflict, and the fee changes only through an approved change request', async () => {
    const { orgs, as } = await parties(kit());
    const e = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
    await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id] });
    const requested = (
      await as.owner.post<EngagementView>(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version })
    ).body;
    const draft = await as.p1Manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, { proposal: proposal(), version: 0 });
    const p = (await as.p1Manager.post<ProposalView>(`/api/engagements/${e.id}/proposal/submit`, { version: draft.body.version })).body;
    const fresh = (await as.owner.get<EngagementView>(`/api/engagements/${e.id}`)).body;
    await as.owner.post(`/api/engagements/${e.id}/award`, { proposalId: p.id, version: fresh.version });
    expect(requested.status).toBe('requested');

    const sow = (await as.owner.get<SowView>(`/api/engagements/${e.id}/sow`)).body.current;
    if (!sow) throw new Error('no SOW');
    const revised = await as.owner.put<SowView>(`/api/engagements/${e.id}/sow`, {
      content: { ...sow.content, cadenceDays: 14 },
      baseVersion: 1,
    });
    expect(revised.body.current?.version).toBe(2);
    const lost = await as.p1Manager.put(`/api/engagements/${e.id}/sow`, { content: { ...sow.content, cadenceDays: 5 }, baseVersion: 1 });
    expect(lost.status).toBe(409);
    const fee = await as.p1Manager.put(`/api/engagements/${e.id}/sow`, {
      content: { ...sow.content, fee: { type: 'fixed', amount: { amount: 9_000_000, currency: 'JPY' } } },
      baseVersion: 2,
    });
    expect(errorOf(fee).reason).toBe('fee_locked');
  });

  it('a missed status update is a breach on the control panel and the SLA job tells the owner once', async () => {
    const k = kit();
    const { orgs, people, as } = await parties(k);
    const e = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
    await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id] });
    await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
    const draft = await as.p1Manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, { proposal: proposal(), version: 0 });
    const p = (await as.p1Manager.post<ProposalView>(`/api/engagements/${e.id}/proposal/submit`, { version: draft.body.version })).body;
    let view = (await as.owner.get<EngagementView>(`/api/engagements/${e.id}`)).body;
    view = (await as.owner.post<EngagementView>(`/api/engagements/${e.id}/award`, { proposalId: p.id, version: view.version })).body;
    await as.owner.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
    await as.p1Manager.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
    await as.p1Manager.post(`/api/engagements/${e.id}/transitions`, { action: 'start', version: view.version });

    let control = (await as.owner.get<ControlFigures>(`/api/engagements/${e.id}/control`)).body;
    expect(control.sla.counts.update).toBe(0);
    k.clock.advance(8 * DAY); // the 7-day cadence passes without an update
    control = (await as.owner.get<ControlFigures>(`/api/engagements/${e.id}/control`)).body;
    expect(control.sla.counts.update).toBe(1);
    expect(control.sla.breaches[0]).toMatchObject({ kind: 'update', side: 'provider', resolvedAt: null });
    const listed = await as.owner.get<EngagementList>('/api/engagements?risk=missed_update');
    expect(listed.body.items.map((i) => i.id)).toEqual([e.id]);
    expect(listed.body.items[0]?.riskFlags).toContain('missed_update');

    const first = await k.rt.services.engagements.oversight.checkSlas();
    expect(first.breaches).toBe(1);
    const second = await k.rt.services.engagements.oversight.checkSlas();
    expect(second.breaches).toBe(0); // once only
    expect(second.engagements).toBe(0); // and nothing to look at until the next deadline or change
    const bell = await k.rt.store.read.notifications.listForUser(people.owner.id, orgs.client.id, 20);
    expect(bell.filter((n) => n.kind === 'sla.breached')).toHaveLength(1);
    expect((await as.p1Manager.get<ControlFigures>(`/api/engagements/${e.id}/control`)).body.budget?.budget).toBeNull(); // never the client's budget
  });
});
