import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../infra/logger.js';
import { AppError, type ErrorBody, type ErrorCode } from '../shared/errors.js';

/** The one translation of error codes to HTTP statuses. */
export const httpStatusOf: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Errors raised by Hono itself (body parsing, media types) in kpo's terms. */
function fromHttpException(e: HTTPException): { error: AppError; status: ContentfulStatusCode } {
  switch (e.status) {
    case 400:
      return {
        status: 400,
        error: new AppError('invalid_input', 'The request body is not valid JSON.', {
          reason: 'malformed_body',
          issues: [{ path: [], code: 'malformed_json', message: e.message || 'Malformed JSON.' }],
        }),
      };
    case 413:
      return { status: 413, error: new AppError('payload_too_large', 'The request body is too large.', { reason: 'body_too_large' }) };
    case 415:
      return {
        status: 415,
        error: new AppError('invalid_input', 'Send the body as application/json.', { reason: 'unsupported_media_type' }),
      };
    default:
      return {
        status: e.status >= 500 ? 500 : (e.status as ContentfulStatusCode),
        error: new AppError(e.status >= 500 ? 'internal' : 'invalid_input', e.message || 'The request could not be handled.'),
      };
  }
}

export function errorBody(error: AppError, requestId?: string): ErrorBody {
  return {
    error: {
      code: error.code,
      ...(error.reason !== undefined && { reason: error.reason }),
      message: error.message,
      ...(error.params !== undefined && { params: error.params }),
      ...(error.issues !== undefined && { issues: error.issues }),
      ...(requestId !== undefined && { requestId }),
    },
  };
}

export function errorResponse(c: Context, error: AppError, status = httpStatusOf[error.code]): Response {
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  return c.json(errorBody(error, c.get('requestId') as string | undefined), status);
}

/** Known errors become their 4xx; anything else is logged with the request id and answered as `internal`. */
export function handleError(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) return errorResponse(c, err);
    if (err instanceof HTTPException) {
      const { error, status } = fromHttpException(err);
      if (status < 500) return errorResponse(c, error, status);
    }
    // A unique constraint lost a race the code checked for (two requests at once): a conflict.
    if ((err as { code?: unknown }).code === '23505') {
      return errorResponse(
        c,
        new AppError('conflict', 'Someone else made the same change at the same moment. Reload and try again.', {
          reason: 'concurrent_change',
        }),
      );
    }
    const requestId = c.get('requestId') as string | undefined;
    logger.error('unhandled error', { requestId, method: c.req.method, path: c.req.path, error: err.message, stack: err.stack });
    return errorResponse(
      c,
      new AppError('internal', `Something went wrong on our side. Quote request id ${requestId ?? '(none)'} when reporting it.`),
    );
  };
}
