import { describe, expect, it } from 'vitest';
import { evaluate, idf, type PostingsByTerm, positionalTerms, rank } from './engine.js';
import {
  analyse,
  buildPostings,
  ConcatenatedPositions,
  decodePostings,
  EncodedPositions,
  encodeBlock,
  fieldOfPosition,
  type IndexableDocument,
  quantiseImpact,
} from './postings.js';
import { parseQuery, positiveTerms, type QueryNode } from './query.js';

const docs: IndexableDocument[] = [
  {
    docNo: 0,
    title: 'Balloon catheter',
    abstract: 'An inflatable balloon catheter for angioplasty.',
    claims: ['A catheter comprising an inflatable balloon.', 'The catheter of claim 1, wherein the balloon is coated.'],
    description: ['The balloon is inflated with saline.'],
  },
  {
    docNo: 3,
    title: 'Pressure sensor',
    abstract: 'An implantable pressure sensor measuring blood pressure.',
    claims: ['A sensor for measuring pressure in a vessel.'],
    description: ['The sensor is placed near the catheter tip.'],
  },
  {
    docNo: 7,
    title: 'カテーテル及び血圧測定装置',
    abstract: '血圧を測定するバルーンカテーテル。',
    claims: ['バルーンと、センサとを備えるカテーテル。'],
    description: ['本発明は医療機器に関する。'],
  },
  {
    docNo: 9,
    title: 'Stent graft',
    abstract: 'A stent graft with a coating.',
    claims: ['A stent comprising a graft.'],
    description: ['Catheter delivery of the stent. The graft is woven.'],
  },
];

function index(): { lists: PostingsByTerm; n: number } {
  const analysed = docs.map((d) => ({ docNo: d.docNo, ...analyse(d) }));
  const average = analysed.reduce((s, d) => s + d.length, 0) / analysed.length;
  const built = buildPostings(analysed, average);
  // Through the stored form: what the engine reads is what was written.
  const lists = new Map(
    [...built].map(([term, list]) => {
      const block = encodeBlock(list);
      return [term, { ...decodePostings(block.postings), positions: EncodedPositions.of(block.positions, block.count) }];
    }),
  );
  return { lists, n: docs.length };
}

function node(query: string): QueryNode {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.node;
}
const matches = (query: string) => [...evaluate(node(query), index().lists)];

describe('the posting block', () => {
  it('round-trips documents, weights, fields and positions through its bytes', () => {
    const list = {
      docs: Uint32Array.from([0, 1, 200, 70_000, 2 ** 31]),
      impacts: Uint8Array.from([1, 255, 128, 7, 9]),
      fields: Uint8Array.from([1, 2, 4, 8, 15]),
      positions: [
        Uint32Array.from([0, 5]),
        Uint32Array.from([3]),
        Uint32Array.from([1, 2, 3, 4_000_000]),
        Uint32Array.from([9]),
        Uint32Array.from([12_582_912]),
      ],
    };
    const block = encodeBlock(list);
    expect(block.count).toBe(5);
    const back = decodePostings(block.postings);
    expect([...back.docs]).toEqual([...list.docs]);
    expect([...back.impacts]).toEqual([...list.impacts]);
    expect([...back.fields]).toEqual([...list.fields]);
    expect(
      EncodedPositions.of(block.positions, 5)
        .toArray()
        .map((p) => [...p]),
    ).toEqual(list.positions.map((p) => [...p]));
  });

  it('refuses a cut block instead of reading garbage', () => {
    const block = encodeBlock({
      docs: Uint32Array.from([1, 500]),
      impacts: Uint8Array.from([3, 4]),
      fields: Uint8Array.from([1, 1]),
      positions: [],
    });
    expect(() => decodePostings(block.postings.subarray(0, 3))).toThrow(RangeError);
  });

  it('weights a term by BM25: more occurrences weigh more, with saturation, and longer documents less', () => {
    expect(quantiseImpact(2, 100, 100)).toBeGreaterThan(quantiseImpact(1, 100, 100));
    expect(quantiseImpact(100, 100, 100)).toBeLessThanOrEqual(255);
    expect(quantiseImpact(1, 400, 100)).toBeLessThan(quantiseImpact(1, 100, 100));
  });

  it('tags positions with their field, and never lets a phrase run from one claim into the next', () => {
    const a = analyse(docs[0] as IndexableDocument);
    const balloon = a.terms.get('balloon');
    expect(balloon?.positions.map(fieldOfPosition)).toEqual(['title', 'abstract', 'claims', 'claims', 'description']);
    expect(matches('"balloon catheter"')).toEqual([0]);
    // "…inflatable balloon." ends claim 1 and "The catheter…" starts claim 2: not a phrase.
    expect(matches('claims:"balloon catheter"')).toEqual([]);
  });
});

