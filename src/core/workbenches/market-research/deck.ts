import type { Codebook } from '../../../shared/contracts/market-research.js';
import { AppError, type Issue } from '../../../shared/errors.js';
import { type Crosstab, crosstab, type MeansByColumn, type MultipleComparisonCorrection, meansByColumn } from './crosstab.js';
import { type Dataset, likertScale, scaleAsCategories } from './dataset.js';
import type { CategoricalVariable, Variable, Weights } from './variables.js';

/**
 * A crosstab deck: every stub crossed with every banner, as a tabulation tool's banner book. The
 * exports (infra/exports/mr-xlsx.ts) lay it out a sheet per banner; this is the data only.
 */
export interface DeckBanner {
  key: string;
  label: string;
}

export type DeckTable =
  | { kind: 'crosstab'; stub: { key: string; label: string }; banner: string; table: Crosstab }
  | { kind: 'means'; stub: { key: string; label: string }; banner: string; table: MeansByColumn };

export interface Deck {
  banners: DeckBanner[];
  tables: DeckTable[];
  weighted: boolean;
  alpha: number;
  correction: MultipleComparisonCorrection;
}

const TABULATED = new Set(['single', 'multiple', 'likert', 'nps', 'numeric']);

function variableFor(dataset: Dataset, codebook: Codebook, key: string, asCategories: boolean): Variable | null {
  const q = codebook.questions.find((x) => x.key === key);
  const v = dataset.variables.get(key);
  if (!q || !v) return null;
  if (v.kind !== 'numeric' || !asCategories) return v;
  if (q.type === 'numeric') return v;
  const scale = q.type === 'nps' ? { min: 0, max: 10 } : likertScale(q);
  return scaleAsCategories(v, scale.min, scale.max, q.values);
}

/** The deck of `stubs` × `banners` (default stubs: every tabulated question that is not a banner). */
export function buildDeck(
  dataset: Dataset,
  codebook: Codebook,
  options: {
    banners: readonly string[];
    stubs?: readonly string[] | undefined;
    weights: Weights;
    alpha: number;
    correction: MultipleComparisonCorrection;
  },
): Deck {
  const issues: Issue[] = [];
  const banners: { key: string; label: string; variable: CategoricalVariable }[] = [];
  options.banners.forEach((key, i) => {
    const v = variableFor(dataset, codebook, key, true);
    if (!v) issues.push({ path: ['banners', i], code: 'unknown_key', message: `No question "${key}".`, params: { key } });
    else if (v.kind === 'numeric')
      issues.push({ path: ['banners', i], code: 'invalid_value', message: `"${key}" has no categories for columns.`, params: { key } });
    else banners.push({ key, label: v.label, variable: v });
  });
  const stubKeys =
    options.stubs ?? codebook.questions.filter((q) => TABULATED.has(q.type) && !options.banners.includes(q.key)).map((q) => q.key);
  const stubs: { key: string; label: string; variable: Variable }[] = [];
  stubKeys.forEach((key, i) => {
    const v = variableFor(dataset, codebook, key, false);
    if (!v) issues.push({ path: ['stubs', i], code: 'unknown_key', message: `No question "${key}".`, params: { key } });
    else stubs.push({ key, label: v.label, variable: v });
  });
  if (issues.length > 0)
    throw new AppError('invalid_input', 'The deck names questions the dataset cannot tabulate.', { reason: 'unknown_variable', issues });
  const { weights, alpha, correction } = options;
  const tables: DeckTable[] = [];
  for (const b of banners)
    for (const s of stubs) {
      const stub = { key: s.key, label: s.label };
      if (s.variable.kind === 'numeric')
        tables.push({ kind: 'means', stub, banner: b.key, table: meansByColumn(s.variable, b.variable, { weights, alpha, correction }) });
      else tables.push({ kind: 'crosstab', stub, banner: b.key, table: crosstab(s.variable, b.variable, { weights, alpha, correction }) });
    }
  return { banners: banners.map(({ key, label }) => ({ key, label })), tables, weighted: weights !== null, alpha, correction };
}
