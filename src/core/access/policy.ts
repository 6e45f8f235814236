import type { TokenScope } from '../../shared/contracts/identity.js';
import { AppError } from '../../shared/errors.js';
import { adminRoleByOrgKind, type Role } from '../../shared/roles.js';
import type { Actor, UserActor } from './actor.js';

/**
 * The one access policy of kpo: `can(actor, action, resource)`. Every route names an action
 * and a resource and is refused unless a rule here allows it. Deny by default.
 */
export const actionEffects = {
  'instance.org.list': 'read',
  'instance.org.create': 'write',
  'org.read': 'read',
  'org.update': 'write',
  'member.list': 'read',
  'member.invite': 'write',
  'member.update_roles': 'write',
  'member.remove': 'write',
  'invitation.list': 'read',
  'invitation.revoke': 'write',
  'audit.read': 'read',
  'token.list': 'read',
  'token.create': 'write',
  'token.revoke': 'write',
  'engagement.create': 'write',
  'engagement.list': 'read',
  'engagement.read': 'read',
  'engagement.edit_brief': 'write',
  'engagement.invite_providers': 'write',
  'engagement.transition': 'write',
  'engagement.assign_team': 'write',
  'proposal.write': 'write',
  'proposal.read_all': 'read',
  'proposal.award': 'write',
  'sow.read': 'read',
  'sow.revise': 'write',
  'sow.approve': 'write',
  'milestone.work': 'write',
  'milestone.decide': 'write',
  'update.post': 'write',
  'question.ask': 'write',
  'question.answer': 'write',
  'change.propose': 'write',
  'change.decide': 'write',
  'control.read': 'read',
  'model.read': 'read',
  'model.write': 'write',
  'model.export': 'read',
  'provider.directory': 'read',
  'instance.clock': 'write',
  'webhook.manage': 'write',
} as const satisfies Record<string, TokenScope>;

export type Action = keyof typeof actionEffects;
export const allActions = Object.keys(actionEffects) as Action[];

export type Resource =
  /** The kpo instance itself: organisations, settings. */
  | { type: 'instance' }
  | { type: 'organization'; orgId: string }
  /** An organisation's audit log, or the whole instance's when orgId is null. */
  | { type: 'audit_log'; orgId: string | null }
  | { type: 'api_token'; ownerUserId: string }
  /** Where a client and a provider meet: who is on it decides who may see it. */
  | { type: 'engagement'; facts: EngagementFacts }
  /** The engagements of the actor's organisation (list, create). */
  | { type: 'engagements'; orgId: string };

/** Who is on an engagement: all the policy needs to decide need-to-know. */
export interface EngagementFacts {
  clientOrgId: string;
  ownerUserId: string;
  /** Client people on the team (owner, reviewers). */
  clientTeamUserIds: readonly string[];
  /** Providers invited to propose, awarded or not. */
  invitedProviderOrgIds: readonly string[];
  awardedProviderOrgId: string | null;
  /** Provider people assigned to the work (leads, analysts). */
  providerTeamUserIds: readonly string[];
}

/**
 * How someone stands on an engagement. Client lead: its owner or the client's admin. Client
 * member: someone on the client team, or the client's finance or auditors (read-only work).
 * Provider lead: the awarded provider's admins and delivery managers. Provider member: an
 * analyst assigned to it. Bidder: an invited provider's admins and delivery managers while
 * proposals are open, and after another provider won (they keep seeing their own proposal).
 */
export type EngagementRole = 'client_lead' | 'client_member' | 'provider_lead' | 'provider_member' | 'bidder';

export function engagementRole(actor: Actor, e: EngagementFacts): EngagementRole | null {
  if (actor.kind === 'system') return 'client_lead';
  if (actor.orgId === e.clientOrgId && actor.orgKind === 'client') {
    if (actor.userId === e.ownerUserId || has(actor, 'client_admin')) return 'client_lead';
    if (e.clientTeamUserIds.includes(actor.userId) || has(actor, 'finance', 'auditor')) return 'client_member';
    return null;
  }
  if (actor.orgKind !== 'provider') return null;
  const manages = has(actor, 'provider_admin', 'delivery_manager');
  if (e.awardedProviderOrgId === actor.orgId) {
    if (manages) return 'provider_lead';
    return e.providerTeamUserIds.includes(actor.userId) ? 'provider_member' : null;
  }
  if (e.invitedProviderOrgIds.includes(actor.orgId) && manages) return 'bidder';
  return null;
}

const CLIENT: readonly EngagementRole[] = ['client_lead', 'client_member'];
const WORK: readonly EngagementRole[] = ['client_lead', 'client_member', 'provider_lead', 'provider_member'];
const LEADS: readonly EngagementRole[] = ['client_lead', 'provider_lead'];

/** Which engagement roles may take each engagement action. */
const engagementRules: Partial<Record<Action, readonly EngagementRole[]>> = {
  'engagement.read': [...WORK, 'bidder'],
  'engagement.edit_brief': ['client_lead'],
  'engagement.invite_providers': ['client_lead'],
  'engagement.transition': LEADS,
  'engagement.assign_team': LEADS,
  'proposal.write': ['bidder'],
  'proposal.read_all': CLIENT,
  'proposal.award': ['client_lead'],
  'sow.read': WORK,
  'sow.revise': LEADS,
  'sow.approve': LEADS,
  'milestone.work': ['provider_lead', 'provider_member'],
  'milestone.decide': ['client_lead'],
  'update.post': ['provider_lead', 'provider_member'],
  'question.ask': WORK,
  'question.answer': WORK,
  'change.propose': LEADS,
  'change.decide': LEADS,
  'control.read': WORK,
  // The provider builds the model; the client's team reads, checks and exports it.
  'model.read': WORK,
  'model.write': ['provider_lead', 'provider_member'],
  'model.export': WORK,
};

