import { describe, expect, it } from 'vitest';
import { DEMO_FTO_CLIENT, DEMO_FTO_KEY_PATENTS, demoFtoCorpus } from '../../../infra/demo/patents.js';
import { memoryPatentIndex } from './memory-index.js';
import { discriminatingTerms, similarPatents } from './similar.js';

const corpus = demoFtoCorpus();
const index = memoryPatentIndex(corpus);
const keyNumbers = new Set(DEMO_FTO_KEY_PATENTS.map((k) => k.number));

/** The client's invention as an analyst would paste it: the product and its features A–F, in one language. */
const invention = (language: 'en' | 'ja') =>
  [DEMO_FTO_CLIENT.product[language], ...DEMO_FTO_CLIENT.features.map((f) => `${f.label}. ${f[language]}`)].join('\n');

const keyInTop = async (text: string, k: number) => {
  const found = await similarPatents(index, 'demo', text, { limit: k });
  if (!found.ok) throw new Error(found.issues[0]?.message);
  return found.hits.filter((h) => keyNumbers.has(h.number)).length;
};

describe('more like this on the demo FTO corpus (8 key patents among 60)', () => {
  it('ranks the key patents high for the invention description: measured top-10 counts are the floor', async () => {
    // Measured 2026-12-06 (40 terms): English 4 of 8 in the top 10, Japanese 2 of 8, both texts together 3 of 8. A text
    // reaches only documents of its language: 5 key patents are English (4 of them found), 3 Japanese (2 found); the
    // rest of each top 10 are the corpus's generated neighbours on the same technology, not noise.
    expect(await keyInTop(invention('en'), 10)).toBeGreaterThanOrEqual(4);
    expect(await keyInTop(invention('ja'), 10)).toBeGreaterThanOrEqual(2);
    expect(await keyInTop(`${invention('en')}\n${invention('ja')}`, 10)).toBeGreaterThanOrEqual(3);
  });

  it('finds a key patent from its own claim 1 first', async () => {
    const target = corpus.find((r) => r.number === 'JP7158342B2');
    const claim = target?.claims[0]?.text ?? '';
    const found = await similarPatents(index, 'demo', claim, { limit: 5 });
    expect(found.ok && found.hits[0]?.number).toBe('JP7158342B2');
  });

  it('weights rare terms over common ones, caps the count and drops terms the corpus lacks', async () => {
    const { terms } = await discriminatingTerms(index, 'demo', `${invention('en')} zyxwvut`, { maxTerms: 5 });
    expect(terms).toHaveLength(5);
    expect(terms.map((t) => t.term)).not.toContain('zyxwvut');
    const weights = terms.map((t) => t.weight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    // "blood" occurs in most of the corpus: it must not outrank the invention's distinctive words.
    const all = (await discriminatingTerms(index, 'demo', invention('en'), { maxTerms: 200 })).terms.map((t) => t.term);
    expect(all.indexOf('accelerometer')).toBeLessThan(all.indexOf('blood'));
  });

  it('applies the date cut-off and the limit, and says why an unknown text finds nothing', async () => {
    const found = await similarPatents(index, 'demo', invention('en'), { filters: { publishedBefore: '2010-01-01' }, limit: 3 });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.hits.length).toBeLessThanOrEqual(3);
    expect(found.hits.every((h) => h.publicationDate < '2010-01-01')).toBe(true);
    expect(found.hits.map((h) => h.number)).not.toContain('JP7158342B2');
    expect(await similarPatents(index, 'demo', 'the of and zyxwvut')).toEqual({
      ok: false,
      issues: [{ code: 'similar_no_terms', message: expect.any(String) }],
    });
  });
});
