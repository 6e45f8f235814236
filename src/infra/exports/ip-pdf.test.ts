import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { demoFtoReport } from '../../core/deliverables/checks/patent-research.fixture.js';
import { exportPatentReportPdf } from './ip-pdf.js';
import { exportPatentReportXlsx } from './ip-xlsx.js';

const hasPdftotext = (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, 'pdftotext')));
if (!hasPdftotext) console.warn('ip-pdf text extraction test skipped: pdftotext (poppler-utils) is not on PATH');

function pdftotext(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-ip-pdf-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the patent search report as PDF and XLSX', () => {
  it('writes a Japanese report with its title, the same bytes every time', async () => {
    const report = demoFtoReport();
    const bytes = await exportPatentReportPdf(report);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('侵害予防調査（FTO）報告書');
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(2);
    expect(Buffer.from(await exportPatentReportPdf(report)).equals(Buffer.from(bytes))).toBe(true);
  });

  it.skipIf(!hasPdftotext)(
    'pdftotext reads the Japanese structure, the formulas, the results, the chart and the 弁理士 notice',
    async () => {
      const text = pdftotext(await exportPatentReportPdf(demoFtoReport(), 'ja'));
      for (const expected of [
        '侵害予防調査（FTO）報告書',
        '1. 調査目的',
        '3. 調査範囲',
        '4. 検索式とヒット件数（母集合）',
        '脈波伝播時間 AND 手首',
        '6. 調査結果',
        'JP7158342B2',
        '2039-08-20',
        '存続',
        '7. 対比表（クレームチャート）',
        '使用者の手首に装着される筐体',
        '9. 調査の限界',
        '弁理士による鑑定が必要です',
      ])
        expect(text).toContain(expected);
    },
  );

  it.skipIf(!hasPdftotext)('writes the English report from the same content', async () => {
    const text = pdftotext(await exportPatentReportPdf(demoFtoReport(), 'en'));
    expect(text).toContain('Freedom-to-Operate Search Report');
    expect(text).toContain('4. Search formulas and hit counts');
    expect(text).toContain('in force');
    expect(text).toMatch(/not an opinion on infringement or validity/);
  });

  it("writes a step's facet filters (years, assignees, legal statuses) in the PDF and the workbook", async () => {
    const report = demoFtoReport();
    const [first, ...rest] = report.steps;
    const narrowed = {
      ...report,
      steps: [
        {
          ...(first as (typeof report.steps)[number]),
          years: [2021, 2022],
          assignees: ['Omron Healthcare'],
          legalStatuses: ['alive' as const],
        },
        ...rest,
      ],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exportPatentReportXlsx(narrowed, 'ja')) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('検索式')?.getRow(2).getCell(6).value).toBe('公開年 2021, 2022; 出願人 Omron Healthcare; 法的状態 存続');
    if (hasPdftotext) {
      const text = pdftotext(await exportPatentReportPdf(narrowed, 'en')).replace(/\s+/g, ' ');
      expect(text).toContain('published in 2021, 2022');
      expect(text).toContain('status in force');
    }
  });

  it('puts the steps, the results and each chart in sheets, with suggestion and judgement apart', async () => {
    const report = demoFtoReport();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exportPatentReportXlsx(report, 'en')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Search steps', 'Results', 'Chart 1']);
    const steps = wb.getWorksheet('Search steps');
    expect([1, 2, 3, 5, 6, 7].map((c) => steps?.getRow(2).getCell(c).value)).toEqual([
      1,
      '脈波伝播時間 AND 手首',
      'fto',
      'A61B 5/021',
      '',
      14,
    ]);
    const results = wb.getWorksheet('Results');
    expect(results?.getRow(2).getCell(2).value).toBe('JP7158342B2');
    expect(results?.getRow(2).getCell(9).value).toBe('2039-08-20');
    const chart = wb.getWorksheet('Chart 1');
    const chartDef = report.charts[0];
    expect(chart?.rowCount).toBe(2 + (chartDef?.elements.length ?? 0) * (chartDef?.documents.length ?? 0));
    expect(chart?.getRow(3).getCell(1).value).toBe('A');
    expect(chart?.getRow(3).getCell(5).value).toBe('disclosed');
    expect(chart?.getRow(3).getCell(6).value).toBe('disclosed');
    expect(chart?.getRow(3).getCell(9).value).toBe('手首装着型の筐体は TM-W1 の特徴Aに相当。');
  });
});
