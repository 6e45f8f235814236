// `npm run bench`: every benchmark, one after the other. Each writes its results under bench/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const benches = [['bench/startup.mjs'], ...(existsSync(`${root}bench/fm/run.ts`) ? [['--import', 'tsx', 'bench/fm/run.ts']] : [])];
benches.push(['--import', 'tsx', 'bench/engagements/run.ts']);
benches.push(['--import', 'tsx', 'bench/quality/run.ts']);
// The PII detector's findings must be the recorded ones before its speed is measured.
benches.push(['--import', 'tsx', 'bench/pii/identical.ts']);
benches.push(['--import', 'tsx', 'bench/pii/run.ts']);
benches.push(['--import', 'tsx', 'bench/vault/watermark.ts']);
benches.push(['--import', 'tsx', 'bench/vault/upload.ts']);
benches.push(['--import', 'tsx', 'bench/market-research/run.ts']);
benches.push(['--import', 'tsx', 'bench/patents/quality.ts']);
benches.push(['--import', 'tsx', 'bench/patents/scale.ts']);
benches.push(['--import', 'tsx', 'bench/time/capacity.ts']);
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
for (const args of benches) {
  console.log(`\n## ${args.at(-1)}\n`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
