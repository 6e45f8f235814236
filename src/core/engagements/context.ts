import type { AuditEventInput } from '../../shared/contracts/audit.js';
import type { EngagementAction, EngagementStanding, PersonRef, Side, SowContent } from '../../shared/contracts/engagements.js';
import type { NotificationKind } from '../../shared/contracts/notifications.js';
import { AppError } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';
import type { RequestContext, UserActor } from '../access/actor.js';
import {
  type ConditionFacts,
  type EngagementFacts,
  engagementConditions,
  mayNow,
  notificationAudience,
  sideOfStanding,
  standingOn,
} from '../access/engagement-rules.js';
import { type Action, type actionEffects, authorize } from '../access/policy.js';
import type { RecordAudit } from '../audit/recorder.js';
import type { Clock, RandomSource } from '../ports.js';
import type { ConditionRows, EngagementHistoryRows, EngagementRecord, Repos, SowApprovals, Store } from '../store.js';
import { derivedState, type EngagementHistory } from './control.js';

/** What every part of the engagement service needs. */
export interface EngagementDeps {
  store: Store;
  clock: Clock;
  random: RandomSource;
  audit: RecordAudit;
}

export const sideOf = sideOfStanding;
export const otherSide = (side: Side): Side => (side === 'client' ? 'provider' : 'client');

export interface Access {
  engagement: EngagementRecord;
  facts: EngagementFacts;
  standing: EngagementStanding;
}

const notFound = () => new AppError('not_found', 'No such engagement.', { reason: 'engagement_not_found' });

/** What the conditions of engagement-rules.ts read: the proposals, the SOW, the milestones (the invitations the caller has read). */
export async function conditionFacts(tx: Repos, e: EngagementRecord, invitedProviders: number): Promise<ConditionFacts> {
  return conditionFactsOf(e, invitedProviders, await tx.engagements.conditionRows(e.id));
}

/** The facts the conditions of engagement-rules.ts decide on, from the rows they read. */
export function conditionFactsOf(e: EngagementRecord, invitedProviders: number, rows: ConditionRows): ConditionFacts {
  const { proposalStatuses, sowVersions, milestoneStatuses } = rows;
  const current = currentSow(sowVersions);
  return {
    type: e.type,
    invitedProviders,
    submittedProposals: proposalStatuses.filter((s) => s === 'submitted').length,
    currentSow: current ? { clientApproved: !!current.clientApprovedAt, providerApproved: !!current.providerApprovedAt } : null,
    sowApproved: approvedSow(sowVersions) !== null,
    milestones: milestoneStatuses,
  };
}

/** Whether the viewer of `access` may take `action` now: the table and its condition, as engagementFor would decide. */
export async function allowsNow(tx: Repos, access: Access, action: EngagementAction): Promise<boolean> {
  if (!mayNow(access.standing, access.engagement.status, action)) return false;
  const condition = engagementConditions[action];
  return !condition?.(await conditionFacts(tx, access.engagement, access.facts.invitedProviders.length), sideOfStanding(access.standing));
}

/**
 * Loads an engagement for an action, or refuses, by the one table of engagement-rules.ts: someone
 * with no standing on it at all is told it does not exist (its existence is not theirs to learn);
 * someone on it without the right is refused; the right action in the wrong state, or with a
 * condition unmet, is `invalid_state`. `lock` takes the row lock that serialises writes to one
 * engagement first, so the state checked is the state the change applies to.
 */
export async function engagementFor(tx: Repos, ctx: RequestContext, id: string, action: Action, lock = false): Promise<Access> {
  const found = await tx.engagements.withFacts(id, lock);
  return decide(tx, ctx, action, found);
}

/** A request on /api/engagements/{id}/…: its route guard has read the engagement in the path, with the policy's facts, to decide whether the caller may reach it at all. */
export interface EngagementRequestContext extends RequestContext {
  engagementRead?: { engagement: EngagementRecord; facts: EngagementFacts } | undefined;
}

