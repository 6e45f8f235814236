import { createRoute } from '@hono/zod-openapi';
import type { Runtime } from '../../runtime.js';
import {
  changePasswordRequestSchema,
  loginRequestSchema,
  sessionViewSchema,
  switchOrgRequestSchema,
  updateProfileRequestSchema,
} from '../../shared/contracts/identity.js';
import { AppError } from '../../shared/errors.js';
import { errorResponses, jsonBody, jsonResponse, noContent } from '../openapi.js';
import { clientIp, type RouteBuilder, requireSession } from '../route.js';
import { clearSessionCookie, setSessionCookie } from '../session-cookie.js';

export function sessionRoutes(route: RouteBuilder, rt: Runtime) {
  const maxAge = rt.config.identity.sessionMaxHours * 3600;

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/session',
        tags: ['session'],
        summary: 'Sign in with e-mail and password',
        request: { body: jsonBody(loginRequestSchema) },
        responses: { 200: jsonResponse('Signed in; the session cookie is set.', sessionViewSchema), ...errorResponses },
      }),
      policy: { kind: 'public' },
    },
    async (c) => {
      const { token, view } = await rt.services.auth.login(c.req.valid('json'), {
        ip: clientIp(c, rt.config.trustedProxies),
        userAgent: c.req.header('user-agent') ?? null,
        requestId: c.get('requestId'),
      });
      setSessionCookie(c, token, rt.config.secure, maxAge);
      return c.json(view, 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/session',
        tags: ['session'],
        summary: 'The signed-in user, their organisations and the CSRF token',
        responses: { 200: jsonResponse('The current session.', sessionViewSchema), ...errorResponses },
      }),
      policy: { kind: 'session' },
    },
    async (c) => {
      const session = requireSession(c);
      const user = await rt.store.read.users.get(session.userId);
      if (!user) throw new AppError('unauthenticated', 'Sign in first.', { reason: 'no_session' });
      return c.json(await rt.services.auth.sessionView(user, session), 200);
    },
  );

  route(
    {
      route: createRoute({
        method: 'delete',
        path: '/api/session',
        tags: ['session'],
        summary: 'Sign out',
        responses: { ...noContent, ...errorResponses },
      }),
      policy: { kind: 'session' },
    },
    async (c) => {
      await rt.services.auth.logout(c.get('ctx'), requireSession(c));
      clearSessionCookie(c, rt.config.secure);
      return c.body(null, 204);
    },
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/session/organization',
        tags: ['session'],
        summary: 'Switch the active organisation',
        request: { body: jsonBody(switchOrgRequestSchema) },
        responses: { 200: jsonResponse('The session in the chosen organisation.', sessionViewSchema), ...errorResponses },
      }),
      policy: { kind: 'session' },
    },
    async (c) => c.json(await rt.services.auth.switchOrg(c.get('ctx'), requireSession(c), c.req.valid('json').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'patch',
        path: '/api/session/profile',
        tags: ['session'],
        summary: 'Change your display name or language',
        request: { body: jsonBody(updateProfileRequestSchema) },
        responses: { 200: jsonResponse('The updated session.', sessionViewSchema), ...errorResponses },
      }),
      policy: { kind: 'session' },
    },
    async (c) => c.json(await rt.services.auth.updateProfile(c.get('ctx'), requireSession(c), c.req.valid('json')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/session/password',
        tags: ['session'],
        summary: 'Change your password: your other sessions and your API tokens end, and this session is renewed',
        request: { body: jsonBody(changePasswordRequestSchema) },
        responses: { 200: jsonResponse('The renewed session; the new cookie is set.', sessionViewSchema), ...errorResponses },
      }),
      policy: { kind: 'session' },
    },
    async (c) => {
      const { token, view } = await rt.services.auth.changePassword(c.get('ctx'), requireSession(c), c.req.valid('json'), {
        ip: clientIp(c, rt.config.trustedProxies),
        userAgent: c.req.header('user-agent') ?? null,
        requestId: c.get('requestId'),
      });
      setSessionCookie(c, token, rt.config.secure, maxAge);
      return c.json(view, 200);
    },
  );
}
