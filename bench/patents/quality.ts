/**
 * Patent search quality (issue #12): kpo's ranking against a plain BM25 baseline (MiniSearch, its
 * defaults) on real US patent texts, in the same run. Known-item search, simulated as Azzopardi,
 * de Rijke and Balog describe ("Building simulated queries for known-item topics", SIGIR 2007):
 * each query has exactly one right answer, the patent it was taken from.
 *
 *   title    the patent's title is the query; the patent is indexed without its title — a short
 *            description in other words must find the full text.
 *   sentence one sentence from the middle of the abstract is the query; the patent is indexed
 *            without that sentence — a passage about the invention must find the patent whose
 *            other passages describe it.
 *
 * Measures per set: nDCG@10 (one relevant document: 1 / log2(rank + 1) when it is in the first 10),
 * recall@100 (found in the first 100), MRR. Goal: kpo's nDCG@10 and recall@100 ≥ 1.10 × the
 * baseline's. Reads ../shared/data/patents/biopat-us-patents.jsonl (1,984 texts; see that folder's
 * README); says so and stops when it is absent. There is no examiner-citation check: of the 420
 * citations in the six USPTO XML samples, none names a patent of the 1,990 the folder holds (counts
 * in bench/README.md).
 *
 *   node --import tsx bench/patents/quality.ts
 *
 * kpo is its engine as the workbench runs it (core/workbenches/patent-search: tokens, postings,
 * BM25 impacts, the same query path as "more like this"), held in memory here; the database only
 * stores the same posting blocks. Results: bench/results/patent-quality-<date>.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import MiniSearch from 'minisearch';
import { idf, rank } from '../../src/core/workbenches/patent-search/engine.js';
import { analyse, buildPostings } from '../../src/core/workbenches/patent-search/postings.js';
import { termFrequencies, tokenize } from '../../src/core/workbenches/patent-search/tokens.js';

const root = new URL('../../', import.meta.url).pathname;
const source = new URL('../shared/data/patents/biopat-us-patents.jsonl', `file://${root}`).pathname;
if (!existsSync(source)) {
  console.log(`Skipped: ${source} is not here (the shared evaluation data; see the bench README).`);
  process.exit(0);
}

interface Patent {
  id: string;
  title: string;
  sentences: string[];
}
const patents: Patent[] = readFileSync(source, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { _id: string; text: string })
  .map(({ _id, text }) => {
    // The texts are "Title. Abstract…": the first sentence is the title.
    const sentences = text.split(/(?<=\.)\s+(?=[A-Z])/);
    return { id: _id, title: sentences[0]?.replace(/\.$/, '') ?? '', sentences: sentences.slice(1) };
  })
  .filter((p) => p.title && p.sentences.length > 0);

interface QuerySet {
  name: string;
  docs: { id: string; text: string }[];
  queries: { text: string; answer: string }[];
}
const sets: QuerySet[] = [
  {
    name: 'title',
    docs: patents.map((p) => ({ id: p.id, text: p.sentences.join(' ') })),
    queries: patents.map((p) => ({ text: p.title, answer: p.id })),
  },
  (() => {
    const withMiddle = patents.filter((p) => p.sentences.length >= 3);
    const held = new Map(withMiddle.map((p) => [p.id, Math.floor(p.sentences.length / 2)]));
    return {
      name: 'sentence',
      docs: patents.map((p) => ({ id: p.id, text: p.sentences.filter((_, i) => i !== held.get(p.id)).join(' ') })),
      queries: withMiddle.map((p) => ({ text: p.sentences[held.get(p.id) as number] as string, answer: p.id })),
    };
  })(),
];

type Searcher = (query: string) => string[];

function kpoSearcher(docs: QuerySet['docs']): Searcher {
  const analysed = docs.map((d, docNo) => ({ docNo, ...analyse({ docNo, title: '', abstract: d.text, claims: [], description: [] }) }));
  const average = analysed.reduce((s, d) => s + d.length, 0) / analysed.length;
  const lists = buildPostings(analysed, average);
  return (query) => {
    const terms = [...termFrequencies(tokenize(query))].map(([term, count]) => ({
      term,
      idf: idf(docs.length, lists.get(term)?.docs.length ?? 0),
      weight: count,
    }));
    return rank(null, terms, lists, 100).top.map((r) => docs[r.doc]?.id ?? '');
  };
}

function miniSearcher(docs: QuerySet['docs']): Searcher {
  const index = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: [] });
  index.addAll(docs);
  return (query) =>
    index
      .search(query)
      .slice(0, 100)
      .map((r) => String(r.id));
}

function measure(search: Searcher, queries: QuerySet['queries']) {
  let ndcg = 0;
  let recall = 0;
  let mrr = 0;
  const started = performance.now();
  for (const q of queries) {
    const at = search(q.text).indexOf(q.answer);
    if (at >= 0) {
      recall++;
      mrr += 1 / (at + 1);
      if (at < 10) ndcg += 1 / Math.log2(at + 2);
    }
  }
  const n = queries.length;
  return { ndcg10: ndcg / n, recall100: recall / n, mrr: mrr / n, msPerQuery: (performance.now() - started) / n };
}

/**
 * The split: a set's queries at odd positions (in file order) are the tuning half — every parameter
 * choice (BM25 k1 and b, field weights, stop words, extra terms) was compared on it only —, those at
 * even positions the test half the goal is judged on. Both halves and the whole set are reported.
 */
