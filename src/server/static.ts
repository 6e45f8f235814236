import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './env.js';

/**
 * The built web UI (dist/web), served by the same process in production. Paths that are not
 * files get index.html so the client-side router can take them.
 */
export function serveWeb(app: Hono<AppEnv>, webDir: string): void {
  const indexPath = join(webDir, 'index.html');
  if (!existsSync(indexPath)) {
    app.get('*', (c) =>
      c.text('The web UI is not built. Run `npm run build` (or `npm start`, which builds it), or `npm run dev` for development.', 503),
    );
    return;
  }
  const index = readFileSync(indexPath, 'utf8');
  app.use(
    '/assets/*',
    serveStatic({
      root: webDir,
      onFound: (_path, c) => {
        c.header('cache-control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use('*', serveStatic({ root: webDir, index: '' }));
  app.get('*', (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(index);
  });
}