/** An action that changes nothing (policy.ts `actionEffects`): only these decide on the guard's read. */
type ReadAction = { [A in Action]: (typeof actionEffects)[A] extends 'read' ? A : never }[Action];

/**
 * engagementFor for a read outside any transaction. The guard's read of the same engagement is
 * this read (a GET of an engagement's page makes one statement fewer); the decision for `action`
 * is made again on it, as engagementFor makes it.
 */
export function engagementToRead(store: Store, ctx: EngagementRequestContext, id: string, action: ReadAction): Promise<Access> {
  const read = ctx.engagementRead;
  return read?.engagement.id === id ? decide(store.read, ctx, action, read) : engagementFor(store.read, ctx, id, action);
}

/**
 * The engagement a change has already read (and locked), decided for a second action the change
 * also is — a stored copy that is a pseudonymisation — without reading it again.
 */
export const engagementAlsoFor = (tx: Repos, ctx: RequestContext, access: Access, action: Action): Promise<Access> =>
  decide(tx, ctx, action, access);

/**
 * engagementFor under the engagement's row lock, with its history read in the same statement: for
 * a change that derives from the history and shows part of it (a question, a status update).
 */
export async function engagementWithHistoryFor(
  tx: Repos,
  ctx: RequestContext,
  id: string,
  action: Action,
): Promise<Access & { history: EngagementHistoryRows }> {
  const found = await tx.engagements.withFacts(id, true, true);
  const access = await decide(tx, ctx, action, found);
  if (!found?.history) throw new Error('The engagement was read without its history.');
  return { ...access, history: found.history };
}

async function decide(
  tx: Repos,
  ctx: RequestContext,
  action: Action,
  found: { engagement: EngagementRecord; facts: EngagementFacts } | null,
): Promise<Access> {
  const standing = found ? standingOn(ctx.actor, found.facts) : null;
  if (!found || standing === null) throw notFound();
  const { engagement, facts } = found;
  authorize(ctx.actor, action, { type: 'engagement', facts });
  const condition = engagementConditions[action as EngagementAction];
  if (condition) {
    const refusal = condition(await conditionFacts(tx, engagement, facts.invitedProviders.length), sideOfStanding(standing));
    if (refusal) throw new AppError('invalid_state', refusal.message, { reason: refusal.reason });
  }
  return { engagement, facts, standing };
}

/** What a side may see as the engagement's name: a provider sees the code name when there is one. */
export const nameFor = (e: EngagementRecord, side: Side) => (side === 'provider' ? (e.codeName ?? e.title) : e.title);

export function requireVersion(current: number, given: number, what = 'engagement'): void {
  if (current !== given) {
    throw new AppError('conflict', `The ${what} was changed by someone else (version ${current}, yours ${given}). Reload and try again.`, {
      reason: 'version_conflict',
    });
  }
}

export const currentSow = <V extends SowApprovals>(versions: readonly V[]): V | null => versions.at(-1) ?? null;
export const isApproved = (v: SowApprovals | null) => !!v?.clientApprovedAt && !!v.providerApprovedAt;
/** The SOW in force: the newest version both sides approved. */
export const approvedSow = <V extends SowApprovals>(versions: readonly V[]): V | null =>
  [...versions].reverse().find((v) => isApproved(v)) ?? null;

/** The engagement's whole history, as the control figures read it. */
export async function loadHistory(tx: Repos, e: EngagementRecord): Promise<EngagementHistory> {
  return historyFrom(e, await tx.engagements.history(e.id));
}

/** The histories of many engagements, in five reads whatever their number (in the order given). */
export async function loadHistories(tx: Repos, engagements: readonly EngagementRecord[]): Promise<EngagementHistory[]> {
  const rows = await tx.engagements.historyRowsOf(engagements.map((e) => e.id));
  return engagements.map((e) => historyFrom(e, rows.get(e.id) ?? emptyHistoryRows));
}

