import type { PatentFileFormat, PatentReadItem, ReadPatentFile } from '../../core/workbenches/patent-search/store.js';
import { readPatentCsv } from './csv.js';
import { DuplicateTracker } from './import.js';
import { readPatentJsonl } from './jsonl.js';
import { readUsptoXml } from './uspto-xml.js';

/**
 * An uploaded patent file read as it streams in (the API's import): the format as given, else by
 * the first bytes — `<` USPTO XML, `{` JSON Lines, anything else CSV (a CSV starts with its header).
 */
export const readPatentUpload: ReadPatentFile = (chunks, options) => read(chunks, options);

async function* read(
  chunks: AsyncIterable<Uint8Array>,
  options: { format?: PatentFileFormat | undefined; source?: string | undefined },
): AsyncGenerator<PatentReadItem> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let format = options.format;
  while (format === undefined) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    const text = Buffer.concat(head)
      .subarray(0, 512)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (text.startsWith('<')) format = 'uspto-xml';
    else if (text.startsWith('{')) format = 'jsonl';
    else if (text !== '') format = 'csv';
  }
  const all = (async function* () {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  const opts = { duplicates: new DuplicateTracker(), ...(options.source !== undefined && { source: options.source }) };
  if (format === 'uspto-xml') yield* readUsptoXml(all, opts);
  else if (format === 'jsonl') yield* readPatentJsonl(all, opts);
  else if (format === 'csv') yield* readPatentCsv(all, opts);
  // An empty file holds no records: nothing to yield.
}
