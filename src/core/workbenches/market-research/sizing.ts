import {
  factorRangeProblems,
  type MarketSizing,
  type MarketSizingInput,
  marketSizingSchema,
  type SizingApproach,
  type SizingFactor,
  type SizingLevel,
  sizingLevels,
} from '../../../shared/contracts/market-sizing.js';
import { AppError, type Issue, issuesFromZod, type MessageParams } from '../../../shared/errors.js';

/**
 * Market sizing: TAM → SAM → SOM, each level the previous one (TAM: 1) times its factors, every
 * factor a range (low, base, high) with its source. The result is a range at each level, the
 * factors' swings for a tornado chart, and, given a sizing of the same market by the other
 * approach, the triangulation of the two.
 *
 * Factors are never negative (the schema refuses it), so a level is a monotone non-decreasing
 * function of each factor: its lowest value over all the factors' ranges is the product of the
 * lows, its highest the product of the highs. No corner of the box needs searching.
 */

export interface SizingRange {
  low: number;
  base: number;
  high: number;
}

export type SizingLevels = Record<SizingLevel, SizingRange>;

/** One bar of a tornado chart: SOM with this factor at its low and at its high, every other factor at its base. */
export interface FactorContribution {
  key: string;
  label: string;
  level: SizingLevel;
  /** The factor's index in its level. */
  index: number;
  somAtLow: number;
  somAtHigh: number;
  /** somAtHigh − somAtLow. */
  swing: number;
}

export interface TriangulatedLevel {
  topDown: SizingRange;
  bottomUp: SizingRange;
  /** The top-down base over the bottom-up base; null when the bottom-up base is 0. */
  ratio: number | null;
  /** Whether the two ranges share any value; when they do not, at least one sizing is off. */
  overlap: boolean;
}

export type Triangulation = Record<SizingLevel, TriangulatedLevel>;

export interface SizingEvaluation {
  market: string;
  approach: SizingApproach;
  currency: string;
  /** Whole units of the currency (yen for JPY): a market size has no use for a minor unit. */
  levels: SizingLevels;
  /** Largest swing first. */
  contributions: FactorContribution[];
  /** Present when a sizing of the same market by the other approach was given. */
  triangulation: Triangulation | null;
}

type Bound = keyof SizingRange;
const bounds: readonly Bound[] = ['low', 'base', 'high'];

function badSizing(issues: Issue[], message = 'The market sizing is not valid.'): AppError {
  return new AppError('invalid_input', message, { reason: 'bad_sizing', issues });
}

function parseSizing(input: MarketSizingInput | MarketSizing, path: (string | number)[]): { sizing: MarketSizing | null; issues: Issue[] } {
  const result = marketSizingSchema.safeParse(input);
  if (result.success) return { sizing: result.data, issues: [] };
  return { sizing: null, issues: issuesFromZod(result.error, input).map((issue) => ({ ...issue, path: [...path, ...issue.path] })) };
}

const factorsOf = (sizing: MarketSizing, level: SizingLevel): SizingFactor[] => sizing.levels[level].factors;
const product = (values: readonly number[]) => values.reduce((acc, v) => acc * v, 1);

/** Each level at each bound, unrounded (the checks compare these, whatever the magnitude). */
function rawLevels(sizing: MarketSizing): SizingLevels {
  const levels = {} as SizingLevels;
  let previous: SizingRange = { low: 1, base: 1, high: 1 };
  for (const level of sizingLevels) {
    const factors = factorsOf(sizing, level);
    const range = {} as SizingRange;
    for (const bound of bounds) range[bound] = previous[bound] * product(factors.map((f) => f[bound]));
    levels[level] = range;
    previous = range;
  }
  return levels;
}

/** Every level and bound beyond the safe integers (or not finite): such a size cannot be counted exactly. */
function overflowIssues(raw: SizingLevels, path: (string | number)[]): Issue[] {
  return sizingLevels.flatMap((level) =>
    bounds
      .filter((bound) => !(Number.isFinite(raw[level][bound]) && Math.round(raw[level][bound]) <= Number.MAX_SAFE_INTEGER))
      .map((bound) => ({
        path: [...path, 'levels', level, bound],
        code: 'too_big' as const,
        message: `The ${level.toUpperCase()} at its ${bound} is too large to count exactly (above ${Number.MAX_SAFE_INTEGER}); check the factors' units.`,
        params: { maximum: Number.MAX_SAFE_INTEGER },
      })),
  );
}

function roundLevels(raw: SizingLevels): SizingLevels {
  const rounded = {} as SizingLevels;
  for (const level of sizingLevels) {
    const { low, base, high } = raw[level];
    rounded[level] = { low: Math.round(low), base: Math.round(base), high: Math.round(high) };
  }
  return rounded;
}

export function allFactors(sizing: MarketSizing): { factor: SizingFactor; level: SizingLevel; index: number }[] {
  return sizingLevels.flatMap((level) => factorsOf(sizing, level).map((factor, index) => ({ factor, level, index })));
}