export type Decision = { allowed: true } | { allowed: false; reason: DenyReason };
export type DenyReason =
  | 'other_organization'
  | 'missing_role'
  | 'not_assigned'
  | 'not_owner'
  | 'token_scope'
  | 'session_required'
  | 'no_rule';

const allow: Decision = { allowed: true };
const deny = (reason: DenyReason): Decision => ({ allowed: false, reason });

const has = (actor: UserActor, ...wanted: Role[]): boolean => wanted.some((r) => actor.roles.includes(r));
const isOrgAdmin = (actor: UserActor) => has(actor, adminRoleByOrgKind[actor.orgKind]);
const isPlatformAdmin = (actor: UserActor) => actor.orgKind === 'operator' && has(actor, 'platform_admin');
const isPlatformAuditor = (actor: UserActor) => actor.orgKind === 'operator' && has(actor, 'platform_admin', 'auditor');

function inOrg(actor: UserActor, orgId: string, rule: (a: UserActor) => boolean): Decision {
  if (actor.orgId !== orgId) return deny('other_organization');
  return rule(actor) ? allow : deny('missing_role');
}

function userDecision(actor: UserActor, action: Action, resource: Resource): Decision {
  switch (resource.type) {
    case 'instance':
      if (action === 'instance.org.list') return isPlatformAuditor(actor) ? allow : deny('missing_role');
      if (action === 'instance.org.create' || action === 'instance.clock') return isPlatformAdmin(actor) ? allow : deny('missing_role');
      return deny('no_rule');

    case 'organization':
      if (isPlatformAdmin(actor)) {
        // The operator onboards organisations and their administrators, and nothing else of theirs.
        // Inviting is limited further in the service: an organisation's admin role only, never operator staff.
        const operatorActions: Action[] = [
          'org.read',
          'org.update',
          'member.list',
          'member.invite',
          'invitation.list',
          'invitation.revoke',
        ];
        if (operatorActions.includes(action)) return allow;
      }
      switch (action) {
        case 'org.read':
        case 'member.list':
          return inOrg(actor, resource.orgId, () => true);
        case 'org.update':
        case 'webhook.manage':
        case 'member.invite':
        case 'member.update_roles':
        case 'member.remove':
        case 'invitation.list':
        case 'invitation.revoke':
          return inOrg(actor, resource.orgId, isOrgAdmin);
        default:
          return deny('no_rule');
      }

    case 'audit_log':
      if (action !== 'audit.read') return deny('no_rule');
      if (isPlatformAuditor(actor)) return allow;
      if (resource.orgId === null) return deny('missing_role');
      return inOrg(actor, resource.orgId, (a) => has(a, 'auditor') || isOrgAdmin(a));

    case 'api_token':
      if (action !== 'token.list' && action !== 'token.create' && action !== 'token.revoke') return deny('no_rule');
      if (actor.via !== 'session') return deny('session_required');
      return actor.userId === resource.ownerUserId ? allow : deny('not_owner');

    case 'engagement': {
      const allowed = engagementRules[action];
      if (!allowed) return deny('no_rule');
      const role = engagementRole(actor, resource.facts);
      if (role === null) {
        const sameOrg = actor.orgId === resource.facts.clientOrgId || actor.orgId === resource.facts.awardedProviderOrgId;
        return deny(sameOrg ? 'not_assigned' : 'other_organization');
      }
      return allowed.includes(role) ? allow : deny('missing_role');
    }

    case 'engagements':
      if (actor.orgId !== resource.orgId) return deny('other_organization');
      if (action === 'engagement.list') return actor.orgKind === 'operator' ? deny('no_rule') : allow;
      if (action === 'engagement.create' || action === 'provider.directory') {
        return actor.orgKind === 'client' && has(actor, 'client_admin', 'engagement_owner') ? allow : deny('missing_role');
      }
      return deny('no_rule');
  }
}

/**
 * Administration that an API token may never do, whatever its scopes: a leaked integration
 * token must not be able to let someone in or lock someone out.
 */
const SESSION_ONLY: ReadonlySet<Action> = new Set<Action>([
  'instance.org.create',
  'org.update',
  'member.invite',
  'member.update_roles',
  'member.remove',
  'invitation.revoke',
  'webhook.manage',
]);

export function can(actor: Actor, action: Action, resource: Resource): Decision {
  if (actor.kind === 'system') return allow;
  if (actor.via === 'token' && SESSION_ONLY.has(action)) return deny('session_required');
  if (actor.via === 'token' && !actor.scopes.includes(actionEffects[action])) return deny('token_scope');
  return userDecision(actor, action, resource);
}

const denyMessages: Record<DenyReason, string> = {
  other_organization: 'This belongs to another organisation.',
  missing_role: 'Your role does not allow this.',
  not_assigned: 'You are not assigned to this engagement.',
  not_owner: 'Only its owner may do this.',
  token_scope: 'This API token does not have the scope for this.',
  session_required: 'Sign in to do this; an API token cannot.',
  no_rule: 'This is not allowed.',
};

/** Throws `forbidden` unless the policy allows. */
export function authorize(actor: Actor, action: Action, resource: Resource): void {
  const decision = can(actor, action, resource);
  if (!decision.allowed) {
    throw new AppError('forbidden', denyMessages[decision.reason], { reason: decision.reason });
  }
}
