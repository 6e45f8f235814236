/** The survey tables the API answers with, as the engine defines them (src/shared/contracts/market-research-results.ts). */
export type {
  BaseMarginsOfError,
  CategoricalFrequencies,
  CategoryFrequency,
  ChiSquareSkipped,
  ChiSquareTest,
  ColumnMean,
  ColumnTests,
  CronbachResult,
  Crosstab,
  CrosstabReply,
  ExpectedCountCheck,
  FrequenciesReply,
  LikertPoint,
  LikertResult,
  MeansByColumn,
  MultipleComparisonCorrection as Correction,
  NpsResult,
  NumericSummary,
  ScaleReply,
} from '../../../shared/contracts/market-research-results';

import type { MultipleComparisonCorrection } from '../../../shared/contracts/market-research-results';

/** A table's weighting: none, the file's own weight column, or a saved weighting's id. */
export type WeightingChoice = 'none' | 'file' | (string & {});

export interface TableOptions {
  version: number;
  weighting: WeightingChoice;
  alpha?: number;
  correction?: MultipleComparisonCorrection;
}
