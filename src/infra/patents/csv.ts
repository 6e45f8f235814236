import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { claimLanguage, detectDependencies } from '../../core/workbenches/patent-search/claims.js';
import { normalizePublicationNumber, PATENT_LIMITS, publicationNumberParts } from '../../shared/contracts/patents.js';
import {
  type ByteSource,
  DuplicateTracker,
  decodeChunks,
  finishRecord,
  type ImportOptions,
  type ImportPosition,
  normalizeRecordCodes,
  type PatentImportItem,
} from './import.js';

/**
 * Patents from CSV (UTF-8, comma separated, RFC 4180 quoting; a header row names the columns, in
 * any order, case and `-`/`_`/space insensitive). docs/patent-format.md lists the columns:
 *
 * number (required), country, kind, title (required), abstract, claims, description, cpc, ipc,
 * fi, fterms, priority_date, filing_date, publication_date (required), grant_date, assignees,
 * inventors, legal_status, expected_expiry, citations, language.
 *
 * Lists (codes, assignees, inventors, citations) are separated by `;`. `claims` is numbered text
 * ("1. A catheter…" / 「【請求項1】…」, each claim starting a line); `description` is paragraphs,
 * each starting a line with `[0001]` or 【0001】, or separated by blank lines. A citation is a
 * number with an optional `:examiner`, `:applicant` or `:other`; an entry that is not a number is
 * kept as non-patent literature. Dates as YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD.
 */

export const PATENT_CSV_COLUMNS = [
  'number',
  'country',
  'kind',
  'title',
  'abstract',
  'claims',
  'description',
  'cpc',
  'ipc',
  'fi',
  'fterms',
  'priority_date',
  'filing_date',
  'publication_date',
  'grant_date',
  'assignees',
  'inventors',
  'legal_status',
  'expected_expiry',
  'citations',
  'language',
] as const;
export type PatentCsvColumn = (typeof PATENT_CSV_COLUMNS)[number];
const REQUIRED: PatentCsvColumn[] = ['number', 'title', 'publication_date'];
const ALIASES: Record<string, PatentCsvColumn> = {
  publication_number: 'number',
  patent_number: 'number',
  kind_code: 'kind',
  fterm: 'fterms',
  f_terms: 'fterms',
  priority: 'priority_date',
  filing: 'filing_date',
  application_date: 'filing_date',
  publication: 'publication_date',
  grant: 'grant_date',
  status: 'legal_status',
  expiry: 'expected_expiry',
  lang: 'language',
};

const columnName = (h: string): string => {
  const k = h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return ALIASES[k] ?? k;
};

const list = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

function isoDate(cell: string | undefined): string | undefined {
  const s = (cell ?? '').trim();
  if (s === '') return undefined;
  const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(s);
  return m ? `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}` : s;
}

/** "1. A catheter…\n2. The catheter of claim 1…" or 「【請求項1】…【請求項2】…」 → claims with their dependencies. */
export function parseNumberedClaims(cell: string): { number: number; text: string; dependsOn: number[] }[] {
  const marker = /(?:^|\n)[ \t]*(?:【\s*請求項\s*([0-9０-９]+)\s*】|(?:請求項\s*)?([0-9０-９]+)\s*[.．:：)）])[ \t]*/g;
  const found = [...cell.matchAll(marker)];
  if (found.length === 0) return cell.trim() ? [{ number: 1, text: cell.trim(), dependsOn: [] }] : [];
  return found.map((m, i) => {
    const number = Number((m[1] ?? m[2] ?? '').normalize('NFKC'));
    const text = cell.slice((m.index ?? 0) + m[0].length, found[i + 1]?.index ?? cell.length).trim();
    return { number, text, dependsOn: detectDependencies(text, number) };
  });
}

