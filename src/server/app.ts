import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Runtime } from '../runtime.js';
import { AppError, invalidInput, issuesFromZod } from '../shared/errors.js';
import type { Api, AppEnv } from './env.js';
import { errorResponse, handleError } from './errors.js';
import { type PolicyRegistry, routeBuilder, unsafeStringIssues } from './route.js';
import { auditRoutes } from './routes/audit.js';
import { capacityRoutes } from './routes/capacity.js';
import { conflictRoutes } from './routes/conflicts.js';
import { deliverableRoutes } from './routes/deliverables.js';
import { DOCUMENT_UPLOAD_ROUTE, documentRoutes } from './routes/documents.js';
import { engagementRoutes } from './routes/engagements.js';
import { financialModelRoutes } from './routes/financial-models.js';
import { marketResearchRoutes } from './routes/market-research.js';
import { marketSizingRoutes } from './routes/market-sizing.js';
import { notificationRoutes } from './routes/notifications.js';
import { organizationRoutes } from './routes/organizations.js';
import { PATENT_IMPORT_ROUTE, patentRoutes } from './routes/patents.js';
import { sessionRoutes } from './routes/session.js';
import { surveyCodingRoutes } from './routes/survey-coding.js';
import { docsRoutes, systemRoutes, testClockRoutes } from './routes/system.js';
import { timeRoutes } from './routes/time.js';
import { tokenRoutes } from './routes/tokens.js';
import { webhookRoutes } from './routes/webhooks.js';
import { serveWeb } from './static.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Routes that take a file in their JSON body get the upload limit instead of the body limit. */
const UPLOAD_ROUTE = /^\/api\/engagements\/[^/]+\/model-imports\//;
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface App {
  app: Hono<AppEnv>;
  api: Api;
  /** Every API route's access policy, keyed "METHOD /path". */
  policies: PolicyRegistry;
}

export function createApp(rt: Runtime, options: { webDir?: string | null } = {}): App {
  const app = new Hono<AppEnv>();
  const policies: PolicyRegistry = new Map();

  // The id is always ours: an id sent by the client would end up in the audit chain unchecked.
  app.use('*', async (c, next) => {
    const id = randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables in a style element; styles cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // blob: the document viewer shows an image it fetched (with the session) from a blob: URL.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: rt.config.secure ? 'max-age=31536000; includeSubDomains' : false,
      xFrameOptions: 'DENY',
      referrerPolicy: 'same-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    await next();
    rt.logger.debug('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
    c.header('cache-control', 'no-store');
  });
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        errorResponse(
          c,
          new AppError('payload_too_large', `The request body is larger than ${maxSize} bytes.`, { reason: 'body_too_large' }),
        ),
    });
  const standardLimit = limit(rt.config.bodyLimitBytes);
  const uploadLimit = limit(rt.config.uploadLimitBytes);
  app.use('/api/*', (c, next) => {
    // A GET or HEAD never has a body here (the Node adapter gives it none); asking would build the
    // request's full fetch Request (headers, abort signal) for nothing.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // The vault's upload streams and counts its own bytes (file_too_large, nothing kept).
    if (c.req.method === 'POST' && DOCUMENT_UPLOAD_ROUTE.test(c.req.path)) return next();
    // So does a patent import (body_too_large, nothing kept).
    if (c.req.method === 'POST' && PATENT_IMPORT_ROUTE.test(c.req.path)) return next();
    return (UPLOAD_ROUTE.test(c.req.path) ? uploadLimit : standardLimit)(c, next);
  });

  const api: Api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // The hook sees the input that failed: an empty field is then said to be required.
      if (!result.success) throw invalidInput(issuesFromZod(result.error, (result as { data?: unknown }).data));
      const unsafe = unsafeStringIssues(result.data);
      if (unsafe.length > 0) throw invalidInput(unsafe);
    },
  });
  const route = routeBuilder(api, rt, policies);
  systemRoutes(route, rt);
  testClockRoutes(route, rt);
  sessionRoutes(route, rt);
  organizationRoutes(route, rt);
  tokenRoutes(route, rt);
  auditRoutes(route, rt);
  engagementRoutes(route, rt);
  financialModelRoutes(route, rt);
  marketResearchRoutes(route, rt);
  surveyCodingRoutes(route, rt);
  marketSizingRoutes(route, rt);
  patentRoutes(route, rt);
  notificationRoutes(route, rt);
  webhookRoutes(route, rt);
  documentRoutes(route, rt);
  conflictRoutes(route, rt);
  timeRoutes(route, rt);
  capacityRoutes(route, rt);
  deliverableRoutes(route, rt);
  docsRoutes(api, rt, policies, pkg.version);

  api.notFound((c) => errorResponse(c, new AppError('not_found', `No API route ${c.req.method} ${c.req.path}.`, { reason: 'no_route' })));
  api.onError(handleError(rt.logger));
  app.route('/', api);
  app.all('/api/*', (c) =>
    errorResponse(c, new AppError('not_found', `No API route ${c.req.method} ${c.req.path}.`, { reason: 'no_route' })),
  );
  app.onError(handleError(rt.logger));

  const webDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  if (webDir !== null) serveWeb(app, webDir);
  return { app, api, policies };
}
