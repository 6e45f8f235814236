import { type EngagementAction, engagementActions } from '../../shared/contracts/engagements.js';
import { type OrgPermission, orgPermissions, type TokenScope } from '../../shared/contracts/identity.js';
import { AppError } from '../../shared/errors.js';
import type { ApiReason } from '../../shared/reasons.js';
import { adminRoleByOrgKind, type Role } from '../../shared/roles.js';
import type { Actor, UserActor } from './actor.js';
import {
  anyTransitionRule,
  type EngagementFacts,
  engagementActionRoles,
  engagementRules,
  ruleDecision,
  standingOn,
} from './engagement-rules.js';

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
  /** Recomputes the hash chain and reports on it; changes nothing. */
  'audit.verify': 'read',
  'token.list': 'read',
  'token.create': 'write',
  'token.revoke': 'write',
  'engagement.create': 'write',
  'engagement.list': 'read',
  'provider.directory': 'read',
  'scorecard.read': 'read',
  'instance.clock': 'write',
  'webhook.manage': 'write',
  // On one engagement: who may, in which state, is engagement-rules.ts's table.
  'engagement.read': 'read',
  'engagement.edit_brief': 'write',
  'engagement.invite_providers': 'write',
  'engagement.assign_team': 'write',
  /** Any lifecycle move; the move itself is checked against its own row. */
  'engagement.transition': 'write',
  'engagement.request': 'write',
  'engagement.start': 'write',
  'engagement.deliver': 'write',
  'engagement.accept': 'write',
  'engagement.send_back': 'write',
  'engagement.close': 'write',
  'engagement.hold': 'write',
  'engagement.resume': 'write',
  'engagement.cancel': 'write',
  'proposal.read': 'read',
  'proposal.write': 'write',
  'proposal.award': 'write',
  'sow.read': 'read',
  'sow.revise': 'write',
  'sow.approve': 'write',
  'milestone.work': 'write',
  'milestone.decide': 'write',
  'update.post': 'write',
  'question.ask': 'write',
  'question.answer': 'write',
  'question.close': 'write',
  'change.propose': 'write',
  'change.decide': 'write',
  'control.read': 'read',
  'model.read': 'read',
  'model.read_drafts': 'read',
  'model.write': 'write',
  'model.share': 'write',
  'model.comment': 'write',
  'model.export': 'read',
  'document.read': 'read',
  'document.upload': 'write',
  'document.grant': 'write',
  'document.review_access': 'read',
  'document.destroy': 'write',
  'document.attest_deletion': 'write',
  'document.pseudonymise': 'write',
  // Conflict walls: a provider person's own declarations; a client's restricted list; per engagement, the rule table.
  'conflict.declare': 'write',
  'conflict.read_declarations': 'read',
  'conflict.read_restricted_list': 'read',
  'conflict.manage_restricted_list': 'write',
  'conflict.review': 'read',
  'conflict.set_subjects': 'write',
  'conflict.override': 'write',
  'deliverable.read': 'read',
  'deliverable.submit': 'write',
  'deliverable.review': 'write',
  'deliverable.decide': 'write',
  'quality.configure': 'write',
  'quality.read_reviews': 'read',
  'gold.read': 'read',
  'gold.manage': 'write',
  'survey.read': 'read',
  'survey.write': 'write',
  'patent.read': 'read',
  'patent.write': 'write',
  // A client's rubric templates (its admins keep them; its people read them) and its review queue.
  'rubric.read': 'read',
  'rubric.manage': 'write',
  'review.queue': 'read',
  'calibration.manage': 'write',
  'calibration.read': 'read',
  'calibration.score': 'write',
  // Time (core/time): engagement actions are in engagement-rules.ts; these are a person's weeks and
  // load, a provider's overtime agreement and a client's internal rates.
  'time.log': 'write',
  'time.read': 'read',
  'time.hidden_cost': 'read',
  'time.log_for': 'write',
  'timesheet.read': 'read',
  // Suggested entries (decision 0011, "Suggested entries"): derived from the person's own acts, for them alone.
  'time.suggestions': 'read',
  'timesheet.submit': 'write',
  'timesheet.approve': 'write',
  'timesheet.queue': 'read',
  // Approving several submitted weeks at once (each week is still judged by `timesheet.approve`).
  'timesheet.bulk_approve': 'write',
  'load.read': 'read',
  'overtime.read': 'read',
  'overtime.configure': 'write',
  'rates.read': 'read',
  'rates.manage': 'write',
  // A client's hidden cost across its engagements, per provider and month.
  'hidden_cost.read': 'read',
  // Capacity (core/time/capacity*.ts): a provider person's contracted hours, leave and plan; the board.
  'capacity.read': 'read',
  'capacity.manage': 'write',
  'leave.manage': 'write',
  'allocation.manage': 'write',
  'allocation.preview': 'read',
  'capacity.board': 'read',
} as const satisfies Record<EngagementAction | 'engagement.transition', TokenScope> & Record<string, TokenScope>;

