import ExcelJS from 'exceljs';
import type { FinancialModel } from '../../shared/contracts/financial-model.js';
import { buildFmWorkbookSpec, type CellSpec, type Format, type WorkbookSpec } from './fm-workbook.js';

/**
 * The .xlsx export of a financial model: live formulas from the assumptions through the
 * projections, the DCF and the sensitivity grids, each with the kpo engine's value cached, and
 * the workbook set to recalculate fully on load (Excel and LibreOffice then recompute every
 * formula rather than trusting the cache). Inputs are blue, formulas black, as analysts expect.
 */

export interface FmXlsxOptions {
  /** Write the engine's values as cached results (default). Off, a spreadsheet must compute them (used to prove it does). */
  cachedValues?: boolean;
}

function numberFormat(format: Format | undefined, currency: string): string | undefined {
  const wholeUnits = currency === 'JPY' || currency === 'KRW';
  switch (format) {
    case 'money':
      return wholeUnits ? '#,##0_);(#,##0)' : '#,##0.0_);(#,##0.0)';
    case 'perShare':
      return wholeUnits ? '#,##0_);(#,##0)' : '#,##0.00_);(#,##0.00)';
    case 'percent':
      return '0.00%';
    case 'multiple':
      return '0.0"x"';
    case 'beta':
      return '0.000';
    case 'shares':
      return '#,##0.000';
    case 'integer':
      return '#,##0';
    case 'factor':
      return '0.0000';
    case 'year':
      return '0';
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

const INPUT_BLUE = 'FF1F4E9E';

function styleCell(cell: ExcelJS.Cell, spec: CellSpec, currency: string): void {
  const fmt = numberFormat(spec.format, currency);
  if (fmt) cell.numFmt = fmt;
  switch (spec.style) {
    case 'title':
      cell.font = { bold: true, size: 14 };
      break;
    case 'header':
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      break;
    case 'total':
      cell.font = { bold: true };
      cell.border = { top: { style: 'thin' } };
      break;
    case 'note':
      cell.font = { italic: true, color: { argb: 'FF666666' } };
      break;
    case 'input':
      cell.font = { color: { argb: INPUT_BLUE } };
      break;
    default:
      break;
  }
}

export function workbookFromSpec(spec: WorkbookSpec, options: FmXlsxOptions & { created?: Date } = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kpo';
  if (options.created) {
    workbook.created = options.created;
    workbook.modified = options.created;
  }
  workbook.calcProperties.fullCalcOnLoad = true;
  const cached = options.cachedValues ?? true;
  for (const sheet of spec.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    ws.properties.defaultColWidth = 14;
    for (const [col, width] of Object.entries(sheet.columnWidths)) ws.getColumn(Number(col)).width = width;
    for (const [a1, cell] of sheet.cells) {
      const target = ws.getCell(a1);
      if (cell.formula !== undefined) {
        target.value =
          cached && cell.expected !== undefined
            ? ({ formula: cell.formula, result: cell.expected } as ExcelJS.CellFormulaValue)
            : ({ formula: cell.formula } as ExcelJS.CellFormulaValue);
      } else if (cell.value !== undefined) target.value = cell.value;
      styleCell(target, cell, spec.currency);
    }
  }
  return workbook;
}

/** The model's workbook as .xlsx bytes, with the cell specification it was written from. */
export async function exportFmXlsx(model: FinancialModel, options: FmXlsxOptions = {}): Promise<{ bytes: Uint8Array; spec: WorkbookSpec }> {
  const spec = buildFmWorkbookSpec(model);
  const workbook = workbookFromSpec(spec, { ...options, created: new Date(`${model.meta.valuationDate}T00:00:00Z`) });
  const buffer = await workbook.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), spec };
}
