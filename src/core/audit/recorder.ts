import { type AuditEventInput, auditEventDataSchemas } from '../../shared/contracts/audit.js';
import { actorLabel, type RequestContext } from '../access/actor.js';
import type { Clock, RandomSource } from '../ports.js';
import type { Repos } from '../store.js';

export type RecordAudit = (tx: Repos, ctx: RequestContext, event: AuditEventInput) => Promise<void>;

/**
 * Records one typed audit event inside the caller's transaction, so the event and the change
 * it describes commit together or not at all (it joins the hash chain at the commit).
 */
export function auditRecorder(deps: { clock: Clock; random: RandomSource }): RecordAudit {
  return (tx, ctx, event) => {
    const data = auditEventDataSchemas[event.type].parse(event.data) as Record<string, unknown>;
    return tx.audit.append({
      id: deps.random.uuid(),
      occurredAt: deps.clock.now().toISOString(),
      type: event.type,
      actorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      actorLabel: actorLabel(ctx.actor),
      orgId: event.orgId,
      partyOrgId: event.partyOrgId ?? null,
      resourceType: event.resource.type,
      resourceId: event.resource.id,
      data,
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
  };
}
