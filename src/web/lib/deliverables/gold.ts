import type { GoldItemView, GoldKind, PlantGoldRequest } from '../../../shared/contracts/deliverables';

/** How one version of a deliverable fared against the live gold checks that were looked for in it. */
export interface GoldTally {
  caught: number;
  total: number;
}

/**
 * The gold checks scored on one version: those not withdrawn that have a result for it, and how
 * many it caught. Null when none was looked for in it (nothing to say).
 */
export function goldOnVersion(
  items: readonly Pick<GoldItemView, 'withdrawnAt' | 'results'>[],
  deliverableId: string,
  version: number,
): GoldTally | null {
  let caught = 0;
  let total = 0;
  for (const item of items) {
    if (item.withdrawnAt !== null) continue;
    const result = item.results.find((r) => r.deliverableId === deliverableId && r.version === version);
    if (!result) continue;
    total++;
    if (result.hit) caught++;
  }
  return total === 0 ? null : { caught, total };
}

/** The list as people read it: live items before withdrawn ones, the newest first within each. */
export function sortGold<T extends Pick<GoldItemView, 'withdrawnAt' | 'createdAt'>>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => Number(a.withdrawnAt !== null) - Number(b.withdrawnAt !== null) || b.createdAt.localeCompare(a.createdAt),
  );
}

/** The plant form as typed: '' for "no document" and "any deliverable". */
export interface GoldDraft {
  kind: GoldKind;
  label: string;
  terms: readonly string[];
  documentId: string;
  deliverableId: string;
}

export const emptyGoldDraft = (): GoldDraft => ({ kind: 'reference', label: '', terms: [], documentId: '', deliverableId: '' });

/** What the plant form sends: terms trimmed, blanks and repeats left out; '' choices as null. */
export function plantRequestOf(draft: GoldDraft): PlantGoldRequest {
  const terms = [...new Set(draft.terms.map((term) => term.trim()).filter((term) => term !== ''))];
  return {
    kind: draft.kind,
    label: draft.label.trim(),
    terms,
    documentId: draft.documentId === '' ? null : draft.documentId,
    deliverableId: draft.deliverableId === '' ? null : draft.deliverableId,
  };
}

/** Whether the draft can be sent: a label, and something to look for (a term or a document). */
export const goldDraftReady = (draft: GoldDraft): boolean => {
  const request = plantRequestOf(draft);
  return request.label !== '' && (request.terms.length > 0 || request.documentId !== null);
};
