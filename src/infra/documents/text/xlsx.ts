import ExcelJS from 'exceljs';
import { applyEdits } from '../../../core/documents/pii/pseudonymise.js';
import { encrypted, isCompoundFile, malformed } from './errors.js';
import type { Replace, Segment } from './types.js';

/** The text of a cell: strings, rich text and hyperlinks; numbers, dates and formulas are left alone. */
function cellText(value: ExcelJS.CellValue): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value && 'text' in value && typeof value.text === 'string') return value.text;
  }
  return null;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  if (isCompoundFile(bytes)) throw encrypted('workbook');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw malformed('workbook', (e as Error).message);
  }
  return wb;
}

function eachTextCell(wb: ExcelJS.Workbook, fn: (cell: ExcelJS.Cell, text: string, where: string) => void): void {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const text = cellText(cell.value);
        if (text !== null && text.trim() !== '') fn(cell, text, `${ws.name}!${cell.address}`);
      });
    });
  }
}

export async function xlsxSegments(bytes: Uint8Array): Promise<Segment[]> {
  const wb = await load(bytes);
  const out: Segment[] = [];
  eachTextCell(wb, (_cell, text, where) => out.push({ text, where }));
  return out;
}

export async function redactXlsx(bytes: Uint8Array, replace: Replace): Promise<Uint8Array> {
  const wb = await load(bytes);
  eachTextCell(wb, (cell, text, where) => {
    const edits = replace(text, where);
    // A cell with a replacement becomes plain text: rich-text runs cannot keep their styles across a token.
    if (edits.length > 0) cell.value = applyEdits(text, edits);
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
