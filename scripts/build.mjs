// Builds what `kpo serve` runs in production: the server (esbuild → dist/, file by file, no type
// check: that is `npm run typecheck`), its SQL migrations, and the web UI (vite → dist/web).
// `--if-stale` skips the work when dist/ is newer than the sources. `npm ci` runs it (the `prepare`
// script) so that the first `npm start` need not build; without the dev dependencies
// (`npm ci --omit=dev`) it says so and skips, and `kpo` runs from the sources.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

const vite = join(root, 'node_modules/vite/bin/vite.js');
if (!existsSync(vite)) {
  console.error(
    'kpo: not building: Vite (a dev dependency) is not installed, e.g. after `npm ci --omit=dev`. ' +
      '`kpo` will run from the sources, without the web UI; run `npm ci` to build it.',
  );
  process.exit(0);
}
// esbuild comes with tsx (a runtime dependency), so it is there whenever Vite is.
const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
const esbuild = await import(pathToFileURL(fromTsx.resolve('esbuild')).href);

/** The server's sources: src/ without the web UI, the test kit and the tests. */
function serverSources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path.endsWith('src/web') || path.endsWith('src/testing') ? [] : serverSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs one step, printing its name when it starts and how long it took when it ends. */
async function step(name, work) {
  const started = performance.now();
  console.error(`  ${name}…`);
  await work();
  console.error(`  ${name}: done in ${seconds(started)}`);
}

function run(name, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${name} failed (${signal ?? `exit ${code}`})`))));
  });
}

const started = performance.now();
console.error('Building kpo (server and web UI)…');
try {
  await step('server (esbuild)', async () => {
    await esbuild.build({
      entryPoints: serverSources(join(root, 'src')),
      outdir: join(root, 'dist'),
      outbase: join(root, 'src'),
      format: 'esm',
      platform: 'node',
      target: 'es2023',
      sourcemap: true,
      logLevel: 'warning',
    });
    // A migration renamed or removed in the sources must not linger in dist: migrate would run it.
    rmSync(join(root, 'dist/infra/db/migrations'), { recursive: true, force: true });
    cpSync(join(root, 'src/infra/db/migrations'), join(root, 'dist/infra/db/migrations'), { recursive: true });
  });
  await step('web UI (vite)', () => run('vite build', [vite, 'build', '--logLevel', 'warn']));
} catch (e) {
  console.error(`kpo: the build failed: ${e.message}`);
  process.exit(1);
}
writeFileSync(stamp, new Date().toISOString());
console.error(`Built kpo in ${seconds(started)}.`);