const emptyHistoryRows: EngagementHistoryRows = { sowVersions: [], milestones: [], reviews: [], updates: [], questions: [] };

/**
 * The history of `rows` (as the repository's `history` or `historyRowsOf` read them, or with a change
 * applied), as the control figures read it.
 */
export function historyFrom(
  e: EngagementRecord,
  { sowVersions: versions, milestones, reviews, updates, questions }: EngagementHistoryRows,
): EngagementHistory {
  const titles = new Map(milestones.map((m) => [m.id, m.title]));
  const sow: SowContent | null = approvedSow(versions)?.content ?? null;
  return {
    status: e.status,
    sow,
    budget: e.budget,
    workStartedAt: e.workStartedAt,
    workEndedAt: e.workEndedAt,
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      baselineDueDate: m.baselineDueDate,
      dueDate: m.dueDate,
      weight: m.weight,
      status: m.status,
      acceptedAt: m.acceptedAt,
    })),
    reviews: reviews.map((r) => ({ milestoneId: r.milestoneId, title: titles.get(r.milestoneId) ?? '', kind: r.kind, at: r.at })),
    updates: updates.map((u) => ({ id: u.id, postedAt: u.postedAt, progressPct: u.progressPct, rag: u.rag, hoursSpent: u.hoursSpent })),
    questions: questions.map((q) => ({
      id: q.id,
      title: q.title,
      askedBySide: q.askedBySide,
      askedAt: q.askedAt,
      dueAt: q.dueAt,
      answeredAt: q.answeredAt,
      closedAt: q.closedAt,
    })),
  };
}

/** Recomputes the deadlines and figures kept on the engagement row (the list filters on them). */
export async function refreshDerived(tx: Repos, e: EngagementRecord): Promise<void> {
  await tx.engagements.setDerived(e.id, derivedState(await loadHistory(tx, e)));
}

/** refreshDerived, from the history's rows as they are after the change (read in the same transaction). */
export async function refreshDerivedFrom(tx: Repos, e: EngagementRecord, rows: EngagementHistoryRows): Promise<void> {
  await tx.engagements.setDerived(e.id, derivedState(historyFrom(e, rows)));
}

export async function people(tx: Repos, userIds: readonly (string | null)[]): Promise<Map<string, PersonRef>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  const users = await tx.users.getMany(ids);
  return new Map(users.map((u) => [u.id, { userId: u.id, displayName: u.displayName }]));
}

export const personOr = (map: Map<string, PersonRef>, id: string | null): PersonRef =>
  (id ? map.get(id) : undefined) ?? { userId: id ?? '', displayName: '—' };

/** An audit event of the union, without the organisations (an engagement's are known). */
export type EngagementEventInput = AuditEventInput extends infer E
  ? E extends AuditEventInput
    ? Omit<E, 'orgId' | 'partyOrgId'>
    : never
  : never;

/** Records an engagement event; both the client's and the provider's auditors see it. */
export function auditEngagement(
  deps: EngagementDeps,
  tx: Repos,
  ctx: RequestContext,
  e: EngagementRecord,
  event: EngagementEventInput,
  partyOrgId: string | null = e.awardedProviderOrgId,
) {
  const full: AuditEventInput = { ...event, orgId: e.clientOrgId, partyOrgId };
  return deps.audit(tx, ctx, full);
}

/** Where a notification goes: people of one organisation, on one side of the engagement. */
export interface Audience {
  side: Side;
  orgId: string;
}
export const clientAudience = (e: EngagementRecord): Audience => ({ side: 'client', orgId: e.clientOrgId });
/** The awarded provider; null before the award. */
export const providerAudience = (e: EngagementRecord): Audience | null =>
  e.awardedProviderOrgId ? { side: 'provider', orgId: e.awardedProviderOrgId } : null;
/** A provider invited to propose (awarded or not). */
export const bidderAudience = (providerOrgId: string): Audience => ({ side: 'provider', orgId: providerOrgId });
export const audienceOn = (e: EngagementRecord, side: Side): Audience | null =>
  side === 'client' ? clientAudience(e) : providerAudience(e);

