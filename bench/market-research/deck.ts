/**
 * kpo's side of the crosstab-deck benchmark, one run in a fresh process (as the R peer's is):
 * read the file as the product does (readSurveyFile), make the variables (categoricalFromColumn
 * for the banners B* and the stubs Q*, numericFromColumn for the weight w), then every stub × every
 * banner with `crosstab`, unweighted and weighted (counts, column and row percents, Pearson's X²,
 * G², Cochran's check, column-proportion z-tests with Bonferroni letters). Each phase is timed on
 * its own; the timings and the peak memory go to stdout as one JSON line.
 *
 * `node --import tsx bench/market-research/deck.ts DATA.csv [--export VALUES.json]`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Crosstab, crosstab } from '../../src/core/workbenches/market-research/crosstab.js';
import { categoricalFromColumn, numericFromColumn } from '../../src/core/workbenches/market-research/dataset.js';
import { readSurveyFile } from '../../src/infra/files/survey.js';

const file = process.argv[2];
if (!file) throw new Error('usage: deck.ts DATA.csv [--export VALUES.json]');
const exportAt = process.argv.indexOf('--export');
const exportTo = exportAt >= 0 ? process.argv[exportAt + 1] : undefined;

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const phase = <T>(f: () => T): { value: T; ms: number; cpuMs: number } => {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0, cpuMs: cpuMs(process.cpuUsage(cpu)) };
};

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const table = await readSurveyFile(basename(file), readFileSync(file));
const read = { ms: performance.now() - t0, cpuMs: cpuMs(process.cpuUsage(cpu0)) };
const rssAfterRead = process.memoryUsage().rss;

const prepare = phase(() => {
  const stubs = table.header.filter((h) => /^Q\d+$/.test(h)).map((h) => categoricalFromColumn(table, h));
  const banners = table.header.filter((h) => /^B\d+$/.test(h)).map((h) => categoricalFromColumn(table, h));
  const weights = numericFromColumn(table, 'w').values;
  return { stubs, banners, weights };
});
const { stubs, banners, weights } = prepare.value;

const compute = phase(() => {
  const deck: { stub: string; banner: string; unweighted: Crosstab; weighted: Crosstab }[] = [];
  for (const stub of stubs)
    for (const banner of banners)
      deck.push({ stub: stub.key, banner: banner.key, unweighted: crosstab(stub, banner), weighted: crosstab(stub, banner, { weights }) });
  return deck;
});
const deck = compute.value;
const memory = process.memoryUsage();

if (exportTo) {
  const pick = (t: Crosstab) => ({
    rows: t.rows,
    cols: t.cols,
    counts: t.counts,
    colPercents: t.colPercents,
    chiSquare: t.chiSquare && { statistic: t.chiSquare.statistic, df: t.chiSquare.df, pValue: t.chiSquare.pValue },
    letters: t.columnTests.cells,
  });
  writeFileSync(
    exportTo,
    JSON.stringify(deck.map((d) => ({ stub: d.stub, banner: d.banner, unweighted: pick(d.unweighted), weighted: pick(d.weighted) }))),
  );
}

const mib = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
console.log(
  JSON.stringify({
    respondents: table.rows.length,
    stubs: stubs.length,
    banners: banners.length,
    tables: deck.length * 2,
    readMs: read.ms,
    readCpuMs: read.cpuMs,
    prepareMs: prepare.ms,
    prepareCpuMs: prepare.cpuMs,
    computeMs: compute.ms,
    computeCpuMs: compute.cpuMs,
    rssAfterReadMiB: mib(rssAfterRead),
    heapUsedMiB: mib(memory.heapUsed),
    // resourceUsage().maxRSS is in KiB: the process's peak resident set.
    peakRssMiB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
  }),
);
