import type { AuditEventInput } from '../../shared/contracts/audit.js';
import type { PersonRef, Side, SowContent } from '../../shared/contracts/engagements.js';
import type { NotificationKind } from '../../shared/contracts/notifications.js';
import { AppError } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';
import type { RequestContext } from '../access/actor.js';
import { type Action, authorize, type EngagementFacts, type EngagementRole, engagementRole } from '../access/policy.js';
import type { RecordAudit } from '../audit/recorder.js';
import type { Clock, RandomSource } from '../ports.js';
import type { EngagementRecord, Repos, SowVersionRecord, Store } from '../store.js';
import { derivedState, type EngagementHistory } from './control.js';
import type { Lead } from './lifecycle.js';

/** What every part of the engagement service needs. */
export interface EngagementDeps {
  store: Store;
  clock: Clock;
  random: RandomSource;
  audit: RecordAudit;
}

export const sideOf = (role: EngagementRole): Side => (role === 'client_lead' || role === 'client_member' ? 'client' : 'provider');
export const leadOf = (role: EngagementRole): Lead | null => (role === 'client_lead' || role === 'provider_lead' ? role : null);
export const otherSide = (side: Side): Side => (side === 'client' ? 'provider' : 'client');

export interface Access {
  engagement: EngagementRecord;
  facts: EngagementFacts;
  role: EngagementRole;
}

/**
 * Loads an engagement for an action, or refuses. Someone with no standing on it at all is told
 * it does not exist (its existence is not theirs to learn); someone on it without the right is
 * refused. `lock` takes the row lock that serialises writes to one engagement.
 */
export async function engagementFor(tx: Repos, ctx: RequestContext, id: string, action: Action, lock = false): Promise<Access> {
  const facts = await tx.engagements.facts(id);
  const role = facts ? engagementRole(ctx.actor, facts) : null;
  if (!facts || role === null) throw new AppError('not_found', 'No such engagement.', { reason: 'engagement_not_found' });
  authorize(ctx.actor, action, { type: 'engagement', facts });
  const engagement = lock ? await tx.engagements.getForUpdate(id) : await tx.engagements.get(id);
  if (!engagement) throw new AppError('not_found', 'No such engagement.', { reason: 'engagement_not_found' });
  return { engagement, facts, role };
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

export const currentSow = (versions: readonly SowVersionRecord[]) => versions.at(-1) ?? null;
export const isApproved = (v: SowVersionRecord | null) => !!v?.clientApprovedAt && !!v.providerApprovedAt;
/** The SOW in force: the newest version both sides approved. */
export const approvedSow = (versions: readonly SowVersionRecord[]): SowVersionRecord | null =>
  [...versions].reverse().find((v) => isApproved(v)) ?? null;

/** The engagement's whole history, as the control figures read it. */
export async function loadHistory(tx: Repos, e: EngagementRecord): Promise<EngagementHistory> {
  const [versions, milestones, reviews, updates, questions] = await Promise.all([
    tx.engagements.sowVersions(e.id),
    tx.engagements.milestones(e.id),
    tx.engagements.reviews(e.id),
    tx.engagements.updates(e.id),
    tx.engagements.questions(e.id),
  ]);
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

export async function people(tx: Repos, userIds: readonly (string | null)[]): Promise<Map<string, PersonRef>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  const users = await tx.users.getMany(ids);
  return new Map(users.map((u) => [u.id, { userId: u.id, displayName: u.displayName }]));
}

export const personOr = (map: Map<string, PersonRef>, id: string | null): PersonRef =>
  (id ? map.get(id) : undefined) ?? { userId: id ?? '', displayName: '—' };

/** Records an engagement event; both the client's and the provider's auditors see it. */
export function auditEngagement(
  deps: EngagementDeps,
  tx: Repos,
  ctx: RequestContext,
  e: EngagementRecord,
  event: Omit<AuditEventInput, 'orgId' | 'partyOrgId'>,
  partyOrgId: string | null = e.awardedProviderOrgId,
) {
  return deps.audit(tx, ctx, { ...event, orgId: e.clientOrgId, partyOrgId } as AuditEventInput);
}

async function membersWithRoles(tx: Repos, orgId: string, roles: readonly Role[]): Promise<string[]> {
  const members = await tx.memberships.listForOrg(orgId);
  return members.filter((m) => m.status === 'active' && m.roles.some((r) => roles.includes(r))).map((m) => m.userId);
}

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
  return membersWithRoles(tx, e.awardedProviderOrgId, ['provider_admin', 'delivery_manager']);
}

export async function orgManagers(tx: Repos, orgId: string, roles: readonly Role[]): Promise<string[]> {
  return membersWithRoles(tx, orgId, roles);
}

/**
 * Tells people of one side about something, in the caller's transaction. Each notification
 * carries the engagement's name as that side may see it; one event id lets a webhook be called
 * once however many people are told.
 */
export async function notify(
  deps: EngagementDeps,
  tx: Repos,
  e: EngagementRecord,
  side: Side,
  userIds: readonly string[],
  kind: NotificationKind,
  data: Record<string, unknown> = {},
  eventId: string = deps.random.uuid(),
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const createdAt = deps.clock.now().toISOString();
  await tx.notifications.create(
    unique.map((userId) => ({
      id: deps.random.uuid(),
      userId,
      kind,
      engagementId: e.id,
      data: { ...data, engagementName: nameFor(e, side) },
      createdAt,
      readAt: null,
      eventId: `${eventId}:${side}`,
    })),
  );
}
