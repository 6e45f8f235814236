import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { detectPii } from '../../core/documents/pii/detect.js';
import { emptyMapping, type PseudonymMapping, parseMapping, pseudonymEdits } from '../../core/documents/pii/pseudonymise.js';
import type { Finding, JaTokenizer } from '../../core/documents/pii/types.js';
import { loadKuromojiTokenizer } from '../../infra/documents/kuromoji.js';
import { startPiiPool } from '../../infra/documents/pii-pool.js';
import { extractText, kindOfFile, writeRedacted } from '../../infra/documents/text/index.js';
import { AppError } from '../../shared/errors.js';
import { readFileBytes } from '../files.js';
import type { CliIo } from '../io.js';
import { displayWidth } from './fm.js';

/**
 * `kpo pii …`: personal data found in a document (Japanese and English), and a pseudonymised
 * copy of it with the mapping kept in a file for the next document of the same engagement.
 */

/** Standard input as lines, as they arrive; tests hand them in, the terminal streams process.stdin. */
export type PiiCliIo = CliIo & { stdinLines?: AsyncIterable<string> };

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

let tokenizer: JaTokenizer | null = null;
/** kuromoji takes a second to load: only for texts with Japanese in them. */
async function tokenizerFor(text: string): Promise<JaTokenizer | undefined> {
  if (!JAPANESE.test(text)) return undefined;
  tokenizer ??= await loadKuromojiTokenizer();
  return tokenizer;
}

function writeBytes(path: string, bytes: Uint8Array | string): void {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new AppError('invalid_input', `Cannot write ${path}: ${(e as Error).message}`, { reason: 'file_unwritable' });
  }
}

function readMapping(path: string): PseudonymMapping {
  if (!existsSync(path)) return emptyMapping();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AppError('invalid_input', `${path} is not valid JSON: ${(e as Error).message}`, { reason: 'invalid_json' });
  }
  try {
    return parseMapping(json);
  } catch (e) {
    if (e instanceof AppError) throw new AppError('invalid_input', `${path}: ${e.message}`, e.reason ? { reason: e.reason } : {});
    throw e;
  }
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');
const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

function table(rows: { type: string; text: string; where: string }[]): string {
  if (rows.length === 0) return 'No personal data found.';
  const head = { type: 'TYPE', text: 'TEXT', where: 'WHERE' };
  const all = [head, ...rows.map((r) => ({ ...r, text: oneLine(r.text) }))];
  const wType = Math.max(...all.map((r) => displayWidth(r.type)));
  const wText = Math.min(48, Math.max(...all.map((r) => displayWidth(r.text))));
  const lines = all.map((r) => `${pad(r.type, wType)}  ${pad(r.text, wText)}  ${r.where}`);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const summary = [...counts].map(([t, n]) => `${t} ${n}`).join(', ');
  return `${lines.join('\n')}\n\n${rows.length} finding${rows.length === 1 ? '' : 's'}: ${summary}`;
}

async function* stdinLines(io: PiiCliIo): AsyncIterable<string> {
  if (io.stdinLines) {
    yield* io.stdinLines;
    return;
  }
  yield* createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
}

type ParsedLine = { id: unknown; text: string } | { answer: string };

/** One JSON line in: its id and text, or the error line that answers it (a bad line never ends the stream). */
function parseLine(line: string): ParsedLine {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (e) {
    return { answer: JSON.stringify({ id: null, error: `not JSON: ${(e as Error).message}` }) };
  }
  const obj = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
  const id = obj && 'id' in obj ? obj.id : null;
  if (!obj || typeof obj.text !== 'string') return { answer: JSON.stringify({ id, error: 'each line is {"id": …, "text": "…"}' }) };
  return { id, text: obj.text };
}

const answerLine = (id: unknown, findings: Finding[]) =>
  JSON.stringify({ id, findings: findings.map(({ start, end, type, text }) => ({ start, end, type, text })) });

/** Lines being scanned at once; their answers are written in input order, so memory stays bounded. */
const IN_FLIGHT = 256;

/**
 * `--workers`: a whole number from 1 to 64; default 1. Each thread loads its own kuromoji and starts
 * cold, and texts travel to it in messages (batches of up to 64), so threads pay off only on long
 * batches on idle cores (bench/README.md, PII: on the shared 2-CPU machine two threads used more CPU
 * per MB than one and were not reliably faster in wall time).
 */
function workerCount(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new AppError('invalid_input', '--workers is a whole number from 1 to 64.', { reason: 'invalid_option' });
  return n;
}

