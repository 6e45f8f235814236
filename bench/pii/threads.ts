/**
 * The PII detector on one thread against the batch mode's pool (`kpo pii scan --jsonl --workers N`)
 * on generated documents unseen by run.ts's set: three passes each, every pass over a set of its own
 * (seeds 11, 12, 13; 8,000 documents each), so the first pass shows the cold start (JIT, each thread's
 * kuromoji) and the later ones warm code on new text — not caches hot from text already seen.
 * `node --import tsx bench/pii/threads.ts`
 */
import { availableParallelism, loadavg } from 'node:os';
import { detectPii } from '../../src/core/documents/pii/detect.js';
import { loadKuromojiTokenizer } from '../../src/infra/documents/kuromoji.js';
import { startPiiPool } from '../../src/infra/documents/pii-pool.js';
import { generate } from './generate.js';

const sets = [11, 12, 13].map((seed) => generate(seed, 8000));
const mbOf = (docs: { text: string }[]) => docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1e6;
const rate = (mb: number, t0: number) => (mb / ((performance.now() - t0) / 1000)).toFixed(2);
const tokenizer = await loadKuromojiTokenizer();
const one: string[] = [];
for (const docs of sets) {
  const t0 = performance.now();
  for (const d of docs) detectPii(d.text, { tokenizer });
  one.push(rate(mbOf(docs), t0));
}
console.log(
  `${sets
    .map(mbOf)
    .map((m) => m.toFixed(2))
    .join(' + ')} MB, Node ${process.version}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(`one thread, MB/s per pass: ${one.join(', ')}`);
for (const threads of [...new Set([1, availableParallelism()])]) {
  const pool = startPiiPool(threads);
  const passes: string[] = [];
  for (const docs of sets) {
    const t0 = performance.now();
    await Promise.all(docs.map((d) => pool.scan(d.text)));
    passes.push(rate(mbOf(docs), t0));
  }
  await pool.close();
  console.log(`pool of ${threads}, MB/s per pass: ${passes.join(', ')}`);
}
