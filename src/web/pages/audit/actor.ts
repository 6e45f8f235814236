import type { AuditEvent, SystemActorKind } from '../../../shared/contracts/audit';

/** How a row shows who acted: one name, with the detail on hover. */
export type ActorDisplay =
  /** A person: their name, their e-mail on hover. */
  | { kind: 'user'; name: string; title: string }
  /** The system: a translated label (`audit.systemActor.<system>`), the recorded label on hover. */
  | { kind: 'system'; system: SystemActorKind; title: string };

export function actorDisplay(event: Pick<AuditEvent, 'actor' | 'actorLabel'>): ActorDisplay {
  const { actor } = event;
  if (actor.kind === 'user') return { kind: 'user', name: actor.displayName, title: actor.email };
  return { kind: 'system', system: actor.system, title: event.actorLabel };
}
