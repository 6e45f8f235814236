import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { buildClaimChart } from '../../core/workbenches/patent-search/chart.js';
import { type PreparedPatent, preparePatent, searchPatents } from '../../core/workbenches/patent-search/search.js';
import { similarPatents } from '../../core/workbenches/patent-search/similar.js';
import { DuplicateTracker, importPatentFile, type PatentImportItem } from '../../infra/patents/index.js';
import { createPatentIndexStore } from '../../infra/patents/index-store.js';
import type { Runtime } from '../../runtime.js';
import { isoDateSchema } from '../../shared/contracts/engagements.js';
import type { ChartPassage, ClaimChart } from '../../shared/contracts/patent-report.js';
import { normalizePublicationNumber, type PatentRecord, patentRecordSchema } from '../../shared/contracts/patents.js';
import type { Issue } from '../../shared/errors.js';
import { AppError } from '../../shared/errors.js';
import { progress } from '../progress.js';

/**
 * `kpo ip …`: the patent workbench from the command line — import patent files into a platform
 * corpus and search it (docs/patent-format.md, docs/decisions/0009-patent-search-index.md).
 */
export interface IpCommandDeps {
  withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T>;
  print(json: boolean, value: unknown, text: string): void;
  /** Who is acting, for the audit log (`cli:user@host`). */
  actor(): string;
}

const DEFAULT_CORPUS = 'platform';
/** Patents analysed and written per transaction: a failure loses at most one batch, memory stays flat. */
const BATCH = 250;

type Rejection = Extract<PatentImportItem, { ok: false }>;

