import { type ErrorCode, errorBodySchema, type Issue, type MessageParams } from '../../shared/errors';

/** An API failure in kpo's error shape, whatever actually went wrong on the way. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly reason: string | undefined;
  readonly issues: readonly Issue[];
  /** The values the reason's message is built from (a limit, a rate). */
  readonly params: MessageParams;
  readonly requestId: string | undefined;
  /** Seconds after which a retry may succeed (from Retry-After on 429). */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: ErrorCode;
    message: string;
    reason?: string | undefined;
    issues?: readonly Issue[] | undefined;
    params?: MessageParams | undefined;
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.reason = init.reason;
    this.issues = init.issues ?? [];
    this.params = init.params ?? {};
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Someone saved a version since the one an edit builds on (`conflict`, reason `version_conflict`): reload, then edit again. */
export const isVersionConflict = (error: unknown): boolean =>
  isApiError(error) && error.code === 'conflict' && error.reason === 'version_conflict';

/** A version the address names and the thing does not have, or not for this viewer (`not_found`, reason `version_not_found`). */
export const isMissingVersion = (error: unknown): boolean =>
  isApiError(error) && error.code === 'not_found' && error.reason === 'version_not_found';

/** What a status means when the body is not kpo's error shape (a proxy's HTML page, say). */
function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'invalid_input';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** Turns a failed response's status, body and Retry-After into an ApiError. */
export function apiErrorFrom(status: number, body: unknown, retryAfter: string | null): ApiError {
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) {
    return new ApiError({ status, code: codeForStatus(status), message: `The server answered ${status}.`, retryAfterSeconds });
  }
  const { code, reason, message, issues, params, requestId } = parsed.data.error;
  return new ApiError({ status, code, message, reason, issues, params, requestId, retryAfterSeconds });
}

/** When the request never got an answer (offline, server down, connection reset). */
export const networkError = (cause: unknown): ApiError =>
  new ApiError({
    status: 0,
    code: 'unavailable',
    reason: 'network',
    message: cause instanceof Error ? cause.message : 'The server could not be reached.',
  });