export type Action = keyof typeof actionEffects;
export const allActions = Object.keys(actionEffects) as Action[];
const isEngagementAction = (action: Action): action is EngagementAction | 'engagement.transition' =>
  action === 'engagement.transition' || (engagementActions as readonly string[]).includes(action);

export type Resource =
  /** The kpo instance itself: organisations, settings. */
  | { type: 'instance' }
  | { type: 'organization'; orgId: string }
  /** An organisation's audit log, or the whole instance's when orgId is null. */
  | { type: 'audit_log'; orgId: string | null }
  | { type: 'api_token'; ownerUserId: string }
  /** Where a client and a provider meet: who is on it, and its state, decide who may do what. */
  | { type: 'engagement'; facts: EngagementFacts }
  /** The engagements of the actor's organisation (list, create, scorecards). */
  | { type: 'engagements'; orgId: string }
  /** One person's time in one organisation: their entries, weeks and load. */
  | { type: 'person_time'; orgId: string; userId: string };

export type { EngagementFacts };

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: DenyReason }
  /** The standing may take the action, but not in the engagement's present state. */
  | { allowed: false; reason: 'wrong_state'; state: { reason: ApiReason; message: string } };
export type DenyReason =
  | 'other_organization'
  | 'missing_role'
  | 'not_assigned'
  | 'not_owner'
  | 'token_scope'
  | 'session_required'
  | 'anonymous'
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
        case 'conflict.declare':
        case 'conflict.read_declarations':
          // Each provider person declares their own employers and holdings, in the organisation they work for.
          return actor.orgKind === 'provider' ? inOrg(actor, resource.orgId, () => true) : deny('no_rule');
        case 'conflict.read_restricted_list':
        case 'conflict.manage_restricted_list':
          // The restricted list is the client's, kept by its administrators; never a provider's to see.
          return actor.orgKind === 'client' ? inOrg(actor, resource.orgId, isOrgAdmin) : deny('no_rule');
        case 'rubric.read':
          return actor.orgKind === 'client' ? inOrg(actor, resource.orgId, () => true) : deny('no_rule');
        case 'rubric.manage':
          return actor.orgKind === 'client' ? inOrg(actor, resource.orgId, isOrgAdmin) : deny('no_rule');
        case 'calibration.manage':
          return actor.orgKind === 'client' ? inOrg(actor, resource.orgId, isOrgAdmin) : deny('no_rule');
        case 'overtime.read':
          return actor.orgKind === 'provider' ? inOrg(actor, resource.orgId, () => true) : deny('no_rule');
        case 'overtime.configure':
          return actor.orgKind === 'provider' ? inOrg(actor, resource.orgId, isOrgAdmin) : deny('no_rule');
        case 'capacity.board':
          // The provider's capacity across its clients: its managers'; never a client's.
          return actor.orgKind === 'provider'
            ? inOrg(actor, resource.orgId, (a) => has(a, 'provider_admin', 'delivery_manager'))
            : deny('no_rule');
        case 'rates.read':
          return actor.orgKind === 'client' ? inOrg(actor, resource.orgId, (a) => has(a, 'client_admin', 'finance')) : deny('no_rule');
        case 'timesheet.queue':
        case 'timesheet.bulk_approve':
          // The weeks waiting for approval: for those who approve them (see approvesTime).
          return actor.orgKind === 'operator' ? deny('no_rule') : inOrg(actor, resource.orgId, approvesTime);
        case 'hidden_cost.read':
          // The client's own people's hours costed at its internal rates: the readers of those rates.
          return actor.orgKind === 'client' ? inOrg(actor, resource.orgId, (a) => has(a, 'client_admin', 'finance')) : deny('no_rule');
        case 'rates.manage':
          return actor.orgKind === 'client' ? inOrg(actor, resource.orgId, isOrgAdmin) : deny('no_rule');
        case 'calibration.read':
        case 'calibration.score':
        case 'review.queue':
          return actor.orgKind === 'client'
            ? inOrg(actor, resource.orgId, (a) => has(a, 'client_admin', 'engagement_owner', 'reviewer'))
            : deny('no_rule');
        case 'webhook.manage':
          // Engagement events reach clients and providers; the operator has none to hear of.
          return actor.orgKind === 'operator' ? deny('no_rule') : inOrg(actor, resource.orgId, isOrgAdmin);
        case 'org.update':
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
      // Whoever may read a log may check it: the chain's answer for that organisation (decision 0004).
      if (action !== 'audit.read' && action !== 'audit.verify') return deny('no_rule');
      if (isPlatformAuditor(actor)) return allow;
      if (resource.orgId === null) return deny('missing_role');
      return inOrg(actor, resource.orgId, (a) => has(a, 'auditor') || isOrgAdmin(a));

    case 'api_token':
      if (action !== 'token.list' && action !== 'token.create' && action !== 'token.revoke') return deny('no_rule');
      if (actor.via !== 'session') return deny('session_required');
      return actor.userId === resource.ownerUserId ? allow : deny('not_owner');

    case 'engagement': {
      if (!isEngagementAction(action)) return deny('no_rule');
      const standing = standingOn(actor, resource.facts);
      if (standing === null) {
        const sameOrg = actor.orgId === resource.facts.clientOrgId || actor.orgId === resource.facts.awardedProviderOrgId;
        return deny(sameOrg ? 'not_assigned' : 'other_organization');
      }
      const rule = action === 'engagement.transition' ? anyTransitionRule : engagementRules[action];
      const refusal = ruleDecision(rule, action, standing, resource.facts.status);
      const needs = action === 'engagement.transition' ? undefined : engagementActionRoles[action];
      if (needs && !has(actor, ...needs)) return deny('missing_role');
      if (refusal === null) return allow;
      if (refusal.kind === 'standing') return deny('missing_role');
      return { allowed: false, reason: 'wrong_state', state: { reason: refusal.reason, message: refusal.message } };
    }

    case 'person_time':
      return personTimeDecision(actor, action, resource);

    case 'engagements':
      if (actor.orgId !== resource.orgId) return deny('other_organization');
      if (action === 'engagement.list') return actor.orgKind === 'operator' ? deny('no_rule') : allow;
      if (action === 'engagement.create' || action === 'provider.directory') {
        return actor.orgKind === 'client' && has(actor, 'client_admin', 'engagement_owner') ? allow : deny('missing_role');
      }
      if (action === 'scorecard.read') {
        // A client's people who weigh providers; a provider's managers, who see their own record.
        const reads =
          actor.orgKind === 'client'
            ? has(actor, 'client_admin', 'engagement_owner', 'finance', 'auditor')
            : actor.orgKind === 'provider' && has(actor, 'provider_admin', 'delivery_manager');
        return reads ? allow : deny('missing_role');
      }
      return deny('no_rule');
  }
}

