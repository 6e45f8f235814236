import fontkit from '@pdf-lib/fontkit';
import { type Color, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { Deck, DeckTable } from '../../core/workbenches/market-research/deck.js';
import type { DeckMeta, DeckReport } from '../../core/workbenches/market-research/service.js';
import { marginOfError } from '../../core/workbenches/market-research/weighting.js';
import type { CategoricalFrequencies } from '../../shared/contracts/market-research-results.js';
import { notoSansJp } from './japanese-font.js';

/**
 * A crosstab deck as a PDF report: a title page (engagement, dataset, version, weighting and its
 * effective sample size, date), then per stub × banner a table (bases unweighted and weighted,
 * column percents, significance letters with the test named) and a bar chart drawn as vector
 * graphics with a legend; frequencies and NPS distributions; margins of error in footnotes.
 * Noto Sans JP is embedded (subset), since the standard PDF fonts cannot encode Japanese.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const WIDTH = A4.width - 2 * MARGIN;
const INK = rgb(0.13, 0.15, 0.2);
const MUTED = rgb(0.42, 0.45, 0.5);
const SIG = rgb(0.12, 0.31, 0.62);
const GRID = rgb(0.86, 0.88, 0.91);
const PALETTE: Color[] = [
  rgb(0.12, 0.31, 0.62),
  rgb(0.9, 0.49, 0.13),
  rgb(0.16, 0.55, 0.45),
  rgb(0.75, 0.2, 0.2),
  rgb(0.45, 0.62, 0.85),
  rgb(0.55, 0.4, 0.7),
  rgb(0.6, 0.6, 0.6),
  rgb(0.85, 0.7, 0.2),
  rgb(0.3, 0.66, 0.55),
  rgb(0.65, 0.45, 0.3),
];
const color = (i: number) => PALETTE[i % PALETTE.length] as Color;

interface Words {
  report: string;
  engagement: string;
  dataset: string;
  version: string;
  weighting: string;
  unweighted: string;
  respondents: string;
  effectiveN: string;
  designEffect: string;
  date: string;
  total: string;
  base: string;
  weightedBase: string;
  mean: string;
  sd: string;
  zTest: (alpha: number, correction: string) => string;
  tTest: (alpha: number, correction: string) => string;
  chi: (x: string, df: number, p: string) => string;
  moe: (points: string, n: string) => string;
  frequencies: string;
  nps: string;
  npsScore: (score: string, low: string, high: string) => string;
  share: string;
  banner: string;
}

const correctionName = (c: string, ja: boolean) => (c === 'none' ? (ja ? 'なし' : 'none') : c === 'holm' ? 'Holm' : 'Bonferroni');

const WORDS: Record<'ja' | 'en', Words> = {
  ja: {
    report: 'クロス集計レポート',
    engagement: '案件',
    dataset: 'データセット',
    version: '版',
    weighting: 'ウェイト',
    unweighted: 'ウェイトなし',
    respondents: '回答者数',
    effectiveN: '有効サンプルサイズ',
    designEffect: 'デザイン効果',
    date: '作成日',
    total: '全体',
    base: 'ベース（n）',
    weightedBase: 'ウェイト後ベース',
    mean: '平均',
    sd: '標準偏差',
    zTest: (a, c) => `英字：列比率の z 検定で有意に高い列（p < ${a}、多重比較補正：${correctionName(c, true)}）`,
    tTest: (a, c) => `英字：平均の t 検定で有意に高い列（p < ${a}、多重比較補正：${correctionName(c, true)}）`,
    chi: (x, df, p) => `ピアソンのカイ二乗検定：X² = ${x}、自由度 ${df}、p = ${p}`,
    moe: (pts, n) => `誤差幅：±${pts} ポイント（95% 信頼水準、p = 50%、有効ベース ${n}）`,
    frequencies: '単純集計',
    nps: 'NPS（ネット・プロモーター・スコア）',
    npsScore: (s, lo, hi) => `NPS = ${s}（95% 信頼区間 ${lo} 〜 ${hi}）`,
    share: '構成比',
    banner: '表側 × 表頭',
  },
  en: {
    report: 'Crosstab report',
    engagement: 'Engagement',
    dataset: 'Dataset',
    version: 'Version',
    weighting: 'Weighting',
    unweighted: 'Unweighted',
    respondents: 'Respondents',
    effectiveN: 'Effective sample size',
    designEffect: 'Design effect',
    date: 'Date',
    total: 'Total',
    base: 'Base (n)',
    weightedBase: 'Weighted base',
    mean: 'Mean',
    sd: 'SD',
    zTest: (a, c) =>
      `Letters: significantly higher than the lettered columns, column-proportion z-test (p < ${a}, correction: ${correctionName(c, false)})`,
    tTest: (a, c) =>
      `Letters: significantly higher than the lettered columns, t-test of means (p < ${a}, correction: ${correctionName(c, false)})`,
    chi: (x, df, p) => `Pearson's chi-square test: X² = ${x}, df = ${df}, p = ${p}`,
    moe: (pts, n) => `Margin of error: ±${pts} points (95% confidence, p = 50%, effective base ${n})`,
    frequencies: 'Frequencies',
    nps: 'NPS (Net Promoter Score)',
    npsScore: (s, lo, hi) => `NPS = ${s} (95% confidence interval ${lo} to ${hi})`,
    share: 'Share',
    banner: 'Stub × banner',
  },
};

/** The column percent as the report prints it (one decimal), exported for the tests. */
export const formatPercent = (p: number | null): string => (p === null ? '–' : `${p.toFixed(1)}%`);
const formatNumber = (x: number, digits: number, locale: string) =>
  x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }
  /** A new page unless `height` more fits on this one. */
  need(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }
  text(text: string, x: number, y: number, size: number, c: Color = INK): void {
    this.page.drawText(text, { x, y, size, font: this.font, color: c });
  }
  right(text: string, xRight: number, y: number, size: number, c: Color = INK): void {
    this.text(text, xRight - this.font.widthOfTextAtSize(text, size), y, size, c);
  }
  fit(text: string, width: number, size: number): string {
    if (this.font.widthOfTextAtSize(text, size) <= width) return text;
    let t = text;
    while (t.length > 1 && this.font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
    return `${t}…`;
  }
  /** Wrapped text, line by line, moving down. */
  para(text: string, size: number, c: Color = INK, width = WIDTH): void {
    let line = '';
    const flush = () => {
      this.need(size + 3);
      this.text(line, MARGIN, this.y, size, c);
      this.y -= size + 3;
      line = '';
    };
    for (const ch of text) {
      if (this.font.widthOfTextAtSize(line + ch, size) > width) flush();
      line += ch;
    }
    if (line) flush();
  }
}

