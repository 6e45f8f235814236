import type { DeliverableContent, GoldOutcome } from '../../shared/contracts/deliverables.js';
import type { GoldItemRecord, GoldResultRecord } from '../store.js';

/**
 * Gold checks, pure: whether a deliverable's content catches a planted item, and an item's outcome
 * from its results. An item is caught when the deliverable names it — one of its terms written
 * anywhere in the text, the references or a patent report's findings and ranked results (full- or half-width, case, spaces and punctuation aside: 特開２０１８－５１２３４５ matches 特開2018-512345, US 9,876,543 B2 matches us9876543), or a
 * reference to its vault document. That is a reading aid for the client's reviewers, not a proof:
 * the terms are the client's, and a good term is one only a finder would write (a publication
 * number, the wrong figure and its cell).
 */

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\u2212]/gu, '');

/**
 * The deliverable's words a gold item is looked for in: section titles and bodies, each reference,
 * and in a patent-research report its findings, ranked results and charted documents — a report
 * often names the art it found only there.
 */
export function searchableText(content: DeliverableContent): string {
  const parts = [
    ...content.sections.flatMap((s) => [s.title, s.body]),
    ...content.references.flatMap((r) => [r.title, r.url ?? '', r.locator ?? '']),
    ...(content.type === 'patent_research'
      ? [
          content.findings,
          ...content.results.flatMap((r) => [r.number, r.title, r.reason]),
          ...content.charts.flatMap((c) => c.documents.flatMap((d) => [d.number, d.title])),
        ]
      : []),
  ];
  return fold(parts.join('\n'));
}

export function goldCaught(item: Pick<GoldItemRecord, 'terms' | 'documentId'>, content: DeliverableContent): boolean {
  if (item.documentId !== null && content.references.some((r) => r.documentId === item.documentId)) return true;
  const text = searchableText(content);
  return item.terms.some((term) => {
    const t = fold(term);
    return t.length > 0 && text.includes(t);
  });
}

/** Whether an item applies to a deliverable: the one it names, or any when it names none. */
export const goldAppliesTo = (item: Pick<GoldItemRecord, 'deliverableId' | 'withdrawnAt'>, deliverableId: string) =>
  item.withdrawnAt === null && (item.deliverableId === null || item.deliverableId === deliverableId);

/** An item's outcome on the latest evaluated version of each deliverable it applies to. */
export function goldOutcome(results: readonly GoldResultRecord[]): GoldOutcome {
  const latest = new Map<string, GoldResultRecord>();
  for (const r of results) {
    const seen = latest.get(r.deliverableId);
    if (!seen || seen.version < r.version) latest.set(r.deliverableId, r);
  }
  if (latest.size === 0) return 'pending';
  return [...latest.values()].some((r) => r.hit) ? 'caught' : 'missed';
}
