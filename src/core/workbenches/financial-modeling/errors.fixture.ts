import { type AppError, isAppError } from '../../../shared/errors.js';
import { parseFinancialModel } from './model.js';

/** The AppError `fn` throws; anything else thrown (or nothing) fails the test. */
export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** What validating a model document says, as `path: message` lines; empty when it is valid. */
export function issuesOf(input: unknown): string[] {
  try {
    parseFinancialModel(input);
  } catch (e) {
    if (isAppError(e)) return (e.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw e;
  }
  return [];
}
