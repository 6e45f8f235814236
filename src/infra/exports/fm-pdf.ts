import fontkit from '@pdf-lib/fontkit';
import { type Color, LineCapStyle, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { adjustmentLabelsFor } from '../../core/workbenches/financial-modeling/adjustment-labels.js';
import { checkModel } from '../../core/workbenches/financial-modeling/checks.js';
import { headlineMethodValue } from '../../core/workbenches/financial-modeling/dcf.js';
import { type FootballBar, type FootballBarKey, footballField } from '../../core/workbenches/financial-modeling/football-field.js';
import { type Labels, labelsFor } from '../../core/workbenches/financial-modeling/labels.js';
import { valueModel, valueScenarios } from '../../core/workbenches/financial-modeling/model.js';
import { checkMessageText } from '../../shared/check-messages.js';
import type { FinancialModel } from '../../shared/contracts/financial-model.js';
import { notoSansJp } from './japanese-font.js';

/**
 * A one-page valuation summary: key figures, the football field (value-per-share ranges of each
 * method as horizontal bars, with the share price and the offer price as lines), the scenarios
 * and the model checks. Japanese or English by the model's language. The standard PDF fonts
 * cannot encode Japanese, so Noto Sans JP is embedded, subset to the characters used.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const INK = rgb(0.13, 0.15, 0.2);
const MUTED = rgb(0.42, 0.45, 0.5);
const GRID = rgb(0.86, 0.88, 0.91);
const BAR_COLORS: Record<FootballBarKey, Color> = {
  dcfGordon: rgb(0.12, 0.31, 0.62),
  dcfExitMultiple: rgb(0.2, 0.45, 0.75),
  sensitivity: rgb(0.45, 0.62, 0.85),
  compsEvToEbitda: rgb(0.16, 0.55, 0.45),
  compsEvToSales: rgb(0.3, 0.66, 0.55),
  compsPriceToEarnings: rgb(0.5, 0.76, 0.66),
  tradingRange: rgb(0.6, 0.6, 0.6),
};

const barLabel = (L: Labels, key: FootballBarKey): string =>
  ({
    dcfGordon: L.barDcfGordon,
    dcfExitMultiple: L.barDcfExitMultiple,
    sensitivity: L.barSensitivity,
    compsEvToEbitda: L.barCompsEvToEbitda,
    compsEvToSales: L.barCompsEvToSales,
    compsPriceToEarnings: L.barCompsPriceToEarnings,
    tradingRange: L.barTradingRange,
  })[key];

function formatter(model: FinancialModel) {
  const locale = model.meta.language === 'ja' ? 'ja-JP' : 'en-US';
  const whole = model.meta.currency === 'JPY';
  // A figure that rounds to zero is written 0, never "-0.0".
  const n = (x: number, digits: number) =>
    (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return {
    money: (x: number) => n(x, whole ? 0 : 1),
    perShare: (x: number) => n(x, whole ? 0 : 2),
    pct: (x: number | null) => (x === null ? 'n/a' : `${n(x * 100, 2)}%`),
    multiple: (x: number | null) => (x === null ? 'n/a' : `${n(x, 1)}x`),
    shares: (x: number) => n(x, 3),
  };
}

/** Round tick steps (1, 2, 5 × 10^k) covering [lo, hi] with about `count` ticks. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.round(t / step) * step || 0);
  return ticks;
}

class Writer {
  y: number;
  constructor(
    readonly page: PDFPage,
    readonly font: PDFFont,
  ) {
    this.y = A4.height - MARGIN;
  }
  text(text: string, x: number, y: number, size: number, color: Color = INK): void {
    this.page.drawText(text, { x, y, size, font: this.font, color });
  }
  right(text: string, xRight: number, y: number, size: number, color: Color = INK): void {
    this.text(text, xRight - this.font.widthOfTextAtSize(text, size), y, size, color);
  }
  centre(text: string, xCentre: number, y: number, size: number, color: Color = INK): void {
    this.text(text, xCentre - this.font.widthOfTextAtSize(text, size) / 2, y, size, color);
  }
  /** Cuts text to a width, with an ellipsis. */
  fit(text: string, width: number, size: number): string {
    if (this.font.widthOfTextAtSize(text, size) <= width) return text;
    let t = text;
    while (t.length > 1 && this.font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
    return `${t}…`;
  }
}

function drawFootballField(
  w: Writer,
  L: Labels,
  bars: FootballBar[],
  lines: { label: string; value: number }[],
  fmt: ReturnType<typeof formatter>,
  top: number,
): number {
  const labelWidth = 150;
  const left = MARGIN + labelWidth;
  const right = A4.width - MARGIN - 10;
  const rowHeight = 22;
  const values = [...bars.flatMap((b) => [b.low, b.high]), ...lines.map((l) => l.value)];
  if (values.length === 0) return top;
  const lo0 = Math.min(...values);
  const hi0 = Math.max(...values);
  const pad = (hi0 - lo0 || Math.abs(hi0) || 1) * 0.08;
  const ticks = niceTicks(lo0 - pad, hi0 + pad);
  const lo = Math.min(lo0 - pad, ticks[0] ?? lo0);
  const hi = Math.max(hi0 + pad, ticks.at(-1) ?? hi0);
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (right - left);
  w.text(L.footballField, MARGIN, top, 12);
  const plotTop = top - 22;
  const plotBottom = plotTop - bars.length * rowHeight;
  for (const t of ticks) {
    w.page.drawLine({ start: { x: x(t), y: plotTop + 4 }, end: { x: x(t), y: plotBottom }, thickness: 0.5, color: GRID });
    w.centre(fmt.perShare(t), x(t), plotBottom - 12, 7, MUTED);
  }
  bars.forEach((b, i) => {
    const yMid = plotTop - i * rowHeight - rowHeight / 2;
    w.text(w.fit(barLabel(L, b.key), labelWidth - 8, 8), MARGIN, yMid - 3, 8);
    const x0 = x(b.low);
    const x1 = x(b.high);
    w.page.drawRectangle({ x: x0, y: yMid - 6, width: Math.max(x1 - x0, 1.5), height: 12, color: BAR_COLORS[b.key] });
    if (b.mid !== null)
      w.page.drawLine({ start: { x: x(b.mid), y: yMid - 8 }, end: { x: x(b.mid), y: yMid + 8 }, thickness: 1.5, color: INK });
    w.right(fmt.perShare(b.low), x0 - 3, yMid - 3, 7, MUTED);
    w.text(fmt.perShare(b.high), x1 + 3, yMid - 3, 7, MUTED);
  });
  lines.forEach((l, i) => {
    const xl = x(l.value);
    w.page.drawLine({
      start: { x: xl, y: plotTop + 6 },
      end: { x: xl, y: plotBottom },
      thickness: 1,
      color: rgb(0.75, 0.2, 0.2),
      dashArray: [3, 2],
      lineCap: LineCapStyle.Butt,
    });
    w.centre(`${l.label} ${fmt.perShare(l.value)}`, xl, plotTop + 8 + i * 9, 7, rgb(0.75, 0.2, 0.2));
  });
  return plotBottom - 30;
}

/** The fourth slice's key figures (docs/decisions/0010): failure weighting, bridge adjustments, research asset, lease debt. */
function adjustmentFigures(
  model: FinancialModel,
  v: ReturnType<typeof valueModel>['valuation'],
  fmt: ReturnType<typeof formatter>,
): [string, string][] {
  const A = adjustmentLabelsFor(model.meta.language);
  const out: [string, string][] = [];
  if (v.failure) out.push([A.failureProbability, fmt.pct(v.failure.probability)], [A.operatingAssetsValue, fmt.money(v.failure.value)]);
  for (const item of v.bridge.otherItems) if (item.kind && item.kind !== 'leaseDebt') out.push([item.label, fmt.money(item.signedAmount)]);
  const c = v.capitalization;
  if (c?.researchAndDevelopment) out.push([A.researchAsset, fmt.money(c.researchAndDevelopment.base.asset)]);
  if (c?.operatingLeases) out.push([A.leaseDebtTotal, fmt.money(c.operatingLeases.debt)]);
  return out;
}

/** The summary PDF's bytes. Deterministic: dates come from the model's valuation date. */
export async function exportFmPdf(model: FinancialModel): Promise<Uint8Array> {
  const L = labelsFor(model.meta.language);
  const fmt = formatter(model);
  const { valuation: v } = valueModel(model);
  const ff = footballField(model);
  const report = checkModel(model);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const noto = await doc.embedFont(notoSansJp(), { subset: true });
  const date = new Date(`${model.meta.valuationDate}T00:00:00Z`);
  const title = `${model.meta.codeName} — ${L.valuationSummary}`;
  doc.setTitle(title);
  doc.setProducer('kpo');
  doc.setCreator('kpo');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(model.meta.language);
  const page = doc.addPage([A4.width, A4.height]);
  const w = new Writer(page, noto);

  w.text(title, MARGIN, w.y, 16);
  w.y -= 18;
  const subtitle = [
    `${L.valuationDate}: ${model.meta.valuationDate}`,
    ...(model.meta.versionLabel ? [`${L.version}: ${model.meta.versionLabel}`] : []),
    ...(model.meta.company ? [`${L.company}: ${model.meta.company.name}`] : []),
  ].join('   ');
  w.text(w.fit(subtitle, A4.width - 2 * MARGIN, 8), MARGIN, w.y, 8, MUTED);
  w.y -= 11;
  w.text(L.currencyNote(model.meta.currency, model.meta.unit), MARGIN, w.y, 8, MUTED);
  w.y -= 24;

  w.text(L.keyFigures, MARGIN, w.y, 12);
  w.y -= 16;
  const figures: [string, string][] = [
    [L.valuePerShare, fmt.perShare(v.valuePerShare)],
    [L.enterpriseValue, fmt.money(v.enterpriseValue)],
    [L.equityValue, fmt.money(v.equityValue)],
    [L.wacc, v.costOfCapital.byYear ? L.waccRange(fmt.pct(v.discountRate), fmt.pct(v.costOfCapital.terminal)) : fmt.pct(v.discountRate)],
    [L.terminalGrowth, fmt.pct(v.terminalGrowth)],
    // The headline method's share: the value above is that method's.
    [L.tvShare, fmt.pct(headlineMethodValue(v).terminalValueShare)],
    [L.dilutedShares, fmt.shares(v.dilutedShares)],
    ...(v.valueDriver
      ? ([
          [L.ronic, fmt.pct(v.valueDriver.ronic)],
          [L.reinvestmentRate, fmt.pct(v.valueDriver.reinvestmentRate)],
        ] as [string, string][])
      : []),
    ...(v.projection.lossCarryForward
      ? ([[L.nolEnd, fmt.money(v.projection.lossCarryForward.closing.at(-1) ?? 0)]] as [string, string][])
      : []),
    ...(v.projection.investedCapital
      ? ([
          [
            L.roicRange,
            `${fmt.pct(v.projection.investedCapital.roic[0] ?? null)} → ${fmt.pct(v.projection.investedCapital.roic.at(-1) ?? null)}`,
          ],
          [L.investedCapitalClosing, fmt.money(v.projection.investedCapital.closing.at(-1) ?? 0)],
        ] as [string, string][])
      : []),
    ...(v.projection.salesToCapital
      ? ([
          [
            L.salesToCapitalRatio,
            v.projection.salesToCapital.ratio
              .map((r) => fmt.multiple(r))
              .filter((r, i, all) => all.indexOf(r) === i)
              .join(' / '),
          ],
        ] as [string, string][])
      : []),
    ...adjustmentFigures(model, v, fmt),
    [L.evToEbitdaLtm, fmt.multiple(v.impliedMultiples.evToEbitdaLtm)],
    ...(ff.marketPrice !== null ? ([[L.sharePrice, fmt.perShare(ff.marketPrice)]] as [string, string][]) : []),
    ...(ff.offerPrice !== null ? ([[L.offerPrice, fmt.perShare(ff.offerPrice)]] as [string, string][]) : []),
  ];
  const colWidth = (A4.width - 2 * MARGIN) / 2;
  figures.forEach(([label, value], i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    const x0 = MARGIN + col * colWidth;
    const y = w.y - row * 14;
    w.text(w.fit(label, colWidth - 100, 9), x0, y, 9, MUTED);
    w.right(value, x0 + colWidth - 16, y, 9);
  });
  w.y -= Math.ceil(figures.length / 2) * 14 + 24;

  const refLines = [
    ...(ff.marketPrice !== null ? [{ label: L.marketPriceLine, value: ff.marketPrice }] : []),
    ...(ff.offerPrice !== null ? [{ label: L.offerPriceLine, value: ff.offerPrice }] : []),
  ];
  w.y = drawFootballField(w, L, ff.bars, refLines, fmt, w.y) - 4;
  w.text(w.fit(L.chartNote, A4.width - 2 * MARGIN, 7), MARGIN, w.y, 7);
  w.y -= 11;
  for (const b of ff.bars) {
    w.text(w.fit(`${barLabel(L, b.key)}: ${b.basis}`, A4.width - 2 * MARGIN, 7), MARGIN, w.y, 7, MUTED);
    w.y -= 9;
  }
  w.y -= 16;

  w.text(L.scenarios, MARGIN, w.y, 12);
  w.y -= 16;
  for (const s of valueScenarios(model)) {
    const label =
      s.case.scenario === 'base' ? L.baseCase : (model.scenarios.find((x) => x.name === s.case.scenario)?.label ?? s.case.scenario);
    w.text(label, MARGIN, w.y, 9, MUTED);
    w.right(fmt.perShare(s.valuation.valuePerShare), MARGIN + 220, w.y, 9);
    w.y -= 13;
  }
  w.y -= 14;

  w.text(L.checks, MARGIN, w.y, 12);
  w.y -= 15;
  w.text(L.checkCounts(report.counts.pass, report.counts.warn, report.counts.fail), MARGIN, w.y, 9);
  w.y -= 13;
  const caseLabel = (name: string) => model.scenarios.find((x) => x.name === name)?.label ?? name;
  for (const f of report.findings.filter((x) => x.status !== 'pass')) {
    if (w.y < MARGIN + 20) break;
    w.text(
      w.fit(`${L.checkStatus[f.status]}  ${checkMessageText(f.message, model.meta.language, caseLabel)}`, A4.width - 2 * MARGIN, 8),
      MARGIN,
      w.y,
      8,
      f.status === 'fail' ? rgb(0.75, 0.2, 0.2) : INK,
    );
    w.y -= 11;
  }
  w.text(L.generatedBy, MARGIN, MARGIN - 20, 7, MUTED);
  return doc.save({ useObjectStreams: false });
}
