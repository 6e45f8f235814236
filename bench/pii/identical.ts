/**
 * The speed work's guard: the detector's findings on 18,000 generated texts (seeds 20261205, 11 and
 * 12, 2,000 documents each), with kuromoji, without it and with a minimum score of 0.8, must be
 * byte for byte those recorded below (start, end, type, score and text of every finding, as JSON
 * lines, hashed with SHA-256 per seed and mode). A change that alters one finding fails this step.
 * `node --import tsx bench/pii/identical.ts [--dump DIR]` — `--dump` writes the JSON lines, to diff
 * two versions of the detector when a hash differs. Also the first step of `npm run bench`'s PII run.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPii } from '../../src/core/documents/pii/detect.js';
import type { DetectOptions } from '../../src/core/documents/pii/types.js';
import { loadKuromojiTokenizer } from '../../src/infra/documents/kuromoji.js';
import { generate } from './generate.js';

/** Recorded on 2026-12-07 from commit d81e170 (the findings every F1 figure of bench/README.md was measured on). */
const EXPECTED: Record<string, string> = {
  '20261205 kuromoji': '0ad5a3fec0ec49ee76704305c458b6e2941d059a336f362db99827c1b131da11',
  '20261205 none': '3f87c4f833d3b87ef5456a3fb90a89c7a2bbaa7ab9de23a1ad258afb4135f87a',
  '20261205 min 0.8': '485c8ea62d3eb19d49e4145525acf6d9ea604e34a995bd2d501a84221ce4ee04',
  '11 kuromoji': '2a3f5d3fcf4cf7677500bd020bf0e605a983dcc948516f2647e48124882d867d',
  '11 none': 'a97f297296f317adbf959850ec0f579f77807f1d660b90a25199a692801277de',
  '11 min 0.8': '13905baff967827d3e64d7933795cebafcc996755d3cce9b7e456d9f481b4660',
  '12 kuromoji': '838fcd6be5841b7f9d5d6b469f53cf8b4f2fdb8849f9ae81e79f47fd91d326e3',
  '12 none': '9b9cf6004f1409614073fb75b7917cef1250848161b1183748088f4bf7470961',
  '12 min 0.8': '2fdba46e1cbf127d792c320e0eccff64947543e2b1ba9e9f81f07070ccf42e00',
};

const dumpAt = process.argv.indexOf('--dump');
const dumpDir = dumpAt >= 0 ? process.argv[dumpAt + 1] : undefined;
if (dumpDir) mkdirSync(dumpDir, { recursive: true });

const tokenizer = await loadKuromojiTokenizer();
const modes: Record<string, DetectOptions> = { kuromoji: { tokenizer }, none: {}, 'min 0.8': { tokenizer, minScore: 0.8 } };
const wrong: string[] = [];
const got: Record<string, string> = {};
let findings = 0;
for (const seed of [20261205, 11, 12]) {
  const docs = generate(seed, 2000);
  for (const [mode, options] of Object.entries(modes)) {
    const lines = docs.map((d) => {
      const found = detectPii(d.text, options);
      findings += found.length;
      return JSON.stringify(found.map((f) => [f.start, f.end, f.type, f.score, f.text]));
    });
    const key = `${seed} ${mode}`;
    const text = `${lines.join('\n')}\n`;
    got[key] = createHash('sha256').update(text).digest('hex');
    if (dumpDir) writeFileSync(join(dumpDir, `${seed}-${mode.replace(/\W+/g, '')}.jsonl`), text);
    if (EXPECTED[key] !== got[key]) wrong.push(key);
  }
}
console.log(`${findings} findings on 18,000 texts (3 seeds × 2,000 documents × 3 modes)`);
if (wrong.length > 0) {
  console.error(`Findings differ from the recorded ones for: ${wrong.join(', ')}`);
  console.error(JSON.stringify(got, null, 2));
  process.exit(1);
}
console.log('Identical to the recorded findings, byte for byte.');
