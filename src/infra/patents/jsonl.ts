import { normalizePublicationNumber, PATENT_LIMITS, publicationNumberParts } from '../../shared/contracts/patents.js';
import {
  type ByteSource,
  boundedLines,
  DuplicateTracker,
  finishRecord,
  type ImportOptions,
  normalizeRecordCodes,
  type PatentImportItem,
} from './import.js';

/**
 * kpo's own JSON Lines format (docs/patent-format.md): one PatentRecord a line, validated by
 * patentRecordSchema. Read line by line with the line numbers; a line longer than
 * PATENT_LIMITS.jsonLine is refused without being held in memory. Blank lines are skipped.
 * Before validation a number written loosely (`US 8,926,509 B2`) and codes in other common
 * spellings (`A61B5/02`) are put in kpo's spelling; everything else must already be right.
 */
export async function* readPatentJsonl(
  input: ByteSource,
  options: ImportOptions & { maxLineLength?: number } = {},
): AsyncGenerator<PatentImportItem> {
  const duplicates = options.duplicates ?? new DuplicateTracker();
  const max = options.maxLineLength ?? PATENT_LIMITS.jsonLine;
  for await (const l of boundedLines(input, max)) {
    const position = { ...(options.source && { source: options.source }), line: l.line };
    if (l.tooLong) {
      yield { ok: false, reason: 'line_too_long', message: `Line ${l.line} is longer than ${max} characters.`, position };
      continue;
    }
    if (l.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(l.text);
    } catch (e) {
      yield { ok: false, reason: 'malformed_json', message: `Line ${l.line}: ${(e as Error).message}`, position };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { ok: false, reason: 'invalid_record', message: `Line ${l.line} is not a JSON object.`, position };
      continue;
    }
    const raw = normalizeRecordCodes(value as Record<string, unknown>);
    if (typeof raw.number === 'string') {
      const n = normalizePublicationNumber(raw.number, {
        ...(typeof raw.country === 'string' && { country: raw.country }),
        ...(typeof raw.kind === 'string' && { kind: raw.kind }),
      });
      const parts = n ? publicationNumberParts(n) : null;
      if (n && parts) {
        raw.number = n;
        raw.country ??= parts.country;
        raw.kind ??= parts.kind;
      }
    }
    yield finishRecord(raw, position, duplicates);
  }
}