describe('evaluate', () => {
  it('ANDs, ORs and NOTs words', () => {
    expect(matches('catheter balloon')).toEqual([0]);
    expect(matches('stent OR sensor')).toEqual([3, 9]);
    expect(matches('catheter -balloon')).toEqual([3, 9]);
    expect(matches('catheter NOT (stent OR sensor)')).toEqual([0]);
  });

  it('finds phrases in order, stop words keeping their place', () => {
    expect(matches('"pressure sensor"')).toEqual([3]);
    expect(matches('"sensor pressure"')).toEqual([]);
    expect(matches('"sensor for measuring"')).toEqual([3]);
    expect(matches('"measuring sensor"')).toEqual([]);
  });

  it('finds words within a distance, in either order, not across fields', () => {
    expect(matches('sensor NEAR/2 pressure')).toEqual([3]);
    expect(matches('stent NEAR/1 graft')).toEqual([9]);
    expect(matches('delivery NEAR/3 stent')).toEqual([9]);
    expect(matches('delivery NEAR/2 stent')).toEqual([]);
    expect(matches('delivery NEAR/1 woven')).toEqual([]);
    expect(positionalTerms(node('stent graft'))).toEqual([]);
    expect(positionalTerms(node('stent NEAR/3 graft'))).toEqual(['graft', 'stent']);
  });

  it('restricts to a field', () => {
    expect(matches('title:catheter')).toEqual([0]);
    expect(matches('title:カテーテル')).toEqual([7]);
    expect(matches('description:catheter')).toEqual([3, 9]);
  });

  it('finds a Japanese word wherever its characters occur, and not its characters apart', () => {
    expect(matches('カテーテル')).toEqual([7]);
    expect(matches('血圧測定')).toEqual([7]);
    expect(matches('医療機器')).toEqual([7]);
    expect(matches('機器医療')).toEqual([]);
    expect(matches('catheter OR カテーテル')).toEqual([0, 3, 7, 9]);
  });
});

