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
  'engagement.read': 'read',
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
  | {
      type: 'engagement';
      clientOrgId: string;
      providerOrgId: string | null;
      assignedProviderUserIds: readonly string[];
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

const has = (actor: UserActor, ...wanted: Role[]) => wanted.some((r) => actor.roles.includes(r));
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
      if (action === 'instance.org.create') return isPlatformAdmin(actor) ? allow : deny('missing_role');
      return deny('no_rule');

    case 'organization':
      if (isPlatformAdmin(actor)) {
        // The operator onboards organisations and their administrators, and nothing else of theirs.
        const operatorActions: Action[] = [
          'org.read',
          'org.update',
          'member.list',
          'member.invite',
          'member.update_roles',
          'member.remove',
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
      if (action !== 'engagement.read') return deny('no_rule');
      if (actor.orgId === resource.clientOrgId) return actor.orgKind === 'client' ? allow : deny('no_rule');
      if (resource.providerOrgId !== null && actor.orgId === resource.providerOrgId) {
        // Need-to-know: a provider's analysts see only what they are assigned to.
        if (has(actor, 'provider_admin', 'delivery_manager')) return allow;
        return resource.assignedProviderUserIds.includes(actor.userId) ? allow : deny('not_assigned');
      }
      return deny('other_organization');
    }
  }
}

export function can(actor: Actor, action: Action, resource: Resource): Decision {
  if (actor.kind === 'system') return allow;
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