/** Who approves a person's weeks and may log for them: the provider's managers, the client's admins. */
const approvesTime = (a: UserActor) =>
  a.orgKind === 'provider' ? has(a, 'provider_admin', 'delivery_manager') : a.orgKind === 'client' && isOrgAdmin(a);

/**
 * A person's time (decision 0011): each person their own; their organisation's approvers (the
 * provider's delivery managers and admin, the client's admins) everyone's, but never their own
 * week's approval. A provider person's load is the provider's alone: never a client's to see.
 */
function personTimeDecision(actor: UserActor, action: Action, resource: { orgId: string; userId: string }): Decision {
  if (actor.orgId !== resource.orgId) return deny('other_organization');
  if (actor.orgKind === 'operator') return deny('no_rule');
  const own = actor.userId === resource.userId;
  switch (action) {
    case 'timesheet.read':
    case 'timesheet.submit':
    case 'time.log_for':
      return own || approvesTime(actor) ? allow : deny('missing_role');
    case 'time.suggestions':
      return own ? allow : deny('not_owner');
    case 'timesheet.approve':
      if (own) return deny('not_owner');
      return approvesTime(actor) ? allow : deny('missing_role');
    case 'load.read':
    case 'capacity.read':
    case 'leave.manage':
      if (actor.orgKind !== 'provider') return deny('no_rule');
      return own || has(actor, 'provider_admin', 'delivery_manager') ? allow : deny('missing_role');
    case 'capacity.manage':
    case 'allocation.manage':
    case 'allocation.preview':
      // Contracted hours and plans are the managers' to set, their own included.
      if (actor.orgKind !== 'provider') return deny('no_rule');
      return has(actor, 'provider_admin', 'delivery_manager') ? allow : deny('missing_role');
    default:
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
  'document.destroy',
]);

