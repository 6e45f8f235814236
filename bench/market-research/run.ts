/**
 * Crosstab-deck benchmark (issue #11): a generated 100,000-respondent file with 50 banner columns
 * and 10 stubs; kpo computes every stub × banner crosstab, unweighted and weighted, against R
 * (base R + the survey package) computing the same tables in the same run. Values are checked
 * equal first; then kpo and R run alternately, each in a fresh process, N times each; reading,
 * making the variables and computing the deck are timed apart. Goal: deck ≥ 10× the peer.
 *
 *   node --import tsx bench/market-research/run.ts [--runs 3] [--respondents 100000] [--seed 20261205]
 *
 * The peer needs R with the survey package (`apt-get install r-cran-survey` on Debian/Ubuntu, or
 * `install.packages("survey")` in R); without it kpo is still timed and the peer is skipped.
 * The data is written to a temporary directory and removed after (KPO_BENCH_KEEP=1 keeps it).
 * Results: bench/results/market-research-<date>.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { generate } from './generate.js';

const here = new URL('.', import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('--runs', Number(process.env.KPO_BENCH_RUNS ?? 3));
const RESPONDENTS = arg('--respondents', 100_000);
const SEED = arg('--seed', 20261205);
const GOAL = 10;

interface RunResult {
  respondents: number;
  tables: number;
  readMs: number;
  readCpuMs: number;
  prepareMs: number;
  prepareCpuMs: number;
  computeMs: number;
  computeCpuMs: number;
  peakRssMiB: number;
  heapUsedMiB?: number;
  rHeapPeakMiB?: number;
  r?: string;
  survey?: string;
}

// ---------------------------------------------------------------------------------------------
// Running one side

function lastJsonLine(stdout: string, what: string): RunResult {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as RunResult;
  } catch {
    throw new Error(`${what} printed no result line:\n${stdout}`);
  }
}

function runKpo(csv: string, exportTo?: string): RunResult {
  const args = ['--import', 'tsx', join(here, 'deck.ts'), csv, ...(exportTo ? ['--export', exportTo] : [])];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`kpo deck failed (exit ${r.status}):\n${r.stderr}`);
  return lastJsonLine(r.stdout, 'kpo deck');
}

function runR(csv: string, exportPrefix?: string): RunResult {
  const r = spawnSync('Rscript', ['--vanilla', join(here, 'deck.R'), csv, ...(exportPrefix ? [exportPrefix] : [])], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`R deck failed (exit ${r.status}):\n${r.stderr}`);
  return lastJsonLine(r.stdout, 'R deck');
}

/** Why the peer cannot run here, or null when Rscript and the survey package are both present. */
function peerMissing(): string | null {
  const r = spawnSync('Rscript', ['--vanilla', '-e', 'quit(status = if (requireNamespace("survey", quietly = TRUE)) 0 else 3)'], {
    encoding: 'utf8',
  });
  if (r.error) return 'Rscript is not on the PATH';
  if (r.status === 3) return "R's survey package is not installed";
  if (r.status !== 0) return `Rscript failed (exit ${r.status}): ${r.stderr.trim()}`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Checking the values equal

interface KpoTable {
  rows: string[];
  cols: string[];
  counts: number[][];
  colPercents: (number | null)[][];
  chiSquare: { statistic: number; df: number; pValue: number } | null;
  letters: string[][];
}
interface KpoExport {
  stub: string;
  banner: string;
  unweighted: KpoTable;
  weighted: KpoTable;
}

/** R's write.csv output: quoted strings without commas inside, numbers, TRUE/FALSE. */
function readRCsv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1) : s);
  const names = (head ?? '').split(',').map(unquote);
  return lines.map((line) => {
    const cells = line.split(',').map(unquote);
    if (cells.length !== names.length) throw new Error(`${path}: a row with ${cells.length} cells: ${line}`);
    return Object.fromEntries(names.map((n, i) => [n, cells[i] as string]));
  });
}

const relative = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/**
 * Compares kpo's deck with R's, cell by cell and test by test, and throws listing the first
 * differences. Tolerances: unweighted counts exactly; weighted counts, column percents and X² to
 * 1e−9 relative; p-values to 1e−9 absolute, and to 1e−6 relative below 1e−6 (where an absolute
 * tolerance says nothing); significance letters exactly.
 */
