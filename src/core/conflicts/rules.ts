import { conflictKinds } from '../../shared/contracts/conflicts.js';

/**
 * Conflict walls (issue #9, point 8): whether a provider person may work on an engagement, from
 * what they declared (employers with dates, holdings) and what the client named on the engagement
 * (its target and the competitors its brief names, taken from the client's restricted list).
 * Pure: no clock, no store — `today` comes in as a calendar date (YYYY-MM-DD, Japan time).
 *
 * The rules:
 * - a current employee of the target, or of a named competitor → blocked;
 * - a former employee of the target, until the cooling-off period after their last day is over → blocked;
 * - a holding in the target (by name or by ticker) → blocked.
 * A former employee of a competitor, and a holding in a competitor, are not conflicts here.
 */

export { conflictKinds };
export type ConflictKind = (typeof conflictKinds)[number];

/** One employment as declared: `to` is the last day worked, null while still employed. */
export interface DeclaredEmployer {
  entity: string;
  from: string;
  to: string | null;
}
/** A holding as declared: a company's name or a ticker (7203, 7203.T, TYO:7203 …). */
export interface DeclaredHolding {
  entity: string;
}
export interface Declarations {
  employers: readonly DeclaredEmployer[];
  holdings: readonly DeclaredHolding[];
}

/** An entity of the client's restricted list, as far as matching needs it. */
export interface RestrictedEntityRef {
  id: string;
  name: string;
  /** Other names it goes by (e.g. its English and Japanese names). */
  aliases: readonly string[];
  tickers: readonly string[];
}
export interface ConflictSubjects {
  targets: readonly RestrictedEntityRef[];
  competitors: readonly RestrictedEntityRef[];
}

export interface Conflict {
  kind: ConflictKind;
  entityId: string;
  entityName: string;
  /** Which declaration matched: an employer or a holding, by its position in the declaration. */
  source: { type: 'employer'; index: number } | { type: 'holding'; index: number };
  /** For a former employee: the last day of the cooling-off period (blocked up to and including it). */
  coolingOffEnds?: string;
}

export const DEFAULT_COOLING_OFF_MONTHS = 6;

// ---------- name matching ----------

/**
 * Legal-form words that do not tell companies apart, as they read after NFKC and lower-casing:
 * 株式会社 / (株) / ㈱ (NFKC makes it "(株)"), 有限会社 / (有), 合同会社, … and Inc., Co., Ltd.,
 * Corporation, K.K., Kabushiki Kaisha, LLC, GmbH …
 */
const JAPANESE_FORMS = [
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '相互会社',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '(株)',
  '(有)',
  '(同)',
  '(資)',
  '(名)',
];
/** Latin legal forms at the end (or start) of a name, with or without dots and commas. */
const LATIN_FORMS = [
  'kabushiki kaisha',
  'kabushikikaisha',
  'k\\.?\\s?k\\.?',
  'co\\.?,?\\s*ltd\\.?',
  'company\\s+limited',
  'co\\.?\\s*limited',
  'limited',
  'ltd\\.?',
  'incorporated',
  'inc\\.?',
  'corporation',
  'corp\\.?',
  'company',
  'co\\.?',
  'l\\.?l\\.?c\\.?',
  'l\\.?l\\.?p\\.?',
  'p\\.?l\\.?c\\.?',
  'gmbh',
  'ag',
  's\\.?a\\.?',
  'n\\.?v\\.?',
  'b\\.?v\\.?',
];
const LATIN_SUFFIX = new RegExp(`(?:^|[\\s,.])(?:${LATIN_FORMS.join('|')})[\\s,.]*$`, 'u');
const LATIN_PREFIX = /^(?:kabushiki\s*kaisha)[\s,.]+/u;
/** Everything but letters and digits: spaces (half- and full-width), dots, commas, 中黒, hyphens… */
const NOT_WORD = /[^\p{L}\p{N}]/gu;

const fold = (text: string) => text.normalize('NFKC').toLowerCase().trim();

/**
 * The key two names compare by: NFKC (full-/half-width letters, digits and katakana become one
 * form), case-insensitive, legal-form words dropped, spaces and punctuation ignored. A name that
 * is nothing but a legal form keeps its letters (so "AG" is still "ag").
 */