/** Tornado bars; each is bounded by SOM's own range, so it is as safe to round as SOM is. */
function contributionsOf(sizing: MarketSizing): FactorContribution[] {
  const entries = allFactors(sizing);
  const somWith = (j: number, value: number) => product(entries.map((e, i) => (i === j ? value : e.factor.base)));
  return entries
    .map(({ factor, level, index }, j) => {
      const somAtLow = Math.round(somWith(j, factor.low));
      const somAtHigh = Math.round(somWith(j, factor.high));
      return { key: factor.key, label: factor.label, level, index, somAtLow, somAtHigh, swing: somAtHigh - somAtLow };
    })
    .sort((a, b) => b.swing - a.swing);
}

type Evaluated = Pick<SizingEvaluation, 'approach' | 'levels'>;

/** Compares a top-down and a bottom-up sizing of one market level by level, in either order. */
function triangulate(a: Evaluated, b: Evaluated): Triangulation {
  const [topDown, bottomUp] = a.approach === 'top_down' ? [a, b] : [b, a];
  const result = {} as Triangulation;
  for (const level of sizingLevels) {
    const td = topDown.levels[level];
    const bu = bottomUp.levels[level];
    result[level] = {
      topDown: td,
      bottomUp: bu,
      ratio: bu.base === 0 ? null : td.base / bu.base,
      overlap: td.low <= bu.high && bu.low <= td.high,
    };
  }
  return result;
}

function counterpartIssues(sizing: MarketSizing, counterpart: MarketSizing): Issue[] {
  const issues: Issue[] = [];
  if (counterpart.market !== sizing.market)
    issues.push({
      path: ['counterpart', 'market'],
      code: 'invalid_value',
      message: `Triangulation compares sizings of one market: "${counterpart.market}" is not "${sizing.market}".`,
      params: { expected: sizing.market },
    });
  if (counterpart.approach === sizing.approach)
    issues.push({
      path: ['counterpart', 'approach'],
      code: 'invalid_value',
      message: 'Triangulation compares a top-down sizing with a bottom-up one.',
      params: { approach: sizing.approach },
    });
  if (counterpart.currency !== sizing.currency)
    issues.push({
      path: ['counterpart', 'currency'],
      code: 'one_currency',
      message: `Both sizings must be in one currency (${sizing.currency}).`,
      params: { currency: sizing.currency },
    });
  return issues;
}

/**
 * Evaluates a sizing: each level as a range in whole currency units, the factors' tornado bars,
 * and the triangulation with `counterpart` (the same market sized by the other approach) when given.
 * Throws invalid_input listing every problem of both inputs (reason bad_sizing), or every level too
 * large to count exactly (value_too_large).
 */
export function evaluateSizing(
  input: MarketSizingInput | MarketSizing,
  options: { counterpart?: MarketSizingInput | MarketSizing } = {},
): SizingEvaluation {
  const own = parseSizing(input, []);
  const other = options.counterpart === undefined ? null : parseSizing(options.counterpart, ['counterpart']);
  const inputIssues = [...own.issues, ...(other?.issues ?? [])];
  if (own.sizing && other?.sizing) inputIssues.push(...counterpartIssues(own.sizing, other.sizing));
  if (inputIssues.length > 0 || !own.sizing || (other && !other.sizing)) throw badSizing(inputIssues);
  const sizing = own.sizing;
  const counterpart = other?.sizing ?? null;

  const raw = rawLevels(sizing);
  const counterpartRaw = counterpart ? rawLevels(counterpart) : null;
  const tooLarge = [...overflowIssues(raw, []), ...(counterpartRaw ? overflowIssues(counterpartRaw, ['counterpart']) : [])];
  if (tooLarge.length > 0)
    throw new AppError('invalid_input', 'The market size is too large to compute exactly.', {
      reason: 'value_too_large',
      issues: tooLarge,
    });

  const levels = roundLevels(raw);
  return {
    market: sizing.market,
    approach: sizing.approach,
    currency: sizing.currency,
    levels,
    contributions: contributionsOf(sizing),
    triangulation:
      counterpart && counterpartRaw
        ? triangulate({ approach: sizing.approach, levels }, { approach: counterpart.approach, levels: roundLevels(counterpartRaw) })
        : null,
  };
}

// ---------- checks ----------

export type SizingCheckStatus = 'pass' | 'warn' | 'fail';

export const sizingCheckCodes = [
  'sizing.source_missing',
  'sizing.range_order',
  'sizing.share_out_of_range',
  'sizing.level_order',
  'sizing.range_wide',
  'sizing.money_factor',
  'sizing.triangulation_gap',
] as const;
export type SizingCheckCode = (typeof sizingCheckCodes)[number];

export interface SizingFinding {
  status: SizingCheckStatus;
  code: SizingCheckCode;
  /** Into the sizing document, e.g. ["levels", "sam", "factors", 1, "source"]. */
  path: (string | number)[];
  /** The values a message is worded from, in the reader's language. */
  params: MessageParams;
}

