import { normalizePublicationNumber, type PatentRecord } from '../../../shared/contracts/patents.js';
import type {
  AddSearchStepRequest,
  CreateCorpusRequest,
  CreateSavedSearchRequest,
  ImportQuery,
  PatentCorpusView,
  PatentDocument,
  PatentHit,
  PatentImportResult,
  PatentSearchRequest,
  PatentSearchResult,
  SavedSearchStep,
  SavedSearchStepInput,
  SavedSearchSummary,
  SavedSearchView,
  SaveSearchVersionRequest,
} from '../../../shared/contracts/patents-api.js';
import { AppError, type Issue } from '../../../shared/errors.js';
import { type RequestContext, requireUserId } from '../../access/actor.js';
import {
  type Access,
  auditEngagement,
  type EngagementDeps,
  engagementFor,
  people,
  personOr,
  requireVersion,
} from '../../engagements/context.js';
import type { Repos } from '../../store.js';
import { splitElements } from './claims.js';
import { type HighlightSource, highlight } from './highlight.js';
import { parseQuery } from './query.js';
import { classificationFilterKey, type PreparedPatent, preparePatent, type SearchHit, searchPatents } from './search.js';
import type { PatentCorpusRecord, PatentReadItem, ReadPatentFile, SavedSearchRecord, SavedSearchVersionRecord } from './store.js';

export interface PatentServiceDeps extends EngagementDeps {
  readPatentFile: ReadPatentFile;
  /** The largest file one import takes (bytes). */
  maxImportBytes: number;
  /** A content fingerprint (SHA-256 hex) of a validated record, as the CLI's import computes it. */
  fingerprint(record: PatentRecord): string;
}

/** Patents analysed and written per batch: memory stays flat however long the file. */
const BATCH = 250;
/** Refusals listed in an import's answer (all are counted). */
const MAX_REFUSALS_LISTED = 1000;

const corpusNotFound = () =>
  new AppError('not_found', 'There is no such patent corpus on this engagement.', { reason: 'patent_corpus_not_found' });
const searchNotFound = () =>
  new AppError('not_found', 'There is no such saved search on this engagement.', { reason: 'saved_search_not_found' });
const userIdOf = (ctx: RequestContext) => requireUserId(ctx, 'Patent corpora and searches are changed');

const viewOf = (c: PatentCorpusRecord): PatentCorpusView => ({
  id: c.id,
  name: c.name,
  scope: c.engagementId === null ? 'platform' : 'engagement',
  documents: c.documents,
});

type Formula = Pick<SavedSearchStepInput, 'query' | 'corpusId' | 'publishedBefore' | 'classification'>;

/** Every problem of a formula, with paths under `at`: the query's parse issues and malformed classification codes. */
function formulaIssues(f: Formula, at: (string | number)[]): Issue[] {
  const issues: Issue[] = [];
  const parsed = parseQuery(f.query);
  if (!parsed.ok)
    for (const i of parsed.issues)
      issues.push({ path: [...at, 'query'], code: i.code, message: `${i.message} (at character ${i.at + 1})`, params: { at: i.at + 1 } });
  (f.classification ?? []).forEach((code, n) => {
    if (classificationFilterKey(code) === null)
      issues.push({
        path: [...at, 'classification', n],
        code: 'bad_classification',
        message: `"${code}" is not a CPC or IPC code such as A61B 5/02 or A61B.`,
      });
  });
  return issues;
}

const invalidFormula = (issues: Issue[]) =>
  new AppError('invalid_input', 'The search formula cannot be read.', { reason: 'patent_query_invalid', issues });

/** A byte stream that stops with 413 past `max` bytes (the transaction it runs in then writes nothing). */
async function* limited(chunks: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > max)
      throw new AppError('payload_too_large', `A patent file may have at most ${max} bytes.`, {
        reason: 'body_too_large',
        params: { max },
      });
    yield chunk;
  }
}

