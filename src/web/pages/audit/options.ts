import type { AuditEvent } from '../../../shared/contracts/audit';
import type { MembershipView, MemberView, OrganizationView } from '../../../shared/contracts/identity';

export interface Option {
  value: string;
  label: string;
}

/**
 * Who can be picked as actor: the organisation's members, plus anyone seen acting in the
 * loaded events (people who have since left show up there), plus the current choice.
 */
export function actorOptions(members: readonly MemberView[], events: readonly AuditEvent[], selected: string | undefined): Option[] {
  const options = new Map<string, string>();
  for (const m of members) options.set(m.userId, `${m.displayName} (${m.email})`);
  for (const e of events) {
    if (e.actor.kind === 'user' && !options.has(e.actor.userId)) options.set(e.actor.userId, `${e.actor.displayName} (${e.actor.email})`);
  }
  if (selected && !options.has(selected)) options.set(selected, selected);
  return [...options].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Organisations an operator can filter by: every organisation when they may list them,
 * otherwise those they know of (their memberships and organisations seen in the events).
 */
export function organizationOptions(
  organizations: readonly OrganizationView[] | undefined,
  memberships: readonly MembershipView[],
  events: readonly AuditEvent[],
  selected: string | undefined,
  unnamed: (id: string) => string,
): Option[] {
  const options = new Map<string, string>();
  if (organizations) for (const o of organizations) options.set(o.id, o.name);
  for (const m of memberships) options.set(m.orgId, m.orgName);
  for (const e of events) if (e.orgId && !options.has(e.orgId)) options.set(e.orgId, unnamed(e.orgId));
  if (selected && !options.has(selected)) options.set(selected, unnamed(selected));
  return [...options].map(([value, label]) => ({ value, label }));
}
