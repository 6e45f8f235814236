#!/usr/bin/env node
// The `kpo` command. Runs the built CLI (dist/); from a source checkout without a build, or
// with KPO_FROM_SOURCE=1, runs the TypeScript sources through tsx.
import { existsSync, readFileSync } from 'node:fs';

const built = new URL('../dist/cli/main.js', import.meta.url);
let cli;
if (existsSync(built) && process.env.KPO_FROM_SOURCE !== '1') {
  cli = await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
process.exitCode = await cli.runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  readStdin: () => readFileSync(0, 'utf8'),
});
