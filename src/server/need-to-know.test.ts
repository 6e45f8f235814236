import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOnlyFields } from '../core/access/engagement-rules.js';
import { actionEffects } from '../core/access/policy.js';
import type {
  ClosedBidView,
  EngagementList,
  EngagementView,
  FeeTerms,
  ProposalView,
  QuestionView,
  SowView,
} from '../shared/contracts/engagements.js';
import type { NotificationView } from '../shared/contracts/notifications.js';
import type { Role } from '../shared/roles.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, proposal } from '../testing/engagements.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { errorOf, type Reply, TestClient } from '../testing/http.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

const DAY = 86_400_000;
const timeAndMaterials: FeeTerms = {
  type: 'time_and_materials',
  rateCard: [{ role: 'Analyst', hourlyRate: { amount: 15_000, currency: 'JPY' }, estimatedHours: 100 }],
  cap: null,
};

/** A webhook receiver on this machine: what each organisation's integration heard. */
function receiver() {
  const calls: { path: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      calls.push({ path: req.url ?? '', body: JSON.parse(body || '{}') });
      res.writeHead(204).end();
    });
  });
  return {
    calls,
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A client, the provider that wins (W) and one that loses (L), and a delivery manager of both —
 * as in the demo, where manager@knowledge-bridge also belongs to アジア知財アナリティクス.
 */
async function world(k: TestKit) {
  const { rt, app } = k;
  const orgs = {
    C: await makeOrg(rt, 'client'),
    W: await makeOrg(rt, 'provider', 'Winner Research KK'),
    L: await makeOrg(rt, 'provider', 'Loser Analytics KK'),
  };
  const person = async (org: keyof typeof orgs, roles: Role[]) => {
    const user = await makeUser(rt, orgs[org].id, roles);
    const client = new TestClient(app.app, `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
    expect((await client.login(user.email)).status).toBe(200);
    return { ...user, as: client };
  };
  const p = {
    owner: await person('C', ['engagement_owner']),
    cAdmin: await person('C', ['client_admin']),
    finance: await person('C', ['finance']),
    auditor: await person('C', ['auditor']),
    wAdmin: await person('W', ['provider_admin']),
    wAnalyst: await person('W', ['analyst']),
    lAdmin: await person('L', ['provider_admin']),
    lManager: await person('L', ['delivery_manager']),
    dual: await person('W', ['delivery_manager']),
  };
  await rt.database.db
    .insertInto('memberships')
    .values({ user_id: p.dual.id, org_id: orgs.L.id, roles: ['delivery_manager'], created_at: rt.clock.now() })
    .execute();
  return { orgs, p };
}

type World = Awaited<ReturnType<typeof world>>;

const ok = async <T>(reply: Promise<Reply<T>>, what: string): Promise<T> => {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** An engagement awarded to W (L bid and lost), SOW approved, work started, W's team assigned. */
async function awardedEngagement(w: World, budget: number | null, codeName = 'BLUEBIRD') {
  const { orgs, p } = w;
  const e = await ok(
    p.owner.as.post<EngagementView>(
      '/api/engagements',
      brief({ title: 'Acquisition of Example KK', codeName, budget: budget === null ? null : { amount: budget, currency: 'JPY' } }),
    ),
    'create',
  );
  const id = e.id;
  const version = async () => (await ok(p.owner.as.get<EngagementView>(`/api/engagements/${id}`), 'read')).version;
  await ok(p.owner.as.post(`/api/engagements/${id}/providers`, { providerOrgIds: [orgs.W.id, orgs.L.id] }), 'invite');
  await ok(p.owner.as.post(`/api/engagements/${id}/transitions`, { action: 'request', version: await version() }), 'request');
  const plan = proposal(1_500_000, { fee: timeAndMaterials });
  const wDraft = await ok(p.wAdmin.as.put<ProposalView>(`/api/engagements/${id}/proposal`, { proposal: plan, version: 0 }), 'W proposes');
  const wBid = await ok(p.wAdmin.as.post<ProposalView>(`/api/engagements/${id}/proposal/submit`, { version: wDraft.version }), 'W submits');
  const lDraft = await ok(p.lManager.as.put<ProposalView>(`/api/engagements/${id}/proposal`, { proposal: plan, version: 0 }), 'L proposes');
  await ok(p.lManager.as.post(`/api/engagements/${id}/proposal/submit`, { version: lDraft.version }), 'L submits');
  await ok(p.owner.as.post(`/api/engagements/${id}/award`, { proposalId: wBid.id, version: await version() }), 'award');
  await ok(p.owner.as.post(`/api/engagements/${id}/sow/approve`, { version: 1 }), 'client approves');
  await ok(p.wAdmin.as.post(`/api/engagements/${id}/sow/approve`, { version: 1 }), 'W approves');
  await ok(p.wAdmin.as.post(`/api/engagements/${id}/team`, { userId: p.dual.id, role: 'lead' }), 'lead');
  await ok(p.wAdmin.as.post(`/api/engagements/${id}/team`, { userId: p.wAnalyst.id, role: 'analyst' }), 'analyst');
  await ok(p.wAdmin.as.post(`/api/engagements/${id}/transitions`, { action: 'start', version: await version() }), 'start');
  return id;
}

describeEachDatabase('need-to-know between client and providers', (backend) => {
  // Sessions outlast the weeks the clock is moved on.
  const kit = useTestKit(backend, { KPO_WEBHOOK_ALLOW_PRIVATE: 'true', KPO_SESSION_IDLE_MINUTES: '200000', KPO_SESSION_MAX_HOURS: '5000' });
  const hooks = receiver();
  beforeAll(() => hooks.start());
  afterAll(() => hooks.stop());

  it('webhooks and the bell follow the organisation an event concerns: a losing bidder hears only how its bid ended', async () => {
    const k = kit();
    const w = await world(k);
    const { orgs, p } = w;
    // Each provider's administrator wires every kind of event to its own integration.
    const everything = [
      'engagement.requested',
      'engagement.request_cancelled',
      'engagement.status_changed',
      'proposal.submitted',
      'proposal.awarded',
      'proposal.not_awarded',
      'sow.approval_needed',
      'sow.approved',
      'team.assigned',
      'milestone.submitted',
      'milestone.decided',
      'update.posted',
      'question.asked',
      'question.answered',
      'change_request.proposed',
      'change_request.decided',
      'reminder.update_due',
      'sla.breached',
      'sla.escalated',
    ];
    await ok(p.lAdmin.as.post(`/api/organizations/${orgs.L.id}/webhooks`, { url: hooks.url('/L'), kinds: everything }), 'L hook');
    await ok(p.wAdmin.as.post(`/api/organizations/${orgs.W.id}/webhooks`, { url: hooks.url('/W'), kinds: everything }), 'W hook');
    const id = await awardedEngagement(w, 1_500_000);

    // The client asks the provider's lead (the person in both organisations) and proposes a change;
    // the provider then misses its weekly update.
    await ok(
      p.owner.as.post(`/api/engagements/${id}/questions`, { title: 'Which segments are in scope?', body: 'Please confirm.' }),
      'ask',
    );
    await ok(
      p.owner.as.post(`/api/engagements/${id}/change-requests`, {
        summary: 'Add a second market',
        reason: 'The board asked.',
        changes: { scope: 'Japan and Korea.' },
      }),
      'change',
    );
    k.clock.advance(9 * DAY);
    await k.rt.services.engagements.oversight.checkSlas();
    await k.rt.notificationDelivery.run();

    const heard = (path: string) => hooks.calls.filter((c) => c.path === path).map((c) => c.body);
    const byL = heard('/L').filter((b) => b.engagementId === id);
    expect(byL.map((b) => b.type).sort()).toEqual(['engagement.requested', 'proposal.not_awarded']);
    expect(byL.every((b) => b.organizationId === orgs.L.id)).toBe(true);
    const lText = JSON.stringify(byL);
    for (const secret of ['Which segments', 'second market', 'Acquisition of Example', 'Winner Research'])
      expect(lText).not.toContain(secret);
    // The winner's integration hears the work, under the code name only.
    const byW = heard('/W').filter((b) => b.engagementId === id);
    expect(byW.map((b) => b.type)).toEqual(expect.arrayContaining(['question.asked', 'change_request.proposed', 'sla.breached']));
    expect(JSON.stringify(byW)).not.toContain('Acquisition of Example');
    expect(byW.every((b) => (b.data as { engagementName?: string }).engagementName === 'BLUEBIRD')).toBe(true);

    // The person in both organisations: signed in to L, the bell shows L's news only; in W, the work.
    const dual = p.dual.as;
    await ok(dual.put('/api/session/organization', { orgId: orgs.L.id }), 'switch to L');
    const inL = await ok(dual.get<{ items: NotificationView[] }>('/api/notifications'), 'bell in L');
    expect(
      inL.items
        .filter((n) => n.engagementId === id)
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['engagement.requested', 'proposal.not_awarded']);
    await ok(dual.put('/api/session/organization', { orgId: orgs.W.id }), 'switch to W');
    const inW = await ok(dual.get<{ items: NotificationView[] }>('/api/notifications'), 'bell in W');
    expect(inW.items.map((n) => n.kind)).toEqual(expect.arrayContaining(['question.asked', 'change_request.proposed']));
  });

  it('nothing derived from the client budget reaches a provider: two engagements that differ only in the budget look the same to it', async () => {
    const k = kit();
    const w = await world(k);
    const { orgs, p } = w;
    // Lockstep: every step on A is taken on B at the same moment.
    const a = await awardedEngagement(w, 1_480_000, 'SAME-NAME');
    const b = await awardedEngagement(w, 900_000_000, 'SAME-NAME');
    for (const [hours, progress] of [
      [30, 20],
      [30, 35],
      [30, 45],
      [30, 55],
    ] as const) {
      k.clock.advance(3 * DAY);
      for (const id of [a, b]) {
        const update = {
          progressPct: progress,
          rag: 'green',
          done: 'Desk research.',
          next: 'Survey.',
          blockers: '',
          risks: '',
          hoursSpent: hours,
        };
        await ok(p.dual.as.post(`/api/engagements/${id}/updates`, update), 'update');
      }
    }
    // The worlds do differ where the client looks: its forecast crosses its budget on A only.
    const clientRow = async (id: string) =>
      (await ok(p.owner.as.get<EngagementList>('/api/engagements?limit=200'), 'client list')).items.find((i) => i.id === id);
    expect((await clientRow(a))?.riskFlags).toContain('over_budget');
    expect((await clientRow(b))?.riskFlags).not.toContain('over_budget');

    // Everything each provider person can read of the two, with ids replaced by their order of appearance.
    const render = async (viewer: TestClient, id: string) => {
      const paths = ['', '/control', '/sow', '/milestones', '/updates', '/questions', '/change-requests', '/proposals', '/models'];
      const parts: unknown[] = [];
      for (const path of paths) parts.push((await viewer.get(`/api/engagements/${id}${path}`)).body);
      const list = await viewer.get<EngagementList>('/api/engagements?limit=200');
      parts.push(list.body.items.filter((i) => i.id === id));
      for (const flag of ['overdue_milestone', 'missed_update', 'overdue_answer', 'overdue_review', 'on_hold'])
        parts.push((await viewer.get<EngagementList>(`/api/engagements?risk=${flag}`)).body.items.some((i) => i.id === id));
      const bell = await viewer.get<{ items: NotificationView[] }>('/api/notifications?limit=200');
      // Told at the same instant, notifications have no order of their own: compare them as a set.
      const told = bell.body.items.filter((n) => n.engagementId === id).map(({ id: _, ...n }) => JSON.stringify(n));
      parts.push(told.sort());
      const text = JSON.stringify(parts);
      const ids = new Map<string, string>();
      return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => {
        if (!ids.has(u)) ids.set(u, `#${ids.size}`);
        return ids.get(u) ?? u;
      });
    };
    for (const viewer of [p.dual.as, p.wAdmin.as, p.wAnalyst.as]) {
      const [seenA, seenB] = [await render(viewer, a), await render(viewer, b)];
      const at = [...seenA].findIndex((ch, i) => ch !== seenB[i]);
      expect(at === -1 ? '' : `${seenA.slice(Math.max(0, at - 200), at + 80)}\n  vs\n${seenB.slice(Math.max(0, at - 200), at + 80)}`).toBe(
        '',
      );
      // And the budget itself, or the client-only fields, appear nowhere.
      expect(seenA).not.toContain('1480000');
      expect(seenA).not.toContain('over_budget');
      expect(seenA).not.toContain('Acquisition of Example');
    }
    // The filter is the client's alone: a provider is not offered it, and is told so, not answered with a clue.
    expect((await ok(p.wAdmin.as.get<EngagementList>('/api/engagements'), 'offered')).riskFilters).not.toContain('over_budget');
    expect((await ok(p.owner.as.get<EngagementList>('/api/engagements'), 'offered')).riskFilters).toContain('over_budget');
    const filtered = await p.wAdmin.as.get('/api/engagements?risk=over_budget');
    expect(filtered.status).toBe(400);
    expect(errorOf(filtered).issues?.[0]).toMatchObject({ path: ['risk', 0], code: 'client_only' });

    // What the list of client-only fields names is empty or absent in every provider view of the engagement.
    const view = await ok(p.dual.as.get<Record<string, unknown>>(`/api/engagements/${a}`), 'view');
    for (const field of clientOnlyFields.engagement) expect(view[field] ?? null, field).toBeNull();
    const control = await ok(p.dual.as.get<{ budget: Record<string, unknown> }>(`/api/engagements/${a}/control`), 'control');
    for (const field of clientOnlyFields.controlBudget) expect(control.budget[field] ?? null, field).toBeNull();
    expect(orgs.C.id).toBeTruthy();
  });

  it('after the award a losing bidder sees its own proposal and the outcome, nothing else — and nothing of what comes later', async () => {
    const k = kit();
    const w = await world(k);
    const { orgs, p } = w;
    const id = await awardedEngagement(w, 1_500_000);
    const loser = p.lManager.as;
    const page = await ok(loser.get<ClosedBidView>(`/api/engagements/${id}`), 'closed bid');
    expect(page).toEqual({
      id,
      type: 'market_research',
      displayName: 'BLUEBIRD',
      client: { orgId: orgs.C.id, name: orgs.C.name },
      standing: 'former_bidder',
      outcome: 'not_awarded',
      closedAt: expect.any(String),
      allowedActions: ['engagement.read', 'proposal.read'],
    });
    const own = await ok(loser.get<ProposalView[]>(`/api/engagements/${id}/proposals`), 'own proposal');
    expect(own.map((x) => [x.provider.orgId, x.status])).toEqual([[orgs.L.id, 'not_awarded']]);
    for (const part of ['/sow', '/milestones', '/updates', '/questions', '/change-requests', '/control', '/models'])
      expect((await loser.get(`/api/engagements/${id}${part}`)).status, part).toBe(403);

    const row = async () => (await ok(loser.get<EngagementList>('/api/engagements?limit=200'), 'list')).items.find((i) => i.id === id);
    const before = await row();
    expect(before).toMatchObject({ status: null, bidOutcome: 'not_awarded', provider: null, progressPct: null, rag: null, riskFlags: [] });
    // The winner works, the client holds the engagement: the losing bidder's row does not move.
    k.clock.advance(2 * DAY);
    await ok(
      p.dual.as.post(`/api/engagements/${id}/updates`, {
        progressPct: 30,
        rag: 'red',
        done: 'x',
        next: 'y',
        blockers: '',
        risks: '',
        hoursSpent: 10,
      }),
      'update',
    );
    const held = await ok(p.owner.as.get<EngagementView>(`/api/engagements/${id}`), 'read');
    await ok(
      p.owner.as.post(`/api/engagements/${id}/transitions`, { action: 'hold', reason: 'Budget review.', version: held.version }),
      'hold',
    );
    expect(await row()).toEqual(before);
    for (const filter of ['status=contracted', 'status=in_progress', 'status=on_hold', `providerOrgId=${orgs.W.id}`, 'risk=on_hold']) {
      const listed = await ok(loser.get<EngagementList>(`/api/engagements?${filter}`), filter);
      expect(
        listed.items.map((i) => i.id),
        filter,
      ).not.toContain(id);
    }
    const listed = await ok(loser.get<EngagementList>('/api/engagements?limit=200'), 'list');
    const everything = JSON.stringify([await loser.get(`/api/engagements/${id}`), listed.items]);
    expect(everything).not.toContain('Winner Research');
    expect(everything).not.toContain('on_hold');
  });

  it('a bidder never learns that a competitor has submitted, nor of its invitation', async () => {
    const k = kit();
    const { orgs, p } = await world(k);
    const e = await ok(p.owner.as.post<EngagementView>('/api/engagements', brief({ codeName: 'QUIET' })), 'create');
    await ok(p.owner.as.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.W.id] }), 'invite W');
    const draft = await ok(p.owner.as.get<EngagementView>(`/api/engagements/${e.id}`), 'read');
    expect(draft.version).toBe(e.version); // an invitation is not an edit of the engagement
    await ok(p.owner.as.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: draft.version }), 'request');
    const seen = async () => {
      const { version, updatedAt, status } = await ok(p.wAdmin.as.get<EngagementView>(`/api/engagements/${e.id}`), 'W reads');
      return { version, updatedAt, status };
    };
    const first = await seen();
    k.clock.advance(DAY);
    await ok(p.owner.as.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.L.id] }), 'invite L');
    const lDraft = await ok(
      p.lManager.as.put<ProposalView>(`/api/engagements/${e.id}/proposal`, { proposal: proposal(), version: 0 }),
      'L',
    );
    await ok(p.lManager.as.post(`/api/engagements/${e.id}/proposal/submit`, { version: lDraft.version }), 'L submits');
    expect(await seen()).toEqual({ ...first, status: 'requested' });
    expect((await ok(p.owner.as.get<EngagementView>(`/api/engagements/${e.id}`), 'client')).status).toBe('proposing');
    const listed = await ok(p.wAdmin.as.get<EngagementList>('/api/engagements?status=proposing'), 'W filters');
    expect(listed.items.map((i) => i.id)).not.toContain(e.id);
  });

  it('read-only client roles read and export, and never ask, answer or close a question', async () => {
    const k = kit();
    const w = await world(k);
    const { p } = w;
    const id = await awardedEngagement(w, 1_500_000);
    const asked = await ok(
      p.dual.as.post<QuestionView[]>(`/api/engagements/${id}/questions`, { title: 'Data access?', body: 'When can we have it?' }),
      'provider asks',
    );
    const question = asked[0]?.id ?? '';
    for (const observer of [p.finance, p.auditor]) {
      const view = await ok(observer.as.get<EngagementView>(`/api/engagements/${id}`), 'observer reads');
      expect(view.standing).toBe('client_observer');
      // Read-only: every action offered is a read (the policy's token scope of the action).
      expect(view.allowedActions.filter((a) => actionEffects[a] !== 'read')).toEqual([]);
      const questions = await ok(observer.as.get<QuestionView[]>(`/api/engagements/${id}/questions`), 'reads Q&A');
      expect(questions[0]?.allowedActions).toEqual([]);
      expect(errorOf(await observer.as.post(`/api/engagements/${id}/questions`, { title: 'Q', body: 'B' })).reason).toBe('missing_role');
      expect(errorOf(await observer.as.post(`/api/engagements/${id}/questions/${question}/answers`, { body: 'Yes.' })).reason).toBe(
        'missing_role',
      );
      expect(errorOf(await observer.as.post(`/api/engagements/${id}/questions/${question}/close`)).reason).toBe('missing_role');
    }
    // The provider's clock is still running: nobody who may not answer stopped it.
    const after = await ok(p.owner.as.get<QuestionView[]>(`/api/engagements/${id}/questions`), 'owner reads');
    expect(after[0]).toMatchObject({ status: 'open', answeredAt: null, messages: [] });
    // Assigning a read-only person to review is refused too.
    const refused = await p.owner.as.post(`/api/engagements/${id}/team`, { userId: p.finance.id, role: 'reviewer' });
    expect(errorOf(refused).issues?.[0]).toMatchObject({ path: ['userId'], code: 'missing_role' });
    const sow = await ok(p.finance.as.get<SowView>(`/api/engagements/${id}/sow`), 'finance reads the SOW');
    expect(sow.current?.version).toBe(1);
  });
});

describe('need-to-know: the list of client-only fields', () => {
  it('names the budget and what is derived from it', () => {
    expect(clientOnlyFields.engagement).toContain('budget');
    expect(clientOnlyFields.riskFlags).toContain('over_budget');
  });
});
