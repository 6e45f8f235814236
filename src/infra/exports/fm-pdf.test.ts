import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { adjustmentsModel } from '../../core/workbenches/financial-modeling/capitalization.fixture.js';
import { kennethColeModel, salesToCapitalModel, valueDriverModel } from '../../core/workbenches/financial-modeling/fixtures.js';
import { parseFinancialModel, valueModel } from '../../core/workbenches/financial-modeling/model.js';
import type { FinancialModelInput } from '../../shared/contracts/financial-model.js';
import { exportFmPdf, niceTicks } from './fm-pdf.js';

const sakura = parseFinancialModel(
  JSON.parse(readFileSync(new URL('../../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8')) as FinancialModelInput,
);

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, name)));
}
const hasPdftotext = onPath('pdftotext');
if (!hasPdftotext) console.warn('fm-pdf text extraction test skipped: pdftotext (poppler-utils) is not on PATH');

function fontNames(doc: PDFDocument): string[] {
  return doc.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font'))
    .map((d) => String(d.get(PDFName.of('BaseFont'))));
}

function pdftotext(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-pdf-'));
  try {
    writeFileSync(join(dir, 'summary.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'summary.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('PDF valuation summary', () => {
  it('parses back: one page, its title, Noto Sans JP embedded and subset', async () => {
    const bytes = await exportFmPdf(sakura);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Project Sakura — バリュエーション・サマリー');
    expect(fontNames(doc).some((n) => n.includes('NotoSansJP'))).toBe(true);
    // The whole font is 5.4 MB; the subset keeps the PDF small.
    expect(bytes.length).toBeLessThan(200_000);
  });

  it('is the same bytes every time (dates come from the valuation date)', async () => {
    expect(Buffer.from(await exportFmPdf(sakura)).equals(Buffer.from(await exportFmPdf(sakura)))).toBe(true);
  });

  it.skipIf(!hasPdftotext)('pdftotext finds the Japanese title, the football field and the figures', async () => {
    const text = pdftotext(await exportFmPdf(sakura));
    expect(text).toContain('バリュエーション・サマリー');
    expect(text).toContain('1株当たり株式価値のレンジ');
    expect(text).toContain('DCF — ゴードン成長モデル');
    expect(text).toContain('類似会社 — EV/EBITDA');
    expect(text).toContain('2,981');
  });

  it.skipIf(!hasPdftotext)('a Japanese summary words its checks in Japanese: no WARN, no internal names', async () => {
    const text = pdftotext(await exportFmPdf(sakura));
    expect(text).toContain('警告');
    expect(text).toContain('前提「サイズプレミアム」に出典がありません。');
    expect(text).not.toMatch(/\bWARN\b|\bFAIL\b|sizePremium/);
  });

  it.skipIf(!hasPdftotext)('an English model gives an English summary', async () => {
    const text = pdftotext(await exportFmPdf(parseFinancialModel(kennethColeModel())));
    expect(text).toContain('Valuation summary');
    expect(text).toContain('DCF — Gordon growth');
    expect(text).toContain('24.85');
    expect(text).not.toMatch(/[ぁ-んァ-ン]/);
  });

  it.skipIf(!hasPdftotext)(
    "gives the terminal value's share of the headline method: the exit multiple's when that method gives the value",
    async () => {
      const input = kennethColeModel();
      const exitModel = parseFinancialModel({
        ...input,
        valuation: { ...input.valuation, terminalValue: { ...input.valuation.terminalValue, method: 'exitMultiple' } },
      });
      const v = valueModel(exitModel).valuation;
      const exitShare = v.exitMultipleMethod?.terminalValueShare ?? Number.NaN;
      const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
      expect(pct(exitShare)).not.toBe(pct(v.gordon.terminalValueShare ?? 0));
      const text = pdftotext(await exportFmPdf(exitModel));
      expect(text).toContain(pct(exitShare));
      expect(text).not.toContain(pct(v.gordon.terminalValueShare ?? 0));
    },
  );

  it.skipIf(!hasPdftotext)('shows the cost of capital path, RONIC, the reinvestment rate and the tax losses left', async () => {
    const model = parseFinancialModel(valueDriverModel());
    const v = valueModel(model).valuation;
    const text = pdftotext(await exportFmPdf(model));
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
    expect(text).toContain(`${pct(v.discountRate)} → ${pct(v.costOfCapital.terminal)} (terminal)`);
    expect(text).toContain('RONIC');
    expect(text).toContain('12.00%');
    expect(text).toContain(pct(0.025 / 0.12));
    expect(text).toContain('Tax losses left');
    expect(text).toContain(v.valuePerShare.toFixed(2));
  });

  it.skipIf(!hasPdftotext)(
    'shows ROIC in the first and last forecast years, invested capital and the sales-to-capital ratios',
    async () => {
      const model = parseFinancialModel(salesToCapitalModel());
      const ic = valueModel(model).valuation.projection.investedCapital;
      const text = pdftotext(await exportFmPdf(model));
      const pct = (x: number | null | undefined) => `${((x ?? 0) * 100).toFixed(2)}%`;
      expect(text).toContain(`${pct(ic?.roic[0])} → ${pct(ic?.roic.at(-1))}`);
      expect(text).toContain('Invested capital, end of year');
      expect(text).toContain('1.5x / 1.8x / 2.0x / 2.2x');
    },
  );

  it.skipIf(!hasPdftotext)('shows the failure weighting, minorities, cross-holdings, the research asset and the lease debt', async () => {
    const model = parseFinancialModel(adjustmentsModel());
    const v = valueModel(model).valuation;
    const text = pdftotext(await exportFmPdf(model));
    const money = (x: number | undefined) => (x ?? 0).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(text).toContain('Probability of failure');
    expect(text).toContain('10.00%');
    expect(text).toContain('Operating assets after failure');
    expect(text).toContain(money(v.failure?.value));
    expect(text).toContain('Listed affiliates');
    expect(text).toContain('Value of the research asset');
    expect(text).toContain(money(v.capitalization?.researchAndDevelopment?.base.asset));
    expect(text).toContain('Debt value of the leases');
    expect(text).toContain(money(v.capitalization?.operatingLeases?.debt));
  });

  it('chooses round axis ticks', () => {
    expect(niceTicks(1980, 3900)).toEqual([2000, 2500, 3000, 3500]);
    expect(niceTicks(0.5, 9.7, 5)).toEqual([2, 4, 6, 8]);
    expect(niceTicks(-12, 12, 4)).toEqual([-10, 0, 10]);
  });
});
