import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { normalizeClassification, normalizeUspc, parseFi, parseFterm } from '../../core/workbenches/patent-search/classification.js';
import { type PatentImportReason, type PatentRecord, patentRecordSchema } from '../../shared/contracts/patents.js';
import { type Issue, issuesFromZod } from '../../shared/errors.js';

/**
 * What every patent importer yields, one item per record: the record, or why it was refused and
 * where (a line for JSON Lines and CSV, a document's index and its first line for USPTO XML).
 * A refused record never stops the rest. `duplicate` marks a record whose number was already
 * imported with the same content (a store skips it; one with different content is refused).
 */
export type PatentImportItem =
  | { ok: true; record: PatentRecord; duplicate: boolean; position: ImportPosition }
  | { ok: false; reason: PatentImportReason; message: string; position: ImportPosition; number?: string; issues?: Issue[] };

export type ImportPosition = {
  /** The file, when the importer was given its name. */
  source?: string;
  /** 1-based line: the JSON line, the line a CSV row ends on, the XML document's first line. */
  line?: number;
  /** 1-based index of the document in a concatenated USPTO bulk file. */
  document?: number;
};

/** Text or bytes, in chunks: a Node stream, a file's chunks, an array of strings in tests. */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export type ImportOptions = {
  /** Shared across the files of one import, so duplicates are found across files. */
  duplicates?: DuplicateTracker;
  /** The file's name, for positions. */
  source?: string;
};

/** Decodes UTF-8 chunks to text (a BOM is dropped), keeping multi-byte characters whole across chunk borders. */
export async function* decodeChunks(input: ByteSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Lines of at most `maxLength` characters, with their 1-based numbers; a longer line is not kept in
 * memory: it comes back as `{ tooLong: true }` and is skipped to its end.
 */
export async function* boundedLines(
  input: ByteSource,
  maxLength: number,
): AsyncGenerator<{ line: number; text: string; tooLong: false } | { line: number; tooLong: true }> {
  let buf = '';
  let lineNo = 1;
  let skipping = false;
  for await (const chunk of decodeChunks(input)) {
    let from = 0;
    for (let nl = chunk.indexOf('\n', from); nl !== -1; nl = chunk.indexOf('\n', from)) {
      const piece = chunk.slice(from, nl);
      if (skipping || buf.length + piece.length > maxLength) yield { line: lineNo, tooLong: true };
      else yield { line: lineNo, text: (buf + piece).replace(/\r$/, ''), tooLong: false };
      buf = '';
      skipping = false;
      lineNo++;
      from = nl + 1;
    }
    if (!skipping) {
      buf += chunk.slice(from);
      if (buf.length > maxLength) {
        skipping = true;
        buf = '';
      }
    }
  }
  if (skipping) yield { line: lineNo, tooLong: true };
  else if (buf !== '') yield { line: lineNo, text: buf.replace(/\r$/, ''), tooLong: false };
}

/**
 * A fingerprint of a validated record's content. Zod builds its output in the schema's key order
 * whatever the input's order, so the JSON text of two equal records is the same.
 */
export function recordFingerprint(record: PatentRecord): string {
  return createHash('sha1').update(JSON.stringify(record)).digest('base64url');
}

/** Numbers seen in one import and their content's fingerprint (≈ 100 bytes a patent). */
export class DuplicateTracker {
  readonly #seen = new Map<string, string>();
  duplicates = 0;
  conflicts = 0;

  check(record: PatentRecord): 'new' | 'duplicate' | 'conflict' {
    const fp = recordFingerprint(record);
    const before = this.#seen.get(record.number);
    if (before === undefined) {
      this.#seen.set(record.number, fp);
      return 'new';
    }
    if (before === fp) {
      this.duplicates++;
      return 'duplicate';
    }
    this.conflicts++;
    return 'conflict';
  }

  get size(): number {
    return this.#seen.size;
  }
}

/** Canonical spellings of the codes a record carries; a malformed code is left as is, for the schema to refuse with its path. */
export function normalizeRecordCodes(raw: Record<string, unknown>): Record<string, unknown> {
  const fix = (key: string, f: (s: string) => string | null) => {
    const v = raw[key];
    if (Array.isArray(v)) raw[key] = [...new Set(v.map((c) => (typeof c === 'string' ? (f(c) ?? c) : c)))];
  };
  fix('cpc', normalizeClassification);
  fix('ipc', normalizeClassification);
  fix('fi', (s) => {
    const r = parseFi(s);
    return r.ok ? r.value.code : null;
  });
  fix('fterms', (s) => {
    const r = parseFterm(s);
    return r.ok ? r.value.code : null;
  });
  fix('uspc', (s) => (/^[0-9A-Z]{1,3}\/[0-9A-Z.]+$/.test(s) ? s : normalizeUspc(s)));
  return raw;
}

/**
 * Validates a candidate record and checks it against the import's duplicates: the item an importer
 * yields for it.
 */
export function finishRecord(candidate: unknown, position: ImportPosition, duplicates: DuplicateTracker): PatentImportItem {
  const parsed = patentRecordSchema.safeParse(candidate);
  const number =
    candidate !== null && typeof candidate === 'object' && typeof (candidate as { number?: unknown }).number === 'string'
      ? ((candidate as { number: string }).number as string).slice(0, 40)
      : undefined;
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error, candidate);
    const first = issues[0];
    const where = first ? `${first.path.join('.') || 'record'}: ${first.message}` : 'invalid';
    return {
      ok: false,
      reason: 'invalid_record',
      message: `${number ?? 'The record'} is not valid (${issues.length} problem${issues.length === 1 ? '' : 's'}; ${where})`,
      position,
      ...(number && { number }),
      issues,
    };
  }
  const record = parsed.data;
  const seen = duplicates.check(record);
  if (seen === 'conflict')
    return {
      ok: false,
      reason: 'duplicate_conflict',
      message: `${record.number} was already imported with different content.`,
      position,
      number: record.number,
    };
  return { ok: true, record, duplicate: seen === 'duplicate', position };
}

/** Counts of an import, for its report. */
export type ImportSummary = {
  imported: number;
  duplicates: number;
  rejected: number;
  byReason: Partial<Record<PatentImportReason, number>>;
};

export function summarize(items: Iterable<PatentImportItem>): ImportSummary {
  const s: ImportSummary = { imported: 0, duplicates: 0, rejected: 0, byReason: {} };
  for (const it of items) addToSummary(s, it);
  return s;
}

export function addToSummary(s: ImportSummary, it: PatentImportItem): ImportSummary {
  if (it.ok) {
    if (it.duplicate) s.duplicates++;
    else s.imported++;
  } else {
    s.rejected++;
    s.byReason[it.reason] = (s.byReason[it.reason] ?? 0) + 1;
  }
  return s;
}

export type PatentFileFormat = 'uspto-xml' | 'jsonl' | 'csv';

/** The format of a file: by its extension, else by its first bytes (`<` XML, `{` JSON Lines). */
export async function detectPatentFormat(path: string): Promise<PatentFileFormat | null> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.xml')) return 'uspto-xml';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(512), 0, 512, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head.startsWith('<')) return 'uspto-xml';
    if (head.startsWith('{')) return 'jsonl';
    return null;
  } finally {
    await fh.close();
  }
}

/** A file as chunks, never whole. */
export const fileChunks = (path: string): AsyncIterable<Uint8Array> => createReadStream(path, { highWaterMark: 1 << 20 });