/** A legend: a swatch and a label per entry, wrapping. */
function legend(w: Writer, labels: string[]): void {
  let x = MARGIN;
  w.need(12);
  labels.forEach((label, i) => {
    const text = w.fit(label, 140, 7);
    const width = 12 + w.font.widthOfTextAtSize(text, 7) + 10;
    if (x + width > A4.width - MARGIN) {
      x = MARGIN;
      w.y -= 11;
      w.need(12);
    }
    w.page.drawRectangle({ x, y: w.y - 1, width: 8, height: 8, color: color(i) });
    w.text(text, x + 11, w.y, 7);
    x += width;
  });
  w.y -= 16;
}

/** Horizontal bars, one per column: stacked (exclusive categories) or grouped (multiple choice). */
function barChart(w: Writer, columns: string[], series: string[], percents: (number | null)[][], stacked: boolean): void {
  const labelWidth = 110;
  const left = MARGIN + labelWidth;
  const plot = WIDTH - labelWidth - 30;
  const barHeight = stacked ? 12 : Math.max(3, Math.min(8, 40 / Math.max(series.length, 1)));
  const rowHeight = stacked ? 18 : barHeight * series.length + 6;
  w.need(rowHeight * columns.length + 30);
  const top = w.y;
  for (const t of [0, 25, 50, 75, 100]) {
    const x = left + (t / 100) * plot;
    w.page.drawLine({ start: { x, y: top + 4 }, end: { x, y: top - rowHeight * columns.length }, thickness: 0.5, color: GRID });
    w.text(`${t}%`, x - 6, top - rowHeight * columns.length - 10, 6, MUTED);
  }
  columns.forEach((col, j) => {
    const yTop = top - j * rowHeight;
    w.text(w.fit(col, labelWidth - 6, 7), MARGIN, yTop - rowHeight / 2 - 2, 7);
    let x = left;
    series.forEach((_, i) => {
      const p = Math.max(0, Math.min(100, percents[i]?.[j] ?? 0));
      const width = (p / 100) * plot;
      if (stacked) {
        if (width > 0) w.page.drawRectangle({ x, y: yTop - 15, width, height: barHeight, color: color(i) });
        x += width;
      } else if (width > 0)
        w.page.drawRectangle({ x: left, y: yTop - 3 - (i + 1) * barHeight, width, height: barHeight - 0.5, color: color(i) });
    });
  });
  w.y = top - rowHeight * columns.length - 22;
  legend(w, series);
}

