import { expect, it } from 'vitest';
import type { CapacityBoardView } from '../shared/contracts/capacity.js';
import type { EngagementList, EngagementView, ProposalView } from '../shared/contracts/engagements.js';
import type { NotificationView } from '../shared/contracts/notifications.js';
import type { ProviderProposalView } from '../shared/contracts/staffing.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, parties, proposal } from '../testing/engagements.js';
import { errorOf, type Reply, type TestClient } from '../testing/http.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

/**
 * A proposal's internal staffing plan (issue #14; decision 0011, addendum "Staffing plans and the
 * award"). The test clock's today is Wednesday 2026-04-01; the brief runs to 2026-06-30.
 */

const H = 60;
const issueCodes = (r: Reply) => (errorOf(r).issues ?? []).map((i) => i.code);
/** Every Monday from 2026-04-06 to 2026-06-29. */
const mondays = Array.from({ length: 13 }, (_, i) => new Date(Date.UTC(2026, 3, 6 + 7 * i)).toISOString().slice(0, 10));
const weekly = (hours: number) => mondays.map((week) => ({ week, minutes: hours * H }));

type World = Awaited<ReturnType<typeof parties>>;

/** A requested engagement both providers bid on; p2's bid carries a plan of its own (its manager). */
async function bidding(w: World, title = brief().title) {
  const { as, orgs, people } = w;
  const e = (await as.owner.post<EngagementView>('/api/engagements', brief({ title }))).body;
  await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id, orgs.p2.id] });
  await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
  const path = `/api/engagements/${e.id}`;
  const p2 = await as.p2Manager.put<ProviderProposalView>(`${path}/proposal`, {
    proposal: proposal(4_000_000),
    version: 0,
    staffing: [{ userId: people.p2Manager.id, role: 'lead', weeks: weekly(10) }],
  });
  expect(p2.status, JSON.stringify(p2.body)).toBe(200);
  await as.p2Manager.post(`${path}/proposal/submit`, { version: p2.body.version });
  return { id: e.id, path, p2ProposalId: p2.body.id };
}

