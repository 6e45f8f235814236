import type { FeeTerms, PlannedMilestone, SowContent } from '../../../shared/contracts/engagements';

/**
 * What changed from one SOW version to the next, field by field, so a version history reads as
 * "survey due 29 May → 5 June" instead of two walls of text.
 */
export type SowChange =
  | { kind: 'text'; field: 'scope' | 'assumptions'; before: string; after: string }
  | { kind: 'value'; field: SowValueField; before: string | number; after: string | number }
  | { kind: 'list'; field: 'deliverables'; added: string[]; removed: string[] }
  | { kind: 'fee'; before: FeeTerms; after: FeeTerms }
  | { kind: 'milestone'; change: 'added' | 'removed'; key: string; milestone: PlannedMilestone }
  | {
      kind: 'milestone';
      change: 'changed';
      key: string;
      milestone: PlannedMilestone;
      before: Partial<MilestoneFacts>;
      after: Partial<MilestoneFacts>;
    };

export type SowValueField =
  | 'startDate'
  | 'endDate'
  | 'cadenceDays'
  | 'reviewSlaBusinessDays'
  | 'clientAnswerBusinessDays'
  | 'providerAnswerBusinessDays';

type MilestoneFacts = Pick<PlannedMilestone, 'title' | 'dueDate' | 'weight' | 'deliverables'>;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function values(s: SowContent): Record<SowValueField, string | number> {
  return {
    startDate: s.startDate,
    endDate: s.endDate,
    cadenceDays: s.cadenceDays,
    reviewSlaBusinessDays: s.reviewSlaBusinessDays,
    clientAnswerBusinessDays: s.answerSla.clientBusinessDays,
    providerAnswerBusinessDays: s.answerSla.providerBusinessDays,
  };
}

function milestoneChanges(before: readonly PlannedMilestone[], after: readonly PlannedMilestone[]): SowChange[] {
  const changes: SowChange[] = [];
  const old = new Map(before.map((m) => [m.key, m]));
  const fresh = new Map(after.map((m) => [m.key, m]));
  for (const m of after) {
    const prev = old.get(m.key);
    if (!prev) {
      changes.push({ kind: 'milestone', change: 'added', key: m.key, milestone: m });
      continue;
    }
    const was: Partial<MilestoneFacts> = {};
    const now: Partial<MilestoneFacts> = {};
    for (const field of ['title', 'dueDate', 'weight', 'deliverables'] as const) {
      if (!sameJson(prev[field], m[field])) {
        Object.assign(was, { [field]: prev[field] });
        Object.assign(now, { [field]: m[field] });
      }
    }
    if (Object.keys(now).length > 0)
      changes.push({ kind: 'milestone', change: 'changed', key: m.key, milestone: m, before: was, after: now });
  }
  for (const m of before) if (!fresh.has(m.key)) changes.push({ kind: 'milestone', change: 'removed', key: m.key, milestone: m });
  return changes;
}

export function sowDiff(before: SowContent, after: SowContent): SowChange[] {
  const changes: SowChange[] = [];
  if (before.scope !== after.scope) changes.push({ kind: 'text', field: 'scope', before: before.scope, after: after.scope });
  const added = after.deliverables.filter((d) => !before.deliverables.includes(d));
  const removed = before.deliverables.filter((d) => !after.deliverables.includes(d));
  if (added.length || removed.length) changes.push({ kind: 'list', field: 'deliverables', added, removed });
  changes.push(...milestoneChanges(before.milestones, after.milestones));
  if (!sameJson(before.fee, after.fee)) changes.push({ kind: 'fee', before: before.fee, after: after.fee });
  const was = values(before);
  const now = values(after);
  for (const field of Object.keys(now) as SowValueField[]) {
    if (was[field] !== now[field]) changes.push({ kind: 'value', field, before: was[field], after: now[field] });
  }
  if (before.assumptions !== after.assumptions) {
    changes.push({ kind: 'text', field: 'assumptions', before: before.assumptions, after: after.assumptions });
  }
  return changes;
}
