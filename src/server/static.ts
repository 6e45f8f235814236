import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './env.js';

/**
 * The built web UI (dist/web), served by the same process in production. Files are served as
 * they are (hashed assets cached for a year); every other path gets index.html so the
 * client-side router can take it. index.html is read per request, so a rebuild while kpo runs
 * is picked up.
 */
export function serveWeb(app: Hono<AppEnv>, webDir: string): void {
  const indexPath = join(webDir, 'index.html');
  const index = (c: Context<AppEnv>) => {
    if (!existsSync(indexPath)) {
      return c.text(
        'The web UI is not built. Run `npm run build` (or `npm start`, which builds it), or `npm run dev` for development.',
        503,
      );
    }
    c.header('cache-control', 'no-cache');
    return c.html(readFileSync(indexPath, 'utf8'));
  };
  app.get('/', index);
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root: webDir }));
  // A missing hashed asset is a 404, never index.html under an immutable cache header.
  app.get('/assets/*', (c) => c.text('Not found', 404));
  // Only paths that look like files go to the disk; directories never do.
  app.use('/:file{.+\\.[a-zA-Z0-9]+$}', serveStatic({ root: webDir }));
  app.get('*', index);
}