/** p1 bids (with the staffing plan given, or none) and the client awards it; the award's reply is the client's. */
async function bidAndAward(w: World, staffing: unknown[] | undefined, title?: string) {
  const { as } = w;
  const e = await bidding(w, title);
  const saved = await as.p1Manager.put<ProviderProposalView>(`${e.path}/proposal`, {
    proposal: proposal(),
    version: 0,
    ...(staffing ? { staffing } : {}),
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const bid = await as.p1Manager.post<ProviderProposalView>(`${e.path}/proposal/submit`, { version: saved.body.version });
  const version = (await as.owner.get<EngagementView>(e.path)).body.version;
  const award = await as.owner.post<EngagementView>(`${e.path}/award`, { proposalId: bid.body.id, version });
  expect(award.status, JSON.stringify(award.body)).toBe(200);
  return { ...e, proposalId: bid.body.id, award: award.body };
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Ids replaced by their order of appearance, so two engagements built in lockstep compare. */
function normalised(value: unknown): string {
  const ids = new Map<string, string>();
  return JSON.stringify(value).replace(uuidPattern, (u) => {
    if (!ids.has(u)) ids.set(u, `#${ids.size}`);
    return ids.get(u) ?? u;
  });
}

const byProvider = (proposals: ProposalView[]) => [...proposals].sort((x, y) => x.provider.orgId.localeCompare(y.provider.orgId));

/** Everything the client's people can read of one engagement: its views, the bell, and its organisation's audit events. */
async function clientSees(k: TestKit, w: World, e: { id: string; path: string; award: EngagementView }) {
  const { as, orgs } = w;
  const parts: unknown[] = [e.award];
  for (const sub of ['', '/proposals', '/sow', '/milestones', '/control']) {
    const body = (await as.owner.get(`${e.path}${sub}`)).body;
    // Two bids made at the same test-clock instant list in id order, which differs between the two engagements compared.
    parts.push(sub === '/proposals' ? byProvider(body as ProposalView[]) : body);
  }
  parts.push((await as.owner.get<EngagementList>('/api/engagements?limit=200')).body.items.filter((i) => i.id === e.id));
  for (const viewer of [as.owner, as.finance]) {
    const bell = await viewer.get<{ items: NotificationView[] }>('/api/notifications?limit=200');
    parts.push(
      bell.body.items
        .filter((n) => n.engagementId === e.id)
        .map(({ id: _, ...n }) => JSON.stringify(n))
        .sort(),
    );
  }
  const proposals = (await as.owner.get<ProposalView[]>(`${e.path}/proposals`)).body.map((p) => p.id);
  const events = await k.rt.database.db
    .selectFrom('audit_events')
    .select(['type', 'actor_label', 'resource_type', 'resource_id', 'data', 'occurred_at'])
    .where((eb) => eb.or([eb('org_id', '=', orgs.client.id), eb('party_org_id', '=', orgs.client.id)]))
    .where('resource_id', 'in', [e.id, ...proposals])
    .execute();
  parts.push(
    events
      .map(({ occurred_at, ...ev }) => `${new Date(occurred_at).toISOString()} ${normalised(ev)}`)
      .map((line) => line.replace(e.id, 'E'))
      .sort(),
  );
  return parts;
}

describeEachDatabase('a proposal’s internal staffing plan', (backend) => {
  const kit = useTestKit(backend);

  it('is saved with the provider’s proposal, refused when it names someone it may not, counted as tentative — and never shown to the client', async () => {
    const k = kit();
    const w = await parties(k);
    const { as, people, orgs } = w;
    const e = await bidding(w);
    const put = (c: TestClient, staffing: unknown) =>
      c.request<ProviderProposalView>('PUT', `${e.path}/proposal`, { proposal: proposal(), version: 0, staffing });

    // Every problem at once: another provider's person, a client person, the same person twice, a Tuesday.
    const bad = await put(as.p1Manager, [
      { userId: people.p2Manager.id, role: 'analyst', weeks: weekly(10) },
      { userId: people.owner.id, role: 'analyst', weeks: weekly(10) },
      { userId: people.p1Analyst.id, role: 'analyst', weeks: [{ week: '2026-04-07', minutes: 600 }] },
      { userId: people.p1Analyst.id, role: 'lead', weeks: weekly(10) },
    ]);
    expect(bad.status).toBe(400);
    expect(issueCodes(bad).sort()).toEqual(['each_once', 'not_a_monday']);
    const strangers = await put(as.p1Manager, [
      { userId: people.p2Manager.id, role: 'analyst', weeks: weekly(10) },
      { userId: people.owner.id, role: 'analyst', weeks: [{ week: '2029-04-02', minutes: 600 }] },
    ]);
    expect([strangers.status, issueCodes(strangers)]).toEqual([400, ['not_member', 'not_member', 'week_out_of_range']]);
    // Nothing half-saved: the proposal itself was not created either.
    expect((await as.p1Manager.get<ProviderProposalView[]>(`${e.path}/proposals`)).body).toEqual([]);

    const saved = await put(as.p1Manager, [{ userId: people.p1Analyst.id, role: 'analyst', weeks: weekly(10) }]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.staffing).toEqual([
      expect.objectContaining({ userId: people.p1Analyst.id, role: 'analyst', outcome: null, outcomeReason: null, warnings: [] }),
    ]);
    // Saving the proposal again without `staffing` keeps the plan.
    const again = await as.p1Manager.put<ProviderProposalView>(`${e.path}/proposal`, { proposal: proposal(), version: saved.body.version });
    expect(again.body.staffing.map((s) => s.userId)).toEqual([people.p1Analyst.id]);
    const submitted = await as.p1Manager.post<ProviderProposalView>(`${e.path}/proposal/submit`, { version: again.body.version });
    expect(submitted.body.staffing).toHaveLength(1);

    // Tentative on the board and the person's own row, apart from the plan.
    const board = (await as.p1Manager.get<CapacityBoardView>(`/api/organizations/${orgs.p1.id}/capacity-board`)).body;
    const cell = board.people.find((p) => p.userId === people.p1Analyst.id)?.weeks.find((x) => x.week === '2026-04-06');
    expect([cell?.tentativeMinutes, cell?.plannedMinutes]).toEqual([10 * H, 0]);
    const own = (await as.p1Analyst.get<CapacityBoardView>(`/api/organizations/${orgs.p1.id}/people/${people.p1Analyst.id}/capacity-board`))
      .body;
    expect(own.people[0]?.weeks.find((x) => x.week === '2026-04-06')?.tentativeMinutes).toBe(10 * H);

    // The client reads the proposal without a trace of the plan; no client or rival reaches the people's board.
    const seen = (await as.owner.get<Record<string, unknown>[]>(`${e.path}/proposals`)).body;
    expect(seen.length).toBe(2);
    for (const p of seen) expect(Object.keys(p)).not.toContain('staffing');
    expect(JSON.stringify(seen)).not.toContain(people.p1Analyst.id);
    const rival = (await as.p2Manager.get<ProviderProposalView[]>(`${e.path}/proposals`)).body;
    expect(rival.map((p) => p.staffing.map((s) => s.userId))).toEqual([[people.p2Manager.id]]);

    // Withdrawn, the bid's plan no longer counts.
    expect((await as.p1Manager.post(`${e.path}/proposal/withdraw`, { version: submitted.body.version })).status).toBe(200);
    const after = (await as.p1Manager.get<CapacityBoardView>(`/api/organizations/${orgs.p1.id}/capacity-board`)).body;
    expect(after.people.find((p) => p.userId === people.p1Analyst.id)?.weeks.every((x) => x.tentativeMinutes === 0)).toBe(true);

    // Audited in the provider's log only, naming the proposal.
    const events = await k.rt.database.db
      .selectFrom('audit_events')
      .select(['type', 'org_id', 'party_org_id', 'resource_type', 'resource_id', 'data'])
      .where('type', '=', 'proposal.staffing_saved')
      .execute();
    expect(events.map((x) => [x.org_id, x.party_org_id, x.resource_type, x.resource_id])).toEqual([
      [orgs.p2.id, null, 'proposal', e.p2ProposalId],
      [orgs.p1.id, null, 'proposal', saved.body.id],
    ]);
    expect(events[1]?.data).toEqual({ people: 1, minutes: 13 * 10 * H });
  });

  it('on the award becomes the team: past the monthly limit the managers and the person are told, past a legal maximum the person is left out', async () => {
    const k = kit();
    const w = await parties(k);
    const { as, people, orgs } = w;
    // 52 h a week is 12 h of overtime a week: past 45 h a month, within the legal maxima. 100 h a week is not.
    const e = await bidAndAward(w, [
      { userId: people.p1Analyst.id, role: 'analyst', weeks: weekly(52) },
      { userId: people.p1Other.id, role: 'lead', weeks: weekly(100) },
    ]);
    const team = (await as.p1Manager.get<EngagementView>(e.path)).body.team.filter((t) => t.side === 'provider');
    expect(team.map((t) => [t.userId, t.role])).toEqual([[people.p1Analyst.id, 'analyst']]);

    const [mine] = (await as.p1Manager.get<ProviderProposalView[]>(`${e.path}/proposals`)).body;
    const byPerson = new Map(mine?.staffing.map((s) => [s.userId, s]));
    expect(byPerson.get(people.p1Analyst.id)).toMatchObject({ outcome: 'staffed', outcomeReason: null });
    expect(byPerson.get(people.p1Analyst.id)?.warnings.some((x) => x.rule === 'monthly_overtime' && x.severity === 'breach')).toBe(true);
    expect(byPerson.get(people.p1Analyst.id)?.warnings.some((x) => x.legalMaximum)).toBe(false);
    expect(byPerson.get(people.p1Other.id)).toMatchObject({ outcome: 'left_out', outcomeReason: 'legal_maximum' });
    // An analyst on the team reads the proposal, and only their own row of the plan (a row carries a person's load).
    const [analystView] = (await as.p1Analyst.get<ProviderProposalView[]>(`${e.path}/proposals`)).body;
    expect(analystView?.staffing.map((s) => s.userId)).toEqual([people.p1Analyst.id]);

    // The plan is the analyst's, and the board's forecast shows the breach of the agreement's monthly limit.
    const board = (await as.p1Manager.get<CapacityBoardView>(`/api/organizations/${orgs.p1.id}/capacity-board`)).body;
    const analyst = board.people.find((p) => p.userId === people.p1Analyst.id);
    expect(analyst?.weeks.find((x) => x.week === '2026-04-06')).toMatchObject({ plannedMinutes: 52 * H, tentativeMinutes: 0 });
    expect(analyst?.findings.some((f) => f.rule === 'monthly_overtime' && f.severity === 'breach' && f.basis === 'forecast')).toBe(true);
    const other = board.people.find((p) => p.userId === people.p1Other.id);
    expect(other?.weeks.every((x) => x.plannedMinutes === 0 && x.tentativeMinutes === 0)).toBe(true);

    // Told: the manager of both, the analyst of their own load; the left-out person of nothing about the engagement.
    const kinds = async (c: TestClient) =>
      (await c.get<{ items: NotificationView[] }>('/api/notifications?limit=200')).body.items
        .filter((n) => n.engagementId === e.id)
        .map((n) => n.kind)
        .sort();
    expect(await kinds(as.p1Manager)).toEqual(
      expect.arrayContaining(['proposal.awarded', 'staffing.left_out', 'staffing.load_warning', 'sow.approval_needed']),
    );
    expect(await kinds(as.p1Analyst)).toEqual(['staffing.load_warning', 'team.assigned']);
    expect(await kinds(as.p1Other)).toEqual([]);
    const warning = (await as.p1Analyst.get<{ items: NotificationView[] }>('/api/notifications?limit=200')).body.items.find(
      (n) => n.kind === 'staffing.load_warning',
    );
    expect(warning?.data).toMatchObject({ userId: people.p1Analyst.id, severity: 'breach', limit: 45 * H });

    // Recorded in the provider's log only: the staffing and the analyst's plan.
    const events = await k.rt.database.db
      .selectFrom('audit_events')
      .select(['type', 'org_id', 'party_org_id', 'resource_type', 'resource_id', 'data'])
      .where('type', 'in', ['proposal.staffing_applied', 'capacity.allocation_planned'])
      .execute();
    expect(events.map((x) => [x.type, x.org_id, x.party_org_id, x.resource_type, x.resource_id]).sort()).toEqual(
      [
        ['capacity.allocation_planned', orgs.p1.id, null, 'engagement', e.id],
        ['proposal.staffing_applied', orgs.p1.id, null, 'engagement', e.id],
      ].sort(),
    );
    expect(events.find((x) => x.type === 'proposal.staffing_applied')?.data).toEqual({
      proposalId: e.proposalId,
      staffed: [{ userId: people.p1Analyst.id, role: 'analyst', minutes: 13 * 52 * H, warnings: expect.any(Number) }],
      leftOut: [{ userId: people.p1Other.id, reason: 'legal_maximum' }],
    });
    // The losing bid's plan is gone.
    const kept = await k.rt.database.db
      .selectFrom('proposal_staffing')
      .select('proposal_id')
      .where('proposal_id', '=', e.p2ProposalId)
      .execute();
    expect(kept).toEqual([]);
  });

  it('tells the client nothing: its views of an award with a staffing plan equal those of one without, but for the team it sees', async () => {
    const k = kit();
    const w = await parties(k);
    const { people } = w;
    const title = 'Same title for both';
    const withPlan = await bidAndAward(
      w,
      [
        { userId: people.p1Analyst.id, role: 'analyst', weeks: weekly(52) },
        { userId: people.p1Other.id, role: 'lead', weeks: weekly(100) },
      ],
      title,
    );
    const without = await bidAndAward(w, undefined, title);
    // The team on the engagement is the client's to see, as with anyone the provider puts on it; nothing else differs.
    const clientTeam = (v: EngagementView) => v.team.filter((t) => t.side === 'provider').map((t) => t.userId);
    expect(clientTeam(withPlan.award)).toEqual([people.p1Analyst.id]);
    expect(clientTeam(without.award)).toEqual([]);
    // The team, and the client's record of who joined it (engagement.team_assigned, as for any addition).
    const joined = (v: unknown) => typeof v === 'string' && v.includes('engagement.team_assigned') && v.includes('provider');
    const dropProviderTeam = (parts: unknown[]) =>
      JSON.parse(JSON.stringify(parts), (key, value) => {
        if (key === 'team' && Array.isArray(value)) return value.filter((t: { side?: string }) => t.side !== 'provider');
        return Array.isArray(value) ? value.filter((v) => !joined(v)) : value;
      }) as unknown[];
    const withPlanSees = await clientSees(k, w, withPlan);
    expect(JSON.stringify(withPlanSees).match(/engagement\.team_assigned/g)?.length).toBe(1);
    const [a, b] = [normalised(dropProviderTeam(withPlanSees)), normalised(dropProviderTeam(await clientSees(k, w, without)))];
    const at = [...a].findIndex((ch, i) => ch !== b[i]);
    expect(at === -1 ? '' : `${a.slice(Math.max(0, at - 200), at + 80)}\n  vs\n${b.slice(Math.max(0, at - 200), at + 80)}`).toBe('');
    expect(a).not.toContain('staffing');
    expect(a).not.toContain('load_warning');
  });
});
