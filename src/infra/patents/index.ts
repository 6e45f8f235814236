import { basename } from 'node:path';
import { readPatentCsv } from './csv.js';
import {
  DuplicateTracker,
  detectPatentFormat,
  fileChunks,
  type ImportOptions,
  type PatentFileFormat,
  type PatentImportItem,
} from './import.js';
import { readPatentJsonl } from './jsonl.js';
import { readUsptoXml } from './uspto-xml.js';

export * from './csv.js';
export * from './import.js';
export * from './jsonl.js';
export * from './uspto-xml.js';

/**
 * Imports one file, streaming, in the format its extension or first bytes say (USPTO XML, JSON
 * Lines, CSV). Pass the same `duplicates` to every file of one import.
 */
export async function* importPatentFile(
  path: string,
  options: ImportOptions & { format?: PatentFileFormat } = {},
): AsyncGenerator<PatentImportItem> {
  const source = options.source ?? basename(path);
  const format = options.format ?? (await detectPatentFormat(path));
  const opts = { duplicates: options.duplicates ?? new DuplicateTracker(), source };
  if (format === 'uspto-xml') yield* readUsptoXml(fileChunks(path), opts);
  else if (format === 'jsonl') yield* readPatentJsonl(fileChunks(path), opts);
  else if (format === 'csv') yield* readPatentCsv(fileChunks(path), opts);
  else yield { ok: false, reason: 'unknown_format', message: `${source} is not USPTO XML, JSON Lines or CSV.`, position: { source } };
}