function crosstabSection(w: Writer, t: Extract<DeckTable, { kind: 'crosstab' }>, banner: string, deck: Deck, W: Words, locale: string) {
  const table = t.table;
  const cols = [...table.cols.map((c, j) => `${c} (${table.columnTests.letters[j] ?? ''})`), W.total];
  const labelWidth = 150;
  const colWidth = Math.min(70, (WIDTH - labelWidth) / Math.max(cols.length, 1));
  w.need(60);
  w.para(t.stub.label, 11);
  w.text(w.fit(`${W.banner}: ${banner}`, WIDTH, 8), MARGIN, w.y, 8, MUTED);
  w.y -= 14;
  const header = () => {
    cols.forEach((c, j) => {
      w.right(w.fit(c, colWidth - 4, 7), MARGIN + labelWidth + (j + 1) * colWidth, w.y, 7, MUTED);
    });
    w.y -= 4;
    w.page.drawLine({ start: { x: MARGIN, y: w.y }, end: { x: A4.width - MARGIN, y: w.y }, thickness: 0.5, color: GRID });
    w.y -= 10;
  };
  header();
  table.rows.forEach((label, i) => {
    w.need(12);
    w.text(w.fit(label, labelWidth - 6, 8), MARGIN, w.y, 8);
    table.cols.forEach((_, j) => {
      const xRight = MARGIN + labelWidth + (j + 1) * colWidth;
      const letters = table.columnTests.cells[i]?.[j] ?? '';
      w.right(formatPercent(table.colPercents[i]?.[j] ?? null), xRight - 16, w.y, 8);
      if (letters) w.text(letters, xRight - 14, w.y, 7, SIG);
    });
    const rowTotal = table.rowTotals[i] ?? 0;
    w.right(
      formatPercent(table.total > 0 ? (100 * rowTotal) / table.total : null),
      MARGIN + labelWidth + cols.length * colWidth - 16,
      w.y,
      8,
    );
    w.y -= 12;
  });
  const baseRow = (label: string, values: number[], digits: number) => {
    w.need(12);
    w.text(label, MARGIN, w.y, 8, MUTED);
    values.forEach((n, j) => {
      w.right(formatNumber(n, digits, locale), MARGIN + labelWidth + (j + 1) * colWidth - 16, w.y, 8, MUTED);
    });
    w.y -= 12;
  };
  baseRow(W.base, [...table.colBasesUnweighted, table.totalUnweighted], 0);
  if (deck.weighted) baseRow(W.weightedBase, [...table.colTotals, table.total], 1);
  w.y -= 6;
  barChart(
    w,
    [...table.cols, W.total],
    table.rows,
    table.rows.map((_, i) => [...(table.colPercents[i] ?? []), table.total > 0 ? (100 * (table.rowTotals[i] ?? 0)) / table.total : null]),
    table.chiSquareSkipped !== 'not_exclusive',
  );
  w.para(W.zTest(deck.alpha, deck.correction), 7, MUTED);
  if (table.chiSquare)
    w.para(W.chi(table.chiSquare.statistic.toFixed(3), table.chiSquare.df, table.chiSquare.pValue.toPrecision(4)), 7, MUTED);
  const moe = marginOfError({ n: table.totalUnweighted, effectiveN: table.totalEffective });
  if (moe !== null) w.para(W.moe((moe * 100).toFixed(1), formatNumber(table.totalEffective, 1, locale)), 7, MUTED);
  w.y -= 14;
}

