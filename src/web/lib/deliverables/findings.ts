import type { DeliverableCheckStatus, DeliverableContent, DeliverableFinding } from '../../../shared/contracts/deliverables';

export const findingOrder: readonly DeliverableCheckStatus[] = ['fail', 'warn', 'pass'];

/** Findings by status, failures first. */
export function groupFindings(
  findings: readonly DeliverableFinding[],
): { status: DeliverableCheckStatus; findings: DeliverableFinding[] }[] {
  return findingOrder
    .map((status) => ({ status, findings: findings.filter((f) => f.status === status) }))
    .filter((g) => g.findings.length > 0);
}

/** Where a finding points, in the words of the content: the section's title, the reference's title. */
export function findingPlace(
  finding: Pick<DeliverableFinding, 'location'>,
  content: Pick<DeliverableContent, 'sections' | 'references'>,
): { section: string | null; reference: string | null } {
  const { section, reference } = finding.location;
  const s = section === null ? undefined : content.sections.find((x) => x.key === section);
  const r = reference === null ? undefined : content.references.find((x) => x.id === reference);
  return { section: s ? s.title : section, reference: r ? r.title : reference };
}
