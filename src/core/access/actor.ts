import type { TokenScope } from '../../shared/contracts/identity.js';
import { AppError } from '../../shared/errors.js';
import type { OrgKind, Role } from '../../shared/roles.js';

/** Someone acting through kpo: a signed-in user in one organisation, or the system itself. */
export interface UserActor {
  kind: 'user';
  userId: string;
  email: string;
  orgId: string;
  orgKind: OrgKind;
  roles: readonly Role[];
  /** How the request was authenticated; tokens carry scopes that narrow what they may do. */
  via: 'session' | 'token';
  scopes: readonly TokenScope[];
}

export interface SystemActor {
  kind: 'system';
  /** Who acted, for the audit log: e.g. "cli:root@host", "seed", "job:sla-check". */
  label: string;
}

/** A request without a session or token. Refused by every policy decision. */
export interface AnonymousActor {
  kind: 'anonymous';
}

export type Actor = UserActor | SystemActor | AnonymousActor;

/** Who and where, recorded with every audit event. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return actor.email;
  return actor.kind === 'system' ? actor.label : 'anonymous';
}

export const systemContext = (label: string): RequestContext => ({
  actor: { kind: 'system', label },
  ip: null,
  requestId: null,
});

/** The person acting, or null for the system (jobs, the CLI). */
export const actingUserId = (ctx: RequestContext): string | null => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** The person acting; what only people do (saving a model, uploading a document) refuses anyone else. */
export function requireUserId(ctx: RequestContext, what: string): string {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', `${what} by people.`, { reason: 'user_required' });
  return ctx.actor.userId;
}
