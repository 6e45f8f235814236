import type { PatentRecord } from '../../../shared/contracts/patents.js';
import type { JaTokenizer } from '../../documents/pii/types.js';
import { parseClassification } from './classification.js';
import { evaluate, idf, type PostingsByTerm, positionalTerms, rank } from './engine.js';
import { FACET_BASIS, type FacetRow } from './facets.js';
import { analyse, type TermPostings } from './postings.js';
import { allTerms, parseQuery, positiveTerms, type QueryIssue } from './query.js';

/**
 * Patent search over one corpus's index (docs/decisions/0009-patent-search-index.md): the query is
 * parsed, the posting lists of its terms read, the boolean part evaluated on them, filters
 * intersected, and what is left ranked by BM25. The index behind the port is the database's.
 */
export interface PatentIndexPort {
  /** How many patents the corpus holds, and the document numbers replaced since (which match nothing). */
  stats(corpusId: string): Promise<{ documents: number; removed: readonly number[] }>;
  /**
   * Each term's list merged over the corpus's blocks; positions only for the terms in `positionsOf`
   * (a phrase's or a NEAR's: positionalTerms), whose lists may decode each document's when asked.
   */
  postings(corpusId: string, terms: readonly string[], positionsOf: readonly string[]): Promise<Map<string, TermPostings>>;
  /**
   * Of these documents (ascending: what the query matched), those that pass the date and
   * classification filters, ascending; the same list when there is no such filter.
   */
  filter(corpusId: string, filters: SearchFilters, docNos: Uint32Array): Promise<Uint32Array>;
  documents(corpusId: string, docNos: readonly number[]): Promise<Map<number, PatentSummary>>;
  /** Of these documents (ascending), those that pass the facet filters (years, assignees, legal statuses), ascending. */
  refine(corpusId: string, docNos: Uint32Array, filters: FacetFilters): Promise<Uint32Array>;
  /** What the facets count of each of these documents. */
  facetRows(corpusId: string, docNos: readonly number[]): Promise<FacetRow[]>;
}

/** Filters a facet sets: any of these publication years, assignees (exactly as written) or legal statuses. */
export interface FacetFilters {
  years?: readonly number[] | undefined;
  assignees?: readonly string[] | undefined;
  legalStatuses?: readonly string[] | undefined;
}

const hasFacetFilter = (f: FacetFilters) =>
  (f.years?.length ?? 0) > 0 || (f.assignees?.length ?? 0) > 0 || (f.legalStatuses?.length ?? 0) > 0;

export interface SearchFilters extends FacetFilters {
  /** Published strictly before this date (YYYY-MM-DD): the prior-art cut-off. */
  publishedBefore?: string | undefined;
  /** Any of these classification codes, at any level (A61, A61B, A61B 5/00, A61B 5/02). */
  classification?: readonly string[] | undefined;
}

export interface PatentSummary {
  readonly docNo: number;
  readonly number: string;
  readonly title: string;
  readonly publicationDate: string;
  readonly priorityDate: string | null;
  readonly language: string;
}

export interface SearchHit extends PatentSummary {
  readonly score: number;
}

export type SearchResult =
  | { ok: true; total: number; hits: SearchHit[]; terms: string[]; facetDocs?: number[] }
  | { ok: false; issues: (QueryIssue | { code: 'bad_classification'; at: number; message: string; value: string })[] };

/** Every level a classification code is filtered by: A61B 5/02 → A, A61, A61B, A61B 5/00, A61B 5/02. */
export function classificationKeys(codes: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const raw of codes) {
    const parsed = parseClassification(raw);
    if (!parsed.ok) continue;
    const c = parsed.value;
    keys.add(c.section);
    if (c.class !== undefined) keys.add(`${c.section}${c.class}`);
    if (c.subclass !== undefined) keys.add(`${c.section}${c.class}${c.subclass}`);
    if (c.mainGroup !== undefined) keys.add(`${c.section}${c.class}${c.subclass} ${c.mainGroup}/00`);
    keys.add(c.code);
  }
  return [...keys].sort();
}

/** The key a classification filter looks up: the code in its canonical spelling, at its own level; null when malformed. */
export function classificationFilterKey(raw: string): string | null {
  const parsed = parseClassification(raw);
  return parsed.ok ? parsed.value.code : null;
}