/**
 * The patent-research workbench of an engagement: its corpora (and the platform's, read-only),
 * imports, search with highlighted passages, the document view, and saved searches whose steps
 * and counts a search report cites. The provider's team writes while the work is being built;
 * everyone on the engagement reads.
 */
export function patentService(deps: PatentServiceDeps) {
  const { store, clock, random } = deps;

  /** A corpus the engagement may read: its own or the platform's. */
  async function visibleCorpus(tx: Repos, access: Access, corpusId: string): Promise<PatentCorpusRecord> {
    const corpus = await tx.patents.corpus(corpusId);
    if (!corpus || (corpus.engagementId !== null && corpus.engagementId !== access.engagement.id)) throw corpusNotFound();
    return corpus;
  }

  async function targets(tx: Repos, access: Access, corpusId: string | undefined): Promise<PatentCorpusRecord[]> {
    return corpusId ? [await visibleCorpus(tx, access, corpusId)] : tx.patents.corporaFor(access.engagement.id);
  }

  /** Runs a formula on its corpora, merged by score: the top `depth` hits and the total. */
  async function run(
    tx: Repos,
    access: Access,
    f: Formula,
    depth: number,
  ): Promise<{ total: number; hits: (SearchHit & { corpusId: string })[]; terms: string[]; documents: number }> {
    const issues = formulaIssues(f, []);
    if (issues.length > 0) throw invalidFormula(issues);
    const corpora = await targets(tx, access, f.corpusId);
    const filters = { publishedBefore: f.publishedBefore, classification: f.classification };
    let total = 0;
    let terms: string[] = [];
    const hits: (SearchHit & { corpusId: string })[] = [];
    for (const corpus of corpora) {
      const found = await searchPatents(tx.patents.index, corpus.id, f.query, { filters, limit: depth });
      if (!found.ok) throw invalidFormula(formulaIssues(f, []));
      total += found.total;
      terms = found.terms;
      for (const h of found.hits) hits.push({ ...h, corpusId: corpus.id });
    }
    if (corpora.length === 0) {
      const parsed = parseQuery(f.query);
      terms = parsed.ok ? parsed.terms : [];
    }
    hits.sort((a, b) => b.score - a.score || a.number.localeCompare(b.number) || a.corpusId.localeCompare(b.corpusId));
    return { total, hits, terms, documents: corpora.reduce((s, c) => s + c.documents, 0) };
  }

  async function withSnippets(tx: Repos, hits: readonly (SearchHit & { corpusId: string })[], terms: string[]): Promise<PatentHit[]> {
    const byCorpus = new Map<string, string[]>();
    for (const h of hits) byCorpus.set(h.corpusId, [...(byCorpus.get(h.corpusId) ?? []), h.number]);
    const records = new Map<string, PatentRecord>();
    for (const [corpusId, numbers] of byCorpus)
      for (const [number, record] of await tx.patents.records(corpusId, numbers)) records.set(`${corpusId}/${number}`, record);
    return hits.map((h) => {
      const record = records.get(`${h.corpusId}/${h.number}`);
      return {
        corpusId: h.corpusId,
        number: h.number,
        title: h.title,
        score: h.score,
        publicationDate: h.publicationDate,
        priorityDate: h.priorityDate,
        language: h.language,
        snippets: record ? highlight(sourcesOf(record), terms) : [],
      };
    });
  }

  async function computeSteps(
    tx: Repos,
    access: Access,
    inputs: readonly SavedSearchStepInput[],
    first: number,
  ): Promise<SavedSearchStep[]> {
    const issues = inputs.flatMap((s, i) => formulaIssues(s, ['steps', i]));
    if (issues.length > 0) throw invalidFormula(issues);
    const out: SavedSearchStep[] = [];
    for (const [i, s] of inputs.entries()) {
      const counted = await run(tx, access, s, 1);
      out.push({
        label: `S${first + i}`,
        query: s.query,
        corpusId: s.corpusId ?? null,
        publishedBefore: s.publishedBefore ?? null,
        classification: s.classification ?? [],
        hits: counted.total,
        corpusDocuments: counted.documents,
      });
    }
    return out;
  }

  async function savedView(tx: Repos, search: SavedSearchRecord, version: SavedSearchVersionRecord): Promise<SavedSearchView> {
    const who = await people(tx, [version.savedBy]);
    return {
      id: search.id,
      engagementId: search.engagementId,
      title: search.title,
      latestVersion: search.latestVersion,
      version: version.version,
      note: version.note,
      savedBy: personOr(who, version.savedBy),
      savedAt: version.savedAt,
      steps: version.steps,
      createdAt: search.createdAt,
    };
  }

  async function loadSearch(tx: Repos, access: Access, searchId: string, lock = false): Promise<SavedSearchRecord> {
    const search = await tx.patents.savedSearch(searchId, lock);
    if (!search || search.engagementId !== access.engagement.id) throw searchNotFound();
    return search;
  }

  async function saveVersion(
    ctx: RequestContext,
    engagementId: string,
    searchId: string,
    baseVersion: number,
    note: string | undefined,
    nextSteps: (tx: Repos, access: Access, previous: SavedSearchStep[]) => Promise<SavedSearchStep[]>,
  ): Promise<SavedSearchView> {
    const userId = userIdOf(ctx);
    return store.transaction(async (tx) => {
      const access = await engagementFor(tx, ctx, engagementId, 'patent.write', true);
      const search = await loadSearch(tx, access, searchId, true);
      requireVersion(search.latestVersion, baseVersion, 'saved search');
      const previous = await tx.patents.savedSearchVersion(search.id, search.latestVersion);
      const steps = await nextSteps(tx, access, previous?.steps ?? []);
      const at = clock.now().toISOString();
      const version: SavedSearchVersionRecord = {
        searchId: search.id,
        version: search.latestVersion + 1,
        steps,
        note: note ?? null,
        savedBy: userId,
        savedAt: at,
      };
      await tx.patents.insertSavedSearchVersion(version);
      await tx.patents.setLatestVersion(search.id, version.version, at);
      await auditEngagement(deps, tx, ctx, access.engagement, {
        type: 'patent.search_saved',
        resource: { type: 'patent_saved_search', id: search.id },
        data: { title: search.title, version: version.version, steps: steps.length },
      });
      return savedView(tx, { ...search, latestVersion: version.version, updatedAt: at }, version);
    });
  }

  return {
    async listCorpora(ctx: RequestContext, engagementId: string): Promise<PatentCorpusView[]> {
      const access = await engagementFor(store.read, ctx, engagementId, 'patent.read');
      return (await store.read.patents.corporaFor(access.engagement.id)).map(viewOf);
    },

    /** The engagement's corpus of that name (case aside), made when missing: creating twice is harmless. */
    async createCorpus(ctx: RequestContext, engagementId: string, body: CreateCorpusRequest): Promise<PatentCorpusView> {
      const userId = userIdOf(ctx);
      const name = body.name.trim();
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'patent.write', true);
        const existing = await tx.patents.findCorpus(name, access.engagement.id);
        if (existing) return viewOf(existing);
        const id = random.uuid();
        await tx.patents.insertCorpus({ id, name, engagementId: access.engagement.id, createdBy: userId, at: clock.now().toISOString() });
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'patent.corpus_created',
          resource: { type: 'patent_corpus', id },
          data: { name },
        });
        return viewOf({ id, name, engagementId: access.engagement.id, documents: 0 });
      });
    },

    /**
     * Imports one uploaded file into an engagement corpus as it streams in, in one transaction with
     * its audit event: a file past the size limit writes nothing. Refused records are listed and never
     * stop the rest; importing the same file again changes nothing (every record is `unchanged`).
     */
    async importFile(
      ctx: RequestContext,
      engagementId: string,
      corpusId: string,
      query: ImportQuery,
      chunks: AsyncIterable<Uint8Array>,
    ): Promise<PatentImportResult> {
      userIdOf(ctx);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'patent.write', true);
        const corpus = await visibleCorpus(tx, access, corpusId);
        if (corpus.engagementId === null)
          throw new AppError('forbidden', "The platform's corpora are imported by the platform administrator only.", {
            reason: 'platform_corpus_read_only',
          });
        const totals = { added: 0, replaced: 0, unchanged: 0 };
        const refusals: PatentImportResult['refusals'] = [];
        let rejected = 0;
        let batch: PreparedPatent[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          const counts = await tx.patents.importBatch(corpus.id, batch, clock.now().toISOString());
          batch = [];
          totals.added += counts.added;
          totals.replaced += counts.replaced;
          totals.unchanged += counts.unchanged;
        };
        const items: AsyncIterable<PatentReadItem> = deps.readPatentFile(limited(chunks, deps.maxImportBytes), {
          format: query.format,
          source: query.filename,
        });
        for await (const item of items) {
          if (!item.ok) {
            rejected++;
            if (refusals.length < MAX_REFUSALS_LISTED)
              refusals.push({
                reason: item.reason,
                message: item.message,
                number: item.number ?? null,
                line: item.position.line ?? null,
                document: item.position.document ?? null,
              });
          } else if (item.duplicate) totals.unchanged++;
          else {
            batch.push(preparePatent(item.record, deps.fingerprint(item.record)));
            if (batch.length >= BATCH) await flush();
          }
        }
        await flush();
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'patent.imported',
          resource: { type: 'patent_corpus', id: corpus.id },
          data: { corpus: corpus.name, files: 1, ...totals, rejected },
        });
        const after = (await tx.patents.corpus(corpus.id)) ?? corpus;
        return {
          corpus: viewOf(after),
          imported: totals.added,
          replaced: totals.replaced,
          unchanged: totals.unchanged,
          rejected,
          refusals,
        };
      });
    },

    async search(ctx: RequestContext, engagementId: string, body: PatentSearchRequest): Promise<PatentSearchResult> {
      const access = await engagementFor(store.read, ctx, engagementId, 'patent.read');
      const limit = body.limit ?? 20;
      const offset = body.offset ?? 0;
      const found = await run(store.read, access, body, offset + limit);
      const page = found.hits.slice(offset, offset + limit);
      return { total: found.total, hits: await withSnippets(store.read, page, found.terms), terms: found.terms };
    },

    async getPatent(ctx: RequestContext, engagementId: string, corpusId: string, rawNumber: string): Promise<PatentDocument> {
      const access = await engagementFor(store.read, ctx, engagementId, 'patent.read');
      const corpus = await visibleCorpus(store.read, access, corpusId);
      const number = normalizePublicationNumber(rawNumber) ?? rawNumber;
      const record = (await store.read.patents.records(corpus.id, [number])).get(number);
      if (!record) throw new AppError('not_found', `There is no patent ${number} in this corpus.`, { reason: 'patent_not_found' });
      return documentOf(corpus.id, record);
    },

    async listSavedSearches(ctx: RequestContext, engagementId: string): Promise<SavedSearchSummary[]> {
      const access = await engagementFor(store.read, ctx, engagementId, 'patent.read');
      return (await store.read.patents.savedSearches(access.engagement.id)).map((s) => ({
        id: s.id,
        engagementId: s.engagementId,
        title: s.title,
        latestVersion: s.latestVersion,
        steps: s.steps,
        updatedAt: s.updatedAt,
      }));
    },

    async getSavedSearch(ctx: RequestContext, engagementId: string, searchId: string, version?: number): Promise<SavedSearchView> {
      const access = await engagementFor(store.read, ctx, engagementId, 'patent.read');
      const search = await loadSearch(store.read, access, searchId);
      const v = await store.read.patents.savedSearchVersion(search.id, version ?? search.latestVersion);
      if (!v) throw new AppError('not_found', `There is no version ${version}.`, { reason: 'version_not_found' });
      return savedView(store.read, search, v);
    },

    /** A saved search, version 1: every step run by the server and its hits counted now. */
    async createSavedSearch(ctx: RequestContext, engagementId: string, body: CreateSavedSearchRequest): Promise<SavedSearchView> {
      const userId = userIdOf(ctx);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'patent.write', true);
        const steps = await computeSteps(tx, access, body.steps, 1);
        const at = clock.now().toISOString();
        const search: SavedSearchRecord = {
          id: random.uuid(),
          engagementId: access.engagement.id,
          title: body.title.trim(),
          latestVersion: 1,
          createdBy: userId,
          createdAt: at,
          updatedAt: at,
        };
        const version: SavedSearchVersionRecord = {
          searchId: search.id,
          version: 1,
          steps,
          note: body.note ?? null,
          savedBy: userId,
          savedAt: at,
        };
        await tx.patents.insertSavedSearch(search);
        await tx.patents.insertSavedSearchVersion(version);
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'patent.search_saved',
          resource: { type: 'patent_saved_search', id: search.id },
          data: { title: search.title, version: 1, steps: steps.length },
        });
        return savedView(tx, search, version);
      });
    },

    /** A new version with these steps, all counted again now. */
    saveSearchVersion(ctx: RequestContext, engagementId: string, searchId: string, body: SaveSearchVersionRequest) {
      return saveVersion(ctx, engagementId, searchId, body.baseVersion, body.note, (tx, access) => computeSteps(tx, access, body.steps, 1));
    },

    /** A new version with one more step at the end; the earlier steps keep the counts they were saved with. */
    addSearchStep(ctx: RequestContext, engagementId: string, searchId: string, body: AddSearchStepRequest) {
      return saveVersion(ctx, engagementId, searchId, body.baseVersion, body.note, async (tx, access, previous) => {
        const next = await computeSteps(tx, access, [body.step], previous.length + 1).catch((e: unknown) => {
          // The new step's problems are reported where the request put them.
          if (e instanceof AppError && e.issues)
            throw new AppError(e.code, e.message, {
              ...(e.reason && { reason: e.reason }),
              issues: e.issues.map((i) => ({ ...i, path: ['step', ...i.path.slice(2)] })),
            });
          throw e;
        });
        return [...previous, ...next];
      });
    },
  };
}

