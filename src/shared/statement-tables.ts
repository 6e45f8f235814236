/**
 * Reading statement tables the same way on the server and in the browser.
 *
 * The fiscal year a statement column header names: 2024, FY2024, 2024年度, or a period end such as
 * 2025年3月期 / FY3/2025. Japanese convention: a period ending January–March belongs to the previous
 * fiscal year (2025年3月期 is fiscal 2024). Null when the cell names no plausible year. Shared by
 * the importer and the import wizard in the browser, so both read a header the same way.
 */
export function detectYear(cell: string | number | null): number | null {
  if (cell === null) return null;
  const s = String(cell).normalize('NFKC').trim();
  let m = /^(?:FY\s*)?(\d{4})(?:年度)?$/i.exec(s);
  if (m) return plausibleYear(Number(m[1]));
  m = /^(\d{4})年(\d{1,2})月期$/.exec(s) ?? /^FY\s*(\d{1,2})\/(\d{4})$/i.exec(s);
  if (m) {
    const [yearText, monthText] = s.includes('年') ? [m[1], m[2]] : [m[2], m[1]];
    const year = Number(yearText);
    return plausibleYear(Number(monthText) <= 3 ? year - 1 : year);
  }
  return null;
}

function plausibleYear(y: number): number | null {
  return y >= 1900 && y <= 2200 ? y : null;
}

/** A 0-based column as a spreadsheet names it: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
