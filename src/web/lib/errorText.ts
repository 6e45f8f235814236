import type { Issue } from '../../shared/errors';
import { isApiError } from '../api/errors';

/** The parts of i18next this needs, so the translation rules stay testable without React. */
export interface Translator {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
}

export interface ErrorText {
  /** What went wrong, in the person's language. */
  message: string;
  /** What a failure that never reached the server said (a browser error); server errors are worded by code. */
  detail?: string;
  /** Quoted when reporting an internal error. */
  requestId?: string;
}

/** Below this many seconds a wait is said in seconds ("in 90 s" rather than "in 2 minutes"); from it, in whole minutes (never "1 minutes"). */
const SAY_SECONDS_BELOW = 120;

/** The message key of a reason and its values; null when the reason needs a value the error lacks. */
function reasonMessage(
  reason: string,
  retryAfterSeconds: number | undefined,
  params: Record<string, unknown>,
): { key: string; options: Record<string, unknown> } | null {
  const key = `errors.reason.${reason}`;
  if (reason === 'login_throttled') {
    if (retryAfterSeconds === undefined) return null;
    // The sign-in throttle's waits start at a second and double: short ones are said in seconds.
    if (retryAfterSeconds < SAY_SECONDS_BELOW) {
      return { key: `${key}_seconds`, options: { seconds: Math.max(1, Math.ceil(retryAfterSeconds)) } };
    }
    return { key, options: { minutes: Math.ceil(retryAfterSeconds / 60) } };
  }
  return { key, options: params };
}

/**
 * An error as people read it: the translation of its reason (with its values), else of its
 * code. Validation issues are not repeated here; they go on the fields.
 */
export function errorText(error: unknown, tr: Translator): ErrorText {
  if (!isApiError(error)) {
    const detail = error instanceof Error ? error.message : undefined;
    return { message: tr.t('errors.title'), ...(detail && { detail }) };
  }
  const requestId = error.code === 'internal' && error.requestId ? { requestId: error.requestId } : {};
  const move = error.reason ? /^cannot_([a-z_]+)_from_([a-z_]+)$/.exec(error.reason) : null;
  if (move && tr.exists(`transition.${move[1]}`) && tr.exists(`engagementStatus.${move[2]}`)) {
    const values = { action: tr.t(`transition.${move[1]}`), status: tr.t(`engagementStatus.${move[2]}`) };
    return { message: tr.t('errors.reason.cannot_move', values), ...requestId };
  }
  if (error.reason) {
    const text = reasonMessage(error.reason, error.retryAfterSeconds, error.params);
    if (text && tr.exists(text.key)) return { message: tr.t(text.key, text.options), ...requestId };
  }
  // Never the server's own (English) words: a reason kpo cannot word falls back to its code.
  return { message: tr.t(`errors.code.${error.code}`), ...requestId };
}

export interface PlacedIssues<F extends string> {
  /** The first issue of each form field, translated. */
  byField: Partial<Record<F, string>>;
  /** Issues that name no field of the form. */
  unplaced: string[];
}

/** Strings are counted in characters, arrays in items; numbers are compared. */
function countedAs(origin: unknown): string {
  if (origin === 'string') return '_string';
  if (origin === 'array' || origin === 'set') return '_array';
  return '';
}

/**
 * A validation issue in the reader's language: the first of `specific` keys that exists, else
 * kpo's words for the code (with what a limit counts, and whether it is exclusive), else a
 * neutral "check this value". Never the server's English words.
 */
/**
 * The params of issues that carry minutes (machine-readable on the wire), each also as hours
 * (`<name>Hours`, two decimals at most), so a person reads "100 h", never "6000 分".
 */
const minuteParams: Readonly<Record<string, readonly string[]>> = {
  allocation_over_capacity: ['planned', 'available'],
  load_limit_breach: ['forecast', 'limit'],
  day_over_24h: ['total'],
  day_below_zero: ['total'],
};

function withHours(issue: Issue): Record<string, unknown> {
  const params: Record<string, unknown> = { ...(issue.params ?? {}) };
  for (const name of minuteParams[issue.code] ?? []) {
    const minutes = params[name];
    if (typeof minutes === 'number') params[`${name}Hours`] = Math.round((minutes / 60) * 100) / 100;
  }
  return params;
}

export function issueMessage(issue: Issue, tr: Translator, specific: readonly string[] = []): string {
  const params = withHours(issue);
  for (const key of specific) if (tr.exists(key)) return tr.t(key, params);
  const variant = `${issue.code}${countedAs(params.origin)}${params.exclusive ? '_exclusive' : ''}`;
  for (const key of [`issues.generic.${variant}`, `issues.generic.${issue.code}`]) if (tr.exists(key)) return tr.t(key, params);
  return tr.t('issues.generic.unknown');
}

/** Puts validation issues on the form fields they name (`path[0]`), translated where kpo can. */
export function placeIssues<F extends string>(issues: readonly Issue[], fields: readonly F[], tr: Translator): PlacedIssues<F> {
  const byField: Partial<Record<F, string>> = {};
  const unplaced: string[] = [];
  for (const issue of issues) {
    const head = issue.path[0];
    const field = fields.find((f) => f === head);
    const text = issueMessage(issue, tr, [`issues.field.${String(head)}.${issue.code}`]);
    if (field === undefined) unplaced.push(text);
    else if (byField[field] === undefined) byField[field] = text;
  }
  return { byField, unplaced };
}

/** The issues of an error, placed on a form's fields (nothing when it is not a validation error). */
export function issuesOf<F extends string>(error: unknown, fields: readonly F[], tr: Translator): PlacedIssues<F> {
  return isApiError(error) ? placeIssues(error.issues, fields, tr) : { byField: {}, unplaced: [] };
}
