import type { Side } from '../../shared/contracts/engagements.js';
import {
  MINUTES_PER_DAY,
  type SuggestionBasis,
  type SuggestionKind,
  type SuggestionPart,
  type TimeSuggestion,
} from '../../shared/contracts/time.js';

/**
 * Suggested time entries derived from what kpo already records of a person's work (issue #14
 * point 1; decision 0011, addendum "Suggested entries"). Pure: the caller gathers the activities
 * and the entries already logged, and passes today's date; dates are JST.
 */

/** One thing the person did that kpo recorded: when it was done and, for an answer or a review, when it arrived. */
export interface Activity {
  kind: SuggestionKind;
  engagementId: string;
  /** Identifies the thing done: an activity is counted once however often it is passed. */
  refId: string;
  /** What the person sees it by: a question's title, a deliverable and its version. */
  ref: string;
  /** When it was done (ISO 8601). */
  at: string;
  /** When the question or the version arrived (ISO 8601); null for acts without a waiting time. */
  openedAt: string | null;
}

export interface SuggestionRule {
  /** The category on each side; null: the act is no time of that side's categories. */
  category: Record<Side, string | null>;
  /** Minutes for an act without a same-day span. */
  fixed: number;
  /** For acts with a span: the least and the most minutes one act counts. */
  span: { floor: number; cap: number } | null;
}

export const SUGGESTION_RULES: Record<SuggestionKind, SuggestionRule> = {
  question_asked: { category: { client: 'qa', provider: 'research' }, fixed: 15, span: null },
  question_answered: { category: { client: 'qa', provider: 'research' }, fixed: 30, span: { floor: 15, cap: 120 } },
  deliverable_reviewed: { category: { client: 'review', provider: 'review' }, fixed: 60, span: { floor: 30, cap: 180 } },
  deliverable_submitted: { category: { client: null, provider: 'writing' }, fixed: 30, span: null },
  milestone_decided: { category: { client: 'review', provider: null }, fixed: 30, span: null },
  status_update_posted: { category: { client: null, provider: 'writing' }, fixed: 20, span: null },
  sow_approved: { category: { client: 'contract_admin', provider: null }, fixed: 30, span: null },
  change_request_proposed: { category: { client: 'contract_admin', provider: null }, fixed: 30, span: null },
  change_request_decided: { category: { client: 'contract_admin', provider: null }, fixed: 30, span: null },
};

/** The most one suggestion (a day, an engagement, a category) offers. */
export const SUGGESTION_GROUP_CAP = 4 * 60;

const JST_OFFSET_MS = 9 * 3_600_000;
const MINUTE_MS = 60_000;
export const jstDay = (iso: string): string => new Date(Date.parse(iso) + JST_OFFSET_MS).toISOString().slice(0, 10);

export interface SuggestionInput {
  side: Side;
  /** The week's dates to suggest for (Monday to Sunday). */
  dates: readonly string[];
  /** Today in JST: no suggestion for a later day. */
  today: string;
  /** The engagements the person may log on now. */
  engagementIds: ReadonlySet<string>;
  activities: readonly Activity[];
  /** The person's entries already in those days (in their organisation, every engagement). */
  logged: readonly { date: string; engagementId: string; category: string; minutes: number }[];
  /** Keys of suggestions the person dismissed. */
  dismissed: ReadonlySet<string>;
}

export const suggestionKey = (date: string, engagementId: string, category: string) => `${date}|${engagementId}|${category}`;

interface Part extends SuggestionPart {
  engagementId: string;
  category: string;
  date: string;
  start: number | null;
  end: number;
}

/**
 * The week's suggestions, by day then engagement then category. The rules, in order:
 * 1. an act counts once (kind and refId), only on a day of the week up to today, only on an
 *    engagement the person may log on, only when its kind has a category on the person's side;
 * 2. an answer or review arriving the same JST day counts the time from arrival to the act, at
 *    least the floor and at most the cap (the span starts no earlier than midnight); arriving on an
 *    earlier day it counts the fixed minutes; any other act counts its fixed minutes;
 * 3. spans of one day never count the same minutes twice: a later span is cut where an earlier
 *    one ended (a span wholly covered counts 0);
 * 4. one suggestion (day, engagement, category) sums its acts up to 4 h;
 * 5. none where the person has logged that day, engagement and category, or dismissed it;
 * 6. a day's logged minutes and suggestions stay within 24 h: the last suggestions of the day
 *    are cut down to what is left, and dropped at 0.
 */