const HALVES = {
  tune: (i: number) => i % 2 === 1,
  test: (i: number) => i % 2 === 0,
  all: () => true,
} as const;

const results = sets.flatMap((set) => {
  const kpoSearch = kpoSearcher(set.docs);
  const miniSearch = miniSearcher(set.docs);
  return Object.entries(HALVES).map(([half, keep]) => {
    const queries = set.queries.filter((_, i) => keep(i));
    const kpo = measure(kpoSearch, queries);
    const baseline = measure(miniSearch, queries);
    return {
      set: set.name,
      half,
      queries: queries.length,
      documents: set.docs.length,
      kpo,
      baseline,
      ratio: { ndcg10: kpo.ndcg10 / baseline.ndcg10, recall100: kpo.recall100 / baseline.recall100 },
    };
  });
});

const f = (x: number) => x.toFixed(3);
console.log(`Patent known-item search, ${patents.length} real US patent texts (BioPAT), kpo vs MiniSearch (BM25 baseline)`);
for (const r of results) {
  console.log(
    `  ${r.set.padEnd(9)} ${r.half.padEnd(5)} ${String(r.queries).padStart(5)} queries  nDCG@10 ${f(r.kpo.ndcg10)} vs ${f(r.baseline.ndcg10)} (×${r.ratio.ndcg10.toFixed(2)})` +
      `  recall@100 ${f(r.kpo.recall100)} vs ${f(r.baseline.recall100)} (×${r.ratio.recall100.toFixed(2)})  MRR ${f(r.kpo.mrr)} vs ${f(r.baseline.mrr)}` +
      `  ${r.kpo.msPerQuery.toFixed(2)} vs ${r.baseline.msPerQuery.toFixed(2)} ms/query`,
  );
}
const date = new Date().toISOString().slice(0, 10);
mkdirSync(`${root}bench/results`, { recursive: true });
// A second run on the same day keeps the first: patent-quality-<date>b.json, c, …
const suffix = ['', ...'bcdefghij'].find((x) => !existsSync(`${root}bench/results/patent-quality-${date}${x}.json`)) ?? 'z';
const out = `patent-quality-${date}${suffix}.json`;
writeFileSync(
  `${root}bench/results/${out}`,
  `${JSON.stringify(
    {
      date,
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg: loadavg() },
      split: 'queries at odd positions (file order) tune, at even positions test',
      results,
    },
    null,
    2,
  )}\n`,
);
