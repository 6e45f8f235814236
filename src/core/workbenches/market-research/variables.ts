/**
 * The survey data the market-research engine computes on: one typed column per variable, coded
 * against its codebook entry. Columns are typed arrays so a 100,000-respondent deck stays cheap;
 * the import step (dataset.ts) turns raw cells into these, the engine never sees raw text.
 */

export interface Category {
  /** The code as written in the data file ("1", "男性"). */
  value: string;
  /** What a reader sees. */
  label: string;
}

/** One answer per respondent: the index of its category, or -1 when missing. */
export interface SingleVariable {
  kind: 'single';
  key: string;
  label: string;
  categories: readonly Category[];
  codes: Int32Array;
}

/**
 * Any number of answers per respondent: per category, 1 where the respondent chose it.
 * `answered[r]` is 1 when respondent r is in the question's base (saw it and did not skip).
 */
export interface MultipleVariable {
  kind: 'multiple';
  key: string;
  label: string;
  categories: readonly Category[];
  selected: readonly Uint8Array[];
  answered: Uint8Array;
}

/** A number per respondent (numeric, Likert score, NPS 0–10); NaN when missing. */
export interface NumericVariable {
  kind: 'numeric';
  key: string;
  label: string;
  values: Float64Array;
}

export type CategoricalVariable = SingleVariable | MultipleVariable;
export type Variable = CategoricalVariable | NumericVariable;

/** Respondents' weights (all finite and > 0), or null for unweighted. */
export type Weights = Float64Array | null;

/** How many respondents a variable's columns hold. */
export function respondentCount(v: Variable): number {
  if (v.kind === 'single') return v.codes.length;
  if (v.kind === 'multiple') return v.answered.length;
  return v.values.length;
}