export function suggestEntries(input: SuggestionInput): TimeSuggestion[] {
  const week = new Set(input.dates.filter((d) => d <= input.today));
  const seen = new Set<string>();
  const parts: Part[] = [];
  for (const a of [...input.activities].sort((x, y) => x.at.localeCompare(y.at) || x.refId.localeCompare(y.refId))) {
    const id = `${a.kind}|${a.refId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const rule = SUGGESTION_RULES[a.kind];
    const category = rule.category[input.side];
    const date = jstDay(a.at);
    if (!category || !week.has(date) || !input.engagementIds.has(a.engagementId)) continue;
    const end = Date.parse(a.at);
    const base = { kind: a.kind, ref: a.ref, refId: a.refId, at: a.at, engagementId: a.engagementId, category, date };
    if (rule.span && a.openedAt && jstDay(a.openedAt) === date) {
      const raw = Math.max(0, Math.round((end - Date.parse(a.openedAt)) / MINUTE_MS));
      const minutes = Math.min(Math.max(raw, rule.span.floor), rule.span.cap);
      const midnight = Date.parse(`${date}T00:00:00+09:00`);
      const start = Math.max(end - minutes * MINUTE_MS, midnight);
      const basis: SuggestionBasis = raw < rule.span.floor ? 'span_floor' : raw > rule.span.cap ? 'span_cap' : 'span';
      parts.push({ ...base, openedAt: a.openedAt, basis, spanMinutes: raw, minutes: Math.round((end - start) / MINUTE_MS), start, end });
    } else {
      const basis: SuggestionBasis = rule.span && a.openedAt ? 'fixed_other_day' : 'fixed';
      parts.push({ ...base, openedAt: a.openedAt, basis, spanMinutes: null, minutes: rule.fixed, start: null, end });
    }
  }

  // Rule 3: spans of one day, in order of their start, each cut where the ones before ended.
  const covered = new Map<string, number>();
  for (const p of parts.filter((x) => x.start !== null).sort((x, y) => (x.start ?? 0) - (y.start ?? 0) || x.end - y.end)) {
    const until = covered.get(p.date) ?? 0;
    const start = Math.max(p.start ?? 0, until);
    const minutes = Math.max(0, Math.round((p.end - start) / MINUTE_MS));
    if (minutes < p.minutes) {
      p.minutes = minutes;
      p.basis = 'overlap';
    }
    covered.set(p.date, Math.max(until, p.end));
  }

  const loggedKeys = new Set(input.logged.map((x) => suggestionKey(x.date, x.engagementId, x.category)));
  const dayLogged = new Map<string, number>();
  for (const x of input.logged) dayLogged.set(x.date, (dayLogged.get(x.date) ?? 0) + x.minutes);

  const groups = new Map<string, Part[]>();
  for (const p of parts) {
    const key = suggestionKey(p.date, p.engagementId, p.category);
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const out: TimeSuggestion[] = [];
  for (const key of [...groups.keys()].sort()) {
    if (loggedKeys.has(key) || input.dismissed.has(key)) continue;
    const group = groups.get(key) ?? [];
    const first = group[0];
    if (!first) continue;
    const derived = group.reduce((s, p) => s + p.minutes, 0);
    let minutes = Math.min(derived, SUGGESTION_GROUP_CAP);
    const left = MINUTES_PER_DAY - (dayLogged.get(first.date) ?? 0);
    const dayFull = minutes > left;
    minutes = Math.max(0, Math.min(minutes, left));
    if (minutes === 0) continue;
    dayLogged.set(first.date, (dayLogged.get(first.date) ?? 0) + minutes);
    out.push({
      key,
      date: first.date,
      engagementId: first.engagementId,
      category: first.category,
      minutes,
      derivedMinutes: derived,
      capped: derived > SUGGESTION_GROUP_CAP,
      dayFull,
      parts: group.map(({ kind, ref, refId, at, openedAt, basis, spanMinutes, minutes: m }) => ({
        kind,
        ref,
        refId,
        at,
        openedAt,
        basis,
        spanMinutes,
        minutes: m,
      })),
    });
  }
  return out;
}
