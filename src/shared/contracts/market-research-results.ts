/**
 * What the market-research engine answers (core/workbenches/market-research): frequencies,
 * crosstabs with their tests, means by column, NPS, Likert, Cronbach's alpha and the margins of
 * error — the one definition the engine, the API and the web read. A figure that does not exist is
 * null, never NaN.
 */

export interface CategoryFrequency {
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
  /**
   * Weighted base: respondents who answered. For multiple choice, the answered base, so percents
   * may sum to more than 100.
   */
  base: number;
  unweightedBase: number;
  /** Kish's effective base: the unweighted base when unweighted. */
  effectiveBase: number;
  /** Respondents outside the base (unweighted). */
  missing: number;
}

export interface NumericSummary {
  kind: 'numeric';
  key: string;
  label: string;
  /** Respondents with a value (NaN and ±Infinity count as missing). */
  n: number;
  /** Sum of their weights (n when unweighted). */
  weightedN: number;
  effectiveN: number;
  missing: number;
  mean: number | null;
  /** Sample standard deviation; weighted, it is Σw(x − x̄)²/Σw · n/(n − 1) (Hmisc's wtd.var with normwt). */
  sd: number | null;
  min: number | null;
  /** Weighted median: the first value at which the cumulative weight reaches half (the middle two averaged on a tie). */
  median: number | null;
  max: number | null;
}

export type MultipleComparisonCorrection = 'none' | 'bonferroni' | 'holm';

export interface ChiSquareTest {
  /** Pearson's X². */
  statistic: number;
  df: number;
  pValue: number;
  /** Whether Yates's correction was applied. */
  yates: boolean;
  /** The likelihood-ratio statistic G² = 2 Σ O ln(O/E) on the same table. */
  likelihoodRatio: { statistic: number; pValue: number };
  /** Indices of the rows and columns tested (those with a total above zero). */
  rowsTested: number[];
  colsTested: number[];
  /** The total the test ran on: the respondents, or Kish's effective n of a weighted table. */
  n: number;
}

/** Why there is no chi-square test: overlapping categories, or fewer than 2 non-empty rows or columns. */
export type ChiSquareSkipped = 'not_exclusive' | 'degenerate';

export interface ExpectedCountCheck {
  minExpected: number;
  smallest: number;
  cellsBelow: number;
  /** cellsBelow over the cells tested. */
  share: number;
  /** Cochran (1954), "Some methods for strengthening the common χ² tests": any expected count below 1, or more than 20% below minExpected. */
  warning: boolean;
}

export interface ColumnTests {
  /** A letter per banner column: A … Z, AA, AB, … */
  letters: string[];
  /** Per cell, the letters of the columns whose proportion this cell's is significantly higher than. */
  cells: string[][];
  alpha: number;
  correction: MultipleComparisonCorrection;
}

export interface Crosstab {
  rows: string[];
  cols: string[];
  weighted: boolean;
  /** Weighted counts when weighted. */
  counts: number[][];
  unweightedCounts: number[][];
  /** Respondents in each row who are in the banner's base. */
  rowTotals: number[];
  /** Column bases: respondents in each column who are in the stub's base. */
  colTotals: number[];
  colBasesUnweighted: number[];
  /** Kish's effective base per column. */
  colBasesEffective: number[];
  /** Respondents in both bases. */
  total: number;
  totalUnweighted: number;
  totalEffective: number;
  /** Percent (0–100) of the column base; null for an empty column. */
  colPercents: (number | null)[][];
  rowPercents: (number | null)[][];
  chiSquare: ChiSquareTest | null;
  chiSquareSkipped: ChiSquareSkipped | null;
  /** The tested table's expected counts (of the rescaled table when weighted) against Cochran's rule; null without a chi-square test. */
  expected: ExpectedCountCheck | null;
  /** Two-sided Fisher's exact test on the unweighted counts of a 2×2 table. */
  fisher: { pValue: number } | null;
  columnTests: ColumnTests;
}

export interface ColumnMean {
  /** Respondents in the column with a value. */
  n: number;
  weightedN: number;
  effectiveN: number;
  mean: number | null;
  /** Sample standard deviation (weighted as in frequencies.ts); null below 2 respondents. */
  sd: number | null;
  /** Letters of the columns whose mean this one's is significantly higher than (Welch's t-test). */
  higherThan: string;
}

export interface MeansByColumn {
  cols: string[];
  letters: string[];
  columns: ColumnMean[];
  alpha: number;
  correction: MultipleComparisonCorrection;
}

export interface NpsResult {
  /** Respondents with an answer. */
  n: number;
  /** Kish's effective n (n when unweighted): the n of the variance. */
  effectiveN: number;
  /** Shares (0–1): promoters answer 9–10, passives 7–8, detractors 0–6. */
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  /** 100 × (promoters − detractors), from −100 to 100. */
  score: number | null;
  /** In score points. */
  standardError: number | null;
  /** The Wald interval, clipped to [−100, 100]. */
  ci: { level: number; low: number; high: number } | null;
}

export interface LikertPoint {
  value: number;
  count: number;
  unweightedCount: number;
  /** Percent (0–100) of the answers; null when nobody answered. */
  percent: number | null;
}

export interface LikertResult {
  n: number;
  weightedN: number;
  effectiveN: number;
  mean: number | null;
  sd: number | null;
  /** Per point from the lowest, after reverse keying. */
  distribution: LikertPoint[];
  /** Percent (0–100) in the two highest points, after reverse keying. */
  topTwoBox: number | null;
  bottomTwoBox: number | null;
}

export interface ItemTotalStatistics {
  item: number;
  /** Raw alpha of the other items; null with fewer than 2 of them. */
  alphaIfDeleted: number | null;
  /** Correlation of the item with the sum of the other items (psych's r.drop). */
  correctedItemTotalCorrelation: number | null;
}

export interface CronbachResult {
  /** Raw alpha, k/(k − 1) · (1 − Σ item variances / variance of the sum) (Cronbach 1951, Psychometrika 16). */
  alpha: number | null;
  /** From the mean inter-item correlation r̄: k·r̄ / (1 + (k − 1)·r̄). */
  standardizedAlpha: number | null;
  averageInterItemCorrelation: number | null;
  items: number;
  /** Respondents with an answer on every item (listwise deletion). */
  n: number;
  itemTotal: ItemTotalStatistics[];
}

export interface BaseMarginsOfError {
  n: number;
  effectiveN: number;
  designEffect: number | null;
  /** As if the respondents were unweighted. */
  unweighted: number | null;
  /** On Kish's effective n of the weights. */
  weighted: number | null;
}

/** GET …/frequencies. */
export interface FrequenciesReply {
  version: number;
  question: string;
  weighted: boolean;
  table: CategoricalFrequencies | NumericSummary;
}

interface TableReply {
  version: number;
  weighted: boolean;
  marginOfError: BaseMarginsOfError;
}

/** GET …/crosstab: a crosstab, or means by column for a numeric stub. */
export type CrosstabReply = (TableReply & { kind: 'crosstab'; table: Crosstab }) | (TableReply & { kind: 'means'; table: MeansByColumn });

/** GET …/scales. */
export type ScaleReply =
  | { version: number; kind: 'nps'; question: string; result: NpsResult }
  | { version: number; kind: 'likert'; question: string; result: LikertResult }
  | { version: number; kind: 'alpha'; questions: string[]; result: CronbachResult };