export function can(actor: Actor, action: Action, resource: Resource): Decision {
  // Jobs and the CLI act as the system; a request never does (an anonymous one is refused here).
  if (actor.kind === 'system') return allow;
  if (actor.kind === 'anonymous') return deny('anonymous');
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
  anonymous: 'Sign in first.',
  no_rule: 'This is not allowed.',
};

/** Throws `forbidden` unless the policy allows. */
export function authorize(actor: Actor, action: Action, resource: Resource): void {
  const decision = can(actor, action, resource);
  if (decision.allowed) return;
  if (decision.reason === 'wrong_state') throw new AppError('invalid_state', decision.state.message, { reason: decision.state.reason });
  if (decision.reason === 'anonymous') throw new AppError('unauthenticated', denyMessages.anonymous, { reason: 'no_session' });
  throw new AppError('forbidden', denyMessages[decision.reason], { reason: decision.reason });
}

/** Each door of the UI, as the decision it stands for. */
const permissionChecks: Record<OrgPermission, (a: UserActor) => Decision> = {
  'members.manage': (a) => can(a, 'member.invite', { type: 'organization', orgId: a.orgId }),
  'organizations.manage': (a) => can(a, 'instance.org.create', { type: 'instance' }),
  'audit.read': (a) => can(a, 'audit.read', { type: 'audit_log', orgId: a.orgId }),
  'audit.read_instance': (a) => can(a, 'audit.read', { type: 'audit_log', orgId: null }),
  'audit.verify': (a) => can(a, 'audit.verify', { type: 'audit_log', orgId: a.orgId }),
  'engagements.list': (a) => can(a, 'engagement.list', { type: 'engagements', orgId: a.orgId }),
  'engagements.create': (a) => can(a, 'engagement.create', { type: 'engagements', orgId: a.orgId }),
  'scorecards.read': (a) => can(a, 'scorecard.read', { type: 'engagements', orgId: a.orgId }),
  'webhooks.manage': (a) => can(a, 'webhook.manage', { type: 'organization', orgId: a.orgId }),
  'reviews.queue': (a) => can(a, 'review.queue', { type: 'organization', orgId: a.orgId }),
  'rubrics.manage': (a) => can(a, 'rubric.manage', { type: 'organization', orgId: a.orgId }),
  'calibration.take': (a) => can(a, 'calibration.score', { type: 'organization', orgId: a.orgId }),
  'calibration.manage': (a) => can(a, 'calibration.manage', { type: 'organization', orgId: a.orgId }),
  'time.own': (a) => can(a, 'timesheet.submit', { type: 'person_time', orgId: a.orgId, userId: a.userId }),
  'time.approve': (a) => can(a, 'timesheet.queue', { type: 'organization', orgId: a.orgId }),
  'load.own': (a) => can(a, 'load.read', { type: 'person_time', orgId: a.orgId, userId: a.userId }),
  'capacity.board': (a) => can(a, 'capacity.board', { type: 'organization', orgId: a.orgId }),
  'rates.manage': (a) => can(a, 'rates.manage', { type: 'organization', orgId: a.orgId }),
  'hidden_cost.read': (a) => can(a, 'hidden_cost.read', { type: 'organization', orgId: a.orgId }),
};

/** What someone signed in to one organisation may open there: the policy's answer, for the UI. */
export function permissionsOf(actor: UserActor): OrgPermission[] {
  return orgPermissions.filter((p) => permissionChecks[p](actor).allowed);
}
