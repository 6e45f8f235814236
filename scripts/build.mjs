// Builds what `kpo serve` runs in production: the server (tsc → dist/), its SQL migrations, and
// the web UI (vite → dist/web). `--if-stale` skips the work when dist/ is newer than the sources.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ifStale = process.argv.includes('--if-stale');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const stamp = join(root, 'dist/.build-stamp');
const sourcesChanged = () =>
  Math.max(newest(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs, statSync(join(root, 'vite.config.ts')).mtimeMs);
if (ifStale && existsSync(stamp) && statSync(stamp).mtimeMs >= sourcesChanged()) {
  process.exit(0);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.error('Building kpo (server and web UI)…');
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
cpSync(join(root, 'src/infra/db/migrations'), join(root, 'dist/infra/db/migrations'), { recursive: true });
run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
const { writeFileSync } = await import('node:fs');
writeFileSync(stamp, new Date().toISOString());
