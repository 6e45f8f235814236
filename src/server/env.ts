import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RequestContext } from '../core/access/actor.js';
import type { EngagementRequestContext } from '../core/engagements/context.js';
import type { Authenticated } from '../core/identity/auth.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    /** Who is calling, once the route's guard has authenticated them. */
    auth: Authenticated | null;
    ctx: RequestContext;
    /** The engagement in the path, as a GET's guard read it for its decision (engagementInPath): the service's read too. */
    engagementRead: EngagementRequestContext['engagementRead'];
  };
}

export type Api = OpenAPIHono<AppEnv>;