function compare(kpoPath: string, rPrefix: string) {
  const deck = JSON.parse(readFileSync(kpoPath, 'utf8')) as KpoExport[];
  const tables = new Map<string, KpoTable>();
  for (const d of deck) {
    tables.set(`${d.stub}|${d.banner}|FALSE`, d.unweighted);
    tables.set(`${d.stub}|${d.banner}|TRUE`, d.weighted);
  }
  const problems: string[] = [];
  const problem = (s: string) => {
    if (problems.length < 20) problems.push(s);
  };
  const worst = { weightedCount: 0, colPercent: 0, statistic: 0, weightedStatistic: 0, pAbsolute: 0, pRelativeTiny: 0 };
  const checked = {
    tables: 0,
    cells: 0,
    unweightedCells: 0,
    weightedCells: 0,
    letterCells: 0,
    cellsWithLetters: 0,
    tests: 0,
    noTestInBoth: 0,
  };
  const seenCells = new Map<string, number>();

  for (const c of readRCsv(`${rPrefix}-cells.csv`)) {
    const key = `${c.stub}|${c.banner}|${c.weighted}`;
    const t = tables.get(key);
    if (!t) {
      problem(`${key}: R has a table kpo does not`);
      continue;
    }
    seenCells.set(key, (seenCells.get(key) ?? 0) + 1);
    const i = t.rows.indexOf(c.row as string);
    const j = t.cols.indexOf(c.col as string);
    if (i < 0 || j < 0) {
      problem(`${key}: R has row ${c.row}, column ${c.col}; kpo's are ${t.rows} × ${t.cols}`);
      continue;
    }
    const where = `${key} [${c.row}, ${c.col}]`;
    const kCount = t.counts[i]?.[j] as number;
    const rCount = Number(c.count);
    if (c.weighted === 'FALSE') {
      checked.unweightedCells++;
      if (kCount !== rCount) problem(`${where}: count ${kCount} (kpo) ≠ ${rCount} (R)`);
    } else {
      checked.weightedCells++;
      const d = relative(kCount, rCount);
      worst.weightedCount = Math.max(worst.weightedCount, d);
      if (d > 1e-9) problem(`${where}: weighted count ${kCount} (kpo) ≠ ${rCount} (R)`);
    }
    const kPct = t.colPercents[i]?.[j] ?? null;
    const rPct = c.col_pct === 'NaN' || c.col_pct === 'NA' ? null : Number(c.col_pct);
    if (kPct === null || rPct === null) {
      if (kPct !== rPct) problem(`${where}: column % ${kPct} (kpo) ≠ ${rPct} (R)`);
    } else {
      const d = relative(kPct, rPct);
      worst.colPercent = Math.max(worst.colPercent, d);
      if (d > 1e-9) problem(`${where}: column % ${kPct} (kpo) ≠ ${rPct} (R)`);
    }
    const kLetters = t.letters[i]?.[j] ?? '';
    checked.letterCells++;
    if (kLetters !== '') checked.cellsWithLetters++;
    if (kLetters !== c.letters) problem(`${where}: letters "${kLetters}" (kpo) ≠ "${c.letters}" (R)`);
    checked.cells++;
  }
  for (const [key, t] of tables) {
    const expected = t.rows.length * t.cols.length;
    if ((seenCells.get(key) ?? 0) !== expected) problem(`${key}: R wrote ${seenCells.get(key) ?? 0} cells, kpo has ${expected}`);
  }
  checked.tables = tables.size;

  for (const r of readRCsv(`${rPrefix}-tests.csv`)) {
    const key = `${r.stub}|${r.banner}|${r.weighted}`;
    const chi = tables.get(key)?.chiSquare;
    const [statistic, df, p] = [Number(r.statistic), Number(r.df), Number(r.p)];
    checked.tests++;
    // A table with an empty row or column: kpo drops it and, when fewer than two remain, runs no
    // test ('degenerate'); chisq.test keeps it and answers NaN. Both say "no test".
    if (!chi || Number.isNaN(statistic)) {
      if (chi || !Number.isNaN(statistic)) problem(`${key}: X² ${chi?.statistic ?? 'none'} (kpo) ≠ ${statistic} (R)`);
      else checked.noTestInBoth++;
      continue;
    }
    const dStat = relative(chi.statistic, statistic);
    if (r.weighted === 'TRUE') worst.weightedStatistic = Math.max(worst.weightedStatistic, dStat);
    else worst.statistic = Math.max(worst.statistic, dStat);
    if (dStat > 1e-9) problem(`${key}: X² ${chi.statistic} (kpo) ≠ ${statistic} (R)`);
    if (chi.df !== df) problem(`${key}: df ${chi.df} (kpo) ≠ ${df} (R)`);
    const dp = Math.abs(chi.pValue - p);
    worst.pAbsolute = Math.max(worst.pAbsolute, dp);
    if (dp > 1e-9) problem(`${key}: p ${chi.pValue} (kpo) ≠ ${p} (R)`);
    if (Math.max(chi.pValue, p) < 1e-6 && Math.min(chi.pValue, p) > 0) {
      const dr = relative(chi.pValue, p);
      worst.pRelativeTiny = Math.max(worst.pRelativeTiny, dr);
      if (dr > 1e-6) problem(`${key}: tiny p ${chi.pValue} (kpo) ≠ ${p} (R)`);
    }
  }
  if (checked.tests !== tables.size) problem(`R wrote ${checked.tests} tests for ${tables.size} tables`);
  const significant = deck.flatMap((d) => [d.unweighted, d.weighted]).filter((t) => (t.chiSquare?.pValue ?? 1) < 0.05).length;
  if (problems.length > 0) throw new Error(`kpo and R disagree:\n  ${problems.join('\n  ')}`);
  return { checked, worst, significantAt5Percent: significant };
}

