import type { PiiType } from './types.js';

/** A detector's proposal before overlaps are resolved. */
export interface Candidate {
  start: number;
  end: number;
  type: PiiType;
  score: number;
}

/**
 * Which finding wins an overlap: checksummed identifiers first (a valid check digit is the
 * strongest evidence), then structured formats, addresses (which contain numbers that look
 * like phones), and names last (they are guessed from context).
 */
export const priority: Record<PiiType, number> = {
  EMAIL_ADDRESS: 100,
  IBAN_CODE: 96,
  MY_NUMBER: 95,
  JP_CORPORATE_NUMBER: 94,

  CREDIT_CARD: 92,
  US_SSN: 90,
  IP_ADDRESS: 88,
  BANK_ACCOUNT: 80,
  PHONE_NUMBER: 75,
  JP_POSTAL_CODE: 72,
  STREET_ADDRESS: 70,
  DATE_TIME: 60,
  PERSON: 50,
};

function overlapsAny(c: Candidate, taken: Candidate[]): boolean {
  for (const t of taken) if (c.start < t.end && t.start < c.end) return true;
  return false;
}

/** Whether spans sorted by start are disjoint. */
function disjoint(byStart: Candidate[]): boolean {
  let end = 0;
  for (const c of byStart) {
    if (c.start < end) return false;
    end = Math.max(end, c.end);
  }
  return true;
}

/**
 * Sorts in place, keeping the order of equal elements (as the stable `sort` does). Short lists —
 * a text has a few dozen candidates, most already in order — by insertion, which beats `sort`
 * with a comparator before V8 has optimised it; long ones (a whole document's) by `sort`.
 */
function stableSort(list: Candidate[], compare: (a: Candidate, b: Candidate) => number): Candidate[] {
  if (list.length > INSERTION_SORT_MAX) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const c = list[i] as Candidate;
    let j = i - 1;
    for (; j >= 0 && compare(list[j] as Candidate, c) > 0; j--) list[j + 1] = list[j] as Candidate;
    list[j + 1] = c;
  }
  return list;
}
const INSERTION_SORT_MAX = 64;

const byStartOrder = (a: Candidate, b: Candidate) => a.start - b.start;
/** Rank order: higher priority first, then longer, then further left. */
const rankOrder = (a: Candidate, b: Candidate) =>
  priority[b.type] - priority[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start;
const sortByStart = (list: Candidate[]) => stableSort(list, byStartOrder);
const sortByRank = (list: Candidate[]) => stableSort(list, rankOrder);

/** Highest priority first, then longest, then leftmost; each accepted span blocks what it overlaps. */
export function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const nonEmpty: Candidate[] = [];
  for (const c of candidates) if (c.end > c.start) nonEmpty.push(c);
  // About half the texts have no overlap at all: then there is nothing to rank.
  const byStart = sortByStart(nonEmpty.slice());
  if (disjoint(byStart)) return byStart;
  const ordered = sortByRank(nonEmpty);
  const taken: Candidate[] = [];
  for (const c of ordered) if (!overlapsAny(c, taken)) taken.push(c);
  return sortByStart(taken);
}
