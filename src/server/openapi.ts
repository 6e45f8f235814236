import { z } from 'zod';
import { errorBodySchema } from '../shared/errors.js';

const errorContent = { 'application/json': { schema: errorBodySchema } };

/** The error answers every guarded route may give, for the OpenAPI document. */
export const errorResponses = {
  400: { description: 'Invalid input; every problem is listed in `issues`.', content: errorContent },
  401: { description: 'Not signed in, or the session or token has ended.', content: errorContent },
  403: { description: 'The access policy refuses this.', content: errorContent },
  404: { description: 'Not found.', content: errorContent },
  409: { description: 'Conflicts with the current state.', content: errorContent },
  413: { description: 'The body is too large.', content: errorContent },
  429: { description: 'Too many attempts; see Retry-After.', content: errorContent },
} as const;

export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

export const noContent = { 204: { description: 'Done.' } } as const;

export const orgParams = z.strictObject({ orgId: z.uuid({ message: 'Must be a UUID.' }) });
export const memberParams = z.strictObject({
  orgId: z.uuid({ message: 'Must be a UUID.' }),
  userId: z.uuid({ message: 'Must be a UUID.' }),
});