describe('rank', () => {
  it('orders by BM25: a rarer word and more occurrences count more; stable on ties', () => {
    const { lists, n } = index();
    const q = node('catheter OR balloon');
    const terms = positiveTerms(q).map((term) => ({ term, idf: idf(n, lists.get(term)?.docs.length ?? 0) }));
    const { total, top } = rank(evaluate(q, lists), terms, lists, 10);
    expect(total).toBe(3);
    expect(top[0]?.doc).toBe(0);
    expect(top.map((r) => r.doc).sort()).toEqual([0, 3, 9]);
    for (let i = 1; i < top.length; i++)
      expect((top[i - 1] as { score: number }).score).toBeGreaterThanOrEqual((top[i] as { score: number }).score);
  });

  it('keeps only the best `limit`, and ranks every document holding a term when no candidates are given', () => {
    const { lists, n } = index();
    const terms = ['catheter', 'stent']
      .map((w) => positiveTerms(node(w))[0] as string)
      .map((term) => ({ term, idf: idf(n, lists.get(term)?.docs.length ?? 0) }));
    const all = rank(null, terms, lists, 10);
    expect(all.total).toBe(3);
    const one = rank(null, terms, lists, 1);
    expect(one.top).toEqual(all.top.slice(0, 1));
    expect(rank(null, terms, lists, 0).top).toEqual([]);
  });

  it('agrees with a plain scan on random queries over a random corpus, whether positions are held decoded, encoded or split over blocks', () => {
    const words = ['valve', 'stent', 'sensor', 'pump', 'needle', 'catheter', 'balloon', 'coating'];
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = () => words[Math.floor(rnd() * words.length)] as string;
    const corpus: IndexableDocument[] = Array.from({ length: 60 }, (_, i) => ({
      docNo: i * 3,
      title: `${pick()} ${pick()}`,
      abstract: Array.from({ length: 8 }, pick).join(' '),
      claims: [Array.from({ length: 6 }, pick).join(' '), Array.from({ length: 6 }, pick).join(' ')],
      description: [Array.from({ length: 20 }, pick).join(' '), Array.from({ length: 90 }, pick).join(' ')],
    }));
    const analysed = corpus.map((d) => ({ docNo: d.docNo, ...analyse(d) }));
    const decoded = buildPostings(analysed, 60);
    // As the database holds them: one encoded block per term, or two (an import's halves) read as one list.
    const encoded = new Map(
      [...decoded].map(([term, list]) => {
        const block = encodeBlock(list);
        return [term, { ...decodePostings(block.postings), positions: EncodedPositions.of(block.positions, block.count) }];
      }),
    );
    const split = new Map(
      [...decoded].map(([term, list]) => {
        const half = Math.floor(list.docs.length / 2);
        const part = (from: number, to: number) => {
          const block = encodeBlock({
            docs: list.docs.subarray(from, to),
            impacts: list.impacts.subarray(from, to),
            fields: list.fields.subarray(from, to),
            positions: Array.from({ length: to - from }, (_, i) => list.positions.at(from + i) as Uint32Array),
          });
          return EncodedPositions.of(block.positions, block.count);
        };
        return [term, { ...list, positions: new ConcatenatedPositions([part(0, half), part(half, list.docs.length)]) }];
      }),
    );
    const fields = ['title', 'abstract', 'claims', 'claims', 'description', 'description'] as const;
    const texts = corpus.map((d) => ({
      docNo: d.docNo,
      parts: [d.title, d.abstract, ...d.claims, ...d.description].map((p, i) => ({ field: fields[i], words: p.split(' ') })),
    }));
    type Text = (typeof texts)[number];
    const has = (doc: Text, w: string) => doc.parts.some((p) => p.words.includes(w));
    /** Where in each part a phrase starts. */
    const phraseAt = (doc: Text, phrase: string[], field?: string) =>
      doc.parts.map((p) =>
        field && p.field !== field ? [] : p.words.flatMap((_, i) => (phrase.every((w, k) => p.words[i + k] === w) ? [i] : [])),
      );
    const phrase = (doc: Text, phrase: string[], field?: string) => phraseAt(doc, phrase, field).some((starts) => starts.length > 0);
    const near = (doc: Text, left: string[], right: string[], k: number) => {
      const l = phraseAt(doc, left);
      const r = phraseAt(doc, right);
      return l.some((starts, part) =>
        starts.some((a) => (r[part] ?? []).some((b) => (b >= a ? b - (a + left.length - 1) : a - (b + right.length - 1)) <= k)),
      );
    };
    for (let round = 0; round < 200; round++) {
      const [a, b, c] = [pick(), pick(), pick()];
      const k = 1 + Math.floor(rnd() * 4);
      const cases: [string, (d: Text) => boolean][] = [
        [`${a} ${b} -${c}`, (d) => has(d, a) && has(d, b) && !has(d, c)],
        [`(${a} OR ${b}) ${c}`, (d) => (has(d, a) || has(d, b)) && has(d, c)],
        [`"${a} ${b}"`, (d) => phrase(d, [a, b])],
        [`"${a} ${b} ${c}"`, (d) => phrase(d, [a, b, c])],
        [`"${a} ${a}"`, (d) => phrase(d, [a, a])],
        [`claims:"${a} ${b}"`, (d) => phrase(d, [a, b], 'claims')],
        [`"${a} ${b}" NEAR/${k} ${c}`, (d) => near(d, [a, b], [c], k)],
        [`${a} NEAR/${k} ${b}`, (d) => near(d, [a], [b], k)],
      ];
      for (const [query, want] of cases) {
        if (query.includes('NEAR') && (a === b || a === c)) continue;
        const expected = texts.filter(want).map((d) => d.docNo);
        for (const [form, lists] of [
          ['decoded', decoded],
          ['encoded', encoded],
          ['split', split],
        ] as const)
          expect([...evaluate(node(query), lists)], `${query} (${form})`).toEqual(expected);
      }
    }
  });
});
