import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RequestContext } from '../core/access/actor.js';
import type { Authenticated } from '../core/identity/auth.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    /** Who is calling, once the route's guard has authenticated them. */
    auth: Authenticated | null;
    ctx: RequestContext;
  };
}

export type Api = OpenAPIHono<AppEnv>;
