import { z } from 'zod';
import type { IssueCode } from './issue-codes.js';
import type { Reason } from './reasons.js';

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

/** Values a message is built from (a limit, a row, a rate): the reader's language words them. */
export const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type MessageParams = z.infer<typeof messageParamsSchema>;

export const issueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  // Any string is read (a newer server may know more codes); kpo itself sends only registered ones.
  code: z.string() as unknown as z.ZodType<IssueCode, string>,
  /** The server's own words, for logs and API callers; people read the code in their language. */
  message: z.string(),
  params: messageParamsSchema.optional(),
});
export type Issue = z.infer<typeof issueSchema>;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      reason: z.string().optional(),
      message: z.string(),
      params: messageParamsSchema.optional(),
      issues: z.array(issueSchema).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: Reason | undefined;
  readonly issues: Issue[] | undefined;
  readonly params: MessageParams | undefined;
  /** Seconds after which a retry may succeed (rate limits). */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { reason?: Reason; issues?: Issue[]; params?: MessageParams; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.reason = options.reason;
    this.issues = options.issues;
    this.params = options.params;
    this.retryAfter = options.retryAfter;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

type ZodIssue = z.core.$ZodIssue & { minimum?: unknown; maximum?: unknown; origin?: unknown; inclusive?: unknown; params?: unknown };

/** A refinement names its rule as `params: rule(code, values)` (issue-codes.ts): the rule becomes the issue's code. */
function ruleOf(issue: ZodIssue): { code: IssueCode; params?: MessageParams } | null {
  if (issue.code !== 'custom' || issue.params === null || typeof issue.params !== 'object') return null;
  const { rule, ...values } = issue.params as { rule?: unknown } & MessageParams;
  if (typeof rule !== 'string') return null;
  return { code: rule as IssueCode, ...(Object.keys(values).length > 0 && { params: values }) };
}

/** A zod issue in kpo's words: an empty field is `required`, a length or range carries its limit. */
function issueFromZod(issue: ZodIssue, input: unknown, inputKnown: boolean): Issue {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const base = { path, message: issue.message };
  const rule = ruleOf(issue);
  if (rule) return { ...base, ...rule };
  const emptyString = issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1;
  if (emptyString || ((issue.code === 'invalid_type' || issue.code === 'too_small') && inputKnown && isBlank(valueAt(input, issue.path))))
    return { ...base, code: 'required' };
  const limit = issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined;
  if (typeof limit === 'number' || typeof limit === 'bigint') {
    // The limit and what it counts (characters, items, a number), so the message can state it.
    const params: MessageParams = { [issue.code === 'too_big' ? 'maximum' : 'minimum']: Number(limit) };
    if (typeof issue.origin === 'string') params.origin = issue.origin;
    if (issue.inclusive === false) params.exclusive = 1;
    return { ...base, code: issue.code, params };
  }
  return { ...base, code: issue.code };
}

/**
 * Turns zod issues into kpo issues: every problem listed, each with its path. With the input
 * that was parsed, a missing or blank value is said to be required rather than of a wrong type.
 */
export function issuesFromZod(error: z.ZodError, ...input: [unknown?]): Issue[] {
  return error.issues.map((issue) => issueFromZod(issue as ZodIssue, input[0], input.length > 0));
}

export function invalidInput(issues: Issue[], message = 'The request is not valid.'): AppError {
  return new AppError('invalid_input', message, { reason: 'validation', issues });
}

/** Parses with a schema and throws `invalid_input` listing every issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(issuesFromZod(result.error, value));
  return result.data;
}
