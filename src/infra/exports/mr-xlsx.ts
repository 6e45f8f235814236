import ExcelJS from 'exceljs';
import type { Deck, DeckTable } from '../../core/workbenches/market-research/deck.js';
import type { DeckMeta } from '../../core/workbenches/market-research/service.js';

/**
 * A crosstab deck as an .xlsx banner book: a sheet per banner, every stub below the other; per
 * banner column the column percent (a number, formatted as %) and beside it the letters of the
 * columns it is significantly higher than; the bases (unweighted, and weighted when weighted) under
 * each table, and the chi-square test. Numbers stay numbers, so the client can check them in Excel.
 */

interface Words {
  total: string;
  base: string;
  weightedBase: string;
  effectiveBase: string;
  sig: string;
  mean: string;
  sd: string;
  chi: (x: string, df: number, p: string) => string;
  noChi: string;
  smallExpected: (n: number) => string;
  letters: (alpha: number, correction: string) => string;
  weighted: (name: string) => string;
  unweighted: string;
  respondents: (n: number, v: number) => string;
}

const words: Record<'ja' | 'en', Words> = {
  ja: {
    total: '全体',
    base: 'ベース（n）',
    weightedBase: 'ウェイト後ベース',
    effectiveBase: '有効ベース',
    sig: '有意差',
    mean: '平均',
    sd: '標準偏差',
    chi: (x: string, df: number, p: string) => `カイ二乗 = ${x}、自由度 ${df}、p = ${p}`,
    noChi: 'カイ二乗検定なし（複数回答または比較できる列が不足）',
    smallExpected: (n: number) => `注意：期待度数が 5 未満のセルが ${n} 個あります`,
    letters: (alpha: number, correction: string) =>
      `英字：その列より有意に高い列（p < ${alpha}、多重比較補正：${correction === 'none' ? 'なし' : correction === 'holm' ? 'Holm' : 'Bonferroni'}）`,
    weighted: (name: string) => `ウェイト：${name}`,
    unweighted: 'ウェイトなし',
    respondents: (n: number, v: number) => `回答者 ${n.toLocaleString('ja-JP')} 人 ・ 第 ${v} 版`,
  },
  en: {
    total: 'Total',
    base: 'Base (n)',
    weightedBase: 'Weighted base',
    effectiveBase: 'Effective base',
    sig: 'Sig.',
    mean: 'Mean',
    sd: 'SD',
    chi: (x: string, df: number, p: string) => `Chi-square = ${x}, df = ${df}, p = ${p}`,
    noChi: 'No chi-square test (multiple choice, or too few columns to compare)',
    smallExpected: (n: number) => `Note: ${n} cells have an expected count below 5`,
    letters: (alpha: number, correction: string) =>
      `Letters: the column is significantly higher than the lettered columns (p < ${alpha}, correction: ${correction})`,
    weighted: (name: string) => `Weighting: ${name}`,
    unweighted: 'Unweighted',
    respondents: (n: number, v: number) => `${n.toLocaleString('en-US')} respondents · version ${v}`,
  },
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const SIG_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FF1F4E9E' } };

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(label: string, taken: Set<string>): string {
  const clean =
    label
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 28) || 'Banner';
  let name = clean;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${clean.slice(0, 27 - String(i).length)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function writeCrosstab(ws: ExcelJS.Worksheet, t: Extract<DeckTable, { kind: 'crosstab' }>, w: Words, weighted: boolean) {
  const table = t.table;
  const stubRow = ws.addRow([t.stub.label]);
  stubRow.font = { bold: true };
  table.rows.forEach((label, i) => {
    const cells: (string | number | null)[] = [label];
    table.cols.forEach((_, j) => {
      const pct = table.colPercents[i]?.[j] ?? null;
      cells.push(pct === null ? null : pct / 100, table.columnTests.cells[i]?.[j] ?? '');
    });
    const rowTotal = table.rowTotals[i] ?? 0;
    cells.push(table.total > 0 ? rowTotal / table.total : null);
    const row = ws.addRow(cells);
    table.cols.forEach((_, j) => {
      row.getCell(2 + 2 * j).numFmt = '0.0%';
      row.getCell(3 + 2 * j).font = SIG_FONT;
    });
    row.getCell(2 + 2 * table.cols.length).numFmt = '0.0%';
  });
  const base = ws.addRow([w.base, ...table.colBasesUnweighted.flatMap((n) => [n, null]), table.totalUnweighted]);
  base.font = { italic: true };
  if (weighted) {
    const wb = ws.addRow([w.weightedBase, ...table.colTotals.flatMap((n) => [n, null]), table.total]);
    wb.font = { italic: true };
    wb.eachCell((c, col) => {
      if (col > 1) c.numFmt = '#,##0.0';
    });
    const eb = ws.addRow([w.effectiveBase, ...table.colBasesEffective.flatMap((n) => [n, null]), table.totalEffective]);
    eb.font = { italic: true };
    eb.eachCell((c, col) => {
      if (col > 1) c.numFmt = '#,##0.0';
    });
  }
  const chi = table.chiSquare;
  ws.addRow([chi ? w.chi(chi.statistic.toFixed(3), chi.df, chi.pValue.toPrecision(4)) : w.noChi]).font = {
    size: 9,
    color: { argb: 'FF555555' },
  };
  if (table.expected?.warning) ws.addRow([w.smallExpected(table.expected.cellsBelow)]).font = { size: 9, color: { argb: 'FFB45309' } };
  ws.addRow([]);
}

function writeMeans(ws: ExcelJS.Worksheet, t: Extract<DeckTable, { kind: 'means' }>, w: Words) {
  const stubRow = ws.addRow([t.stub.label]);
  stubRow.font = { bold: true };
  const mean = ws.addRow([w.mean, ...t.table.columns.flatMap((c) => [c.mean, c.higherThan])]);
  const sd = ws.addRow([w.sd, ...t.table.columns.flatMap((c) => [c.sd, null])]);
  t.table.columns.forEach((_, j) => {
    mean.getCell(2 + 2 * j).numFmt = '#,##0.00';
    mean.getCell(3 + 2 * j).font = SIG_FONT;
    sd.getCell(2 + 2 * j).numFmt = '#,##0.00';
  });
  ws.addRow([w.base, ...t.table.columns.flatMap((c) => [c.n, null])]).font = { italic: true };
  ws.addRow([]);
}

export async function exportDeckXlsx(deck: Deck, meta: DeckMeta): Promise<Uint8Array> {
  const w = words[meta.language];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kpo';
  const taken = new Set<string>();
  for (const banner of deck.banners) {
    const tables = deck.tables.filter((t) => t.banner === banner.key);
    const first = tables[0];
    const cols = first ? (first.kind === 'crosstab' ? first.table.cols : first.table.cols) : [];
    const letters = first ? (first.kind === 'crosstab' ? first.table.columnTests.letters : first.table.letters) : [];
    const ws = wb.addWorksheet(sheetName(banner.label, taken), { views: [{ state: 'frozen', xSplit: 1, ySplit: 5 }] });
    ws.addRow([meta.title]).font = { bold: true, size: 14 };
    ws.addRow([`${w.respondents(meta.respondents, meta.version)} ・ ${meta.weighting ? w.weighted(meta.weighting) : w.unweighted}`]);
    ws.addRow([w.letters(deck.alpha, deck.correction)]).font = { size: 9 };
    const bannerRow = ws.addRow([banner.label]);
    bannerRow.font = { bold: true };
    const header = ws.addRow(['', ...cols.flatMap((c, j) => [`${c} (${letters[j] ?? ''})`, w.sig]), w.total]);
    header.font = { bold: true };
    header.eachCell((c) => {
      c.fill = HEADER_FILL;
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    });
    ws.getColumn(1).width = 36;
    cols.forEach((_, j) => {
      ws.getColumn(2 + 2 * j).width = 14;
      ws.getColumn(3 + 2 * j).width = 6;
    });
    ws.getColumn(2 + 2 * cols.length).width = 10;
    for (const t of tables) {
      if (t.kind === 'crosstab') writeCrosstab(ws, t, w, deck.weighted);
      else writeMeans(ws, t, w);
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