/** `--jsonl`: one thread for one worker, else a pool of threads each with its own detector. */
async function scanJsonLines(io: PiiCliIo, workers: number): Promise<void> {
  const pool = workers > 1 ? startPiiPool(workers) : null;
  const queue: Promise<string>[] = [];
  try {
    for await (const line of stdinLines(io)) {
      if (line.trim() === '') continue;
      const parsed = parseLine(line);
      if ('answer' in parsed) queue.push(Promise.resolve(parsed.answer));
      else if (pool) queue.push(pool.scan(parsed.text).then((f) => answerLine(parsed.id, f)));
      else {
        const tk = await tokenizerFor(parsed.text);
        queue.push(Promise.resolve(answerLine(parsed.id, detectPii(parsed.text, { tokenizer: tk }))));
      }
      while (queue.length >= (pool ? IN_FLIGHT : 1)) io.stdout(`${await queue.shift()}\n`);
    }
    while (queue.length > 0) io.stdout(`${await queue.shift()}\n`);
  } finally {
    await pool?.close();
  }
}

export function registerPiiCommands(program: Command, io: PiiCliIo): void {
  const pii = program
    .command('pii')
    .description('personal data (Japanese and English): find it in a document, or write a pseudonymised copy');

  pii
    .command('scan [file]')
    .description('list the personal data in a .txt, .csv, .xlsx, .docx or .pdf file (or JSON lines on standard input with --jsonl)')
    .option('--json', 'machine-readable output: the findings with where each stands')
    .option('--jsonl', 'read {"id", "text"} lines on standard input, write {"id", "findings"} lines')
    .option('--workers <n>', 'with --jsonl: threads scanning at once (default 1; more pays off on long batches on several cores)')
    .action(async (file: string | undefined, opts: { json?: boolean; jsonl?: boolean; workers?: string }) => {
      if (opts.jsonl) {
        if (file !== undefined)
          throw new AppError('invalid_input', '--jsonl reads standard input: give no file.', { reason: 'invalid_option' });
        await scanJsonLines(io, workerCount(opts.workers));
        return;
      }
      if (opts.workers !== undefined) throw new AppError('invalid_input', '--workers goes with --jsonl.', { reason: 'invalid_option' });
      if (file === undefined)
        throw new AppError('invalid_input', 'Give a file to scan, or --jsonl to read JSON lines.', { reason: 'invalid_option' });
      const kind = kindOfFile(file);
      const segments = await extractText(readFileBytes(file), kind);
      const tk = await tokenizerFor(segments.map((s) => s.text).join('\n'));
      const found = segments.flatMap((s) => detectPii(s.text, { tokenizer: tk }).map((f: Finding) => ({ ...f, where: s.where })));
      if (opts.json) io.stdout(`${JSON.stringify({ file, kind, findings: found }, null, 2)}\n`);
      else io.stdout(`${table(found)}\n`);
    });

  pii
    .command('redact <file>')
    .description('write a pseudonymised copy (人物A, PERSON_001, 住所_001 …) in the same format; a PDF becomes a text PDF')
    .requiredOption('--out <file>', 'where to write the copy')
    .option('--mapping <file>', 'the engagement’s mapping (original ↔ token): read if it exists, written back with the new tokens')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { out: string; mapping?: string; json?: boolean }) => {
      const kind = kindOfFile(file);
      if (kindOfFile(opts.out) !== kind)
        throw new AppError('invalid_input', `--out must be a .${kind} file like the input.`, { reason: 'invalid_option' });
      const bytes = readFileBytes(file);
      let mapping = opts.mapping ? readMapping(opts.mapping) : emptyMapping();
      const known = mapping.entries.length;
      const tk = await tokenizerFor((await extractText(bytes, kind)).map((s) => s.text).join('\n'));
      let replaced = 0;
      const redacted = await writeRedacted(bytes, kind, (text) => {
        const r = pseudonymEdits(text, detectPii(text, { tokenizer: tk }), mapping);
        mapping = r.mapping;
        replaced += r.edits.length;
        return r.edits;
      });
      writeBytes(opts.out, redacted);
      if (opts.mapping) writeBytes(opts.mapping, `${JSON.stringify(mapping, null, 2)}\n`);
      const added = mapping.entries.length - known;
      const summary = {
        file,
        out: opts.out,
        kind,
        replaced,
        tokens: mapping.entries.length,
        newTokens: added,
        mapping: opts.mapping ?? null,
      };
      io.stdout(
        opts.json
          ? `${JSON.stringify(summary, null, 2)}\n`
          : `Wrote ${opts.out}: ${replaced} replacement${replaced === 1 ? '' : 's'}, ${added} new token${added === 1 ? '' : 's'}` +
              `${opts.mapping ? ` (mapping: ${opts.mapping}, ${mapping.entries.length} in all)` : ' (no --mapping: the tokens cannot be reversed)'}.\n` +
              `${kind === 'pdf' ? 'The PDF copy is a new text PDF: the original layout is not kept.\n' : ''}`,
      );
    });
}