/** The texts a hit's snippets are cut from, in reading order. */
function sourcesOf(record: PatentRecord): HighlightSource[] {
  return [
    { field: 'title', ref: null, text: record.title },
    { field: 'abstract', ref: null, text: record.abstract },
    ...record.claims.map((c) => ({ field: 'claims' as const, ref: String(c.number), text: c.text })),
    ...record.description.map((p) => ({ field: 'description' as const, ref: p.id, text: p.text })),
  ];
}

function documentOf(corpusId: string, r: PatentRecord): PatentDocument {
  return {
    corpusId,
    number: r.number,
    country: r.country,
    kind: r.kind,
    language: r.language,
    title: r.title,
    abstract: r.abstract,
    claims: r.claims.map((c) => ({
      number: c.number,
      text: c.text,
      dependsOn: c.dependsOn,
      independent: c.dependsOn.length === 0,
      elements: splitElements(c.text, r.language).map((e) => ({ label: e.label, text: e.text, start: e.start, end: e.end })),
    })),
    paragraphs: r.description.map((p, i) => ({ id: p.id, text: p.text, index: i + 1 })),
    classifications: { cpc: r.cpc, ipc: r.ipc, fi: r.fi ?? [], fterms: r.fterms ?? [], uspc: r.uspc ?? [] },
    dates: {
      priority: r.priorityDate ?? null,
      filing: r.filingDate ?? null,
      publication: r.publicationDate,
      grant: r.grantDate ?? null,
    },
    assignees: r.assignees,
    inventors: r.inventors,
    legalStatus: { status: r.legalStatus ?? 'unknown', expectedExpiry: r.expectedExpiry ?? null },
    citations: r.citations.map((c) => ({
      number: c.number ?? null,
      category: c.category ?? null,
      text: c.text ?? null,
      date: c.date ?? null,
    })),
  };
}