function meansSection(w: Writer, t: Extract<DeckTable, { kind: 'means' }>, banner: string, deck: Deck, W: Words, locale: string) {
  const cols = t.table.columns;
  const labelWidth = 150;
  const colWidth = Math.min(70, (WIDTH - labelWidth) / Math.max(cols.length, 1));
  w.need(80);
  w.para(t.stub.label, 11);
  w.text(w.fit(`${W.banner}: ${banner}`, WIDTH, 8), MARGIN, w.y, 8, MUTED);
  w.y -= 14;
  t.table.cols.forEach((c, j) => {
    w.right(w.fit(`${c} (${t.table.letters[j] ?? ''})`, colWidth - 4, 7), MARGIN + labelWidth + (j + 1) * colWidth, w.y, 7, MUTED);
  });
  w.y -= 14;
  const row = (label: string, cell: (j: number) => string, letters?: (j: number) => string) => {
    w.need(12);
    w.text(label, MARGIN, w.y, 8);
    cols.forEach((_, j) => {
      const xRight = MARGIN + labelWidth + (j + 1) * colWidth;
      w.right(cell(j), xRight - 16, w.y, 8);
      const l = letters?.(j);
      if (l) w.text(l, xRight - 14, w.y, 7, SIG);
    });
    w.y -= 12;
  };
  const num = (x: number | null | undefined, d: number) =>
    x === null || x === undefined || !Number.isFinite(x) ? '–' : formatNumber(x, d, locale);
  row(
    W.mean,
    (j) => num(cols[j]?.mean, 2),
    (j) => cols[j]?.higherThan ?? '',
  );
  row(W.sd, (j) => num(cols[j]?.sd, 2));
  row(W.base, (j) => num(cols[j]?.n, 0));
  w.para(W.tTest(deck.alpha, deck.correction), 7, MUTED);
  w.y -= 14;
}

function frequencySection(w: Writer, title: string, table: CategoricalFrequencies, W: Words, locale: string) {
  w.need(60);
  w.para(title, 11);
  for (const c of table.categories) {
    w.need(12);
    w.text(w.fit(c.label, 150, 8), MARGIN, w.y, 8);
    w.right(formatNumber(c.unweightedCount, 0, locale), MARGIN + 200, w.y, 8, MUTED);
    w.right(formatPercent(c.percent), MARGIN + 250, w.y, 8);
    const width = ((c.percent ?? 0) / 100) * (WIDTH - 270);
    if (width > 0) w.page.drawRectangle({ x: MARGIN + 265, y: w.y - 1, width, height: 8, color: color(0) });
    w.y -= 12;
  }
  w.text(`${W.base}: ${formatNumber(table.unweightedBase, 0, locale)}`, MARGIN, w.y, 8, MUTED);
  w.y -= 11;
  const moe = marginOfError({ n: table.unweightedBase, effectiveN: table.effectiveBase });
  if (moe !== null) w.para(W.moe((moe * 100).toFixed(1), formatNumber(table.effectiveBase, 1, locale)), 7, MUTED);
  w.y -= 14;
}