export interface SizingCheckReport {
  status: SizingCheckStatus;
  counts: Record<SizingCheckStatus, number>;
  findings: SizingFinding[];
}

export const sizingThresholds = {
  /** A range whose high is more than this many times its low is a guess rather than an estimate. */
  rangeWidth: 10,
  /** Float products of the same factors in another order may differ in the last bits. */
  relativeTolerance: 1e-9,
};

/** high/low past the threshold (a zero low under a positive high is unbounded); null when the range is fine. */
function wideRange(low: number, high: number): MessageParams | null {
  if (!(high > 0)) return null;
  if (low <= 0) return { low, high };
  const ratio = high / low;
  return ratio > sizingThresholds.rangeWidth ? { low, high, ratio: Math.round(ratio * 10) / 10 } : null;
}

function factorFindings(sizing: MarketSizing): SizingFinding[] {
  const findings: SizingFinding[] = [];
  for (const { factor, level, index } of allFactors(sizing)) {
    const at = ['levels', level, 'factors', index];
    if (!factor.source)
      findings.push({ status: 'warn', code: 'sizing.source_missing', path: [...at, 'source'], params: { factor: factor.key } });
    for (const { field, problem } of factorRangeProblems(factor))
      findings.push({
        status: 'fail',
        code: problem === 'range_order' ? 'sizing.range_order' : 'sizing.share_out_of_range',
        path: [...at, field],
        params: { factor: factor.key, low: factor.low, base: factor.base, high: factor.high },
      });
    const wide = wideRange(factor.low, factor.high);
    if (wide) findings.push({ status: 'warn', code: 'sizing.range_wide', path: at, params: { factor: factor.key, ...wide } });
  }
  return findings;
}

const exceeds = (later: number, earlier: number) =>
  Number.isFinite(later) && Number.isFinite(earlier) && later > earlier * (1 + sizingThresholds.relativeTolerance);

function levelFindings(sizing: MarketSizing, raw: SizingLevels): SizingFinding[] {
  const findings: SizingFinding[] = [];
  for (let i = 1; i < sizingLevels.length; i++) {
    const previous = sizingLevels[i - 1] as SizingLevel;
    const level = sizingLevels[i] as SizingLevel;
    const above = bounds.filter((bound) => exceeds(raw[level][bound], raw[previous][bound]));
    if (above.length > 0)
      findings.push({
        status: 'fail',
        code: 'sizing.level_order',
        path: ['levels', level],
        params: { level, previous, bounds: above.join(', ') },
      });
  }
  const wide = wideRange(Math.round(raw.som.low), Math.round(raw.som.high));
  if (wide) findings.push({ status: 'warn', code: 'sizing.range_wide', path: ['levels', 'som'], params: { level: 'som', ...wide } });
  const moneyFactors = allFactors(sizing).filter(({ factor }) => factor.unit === 'money').length;
  if (moneyFactors !== 1) findings.push({ status: 'warn', code: 'sizing.money_factor', path: ['levels'], params: { count: moneyFactors } });
  return findings;
}

function triangulationFindings(sizing: MarketSizing, counterpart: MarketSizing): SizingFinding[] {
  if (counterpartIssues(sizing, counterpart).length > 0) return [];
  const mine = rawLevels(sizing);
  const theirs = rawLevels(counterpart);
  return sizingLevels
    .filter((level) => mine[level].low > theirs[level].high || theirs[level].low > mine[level].high)
    .map((level) => ({
      status: 'warn' as const,
      code: 'sizing.triangulation_gap' as const,
      path: ['levels', level],
      params: { level, base: mine[level].base, otherBase: theirs[level].base },
    }));
}

const statusRank: Record<SizingCheckStatus, number> = { pass: 0, warn: 1, fail: 2 };

/**
 * The sizing's automated checks. Runs on stored data too, so it never throws: the range and share
 * rules the schema enforces are checked again. A check that found nothing reports a pass, so a
 * report shows what ran.
 */
export function checkSizing(sizing: MarketSizing, options: { counterpart?: MarketSizing } = {}): SizingCheckReport {
  const findings = [...factorFindings(sizing), ...levelFindings(sizing, rawLevels(sizing))];
  const ran: SizingCheckCode[] = sizingCheckCodes.filter((code) => code !== 'sizing.triangulation_gap');
  if (options.counterpart) {
    findings.push(...triangulationFindings(sizing, options.counterpart));
    ran.push('sizing.triangulation_gap');
  }
  for (const code of ran) if (!findings.some((f) => f.code === code)) findings.push({ status: 'pass', code, path: [], params: {} });
  const counts: Record<SizingCheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const f of findings) counts[f.status]++;
  const status = findings.reduce<SizingCheckStatus>((worst, f) => (statusRank[f.status] > statusRank[worst] ? f.status : worst), 'pass');
  return { status, counts, findings };
}