/** Paragraphs starting with [0001] / 【0001】, else blocks separated by blank lines. */
export function parseParagraphs(cell: string): { id: string; text: string }[] {
  const marker = /(?:^|\n)[ \t]*[[【]\s*([0-9０-９]{1,6})\s*[\]】][ \t]*/g;
  const found = [...cell.matchAll(marker)];
  if (found.length > 0)
    return found.map((m, i) => ({
      id: (m[1] as string).normalize('NFKC'),
      text: cell.slice((m.index ?? 0) + m[0].length, found[i + 1]?.index ?? cell.length).trim(),
    }));
  return cell
    .split(/\n\s*\n/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((text, i) => ({ id: String(i + 1).padStart(4, '0'), text }));
}

function citation(entry: string): Record<string, string> {
  const m = /^(.*?)\s*[:(]\s*(examiner|applicant|other)\s*\)?$/i.exec(entry);
  const body = m ? (m[1] as string) : entry;
  const category = m ? (m[2] as string).toLowerCase() : undefined;
  const number = /^[A-Za-z]{2}[\s\d,/.A-Za-z-]+$/.test(body) ? normalizePublicationNumber(body) : null;
  const loose =
    number ??
    (/^[A-Z]{2}\d[0-9A-Z]*$/.test(body.replace(/[\s,/.-]/g, '').toUpperCase()) ? body.replace(/[\s,/.-]/g, '').toUpperCase() : null);
  return { ...(loose ? { number: loose } : { text: body.slice(0, PATENT_LIMITS.citationText) }), ...(category && { category }) };
}

function recordFromRow(row: Partial<Record<PatentCsvColumn, string>>): Record<string, unknown> {
  const cell = (k: PatentCsvColumn) => {
    const v = row[k]?.trim();
    return v === '' ? undefined : v;
  };
  const raw = cell('number') ?? '';
  const number = normalizePublicationNumber(raw, {
    ...(cell('country') && { country: cell('country') }),
    ...(cell('kind') && { kind: cell('kind') }),
  });
  const parts = number ? publicationNumberParts(number) : null;
  const title = cell('title');
  const status = cell('legal_status')?.toLowerCase();
  const language = cell('language')?.toLowerCase() ?? claimLanguage(`${title ?? ''}${cell('abstract') ?? ''}`);
  const dates = {
    priorityDate: isoDate(cell('priority_date')),
    filingDate: isoDate(cell('filing_date')),
    publicationDate: isoDate(cell('publication_date')),
    grantDate: isoDate(cell('grant_date')),
    expectedExpiry: isoDate(cell('expected_expiry')),
  };
  const fi = list(cell('fi'));
  const fterms = list(cell('fterms'));
  return normalizeRecordCodes({
    number: number ?? raw,
    country: parts?.country ?? cell('country')?.toUpperCase(),
    kind: parts?.kind ?? cell('kind')?.toUpperCase(),
    title,
    abstract: cell('abstract') ?? '',
    claims: parseNumberedClaims(cell('claims') ?? ''),
    description: parseParagraphs(cell('description') ?? ''),
    cpc: list(cell('cpc')),
    ipc: list(cell('ipc')),
    ...(fi.length > 0 && { fi }),
    ...(fterms.length > 0 && { fterms }),
    ...Object.fromEntries(Object.entries(dates).filter(([, v]) => v !== undefined)),
    assignees: list(cell('assignees')),
    inventors: list(cell('inventors')),
    ...(status && { legalStatus: status }),
    citations: list(cell('citations')).map(citation),
    language,
  });
}

/**
 * Reads patent CSV row by row (csv-parse's stream, so the file is never whole in memory). A row
 * csv-parse cannot read (unbalanced quotes, a wrong number of cells) is refused as `malformed_csv`
 * and the next row read; a header without the required columns refuses the file.
 */
export async function* readPatentCsv(input: ByteSource, options: ImportOptions = {}): AsyncGenerator<PatentImportItem> {
  const duplicates = options.duplicates ?? new DuplicateTracker();
  const where = (line: number): ImportPosition => ({ ...(options.source && { source: options.source }), line });
  const skipped: PatentImportItem[] = [];
  const parser = Readable.from(decodeChunks(input)).pipe(
    parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: PATENT_LIMITS.jsonLine,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_skip: (err) => {
        const line = (err as { lines?: number } | undefined)?.lines ?? 0;
        // One row, one report (csv-parse may stumble several times in one row).
        if (skipped.some((q) => q.position.line === line)) return undefined;
        skipped.push({
          ok: false,
          reason: 'malformed_csv',
          message: `Line ${line}: ${err?.message ?? 'unreadable row'}`,
          position: where(line),
        });
        return undefined;
      },
    }),
  );
  let columns: (PatentCsvColumn | null)[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse reads ahead: rows it skipped after this one wait for their turn.
      yield* takeBefore(skipped, info.lines);
      if (columns === null) {
        const names = record.map(columnName);
        columns = names.map((n) => ((PATENT_CSV_COLUMNS as readonly string[]).includes(n) ? (n as PatentCsvColumn) : null));
        const missing = REQUIRED.filter((r) => !columns?.includes(r));
        if (missing.length > 0) {
          yield {
            ok: false,
            reason: 'malformed_csv',
            message: `The header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
            position: where(info.lines),
          };
          parser.destroy();
          return;
        }
        continue;
      }
      const row: Partial<Record<PatentCsvColumn, string>> = {};
      record.forEach((v, i) => {
        const c = columns?.[i];
        if (c) row[c] = v;
      });
      if (!row.number?.trim() || !row.title?.trim() || !row.publication_date?.trim()) {
        const missing = REQUIRED.filter((r) => !row[r]?.trim());
        yield {
          ok: false,
          reason: 'missing_field',
          message: `Line ${info.lines} lacks ${missing.join(', ')}.`,
          position: where(info.lines),
        };
        continue;
      }
      yield finishRecord(recordFromRow(row), where(info.lines), duplicates);
    }
  } catch (e) {
    yield* takeBefore(skipped, Number.POSITIVE_INFINITY);
    // A fault csv-parse cannot skip past (an unclosed quote at the end of the file) ends the file.
    yield { ok: false, reason: 'malformed_csv', message: (e as Error).message, position: where((e as { lines?: number }).lines ?? 0) };
    return;
  }
  yield* takeBefore(skipped, Number.POSITIVE_INFINITY);
}

function takeBefore(queue: PatentImportItem[], line: number): PatentImportItem[] {
  const out = queue.filter((q) => (q.position.line ?? 0) < line);
  const rest = queue.filter((q) => (q.position.line ?? 0) >= line);
  queue.splice(0, queue.length, ...rest);
  return out;
}
