// `npm run dev`: the API from source on port 3000 (tsx watch restarts it when server code
// changes; demo data, data directory ./data unless KPO_DATA_DIR says otherwise) and the Vite dev
// server with hot reload, which proxies /api to it. Open the URL Vite prints. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const tsxCli = join(dirname(require.resolve('tsx/package.json')), 'dist/cli.mjs');
const viteCli = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js');
const API_PORT = '3000';

const children = new Map();
let stopping = false;

function start(name, args, env = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`\n[dev] ${name} stopped (${signal ?? `exit ${code}`}); stopping the rest.`);
      stop(code || 1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  return child;
}

function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  if (children.size === 0) process.exit(exitCode);
  for (const child of children.values()) child.kill('SIGTERM');
  // A child that ignores SIGTERM must not keep the terminal.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(exitCode);
  }, 10_000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

start('api', [tsxCli, 'watch', '--clear-screen=false', 'bin/kpo.js', 'serve', '--demo', '--port', API_PORT], {
  KPO_FROM_SOURCE: '1',
  KPO_DATA_DIR: process.env.KPO_DATA_DIR ?? './data',
});
start('web', [viteCli]);