// ---------------------------------------------------------------------------------------------
// The run

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en-US').replace(/,/g, ' ')} ms`;
const ratio = (peer: number, kpo: number) => `${(peer / kpo).toFixed(1)}×`;

const startedAt = new Date();
const loadBefore = loadavg();
const dir = mkdtempSync(join(tmpdir(), 'kpo-bench-mr-'));
try {
  const csvPath = join(dir, 'respondents.csv');
  const t0 = performance.now();
  const { csv, layout } = generate(RESPONDENTS, SEED);
  writeFileSync(csvPath, csv);
  console.log(
    `${RESPONDENTS.toLocaleString('en-US')} respondents, ${layout.banners.length} banners (${Math.min(...layout.banners.map((b) => b.levels))}–${Math.max(...layout.banners.map((b) => b.levels))} levels), ${layout.stubs.length} stubs (${Math.min(...layout.stubs.map((s) => s.levels))}–${Math.max(...layout.stubs.map((s) => s.levels))} levels), weight ${layout.weight}: ${(csv.length / 1e6).toFixed(1)} MB in ${dir} (${fmt(performance.now() - t0)})`,
  );

  const missing = peerMissing();
  if (missing)
    console.log(
      `\nPEER SKIPPED: ${missing}. The peer is R with the survey package: apt-get install r-cran-survey (Debian/Ubuntu), ` +
        'or install.packages("survey") in R. kpo is timed alone; nothing is checked against R and no ratio is reported.\n',
    );

  // Values first: one run of each with the values exported (not timed into the results).
  let check: ReturnType<typeof compare> | null = null;
  if (!missing) {
    console.log('Checking the values equal (kpo and R, one run each, exported)…');
    runKpo(csvPath, join(dir, 'kpo.json'));
    runR(csvPath, join(dir, 'R'));
    check = compare(join(dir, 'kpo.json'), join(dir, 'R'));
    console.log(
      `  equal: ${check.checked.tables} tables, ${check.checked.unweightedCells} unweighted and ${check.checked.weightedCells} weighted cells (counts, column %, letters), ${check.checked.tests} chi-square tests (${check.checked.noTestInBoth} degenerate in both), ${check.checked.cellsWithLetters} cells with significance letters; worst relative difference: weighted counts ${check.worst.weightedCount.toExponential(1)}, X² ${check.worst.statistic.toExponential(1)} (weighted ${check.worst.weightedStatistic.toExponential(1)}); p-values ${check.worst.pAbsolute.toExponential(1)} absolute, ${check.worst.pRelativeTiny.toExponential(1)} relative below 1e-6; ${check.significantAt5Percent} of the tables significant at 5 %`,
    );
  }

  const kpo: RunResult[] = [];
  const peer: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    kpo.push(runKpo(csvPath));
    const k = kpo.at(-1) as RunResult;
    console.log(
      `run ${i + 1}: kpo read ${fmt(k.readMs)}, variables ${fmt(k.prepareMs)}, deck ${fmt(k.computeMs)}, peak RSS ${k.peakRssMiB} MiB`,
    );
    if (!missing) {
      peer.push(runR(csvPath));
      const r = peer.at(-1) as RunResult;
      console.log(
        `run ${i + 1}: R   read ${fmt(r.readMs)}, factors ${fmt(r.prepareMs)}, deck ${fmt(r.computeMs)}, peak RSS ${r.peakRssMiB} MiB`,
      );
    }
  }

  const med = (rs: RunResult[], f: (r: RunResult) => number) => (rs.length ? median(rs.map(f)) : Number.NaN);
  const measures: [string, (r: RunResult) => number][] = [
    ['read the CSV', (r) => r.readMs],
    ['make the variables (kpo) / factors + design (R)', (r) => r.prepareMs],
    ['**the deck: 500 stub × banner pairs, unweighted + weighted (1,000 tables)**', (r) => r.computeMs],
    ['the deck, CPU time', (r) => r.computeCpuMs],
    ['end to end (read + variables + deck)', (r) => r.readMs + r.prepareMs + r.computeMs],
  ];
  const rows = measures.map(([label, f]) => {
    const k = med(kpo, f);
    const p = med(peer, f);
    return { label, kpoMs: k, peerMs: peer.length ? p : null, ratio: peer.length ? p / k : null };
  });
  const memory = {
    kpoPeakRssMiB: med(kpo, (r) => r.peakRssMiB),
    kpoHeapUsedMiB: med(kpo, (r) => r.heapUsedMiB ?? Number.NaN),
    peerPeakRssMiB: peer.length ? med(peer, (r) => r.peakRssMiB) : null,
    peerRHeapPeakMiB: peer.length ? med(peer, (r) => r.rHeapPeakMiB ?? Number.NaN) : null,
  };
  const deckRatio = rows[2]?.ratio ?? null;

  console.log(
    `\n| measure (median of ${RUNS}, wall clock) | kpo | peer: R ${peer[0]?.r?.replace(/^R version /, '') ?? '—'} + survey ${peer[0]?.survey ?? '—'} | R ÷ kpo |`,
  );
  console.log('|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.label} | ${fmt(r.kpoMs)} | ${r.peerMs === null ? 'skipped' : fmt(r.peerMs)} | ${r.ratio === null ? '—' : ratio(r.peerMs as number, r.kpoMs)} |`,
    );
  console.log(
    `| peak RSS of the process | ${memory.kpoPeakRssMiB} MiB | ${memory.peerPeakRssMiB === null ? 'skipped' : `${memory.peerPeakRssMiB} MiB`} | ${memory.peerPeakRssMiB ? `${(memory.kpoPeakRssMiB / memory.peerPeakRssMiB).toFixed(2)}× (kpo ÷ R)` : '—'} |`,
  );
  console.log(
    `| heap: V8 heap used after the deck / R's gc() max used | ${memory.kpoHeapUsedMiB} MiB | ${memory.peerRHeapPeakMiB === null ? 'skipped' : `${memory.peerRHeapPeakMiB} MiB`} | — |`,
  );
  if (deckRatio !== null)
    console.log(`\nGoal ≥ ${GOAL}× on the deck: ${deckRatio >= GOAL ? 'MET' : 'NOT MET'} (${deckRatio.toFixed(1)}×).`);

  const date = startedAt.toISOString().slice(0, 10);
  const results = join(root, 'bench', 'results');
  const out = join(results, `market-research-${date}.json`);
  mkdirSync(results, { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        date,
        machine: {
          cpus: availableParallelism(),
          cpu: cpus()[0]?.model ?? '',
          memoryGiB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
          r: peer[0]?.r ?? null,
          survey: peer[0]?.survey ?? null,
          loadBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
          loadAfter: loadavg().map((l) => Math.round(l * 100) / 100),
        },
        data: { respondents: RESPONDENTS, seed: SEED, layout, bytes: csv.length },
        peer: missing ? { skipped: missing } : 'R: read.csv, factor(), table() + chisq.test(correct = FALSE), survey::svytable',
        check,
        runs: RUNS,
        medians: rows,
        memory,
        goal: { deckRatio, target: GOAL, met: deckRatio === null ? null : deckRatio >= GOAL },
        raw: { kpo, peer },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nResults: ${out.slice(root.length)}`);
} finally {
  if (process.env.KPO_BENCH_KEEP === '1') console.log(`Data kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
