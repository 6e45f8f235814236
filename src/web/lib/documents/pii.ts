import type { DocumentKind, DocumentView, PiiReview, piiTypeNames } from '../../../shared/contracts/documents';
import type { EngagementView } from '../../../shared/contracts/engagements';

export type PiiType = (typeof piiTypeNames)[number];
export type PiiFinding = PiiReview['findings'][number];

/** The kinds whose text the server reads for personal data (images answer `not_scannable`). */
const SCANNABLE: ReadonlySet<DocumentKind> = new Set(['txt', 'csv', 'xlsx', 'docx', 'pdf']);

export const isPiiScannable = (kind: DocumentKind): boolean => SCANNABLE.has(kind);

/** The order the types are listed in: the most common in Japanese client files first. */
export const piiTypeOrder: readonly PiiType[] = [
  'PERSON',
  'STREET_ADDRESS',
  'PHONE_NUMBER',
  'EMAIL_ADDRESS',
  'MY_NUMBER',
  'JP_CORPORATE_NUMBER',
  'JP_POSTAL_CODE',
  'BANK_ACCOUNT',
  'DATE_TIME',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
];

/** The types found, with how often, in the order above (a type the UI does not know is left out). */
export function foundTypes(counts: PiiReview['counts']): { type: PiiType; count: number }[] {
  return piiTypeOrder.filter((type) => (counts[type] ?? 0) > 0).map((type) => ({ type, count: counts[type] ?? 0 }));
}

/** Findings grouped by where they stand, in the document's order (page 2 before page 10), each group in text order. */
export function findingsByPlace(findings: readonly PiiFinding[]): { where: string; findings: PiiFinding[] }[] {
  const groups = new Map<string, PiiFinding[]>();
  for (const f of findings) {
    const group = groups.get(f.where);
    if (group) group.push(f);
    else groups.set(f.where, [f]);
  }
  return [...groups.entries()].map(([where, list]) => ({ where, findings: [...list].sort((a, b) => a.start - b.start) }));
}

/** A place as the reader's language says it: the server names pages and lines in English ("page 2", "line 14"). */
export type Place =
  | { key: 'page' | 'line'; n: number }
  | { key: 'paragraph'; part: string; n: number }
  | { key: 'cell'; sheet: string | null; cell: string }
  | { key: 'raw'; text: string };

export function placeOf(where: string): Place {
  let m = /^page (\d+)$/.exec(where);
  if (m) return { key: 'page', n: Number(m[1]) };
  m = /^line (\d+)$/.exec(where);
  if (m) return { key: 'line', n: Number(m[1]) };
  m = /^(.+) ¶(\d+)$/.exec(where);
  if (m) return { key: 'paragraph', part: m[1] ?? '', n: Number(m[2]) };
  m = /^(?:(.+)!)?([A-Z]{1,3}\d+)$/.exec(where);
  if (m) return { key: 'cell', sheet: m[1] ?? null, cell: m[2] ?? '' };
  return { key: 'raw', text: where };
}

/**
 * The types a pseudonymised copy replaces: every type found (the server's default), unless the
 * person unticked some. Undefined when it is all of them, so the request says nothing.
 */
export function typesToReplace(found: readonly PiiType[], chosen: ReadonlySet<PiiType>): PiiType[] | undefined {
  const picked = found.filter((t) => chosen.has(t));
  return picked.length === found.length ? undefined : picked;
}

export interface CodeNameRow {
  term: string;
  codeName: string;
}

/** The code names to send: blank rows dropped, spaces trimmed, one row per term (the last wins). */
export function cleanCodeNames(rows: readonly CodeNameRow[]): CodeNameRow[] {
  const byTerm = new Map<string, CodeNameRow>();
  for (const row of rows) {
    const term = row.term.trim();
    const codeName = row.codeName.trim();
    if (term && codeName) byTerm.set(term, { term, codeName });
  }
  return [...byTerm.values()];
}

/** Rows with only one side filled: the form asks for the other before the copy is made. */
export const incompleteCodeNames = (rows: readonly CodeNameRow[]): number[] =>
  rows.flatMap((r, i) => (!r.term.trim() !== !r.codeName.trim() ? [i] : []));

/** The engagement lets the viewer review personal data and re-identify (the client's working people). */
export const mayPseudonymise = (engagement: Pick<EngagementView, 'allowedActions'>): boolean =>
  engagement.allowedActions.includes('document.pseudonymise');

/** A copy made by pseudonymising another document. */
export const isPseudonymisedCopy = (doc: Pick<DocumentView, 'sourceDocumentId'>): boolean => doc.sourceDocumentId !== null;

/** What comes back in tokens: the provider's work, and the copies themselves. */
export const mayHaveTokens = (doc: Pick<DocumentView, 'sourceDocumentId' | 'uploadedSide'>): boolean =>
  doc.uploadedSide === 'provider' || isPseudonymisedCopy(doc);