/** Who to tell on one side of an engagement: its team there, or its managers when nobody is assigned yet. */
export async function recipientsOn(tx: Repos, e: EngagementRecord, side: Side, only: 'leads' | 'everyone' = 'everyone'): Promise<string[]> {
  const team = await tx.engagements.team(e.id);
  if (side === 'client') {
    const onTeam = team.filter((t) => t.side === 'client' && (only === 'everyone' || t.role === 'owner')).map((t) => t.userId);
    return [...new Set([e.ownerUserId, ...onTeam])];
  }
  if (!e.awardedProviderOrgId) return [];
  const onTeam = team.filter((t) => t.side === 'provider' && (only === 'everyone' || t.role === 'lead')).map((t) => t.userId);
  if (onTeam.length > 0) return onTeam;
  return orgManagers(tx, e.awardedProviderOrgId, ['provider_admin', 'delivery_manager']);
}

export async function orgManagers(tx: Repos, orgId: string, roles: readonly Role[]): Promise<string[]> {
  const members = await tx.memberships.listForOrg(orgId);
  return members.filter((m) => m.status === 'active' && m.roles.some((r) => roles.includes(r))).map((m) => m.userId);
}

/**
 * Tells people of one organisation about something, in the caller's transaction. Need-to-know
 * decides here, once, for the bell, e-mail and webhooks alike: only people who stand on the
 * engagement in that organisation *now* (after the change) in a standing that hears this kind
 * (engagement-rules.ts `notificationAudience`) are told; anyone else the caller named is left
 * out. Each notification carries the engagement's name as that side may see it; the event id,
 * one per organisation, lets each of its webhooks be called once however many people are told.
 */
export async function notify(
  deps: EngagementDeps,
  tx: Repos,
  e: EngagementRecord,
  audience: Audience | null,
  userIds: readonly string[],
  kind: NotificationKind,
  data: Record<string, unknown> = {},
  eventId: string = deps.random.uuid(),
): Promise<void> {
  if (!audience || userIds.length === 0) return;
  const facts = await tx.engagements.facts(e.id);
  if (facts) await notifyOn(deps, tx, { engagement: e, facts }, audience, userIds, kind, data, eventId);
}

/**
 * notify, for a caller holding the engagement's facts as they are after its change (a change that
 * leaves the team, the invitations and the state as they were, under the engagement's row lock):
 * the same decision, without reading them again.
 */
export async function notifyOn(
  deps: EngagementDeps,
  tx: Repos,
  { engagement: e, facts }: Pick<Access, 'engagement' | 'facts'>,
  audience: Audience | null,
  userIds: readonly string[],
  kind: NotificationKind,
  data: Record<string, unknown> = {},
  eventId: string = deps.random.uuid(),
): Promise<void> {
  if (!audience) return;
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const org = await tx.memberships.activeRolesIn(audience.orgId, unique);
  if (!org || org.orgKind === 'operator') return;
  const hears = notificationAudience[kind];
  const entitled = unique.filter((userId) => {
    const roles = org.roles.get(userId);
    if (!roles) return false;
    const actor: UserActor = {
      kind: 'user',
      userId,
      email: '',
      orgId: audience.orgId,
      orgKind: org.orgKind,
      roles,
      via: 'session',
      scopes: [],
    };
    const standing = standingOn(actor, facts);
    return standing !== null && sideOfStanding(standing) === audience.side && hears.includes(standing);
  });
  if (entitled.length === 0) return;
  const createdAt = deps.clock.now().toISOString();
  await tx.notifications.create(
    entitled.map((userId) => ({
      id: deps.random.uuid(),
      userId,
      orgId: audience.orgId,
      kind,
      engagementId: e.id,
      data: { ...data, engagementName: nameFor(e, audience.side) },
      createdAt,
      readAt: null,
      eventId: `${eventId}:${audience.orgId}`,
    })),
  );
}
