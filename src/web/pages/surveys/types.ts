/**
 * The shapes of the survey tables the API answers with (GET …/frequencies, …/crosstab, …/scales).
 * The engine computes them (src/core/workbenches/market-research/{frequencies,crosstab,scales,
 * weighting}.ts) and the routes send them as they are; the web may import only src/shared, so the
 * fields the UI reads are restated here until the contracts name them.
 */

export type Correction = 'none' | 'bonferroni' | 'holm';

export interface CategoryFrequency {
  /** The code as the file writes it. */
  value: string;
  label: string;
  /** Weighted count (the count itself when unweighted). */
  count: number;
  unweightedCount: number;
  /** Percent (0–100) of the base; null when the base is empty. */
  percent: number | null;
}

export interface CategoricalFrequencies {
  kind: 'single' | 'multiple';
  key: string;
  label: string;
  categories: CategoryFrequency[];
  base: number;
  unweightedBase: number;
  effectiveBase: number;
  /** Respondents outside the base (unweighted). */
  missing: number;
}

export interface NumericSummary {
  kind: 'numeric';
  key: string;
  label: string;
  n: number;
  weightedN: number;
  effectiveN: number;
  missing: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  median: number | null;
  max: number | null;
}

export interface FrequenciesReply {
  version: number;
  question: string;
  weighted: boolean;
  table: CategoricalFrequencies | NumericSummary;
}

export interface ChiSquareTest {
  statistic: number;
  df: number;
  pValue: number;
  yates: boolean;
  likelihoodRatio: { statistic: number; pValue: number };
  rowsTested: number[];
  colsTested: number[];
  /** The respondents, or Kish's effective n of a weighted table. */
  n: number;
}

export type ChiSquareSkipped = 'not_exclusive' | 'degenerate';

export interface ExpectedCountCheck {
  minExpected: number;
  smallest: number;
  cellsBelow: number;
  share: number;
  warning: boolean;
}

export interface ColumnTests {
  letters: string[];
  /** Per cell, the letters of the columns this cell's proportion is significantly higher than. */
  cells: string[][];
  alpha: number;
  correction: Correction;
}

export interface Crosstab {
  rows: string[];
  cols: string[];
  weighted: boolean;
  counts: number[][];
  unweightedCounts: number[][];
  rowTotals: number[];
  colTotals: number[];
  colBasesUnweighted: number[];
  colBasesEffective: number[];
  total: number;
  totalUnweighted: number;
  totalEffective: number;
  colPercents: (number | null)[][];
  rowPercents: (number | null)[][];
  chiSquare: ChiSquareTest | null;
  chiSquareSkipped: ChiSquareSkipped | null;
  expected: ExpectedCountCheck | null;
  fisher: { pValue: number } | null;
  columnTests: ColumnTests;
}

export interface ColumnMean {
  n: number;
  weightedN: number;
  effectiveN: number;
  mean: number | null;
  sd: number | null;
  /** Letters of the columns whose mean this one's is significantly higher than. */
  higherThan: string;
}

export interface MeansByColumn {
  cols: string[];
  letters: string[];
  columns: ColumnMean[];
  alpha: number;
  correction: Correction;
}

export interface BaseMarginsOfError {
  n: number;
  effectiveN: number;
  designEffect: number | null;
  unweighted: number | null;
  weighted: number | null;
}

interface TableReply {
  version: number;
  weighted: boolean;
  marginOfError: BaseMarginsOfError;
}

export type CrosstabReply = (TableReply & { kind: 'crosstab'; table: Crosstab }) | (TableReply & { kind: 'means'; table: MeansByColumn });

export interface NpsResult {
  n: number;
  effectiveN: number;
  /** Shares (0–1). */
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  /** −100 to 100. */
  score: number | null;
  standardError: number | null;
  ci: { level: number; low: number; high: number } | null;
}

export interface LikertPoint {
  value: number;
  count: number;
  unweightedCount: number;
  percent: number | null;
}

export interface LikertResult {
  n: number;
  weightedN: number;
  effectiveN: number;
  mean: number | null;
  sd: number | null;
  distribution: LikertPoint[];
  topTwoBox: number | null;
  bottomTwoBox: number | null;
}

export interface CronbachResult {
  alpha: number | null;
  standardizedAlpha: number | null;
  averageInterItemCorrelation: number | null;
  items: number;
  n: number;
  itemTotal: { item: number; alphaIfDeleted: number | null; correctedItemTotalCorrelation: number | null }[];
}

export type ScaleReply =
  | { version: number; kind: 'nps'; question: string; result: NpsResult }
  | { version: number; kind: 'likert'; question: string; result: LikertResult }
  | { version: number; kind: 'alpha'; questions: string[]; result: CronbachResult };

/** A table's weighting: none, the file's own weight column, or a saved weighting's id. */
export type WeightingChoice = 'none' | 'file' | (string & {});

export interface TableOptions {
  version: number;
  weighting: WeightingChoice;
  alpha?: number;
  correction?: Correction;
}
