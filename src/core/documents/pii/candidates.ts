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
 * Sorts by start in place, keeping the order of equal starts (as the stable `sort` does): an
 * insertion sort, since a text has a few dozen candidates at most, most already in order, and a
 * comparator called through `sort` is slower for that before V8 has optimised it.
 */
function sortByStart(list: Candidate[]): Candidate[] {
  for (let i = 1; i < list.length; i++) {
    const c = list[i] as Candidate;
    let j = i - 1;
    for (; j >= 0 && (list[j] as Candidate).start > c.start; j--) list[j + 1] = list[j] as Candidate;
    list[j + 1] = c;
  }
  return list;
}

/** Whether `a` ranks after `b`: lower priority, or as high and shorter, or as long and further right. */
const ranksAfter = (a: Candidate, b: Candidate) =>
  (priority[b.type] - priority[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start) > 0;

/** Sorts by rank in place, keeping the order of equal ranks (the stable `sort` with the same order; an insertion sort, as `sortByStart`). */
function sortByRank(list: Candidate[]): Candidate[] {
  for (let i = 1; i < list.length; i++) {
    const c = list[i] as Candidate;
    let j = i - 1;
    for (; j >= 0 && ranksAfter(list[j] as Candidate, c); j--) list[j + 1] = list[j] as Candidate;
    list[j + 1] = c;
  }
  return list;
}

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