export function entityKey(name: string): string {
  let s = fold(name);
  for (const form of JAPANESE_FORMS) s = s.replaceAll(form, ' ');
  s = s.trim();
  // Suffixes can stack ("Toyota Motor Co., Ltd." → "toyota motor"): drop them until none is left.
  for (let i = 0; i < 4; i++) {
    const next = s.replace(LATIN_SUFFIX, '').replace(LATIN_PREFIX, '').trim();
    if (next === s) break;
    s = next;
  }
  const key = s.replace(NOT_WORD, '');
  return key.length > 0 ? key : fold(name).replace(NOT_WORD, '');
}

/**
 * The key two tickers compare by: "7203", "7203.T", "TYO:7203", "7203 JP", "７２０３" are one;
 * so are "AAPL", "NASDAQ:AAPL" and "AAPL.O". Null when the text holds no ticker-like word.
 */
export function tickerKey(ticker: string): string | null {
  let s = fold(ticker).toUpperCase();
  const colon = s.lastIndexOf(':');
  if (colon >= 0) s = s.slice(colon + 1);
  s = s.trim().split(/\s+/)[0] ?? '';
  s = s.split('.')[0] ?? '';
  return /^[A-Z0-9]{1,12}$/.test(s) ? s : null;
}

const namesOf = (e: RestrictedEntityRef) => [e.name, ...e.aliases].map(entityKey);

const sameEntity = (declared: string, e: RestrictedEntityRef) => namesOf(e).includes(entityKey(declared));

/** A holding is in the entity when it names it, or gives one of its tickers. */
function holds(declared: string, e: RestrictedEntityRef): boolean {
  if (sameEntity(declared, e)) return true;
  const ticker = tickerKey(declared);
  return ticker !== null && e.tickers.some((t) => tickerKey(t) === ticker);
}

// ---------- dates ----------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The date `months` months after `date`, on the same day of the month or, when that month is
 * shorter, on its last day (2025-08-31 + 6 months = 2026-02-28).
 */
export function addMonths(date: string, months: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`Not a date: ${date}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The last day of the cooling-off period after a last working day: the period starts the day after
 * and runs for `months` months, so it ends on the same day of the month `months` later (民法 143条:
 * left on 1月15日, 6 months → free from 7月16日; left on 8月31日 → the period ends on 2月末日).
 */
export const coolingOffEnd = (lastDay: string, months: number): string => addMonths(lastDay, months);

/** Employed on `today`: no last day, or a last day not yet past. */
const isCurrent = (e: DeclaredEmployer, today: string) => e.to === null || e.to >= today;

// ---------- the rule ----------

/** Every conflict the person has with the engagement's subjects on `today`; none means they may work on it. */
export function conflictsOf(person: Declarations, subjects: ConflictSubjects, coolingOffMonths: number, today: string): Conflict[] {
  const found: Conflict[] = [];
  person.employers.forEach((employer, index) => {
    const source = { type: 'employer' as const, index };
    const current = isCurrent(employer, today);
    for (const target of subjects.targets) {
      if (!sameEntity(employer.entity, target)) continue;
      if (current) {
        found.push({ kind: 'current_employee_of_target', entityId: target.id, entityName: target.name, source });
        continue;
      }
      const ends = coolingOffEnd(employer.to as string, coolingOffMonths);
      if (today <= ends)
        found.push({
          kind: 'former_employee_of_target_in_cooling_off',
          entityId: target.id,
          entityName: target.name,
          source,
          coolingOffEnds: ends,
        });
    }
    if (!current) return;
    for (const competitor of subjects.competitors) {
      if (sameEntity(employer.entity, competitor))
        found.push({ kind: 'current_employee_of_competitor', entityId: competitor.id, entityName: competitor.name, source });
    }
  });
  person.holdings.forEach((holding, index) => {
    for (const target of subjects.targets) {
      if (holds(holding.entity, target))
        found.push({ kind: 'holding_in_target', entityId: target.id, entityName: target.name, source: { type: 'holding', index } });
    }
  });
  return found;
}

/** A conflict as an override covers it: the kind and the entity (not which declaration line it came from). */
export const conflictKey = (c: Pick<Conflict, 'kind' | 'entityId'>) => `${c.kind}:${c.entityId}`;

/** The conflicts an override (covering `covered`) leaves open: a new kind or entity needs a new override. */
export function uncovered(conflicts: readonly Conflict[], covered: readonly string[] | null): Conflict[] {
  if (!covered) return [...conflicts];
  const set = new Set(covered);
  return conflicts.filter((c) => !set.has(conflictKey(c)));
}

/** Today's calendar date in Japan (kpo's dates are Japanese calendar days). */
export function japanDate(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