export function registerIpCommands(program: Command, deps: IpCommandDeps): void {
  const ip = program.command('ip').description('patent research: import patents into a corpus and search them');

  ip.command('import <files...>')
    .description('import patents (USPTO grant XML, kpo JSON Lines, CSV) into a corpus; a refused record never stops the rest')
    .option('--corpus <name>', 'the corpus to import into (made when missing)', DEFAULT_CORPUS)
    .option('--json', 'machine-readable output')
    .action(async (files: string[], opts: { corpus: string; json?: boolean }) => {
      const missing = files.filter((f) => !existsSync(f) || !statSync(f).isFile());
      if (missing.length > 0)
        throw new AppError('invalid_input', `Not a file: ${missing.join(', ')}`, {
          reason: 'file_unreadable',
          issues: missing.map((f) => ({ path: ['files'], code: 'invalid_value', message: `Not a file: ${f}` })),
        });
      const name = opts.corpus.trim();
      if (name === '' || name.length > 120)
        throw new AppError('invalid_input', 'A corpus name has 1 to 120 characters.', { reason: 'validation' });
      const result = await deps.withRuntime(async (rt) => {
        const index = createPatentIndexStore(rt.database.db);
        const corpus = await index.corpus(name, null, null, rt.clock.now());
        const bar = progress(`Importing into "${corpus.name}"`, !opts.json);
        const totals = { added: 0, replaced: 0, unchanged: 0 };
        const rejected: Rejection[] = [];
        const totalBytes = files.reduce((s, f) => s + statSync(f).size, 0);
        let doneBytes = 0;
        let read = 0;
        let batch: PreparedPatent[] = [];
        let firstBlock: number | null = null;
        const flush = async () => {
          if (batch.length === 0) return;
          const written = batch;
          batch = [];
          const counts = await rt.database.db.transaction().execute((tx) => index.importBatch(tx, corpus.id, written, rt.clock.now()));
          firstBlock ??= counts.block;
          totals.added += counts.added;
          totals.replaced += counts.replaced;
          totals.unchanged += counts.unchanged;
        };
        const duplicates = new DuplicateTracker();
        for (const file of files) {
          for await (const item of importPatentFile(file, { duplicates })) {
            read++;
            if (!item.ok) rejected.push(item);
            else if (item.duplicate) totals.unchanged++;
            else {
              batch.push(preparePatent(item.record, createHash('sha256').update(JSON.stringify(item.record)).digest('hex')));
              if (batch.length >= BATCH) await flush();
            }
            if (read % 50 === 0) bar.update(doneBytes, totalBytes, `${read} records, ${rejected.length} refused`);
          }
          doneBytes += statSync(file).size;
          bar.update(doneBytes, totalBytes, `${read} records, ${rejected.length} refused`);
        }
        await flush();
        // One block per term for this import rather than one per batch: what keeps queries fast.
        if (firstBlock !== null) await index.compactBlocks(corpus.id, firstBlock);
        bar.stop();
        const summary = { corpus: corpus.name, files: files.length, ...totals, rejected: rejected.length };
        await rt.store.transaction((tx) =>
          rt.recordAudit(tx, rt.system(deps.actor()), {
            type: 'patent.imported',
            orgId: null,
            resource: { type: 'patent_corpus', id: corpus.id },
            data: summary,
          }),
        );
        const documents = (await index.stats(corpus.id)).documents;
        return {
          ...summary,
          corpusId: corpus.id,
          documents,
          refusals: rejected.map((r) => ({ reason: r.reason, message: r.message, position: r.position, number: r.number ?? null })),
        };
      });
      const shown = result.refusals.slice(0, 20).map((r) => {
        const where = [
          r.position.source,
          r.position.line && `line ${r.position.line}`,
          r.position.document && `document ${r.position.document}`,
        ]
          .filter(Boolean)
          .join(' ');
        return `  ${where}: ${r.reason} — ${r.message}`;
      });
      deps.print(
        !!opts.json,
        result,
        [
          `Imported into "${result.corpus}": ${result.added} new, ${result.replaced} replaced, ${result.unchanged} unchanged, ${result.rejected} refused; the corpus holds ${result.documents} patents.`,
          ...shown,
          ...(result.refusals.length > shown.length ? [`  … and ${result.refusals.length - shown.length} more (--json lists all).`] : []),
        ].join('\n'),
      );
    });

  ip.command('search <query>')
    .description('search a corpus: words (AND), OR, NOT or -word, "phrases", NEAR/n, title: claims: abstract: description:')
    .option('--corpus <name>', 'the corpus to search', DEFAULT_CORPUS)
    .option('--before <date>', 'only patents published before this date (YYYY-MM-DD): a prior-art cut-off')
    .option('--cpc <code>', 'only patents with this CPC/IPC code, at any level (A61B, A61B 5/00, A61B 5/02); repeatable', collect, [])
    .option('--limit <n>', 'how many results (1–1000)', '20')
    .option('--json', 'machine-readable output: ranked `results` with number, score, title')
    .action(async (query: string, opts: { corpus: string; before?: string; cpc: string[]; limit: string; json?: boolean }) => {
      const issues = [];
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        issues.push({ path: ['limit'], code: 'invalid_value' as const, message: 'Must be a whole number from 1 to 1000.' });
      if (opts.before !== undefined && !isoDateSchema.safeParse(opts.before).success)
        issues.push({ path: ['before'], code: 'invalid_format' as const, message: 'Must be a date YYYY-MM-DD.' });
      if (issues.length > 0)
        throw new AppError('invalid_input', issues.map((i) => `--${i.path[0]}: ${i.message}`).join(' '), { reason: 'validation', issues });
      const found = await deps.withRuntime(async (rt) => {
        const index = createPatentIndexStore(rt.database.db);
        const corpus = await index.findCorpus(opts.corpus, null);
        if (!corpus)
          throw new AppError('not_found', `There is no corpus "${opts.corpus}": import into it first (kpo ip import FILE --corpus NAME).`, {
            reason: 'corpus_not_found',
          });
        return searchPatents(index, corpus.id, query, { filters: { publishedBefore: opts.before, classification: opts.cpc }, limit });
      });
      if (!found.ok)
        throw new AppError('invalid_input', found.issues.map((i) => i.message).join(' '), {
          reason: 'invalid_query',
          issues: found.issues.map((i) =>
            i.code === 'bad_classification'
              ? { path: ['cpc'], code: i.code, message: i.message }
              : { path: ['query'], code: i.code, message: `${i.message} (at character ${i.at + 1})` },
          ),
        });
      const results = found.hits.map((h) => ({ number: h.number, score: h.score, title: h.title, publicationDate: h.publicationDate }));
      deps.print(
        !!opts.json,
        { total: found.total, terms: found.terms, results },
        found.hits.length === 0
          ? 'No patent matches.'
          : [
              `${found.total} patent${found.total === 1 ? '' : 's'} match; the best ${found.hits.length}:`,
              ...found.hits.map(
                (h, i) =>
                  `${String(i + 1).padStart(4)}. ${h.number.padEnd(16)} ${h.score.toFixed(2).padStart(7)}  ${h.publicationDate}  ${h.title}`,
              ),
            ].join('\n'),
      );
    });

  ip.command('similar')
    .description('"more like this": the patents closest to a claim or an invention description (its most distinctive words, weighted)')
    .requiredOption('--text <file>', 'a text file holding the claim or the description')
    .option('--corpus <name>', 'the corpus to search', DEFAULT_CORPUS)
    .option('--before <date>', 'only patents published before this date (YYYY-MM-DD): a prior-art cut-off')
    .option('--limit <n>', 'how many results (1–1000)', '20')
    .option('--json', 'machine-readable output: ranked `results` with number, score, title, and the `terms` used')
    .action(async (opts: { text: string; corpus: string; before?: string; limit: string; json?: boolean }) => {
      const issues: Issue[] = [];
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        issues.push({ path: ['limit'], code: 'invalid_value', message: 'Must be a whole number from 1 to 1000.' });
      if (opts.before !== undefined && !isoDateSchema.safeParse(opts.before).success)
        issues.push({ path: ['before'], code: 'invalid_format', message: 'Must be a date YYYY-MM-DD.' });
      if (issues.length > 0) refuse(issues);
      const text = readText(opts.text, 'text');
      const found = await deps.withRuntime(async (rt) => {
        const index = createPatentIndexStore(rt.database.db);
        const corpus = await requireCorpus(index, opts.corpus);
        return similarPatents(index, corpus.id, text, { filters: { publishedBefore: opts.before }, limit });
      });
      if (!found.ok)
        throw new AppError('invalid_input', found.issues.map((i) => i.message).join(' '), {
          reason: 'invalid_query',
          issues: found.issues.map((i) => ({ path: ['text'], code: i.code, message: i.message })),
        });
      const results = found.hits.map((h) => ({ number: h.number, score: h.score, title: h.title, publicationDate: h.publicationDate }));
      deps.print(
        !!opts.json,
        { total: found.total, terms: found.terms, results },
        found.hits.length === 0
          ? 'No patent shares a distinctive word with the text.'
          : [
              `Searched with ${found.terms.length} words: ${found.terms
                .slice(0, 12)
                .map((t) => t.term)
                .join(', ')}${found.terms.length > 12 ? ', …' : ''}`,
              ...found.hits.map(
                (h, i) =>
                  `${String(i + 1).padStart(4)}. ${h.number.padEnd(16)} ${h.score.toFixed(2).padStart(7)}  ${h.publicationDate}  ${h.title}`,
              ),
            ].join('\n'),
      );
    });

  ip.command('chart <claim-file>')
    .description(
      'a claim chart: the claim in the file cut into elements (A, B, C…) against corpus documents, with a suggested judgement and the best passage per cell',
    )
    .requiredOption('--against <numbers...>', 'the documents to chart against (publication numbers in the corpus)')
    .option('--corpus <name>', 'the corpus holding the documents', DEFAULT_CORPUS)
    .option('--json', 'machine-readable output: the whole chart (elements, documents, cells with suggestion and passages)')
    .action(async (claimFile: string, opts: { against: string[]; corpus: string; json?: boolean }) => {
      const text = readText(claimFile, 'claim-file');
      const numbers = opts.against.map((raw) => ({ raw, number: normalizePublicationNumber(raw) }));
      const bad = numbers.filter((n) => n.number === null);
      if (bad.length > 0)
        refuse(
          bad.map((b) => ({
            path: ['against'],
            code: 'invalid_format',
            message: `"${b.raw}" is not a publication number such as US8926509B2.`,
          })),
        );
      const wanted = [...new Set(numbers.map((n) => n.number as string))];
      const documents = await deps.withRuntime(async (rt) => {
        const index = createPatentIndexStore(rt.database.db);
        const corpus = await requireCorpus(index, opts.corpus);
        const rows = await rt.database.db
          .selectFrom('patents')
          .select(['number', 'record'])
          .where('corpus_id', '=', corpus.id)
          .where('number', 'in', wanted)
          .execute();
        return new Map(
          rows.map((r) => [r.number, patentRecordSchema.parse(typeof r.record === 'string' ? JSON.parse(r.record) : r.record)]),
        );
      });
      const missing = wanted.filter((n) => !documents.has(n));
      if (missing.length > 0)
        throw new AppError('not_found', `Not in the corpus "${opts.corpus}": ${missing.join(', ')}.`, {
          reason: 'patent_not_found',
          issues: missing.map((n) => ({ path: ['against'], code: 'invalid_value', message: `${n} is not in the corpus.` })),
        });
      const built = buildClaimChart(
        { text },
        wanted.map((n) => documents.get(n) as PatentRecord),
      );
      if (!built.ok)
        throw new AppError('invalid_input', built.issues.map((i) => i.message).join(' '), {
          reason: 'validation',
          issues: built.issues.map((i) => ({ path: ['claim-file'], code: i.code, message: i.message })),
        });
      deps.print(!!opts.json, built.chart, chartTable(built.chart));
    });
}