function npsSection(w: Writer, item: DeckReport['nps'][number], W: Words, locale: string) {
  const dist = item.distribution;
  w.need(150);
  w.para(`${W.nps}: ${item.label}`, 11);
  const r = item.result;
  if (r.score !== null) w.para(W.npsScore(r.score.toFixed(1), r.ci ? r.ci.low.toFixed(1) : '–', r.ci ? r.ci.high.toFixed(1) : '–'), 9);
  if (dist.kind === 'numeric') return;
  // The 0–10 distribution as columns: detractors red, passives grey, promoters green.
  const chartHeight = 80;
  const barWidth = WIDTH / 11 - 6;
  const top = w.y - 4;
  const max = Math.max(1, ...dist.categories.map((c) => c.percent ?? 0));
  dist.categories.forEach((c, i) => {
    const score = Number(c.value);
    const fill = score >= 9 ? rgb(0.16, 0.55, 0.45) : score >= 7 ? rgb(0.6, 0.6, 0.6) : rgb(0.75, 0.2, 0.2);
    const h = ((c.percent ?? 0) / max) * chartHeight;
    const x = MARGIN + i * (barWidth + 6);
    if (h > 0) w.page.drawRectangle({ x, y: top - chartHeight, width: barWidth, height: h, color: fill });
    w.text(formatPercent(c.percent), x, top - chartHeight + h + 2, 6, MUTED);
    w.text(c.value, x + barWidth / 2 - 2, top - chartHeight - 10, 7);
  });
  w.y = top - chartHeight - 24;
  w.text(`${W.base}: ${formatNumber(dist.unweightedBase, 0, locale)}`, MARGIN, w.y, 8, MUTED);
  w.y -= 20;
}

/** The report's bytes. Deterministic: the date is the request's, not the wall clock at rendering. */
export async function exportDeckPdf(deck: Deck, meta: DeckMeta, report: DeckReport): Promise<Uint8Array> {
  const W = WORDS[meta.language];
  const locale = meta.language === 'ja' ? 'ja-JP' : 'en-US';
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(notoSansJp(), { subset: true });
  const date = new Date(`${report.date}T00:00:00Z`);
  doc.setTitle(`${meta.title} — ${W.report}`);
  doc.setProducer('kpo');
  doc.setCreator('kpo');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.language);
  const w = new Writer(doc, font);

  w.y -= 120;
  w.para(W.report, 24);
  w.y -= 10;
  w.para(meta.title, 16);
  w.y -= 20;
  const moe = report.marginOfError;
  const facts: [string, string][] = [
    [W.engagement, report.engagement],
    [W.dataset, meta.title],
    [W.version, String(meta.version)],
    [W.respondents, formatNumber(meta.respondents, 0, locale)],
    [W.weighting, meta.weighting ?? W.unweighted],
    [W.effectiveN, formatNumber(moe.effectiveN, 1, locale)],
    [W.designEffect, moe.designEffect === null ? '–' : formatNumber(moe.designEffect, 2, locale)],
    [W.date, report.date],
  ];
  for (const [label, value] of facts) {
    w.text(label, MARGIN, w.y, 10, MUTED);
    w.text(w.fit(value, WIDTH - 160, 10), MARGIN + 160, w.y, 10);
    w.y -= 18;
  }
  if (moe.weighted !== null) {
    w.y -= 8;
    w.para(W.moe((moe.weighted * 100).toFixed(1), formatNumber(moe.effectiveN, 1, locale)), 8, MUTED);
  }

  const bannerLabel = new Map(deck.banners.map((b) => [b.key, b.label]));
  for (const banner of deck.banners) {
    w.newPage();
    for (const t of deck.tables.filter((x) => x.banner === banner.key)) {
      const label = bannerLabel.get(t.banner) ?? t.banner;
      if (t.kind === 'crosstab') crosstabSection(w, t, label, deck, W, locale);
      else meansSection(w, t, label, deck, W, locale);
    }
  }
  if (report.frequencies.length > 0 || report.nps.length > 0) {
    w.newPage();
    w.para(W.frequencies, 14);
    w.y -= 6;
    for (const f of report.frequencies) if (f.table.kind !== 'numeric') frequencySection(w, f.text || f.table.label, f.table, W, locale);
    for (const n of report.nps) npsSection(w, n, W, locale);
  }
  return doc.save({ useObjectStreams: false });
}
