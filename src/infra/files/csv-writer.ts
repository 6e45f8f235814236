/**
 * CSV as RFC 4180 writes it, for exports people open in Excel. Written by hand: it is two rules
 * (quote a cell holding a comma, a quote, a line break or edge space; double its quotes), and the
 * usual library (csv-stringify) would be a new dependency for them.
 */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A table as CSV text: header first, CRLF after every record. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  let out = `${header.map(csvCell).join(',')}\r\n`;
  for (const row of rows) out += `${row.map(csvCell).join(',')}\r\n`;
  return out;
}
