import type { JaTokenizer } from '../../documents/pii/types.js';
import { evaluate, idf, rank } from './engine.js';
import type { PhraseNode, QueryNode } from './query.js';
import type { PatentIndexPort, SearchFilters, SearchHit } from './search.js';
import { termFrequencies, tokenize } from './tokens.js';

/**
 * "More like this" (issue #12, point 2): a claim or an invention description becomes a weighted OR
 * query of its most discriminating terms. The text is analysed as the index analyses patents, each
 * term weighted by (1 + log tf) · idf from the corpus's own statistics, and the best `maxTerms`
 * run through the engine's OR and BM25 ranking with those weights. Terms the corpus does not hold
 * drop out: they can match nothing.
 */
export const DEFAULT_SIMILAR_TERMS = 40;
export const MAX_SIMILAR_TERMS = 200;
/** Longer texts are cut here: a whole specification adds nothing a description's first pages lack. */
export const MAX_SIMILAR_CHARS = 100_000;

export interface SimilarTerm {
  readonly term: string;
  readonly weight: number;
}

export type SimilarResult =
  | { ok: true; total: number; hits: SearchHit[]; terms: SimilarTerm[] }
  | { ok: false; issues: { code: 'similar_no_terms'; message: string }[] };

/** The text's terms the corpus holds, best first by (1 + log tf) · idf; at most `maxTerms`. */
export async function discriminatingTerms(
  index: PatentIndexPort,
  corpusId: string,
  text: string,
  options: { maxTerms?: number; japanese?: JaTokenizer } = {},
): Promise<{ terms: (SimilarTerm & { idf: number })[]; lists: Awaited<ReturnType<PatentIndexPort['postings']>> }> {
  const maxTerms = Math.min(Math.max(options.maxTerms ?? DEFAULT_SIMILAR_TERMS, 1), MAX_SIMILAR_TERMS);
  const frequencies = termFrequencies(tokenize(text.slice(0, MAX_SIMILAR_CHARS), options.japanese));
  const [stats, lists] = await Promise.all([index.stats(corpusId), index.postings(corpusId, [...frequencies.keys()], [])]);
  const scored = [...frequencies].flatMap(([term, tf]) => {
    const df = lists.get(term)?.docs.length ?? 0;
    if (df === 0) return [];
    const termIdf = idf(stats.documents, df);
    return [{ term, idf: termIdf, weight: (1 + Math.log(tf)) * termIdf }];
  });
  // Ties by term so the same text always gives the same query.
  scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const terms = scored.slice(0, maxTerms);
  const kept = new Map(terms.map((t) => [t.term, lists.get(t.term)]));
  return { terms, lists: new Map([...kept].filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== undefined)) };
}

export async function similarPatents(
  index: PatentIndexPort,
  corpusId: string,
  text: string,
  options: { filters?: SearchFilters; limit?: number; maxTerms?: number; japanese?: JaTokenizer } = {},
): Promise<SimilarResult> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 1000);
  const [{ terms, lists }, stats] = await Promise.all([discriminatingTerms(index, corpusId, text, options), index.stats(corpusId)]);
  if (terms.length === 0)
    return {
      ok: false,
      issues: [{ code: 'similar_no_terms', message: 'The text has no word that any patent of the corpus holds.' }],
    };
  const query: QueryNode = {
    kind: 'or',
    children: terms.map(
      (t): PhraseNode => ({ kind: 'phrase', field: null, text: t.term, tokens: [{ term: t.term, offset: 0 }], extraTerms: [] }),
    ),
  };
  let matches = await index.filter(corpusId, options.filters ?? {}, evaluate(query, lists));
  if (stats.removed.length > 0) {
    const removed = new Set(stats.removed);
    matches = matches.filter((d) => !removed.has(d));
  }
  // The query weight is the term's weight over its idf: rank multiplies by the idf again.
  const top = rank(
    matches,
    terms.map((t) => ({ term: t.term, idf: t.idf, weight: t.weight / t.idf })),
    lists,
    limit,
  );
  const docs = await index.documents(
    corpusId,
    top.top.map((r) => r.doc),
  );
  const hits = top.top.flatMap((r) => {
    const d = docs.get(r.doc);
    return d ? [{ ...d, score: Math.round(r.score * 1000) / 1000 }] : [];
  });
  return { ok: true, total: top.total, hits, terms: terms.map(({ term, weight }) => ({ term, weight: Math.round(weight * 1000) / 1000 })) };
}
