import type { ChangeSet, SowContent } from '../../../shared/contracts/engagements';
import { type FeeDraft, feeFromDraft } from './plan';

/**
 * A change request as the form holds it: the SOW in force, edited. Only what differs from the SOW
 * goes into the change set, so the other side sees exactly what is asked of them.
 */
export interface ChangeDraft {
  scope: string;
  endDate: string;
  /** By milestone key: the due date and title asked for. */
  milestones: Record<string, { title: string; dueDate: string }>;
  /** Null: the fee stays. */
  fee: FeeDraft | null;
}

export function draftFromSow(sow: SowContent): ChangeDraft {
  return {
    scope: sow.scope,
    endDate: sow.endDate,
    milestones: Object.fromEntries(sow.milestones.map((m) => [m.key, { title: m.title, dueDate: m.dueDate }])),
    fee: null,
  };
}

export function changeSetFrom(sow: SowContent, draft: ChangeDraft): ChangeSet {
  const changes: ChangeSet = {};
  if (draft.scope !== sow.scope) changes.scope = draft.scope;
  if (draft.endDate && draft.endDate !== sow.endDate) changes.endDate = draft.endDate;
  const moved = sow.milestones.flatMap((m) => {
    const asked = draft.milestones[m.key];
    if (!asked) return [];
    const title = asked.title.trim();
    const change = {
      key: m.key,
      ...(title && title !== m.title && { title }),
      ...(asked.dueDate && asked.dueDate !== m.dueDate && { dueDate: asked.dueDate }),
    };
    return Object.keys(change).length > 1 ? [change] : [];
  });
  if (moved.length > 0) changes.milestones = moved;
  if (draft.fee) {
    const fee = feeFromDraft(draft.fee);
    if (JSON.stringify(fee) !== JSON.stringify(sow.fee)) changes.fee = fee;
  }
  return changes;
}

export const isEmptyChange = (changes: ChangeSet): boolean => Object.values(changes).every((v) => v === undefined);
