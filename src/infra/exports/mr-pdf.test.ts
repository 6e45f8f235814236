import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildDataset, scaleAsCategories } from '../../core/workbenches/market-research/dataset.js';
import { buildDeck, type Deck } from '../../core/workbenches/market-research/deck.js';
import { frequencies } from '../../core/workbenches/market-research/frequencies.js';
import { nps } from '../../core/workbenches/market-research/scales.js';
import type { DeckMeta, DeckReport } from '../../core/workbenches/market-research/service.js';
import type { CategoricalVariable, NumericVariable } from '../../core/workbenches/market-research/variables.js';
import { baseMarginsOfError, rake } from '../../core/workbenches/market-research/weighting.js';
import { codebookSchema } from '../../shared/contracts/market-research.js';
import type { Crosstab } from '../../shared/contracts/market-research-results.js';
import { demoWeightingTargets, generateDemoSurvey, DEMO_SURVEY_KEYS as K } from '../demo/survey.js';
import { exportDeckPdf, formatPercent } from './mr-pdf.js';

const survey = generateDemoSurvey({ respondents: 400 });
const codebook = codebookSchema.parse(survey.codebook);
const dataset = buildDataset({ header: survey.header, rows: survey.rows }, codebook);
const question = (key: string) => codebook.questions.find((q) => q.key === key);

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, name)));
}
const hasPdftotext = onPath('pdftotext');
if (!hasPdftotext) console.warn('mr-pdf text extraction tests skipped: pdftotext (poppler-utils) is not on PATH');

function pdftotext(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-pdf-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(weights: Float64Array | null): DeckReport {
  const npsVariable = dataset.variables.get(K.nps) as NumericVariable;
  return {
    engagement: '家計簿アプリ市場調査',
    date: '2026-04-01',
    marginOfError: baseMarginsOfError(weights ?? new Float64Array(dataset.respondents).fill(1)),
    frequencies: [
      {
        key: K.age,
        label: K.age,
        text: question(K.age)?.text ?? '',
        table: frequencies(dataset.variables.get(K.age) as CategoricalVariable, weights),
      },
    ],
    nps: [
      {
        key: K.nps,
        label: question(K.nps)?.text ?? K.nps,
        result: nps(npsVariable.values, weights),
        distribution: frequencies(scaleAsCategories(npsVariable, 0, 10, []), weights),
      },
    ],
  };
}

const weights = rake(
  Object.keys(demoWeightingTargets).map((k) => dataset.variables.get(k) as never),
  demoWeightingTargets,
).weights;

function deckOf(w: Float64Array | null): Deck {
  return buildDeck(dataset, codebook, { banners: [K.age], stubs: [K.method, K.tools], weights: w, alpha: 0.05, correction: 'bonferroni' });
}
const meta = (language: 'ja' | 'en', weighting: string | null): DeckMeta => ({
  title: '購買意向調査',
  version: 2,
  respondents: dataset.respondents,
  weighting,
  language,
});

describe('PDF crosstab report', () => {
  it('parses back with its title, a title page and a page per banner and the frequencies', async () => {
    const bytes = await exportDeckPdf(deckOf(null), meta('ja', null), report(null));
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('購買意向調査 — クロス集計レポート');
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3);
    expect(bytes.length).toBeLessThan(400_000);
  });

  it('is the same bytes every time (the date is the request’s)', async () => {
    const a = await exportDeckPdf(deckOf(weights), meta('ja', '人口構成'), report(weights));
    const b = await exportDeckPdf(deckOf(weights), meta('ja', '人口構成'), report(weights));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it.skipIf(!hasPdftotext)(
    'pdftotext finds the Japanese question, the bases, the percentages and the letters the engine computed',
    async () => {
      const deck = deckOf(weights);
      const r = report(weights);
      const text = pdftotext(await exportDeckPdf(deck, meta('ja', '人口構成（年代×地域）'), r));
      const flat = text.replace(/\s+/g, '');
      expect(text).toContain('クロス集計レポート');
      expect(text).toContain('家計簿アプリ市場調査');
      expect(text).toContain('人口構成（年代×地域）');
      expect(text).toContain('2026-04-01');
      expect(text).toContain(r.marginOfError.effectiveN.toLocaleString('ja-JP', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
      const t = deck.tables.find((x) => x.kind === 'crosstab' && x.stub.key === K.method)?.table as Crosstab;
      expect(flat).toContain((question(K.method)?.text ?? '').replace(/\s+/g, ''));
      for (const n of t.colBasesUnweighted) expect(text).toContain(n.toLocaleString('ja-JP'));
      for (const n of t.colTotals)
        expect(text).toContain(n.toLocaleString('ja-JP', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
      // Each cell prints its percent, then the letters of the columns it beats.
      for (const [i, cells] of t.columnTests.cells.entries())
        for (const [j, letters] of cells.entries()) expect(flat).toContain(`${formatPercent(t.colPercents[i]?.[j] ?? null)}${letters}`);
      expect(t.columnTests.cells.flat().some((l) => l !== '')).toBe(true);
      expect(text).toContain('列比率の z 検定');
      expect(text).toContain('Bonferroni');
      expect(text).toContain('誤差幅');
      expect(text).toContain('NPS');
      expect(text).toContain(`NPS = ${r.nps[0]?.result.score?.toFixed(1)}`);
    },
  );

  it.skipIf(!hasPdftotext)('an English report words everything in English', async () => {
    const text = pdftotext(await exportDeckPdf(deckOf(null), meta('en', null), report(null)));
    expect(text).toContain('Crosstab report');
    expect(text).toContain('Unweighted');
    expect(text).toContain('column-proportion z-test');
    expect(text).toContain('Margin of error');
    expect(text).not.toMatch(/クロス集計|ウェイト|誤差幅/);
  });
});
