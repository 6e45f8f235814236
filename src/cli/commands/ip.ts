import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { type PreparedPatent, preparePatent, searchPatents } from '../../core/workbenches/patent-search/search.js';
import { DuplicateTracker, importPatentFile, type PatentImportItem } from '../../infra/patents/index.js';
import { createPatentIndexStore } from '../../infra/patents/index-store.js';
import type { Runtime } from '../../runtime.js';
import { isoDateSchema } from '../../shared/contracts/engagements.js';
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
        const flush = async () => {
          if (batch.length === 0) return;
          const written = batch;
          batch = [];
          const counts = await rt.database.db.transaction().execute((tx) => index.importBatch(tx, corpus.id, written, rt.clock.now()));
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
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