/** The chart as a terminal table: ASCII columns per document first, the element's text last (wide characters cannot shift a column). */
function chartTable(chart: ClaimChart): string {
  const where = (p: ChartPassage | undefined) =>
    !p ? '' : p.kind === 'paragraph' ? `¶${p.ref}` : p.kind === 'claim' ? `claim ${p.ref}` : 'abstract';
  const cellText = (element: string, document: string) => {
    const cell = chart.cells.find((c) => c.element === element && c.document === document);
    return cell ? `${cell.suggestion.judgement} ${where(cell.suggestion.passages[0])}`.trim() : '';
  };
  const width = Math.max(...chart.documents.map((d) => d.number.length), ...chart.cells.map((c) => cellText(c.element, c.document).length));
  const labelWidth = Math.max(7, ...chart.elements.map((e) => e.label.length));
  const clip = (s: string, n: number) => {
    const chars = [...s.replace(/\s+/g, ' ')];
    return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
  };
  return [
    `Claim (${chart.claim.independent ? 'independent' : 'dependent'}): ${clip(chart.claim.text, 100)}`,
    `${'Element'.padEnd(labelWidth)}  ${chart.documents.map((d) => d.number.padEnd(width)).join('  ')}  Text`,
    ...chart.elements.map(
      (e) =>
        `${e.label.padEnd(labelWidth)}  ${chart.documents.map((d) => cellText(e.label, d.number).padEnd(width)).join('  ')}  ${clip(e.text, 60)}`,
    ),
    'Suggested by word overlap; the analyst decides (disclosed / partly / not).',
  ].join('\n');
}

function refuse(issues: Issue[]): never {
  throw new AppError('invalid_input', issues.map((i) => `--${i.path[0]}: ${i.message}`).join(' '), { reason: 'validation', issues });
}

function readText(file: string, option: string): string {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new AppError('invalid_input', `Not a file: ${file}`, {
      reason: 'file_unreadable',
      issues: [{ path: [option], code: 'invalid_value', message: `Not a file: ${file}` }],
    });
  return readFileSync(file, 'utf8');
}

async function requireCorpus(index: ReturnType<typeof createPatentIndexStore>, name: string) {
  const corpus = await index.findCorpus(name, null);
  if (!corpus)
    throw new AppError('not_found', `There is no corpus "${name}": import into it first (kpo ip import FILE --corpus NAME).`, {
      reason: 'corpus_not_found',
    });
  return corpus;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