export async function searchPatents(
  index: PatentIndexPort,
  corpusId: string,
  query: string,
  options: { filters?: SearchFilters; limit?: number; japanese?: JaTokenizer; facetDepth?: number } = {},
): Promise<SearchResult> {
  const parsed = parseQuery(query, options.japanese);
  if (!parsed.ok) return parsed;
  const badCodes = (options.filters?.classification ?? []).filter((c) => classificationFilterKey(c) === null);
  if (badCodes.length > 0)
    return {
      ok: false,
      issues: badCodes.map((value) => ({
        code: 'bad_classification' as const,
        at: 0,
        value,
        message: `"${value}" is not a CPC or IPC code such as A61B 5/02 or A61B.`,
      })),
    };
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 1000);
  const ranking = positiveTerms(parsed.node);
  const [stats, lists] = await Promise.all([
    index.stats(corpusId),
    index.postings(corpusId, [...new Set([...allTerms(parsed.node), ...ranking])], positionalTerms(parsed.node)),
  ]);
  const filters = options.filters ?? {};
  // The filters look at what the query matched only, never at the whole corpus.
  let matches = await index.filter(corpusId, filters, evaluate(parsed.node, lists as PostingsByTerm));
  if (stats.removed.length > 0) {
    const removed = new Set(stats.removed);
    matches = matches.filter((d) => !removed.has(d));
  }
  if (hasFacetFilter(filters) && matches.length > 0) matches = await index.refine(corpusId, matches, filters);
  const terms = ranking.map((term) => ({ term, idf: idf(stats.documents, lists.get(term)?.docs.length ?? 0) }));
  const facetDepth = Math.min(Math.max(options.facetDepth ?? 0, 0), FACET_BASIS);
  const ranked = rank(matches, terms, lists, Math.max(limit, facetDepth));
  const total = ranked.total;
  const top = ranked.top.slice(0, limit);
  const docs = await index.documents(
    corpusId,
    top.map((r) => r.doc),
  );
  const hits = top.flatMap((r) => {
    const d = docs.get(r.doc);
    return d ? [{ ...d, score: Math.round(r.score * 1000) / 1000 }] : [];
  });
  return {
    ok: true,
    total,
    hits,
    terms: ranking,
    ...(facetDepth > 0 && { facetDocs: ranked.top.slice(0, facetDepth).map((r) => r.doc) }),
  };
}

/**
 * Every document of a corpus a formula matches (its filters applied, replaced documents left out),
 * ascending, unranked: what a combined step (S1 AND S2) combines. Null when the formula does not parse.
 */
export async function matchingDocuments(
  index: PatentIndexPort,
  corpusId: string,
  query: string,
  filters: SearchFilters = {},
): Promise<Uint32Array | null> {
  const parsed = parseQuery(query);
  if (!parsed.ok) return null;
  const [stats, lists] = await Promise.all([
    index.stats(corpusId),
    index.postings(corpusId, allTerms(parsed.node), positionalTerms(parsed.node)),
  ]);
  let matches = await index.filter(corpusId, filters, evaluate(parsed.node, lists as PostingsByTerm));
  if (stats.removed.length > 0) {
    const removed = new Set(stats.removed);
    matches = matches.filter((d) => !removed.has(d));
  }
  if (hasFacetFilter(filters) && matches.length > 0) matches = await index.refine(corpusId, matches, filters);
  return matches;
}

/** A record as the index stores it: analysed (tokens, weighted length) before the import's transaction. */
export interface PreparedPatent {
  readonly record: PatentRecord;
  readonly sha256: string;
  readonly length: number;
  readonly terms: ReturnType<typeof analyse>['terms'];
  readonly classificationKeys: string[];
}

export function preparePatent(record: PatentRecord, sha256: string, japanese?: JaTokenizer): PreparedPatent {
  const analysed = analyse(
    {
      docNo: 0,
      title: record.title,
      abstract: record.abstract,
      claims: record.claims.map((c) => c.text),
      description: record.description.map((p) => p.text),
    },
    japanese,
  );
  return { record, sha256, ...analysed, classificationKeys: classificationKeys([...record.cpc, ...record.ipc]) };
}
