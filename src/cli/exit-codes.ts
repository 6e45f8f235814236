import type { ErrorCode } from '../shared/errors.js';

/** The one translation of error codes to process exit codes. */
export const exitCodeOf: Record<ErrorCode, number> = {
  internal: 1,
  invalid_input: 2,
  unauthenticated: 3,
  forbidden: 4,
  not_found: 5,
  conflict: 6,
  invalid_state: 7,
  payload_too_large: 2,
  rate_limited: 8,
  unavailable: 9,
};

/** `kpo audit verify` found the chain broken. */
export const EXIT_VERIFY_FAILED = 10;
