import { normalizePublicationNumber, type PatentRecord } from '../../../shared/contracts/patents.js';
import type {
  AddSearchStepRequest,
  CreateCorpusRequest,
  CreateSavedSearchRequest,
  ImportQuery,
  PatentChartRequest,
  PatentChartResult,
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
  engagementToRead,
  people,
  personOr,
  requireVersion,
} from '../../engagements/context.js';
import type { Repos } from '../../store.js';
import { buildClaimChart } from './chart.js';
import { splitElements } from './claims.js';
import { combineHits, type HitSets, hitCount, isStepCombination, parseStepCombination, type StepExpression } from './combine.js';
import { countFacets, FACET_BASIS, type FacetRow, type Facets } from './facets.js';
import { type HighlightSource, highlight } from './highlight.js';
import { parseQuery } from './query.js';
import { classificationFilterKey, matchingDocuments, type PreparedPatent, preparePatent, type SearchHit, searchPatents } from './search.js';
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

type Formula = Pick<
  SavedSearchStepInput,
  'query' | 'corpusId' | 'publishedBefore' | 'classification' | 'years' | 'assignees' | 'legalStatuses'
>;

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
    facets = false,
  ): Promise<{ total: number; hits: (SearchHit & { corpusId: string })[]; terms: string[]; documents: number; facets?: Facets }> {
    const issues = formulaIssues(f, []);
    if (issues.length > 0) throw invalidFormula(issues);
    const corpora = await targets(tx, access, f.corpusId);
    const filters = {
      publishedBefore: f.publishedBefore,
      classification: f.classification,
      years: f.years,
      assignees: f.assignees,
      legalStatuses: f.legalStatuses,
    };
    let total = 0;
    let terms: string[] = [];
    const hits: (SearchHit & { corpusId: string })[] = [];
    const facetRows: FacetRow[] = [];
    const totals = new Map<string, number>();
    for (const corpus of corpora) {
      const found = await searchPatents(tx.patents.index, corpus.id, f.query, {
        filters,
        limit: depth,
        ...(facets && { facetDepth: FACET_BASIS }),
      });
      if (!found.ok) throw invalidFormula(formulaIssues(f, []));
      total += found.total;
      terms = found.terms;
      totals.set(corpus.id, found.total);
      for (const h of found.hits) hits.push({ ...h, corpusId: corpus.id });
      if (found.facetDocs) facetRows.push(...(await tx.patents.index.facetRows(corpus.id, found.facetDocs)));
    }
    if (corpora.length === 0) {
      const parsed = parseQuery(f.query);
      terms = parsed.ok ? parsed.terms : [];
    }
    hits.sort((a, b) => b.score - a.score || a.number.localeCompare(b.number) || a.corpusId.localeCompare(b.corpusId));
    return {
      total,
      hits,
      terms,
      documents: corpora.reduce((s, c) => s + c.documents, 0),
      ...(facets && { facets: countFacets(facetRows, totals) }),
    };
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

  /**
   * The steps as saved: each search run and its hits counted now, each combination of earlier steps
   * (S1 AND S2) counted on the hit sets of the steps it names. `previous` are the steps already saved
   * (kept as they are); the new ones are numbered after them.
   */
  async function computeSteps(
    tx: Repos,
    access: Access,
    inputs: readonly SavedSearchStepInput[],
    previous: readonly SavedSearchStep[],
  ): Promise<SavedSearchStep[]> {
    const first = previous.length + 1;
    const issues: Issue[] = [];
    type Definition = { step: Formula; expression: StepExpression | null; combines: string[] };
    const defs = new Map<string, Definition>();
    const labels: string[] = [];
    const define = (label: string, step: Formula, at: (string | number)[] | null) => {
      if (isStepCombination(step.query)) {
        const parsed = parseStepCombination(step.query, labels, label);
        if (!parsed.ok) {
          if (at)
            for (const i of parsed.issues)
              issues.push({
                path: [...at, 'query'],
                code: i.code,
                message: `${i.message} (at character ${i.at + 1})`,
                params: { at: i.at + 1 },
              });
          defs.set(label, { step, expression: null, combines: [] });
        } else defs.set(label, { step, expression: parsed.expression, combines: parsed.steps });
        if (at)
          for (const field of ['corpusId', 'publishedBefore', 'classification', 'years', 'assignees', 'legalStatuses'] as const)
            if (step[field] !== undefined && step[field] !== null)
              issues.push({
                path: [...at, field],
                code: 'invalid_value',
                message: 'A step that combines other steps takes no corpus or filter of its own.',
              });
      } else {
        if (at) issues.push(...formulaIssues(step, at));
        defs.set(label, { step, expression: null, combines: [] });
      }
      labels.push(label);
    };
    for (const s of previous)
      define(
        s.label,
        {
          query: s.query,
          ...(s.corpusId && { corpusId: s.corpusId }),
          ...(s.publishedBefore && { publishedBefore: s.publishedBefore }),
          classification: s.classification,
          years: s.years,
          assignees: s.assignees,
          legalStatuses: s.legalStatuses,
        },
        null,
      );
    for (const [i, s] of inputs.entries()) define(`S${first + i}`, s, ['steps', i]);
    if (issues.length > 0) throw invalidFormula(issues);

    const sets = new Map<string, { hits: HitSets; corpora: Map<string, number> }>();
    const resolve = async (label: string): Promise<{ hits: HitSets; corpora: Map<string, number> }> => {
      const known = sets.get(label);
      if (known) return known;
      const def = defs.get(label);
      let out: { hits: HitSets; corpora: Map<string, number> } = { hits: new Map(), corpora: new Map() };
      if (def?.expression) {
        const corpora = new Map<string, number>();
        for (const l of def.combines) for (const [id, n] of (await resolve(l)).corpora) corpora.set(id, n);
        out = { hits: combineHits(def.expression, (l) => sets.get(l)?.hits ?? new Map()), corpora };
      } else if (def) {
        const hits = new Map<string, Uint32Array>();
        const corpora = new Map<string, number>();
        for (const corpus of await targets(tx, access, def.step.corpusId)) {
          corpora.set(corpus.id, corpus.documents);
          const docs = await matchingDocuments(tx.patents.index, corpus.id, def.step.query, {
            publishedBefore: def.step.publishedBefore,
            classification: def.step.classification,
            years: def.step.years,
            assignees: def.step.assignees,
            legalStatuses: def.step.legalStatuses,
          });
          if (docs && docs.length > 0) hits.set(corpus.id, docs);
        }
        out = { hits, corpora };
      }
      sets.set(label, out);
      return out;
    };

    const out: SavedSearchStep[] = [];
    for (const [i, s] of inputs.entries()) {
      const label = `S${first + i}`;
      const def = defs.get(label);
      if (def?.expression) {
        const combined = await resolve(label);
        out.push({
          label,
          query: s.query.trim(),
          corpusId: null,
          publishedBefore: null,
          classification: [],
          years: [],
          assignees: [],
          legalStatuses: [],
          hits: hitCount(combined.hits),
          corpusDocuments: [...combined.corpora.values()].reduce((a, b) => a + b, 0),
          combines: def.combines,
        });
        continue;
      }
      const counted = await run(tx, access, s, 1);
      out.push({
        label,
        query: s.query,
        corpusId: s.corpusId ?? null,
        publishedBefore: s.publishedBefore ?? null,
        classification: s.classification ?? [],
        years: s.years ?? [],
        assignees: s.assignees ?? [],
        legalStatuses: s.legalStatuses ?? [],
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
      const access = await engagementToRead(store, ctx, engagementId, 'patent.read');
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
        let firstBlock: number | null = null;
        const flush = async () => {
          if (batch.length === 0) return;
          const counts = await tx.patents.importBatch(corpus.id, batch, clock.now().toISOString());
          firstBlock ??= counts.block;
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
        // One block per term for this file rather than one per batch: what keeps queries fast.
        if (firstBlock !== null) await tx.patents.compactBlocks(corpus.id, firstBlock);
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
      const access = await engagementToRead(store, ctx, engagementId, 'patent.read');
      const limit = body.limit ?? 20;
      const offset = body.offset ?? 0;
      const found = await run(store.read, access, body, offset + limit, body.facets === true);
      const page = found.hits.slice(offset, offset + limit);
      return {
        total: found.total,
        hits: await withSnippets(store.read, page, found.terms),
        terms: found.terms,
        ...(found.facets && { facets: found.facets }),
      };
    },

    async getPatent(ctx: RequestContext, engagementId: string, corpusId: string, rawNumber: string): Promise<PatentDocument> {
      const access = await engagementToRead(store, ctx, engagementId, 'patent.read');
      const corpus = await visibleCorpus(store.read, access, corpusId);
      const number = normalizePublicationNumber(rawNumber) ?? rawNumber.trim();
      const record = (await store.read.patents.records(corpus.id, [number])).get(number);
      if (!record) throw new AppError('not_found', `There is no patent ${number} in this corpus.`, { reason: 'patent_not_found' });
      return documentOf(corpus.id, record);
    },

    /**
     * A claim of a corpus patent charted against documents of the corpora the engagement reads (its
     * own first): elements, and per element and document a suggested judgement with its passages.
     * Nothing is stored; every document not found is listed.
     */
    async chart(ctx: RequestContext, engagementId: string, body: PatentChartRequest): Promise<PatentChartResult> {
      const access = await engagementToRead(store, ctx, engagementId, 'patent.read');
      const corpus = await visibleCorpus(store.read, access, body.corpusId);
      const number = normalizePublicationNumber(body.patent) ?? body.patent.trim();
      const target = (await store.read.patents.records(corpus.id, [number])).get(number);
      if (!target)
        throw new AppError('not_found', `There is no patent ${number} in this corpus.`, {
          reason: 'patent_not_found',
          issues: [{ path: ['patent'], code: 'not_in_corpus', message: `${number} is not in this corpus.` }],
        });
      const wanted = body.documents.map((raw) => normalizePublicationNumber(raw) ?? raw.trim());
      const found = new Map<string, { record: PatentRecord; corpusId: string }>();
      for (const c of await store.read.patents.corporaFor(access.engagement.id)) {
        const missing = [...new Set(wanted.filter((n) => !found.has(n)))];
        if (missing.length === 0) break;
        for (const [n, record] of await store.read.patents.records(c.id, missing)) found.set(n, { record, corpusId: c.id });
      }
      const issues: Issue[] = [];
      const seen = new Set<string>();
      wanted.forEach((n, i) => {
        if (!found.has(n))
          issues.push({ path: ['documents', i], code: 'not_in_corpus', message: `${n} is in no corpus of this engagement.` });
        else if (seen.has(n)) issues.push({ path: ['documents', i], code: 'each_once', message: `${n} is named twice.` });
        seen.add(n);
      });
      if (issues.length > 0)
        throw new AppError('invalid_input', 'A charted document cannot be found.', { reason: 'patent_not_found', issues });
      const documents = wanted.map((n) => (found.get(n) as { record: PatentRecord }).record);
      const built = buildClaimChart({ patent: target, claim: body.claim }, documents, body.key ? { key: body.key } : {});
      if (!built.ok)
        throw new AppError('invalid_input', built.issues.map((i) => i.message).join(' '), {
          reason: 'validation',
          issues: built.issues.map((i) => ({
            path: [i.code === 'too_many_documents' ? 'documents' : 'claim'],
            code: i.code,
            message: i.message,
          })),
        });
      return { chart: built.chart, located: wanted.map((n) => ({ number: n, corpusId: (found.get(n) as { corpusId: string }).corpusId })) };
    },

    async listSavedSearches(ctx: RequestContext, engagementId: string): Promise<SavedSearchSummary[]> {
      const access = await engagementToRead(store, ctx, engagementId, 'patent.read');
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
      const access = await engagementToRead(store, ctx, engagementId, 'patent.read');
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
        const steps = await computeSteps(tx, access, body.steps, []);
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
      return saveVersion(ctx, engagementId, searchId, body.baseVersion, body.note, (tx, access) =>
        computeSteps(tx, access, body.steps, []),
      );
    },

    /** A new version with one more step at the end; the earlier steps keep the counts they were saved with. */
    addSearchStep(ctx: RequestContext, engagementId: string, searchId: string, body: AddSearchStepRequest) {
      return saveVersion(ctx, engagementId, searchId, body.baseVersion, body.note, async (tx, access, previous) => {
        const next = await computeSteps(tx, access, [body.step], previous).catch((e: unknown) => {
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
