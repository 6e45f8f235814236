import { z } from 'zod';

/**
 * The small, closed set of error codes kpo answers with. HTTP, CLI and web each translate
 * a code once (status, exit code, message); the domain only ever throws these.
 */
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_state',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const issueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});
export type Issue = z.infer<typeof issueSchema>;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      reason: z.string().optional(),
      message: z.string(),
      issues: z.array(issueSchema).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: string | undefined;
  readonly issues: Issue[] | undefined;
  /** Seconds after which a retry may succeed (rate limits). */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: { reason?: string; issues?: Issue[]; retryAfter?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.reason = options.reason;
    this.issues = options.issues;
    this.retryAfter = options.retryAfter;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Turns zod issues into kpo issues: every problem listed, each with its path. */
export function issuesFromZod(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code,
    message: issue.message,
  }));
}

export function invalidInput(issues: Issue[], message = 'The request is not valid.'): AppError {
  return new AppError('invalid_input', message, { reason: 'validation', issues });
}

/** Parses with a schema and throws `invalid_input` listing every issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(issuesFromZod(result.error));
  return result.data;
}
