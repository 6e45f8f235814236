// Download watermark benchmark: kpo's PDF watermark (visible mark on every page in an embedded
// Japanese font, fingerprint in Info, XMP and every page) on a generated 100-page PDF, against a
// peer in the same run: a bare pdf-lib load and save of the same PDF — what any pdf-lib watermark
// costs at the least. Median of N runs each, interleaved.
// Run: node --import tsx bench/vault/watermark.ts   (writes bench/results/watermark-<date>.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { readFingerprints, watermark } from '../../src/infra/documents/watermark.js';

const root = new URL('../../', import.meta.url).pathname;
const PAGES = 100;
const RUNS = Number(process.env.KPO_BENCH_RUNS ?? 9);
const key = Buffer.alloc(32, 7);
const mark = {
  userName: '山田 太郎',
  orgName: '株式会社サクラ・リサーチ',
  at: '2026-12-04T08:05:00Z',
  documentId: '0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
  downloadId: '0193a5b2-7c4d-7e8f-9a0b-000000000001',
  locale: 'ja' as const,
};

/** A report-like PDF: on each page a heading, 45 lines of body text, a table grid and a bar chart. */
async function samplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const body = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let p = 1; p <= PAGES; p++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Market sizing — section ${p}`, { x: 56, y: 790, size: 16, font: bold });
    for (let l = 0; l < 45; l++)
      page.drawText(
        `Line ${l + 1}: respondents in segment ${(p * 7 + l) % 13} rated the offer ${((p + l) % 5) + 1} of 5; base n=${400 + l}.`,
        {
          x: 56,
          y: 760 - l * 12,
          size: 9,
          font: body,
        },
      );
    for (let r = 0; r <= 6; r++) page.drawLine({ start: { x: 56, y: 200 - r * 20 }, end: { x: 540, y: 200 - r * 20 }, thickness: 0.5 });
    for (let b = 0; b < 8; b++)
      page.drawRectangle({ x: 70 + b * 58, y: 90, width: 30, height: 10 + ((p * b) % 90), color: rgb(0.2, 0.4, 0.7) });
  }
  return doc.save();
}

async function peer(bytes: Uint8Array): Promise<Uint8Array> {
  return (await PDFDocument.load(bytes, { updateMetadata: false })).save({ useObjectStreams: false });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const mb = (n: number) => Math.round((n / 1_048_576) * 100) / 100;

async function time(f: () => Promise<Uint8Array>): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const out = await f();
  return { ms: performance.now() - t0, bytes: out.length };
}

const input = await samplePdf();
// Correct before fast: the mark's fingerprint is on every page. This first call also pays the
// one-time cost of a fresh process (reading, padding and parsing the 5 MB font): reported apart.
const first = await time(() => watermark(input, 'pdf', mark, key));
const checked = await readFingerprints(await watermark(input, 'pdf', mark, key), key);
const pagesMarked = checked.filter((f) => f.where.startsWith('pdf:page ') && f.valid).length;
if (pagesMarked !== PAGES) throw new Error(`fingerprint on ${pagesMarked} of ${PAGES} pages`);

const kpo: number[] = [];
const bare: number[] = [];
let outBytes = 0;
let peerBytes = 0;
await time(() => peer(input));
for (let i = 0; i < RUNS; i++) {
  const b = await time(() => peer(input));
  const k = await time(() => watermark(input, 'pdf', mark, key));
  bare.push(b.ms);
  kpo.push(k.ms);
  outBytes = k.bytes;
  peerBytes = b.bytes;
}

const summary = {
  date: new Date().toISOString(),
  machine: {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  },
  input: { pages: PAGES, megabytes: mb(input.length) },
  runs: RUNS,
  watermark: {
    firstCallMs: Math.round(first.ms),
    medianMs: Math.round(median(kpo)),
    msPerPage: Math.round((median(kpo) / PAGES) * 100) / 100,
    outputMegabytes: mb(outBytes),
    samplesMs: kpo.map(Math.round),
  },
  peerLoadSave: { medianMs: Math.round(median(bare)), outputMegabytes: mb(peerBytes), samplesMs: bare.map(Math.round) },
  ratio: Math.round((median(kpo) / median(bare)) * 100) / 100,
  addedKilobytes: Math.round((outBytes - peerBytes) / 1024),
};

console.log(`| measure (median of ${RUNS}) | kpo watermark | peer: pdf-lib load + save | ratio |`);
console.log('|---|---|---|---|');
console.log(
  `| ${PAGES}-page PDF, ${summary.input.megabytes} MB in | ${summary.watermark.medianMs} ms | ${summary.peerLoadSave.medianMs} ms | ${summary.ratio}× |`,
);
console.log(`| first call in a fresh process (font read and parsed) | ${summary.watermark.firstCallMs} ms | — | — |`);
console.log(
  `| output size | ${summary.watermark.outputMegabytes} MB | ${summary.peerLoadSave.outputMegabytes} MB | +${summary.addedKilobytes} KB |`,
);
console.log(
  `machine: ${summary.machine.cpus} CPUs (${summary.machine.cpuModel}), Node ${summary.machine.node}, load ${summary.machine.loadAverage1m}`,
);
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, `bench/results/watermark-${summary.date.slice(0, 10)}.json`);
writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`wrote ${file}`);
