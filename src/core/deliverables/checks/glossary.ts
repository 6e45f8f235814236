import { deliverableTypes, type GlossaryTerm } from '../../../shared/contracts/deliverables.js';
import { type CheckOutcome, deliverableCheckThresholds, outcome } from './outcome.js';
import type { DeliverableCheck } from './registry.js';

/**
 * Terms spelled one way (表記ゆれ): the engagement's glossary names the preferred spelling of a term
 * and the variants to avoid; beyond it, words that only differ in how they are written — a trailing
 * long-vowel mark (サーバ/サーバー), full- or half-width forms (ｻｰﾊﾞｰ/サーバー, ＡＢＣ/ABC), hiragana or
 * katakana (ねじ/ネジ), an English term's hyphen, space or inner capitals (e-mail/email, data
 * set/dataset) — are found without one when both spellings appear in the same deliverable.
 *
 * Heuristics, not a morphological analyser (kuromoji takes seconds to load): katakana words are
 * greedy runs of katakana, so サーバー is one word and never holds サーバ; hiragana spellings are
 * looked for inside hiragana text, since particles attach to words. Differences people do not see
 * as spelling are left alone: a capital at the start of a sentence or heading (Dataset/dataset), an
 * acronym in capitals (IT/it, US/us), and two words that only mean the same as one word when
 * neither is a function word (may be/maybe, every day/everyday are different words).
 */

type Position = readonly [section: number, offset: number];
const earlier = (a: Position, b: Position) => a[0] - b[0] || a[1] - b[1];

interface Spelling {
  count: number;
  first: Position;
  /** The exact strings written with this spelling, e.g. "Email" and "email" for the spelling "email". */
  surfaces: Map<string, { count: number; first: Position }>;
}

/** One spelling of a word used less than another spelling of it. */
export interface SpellingVariant {
  /** The most used spelling. */
  form: { text: string; count: number; section: number };
  variant: { text: string; count: number; section: number };
}

/** Katakana, full- and half-width, with the long-vowel mark; not the middle dot, which separates words. */
const katakanaRun = /[\u30a1-\u30fa\u30fc-\u30fe\u31f0-\u31ff\uff66-\uff9f]+/gu;
const hiraganaRun = /[\u3041-\u3096\u309d\u309e\u30fc]+/gu;
/** A Latin word (full-width too), with inner hyphens: e-mail, COVID-19, ｅ－ｍａｉｌ. */
const latinWord = /[\p{Script=Latin}\p{Nd}]+(?:[-\u2010\u2011\uff0d][\p{Script=Latin}\p{Nd}]+)*/gu;
const inlineSpace = /^[ \t\u00a0\u3000]+$/u;
const letter = /\p{L}/u;
const katakanaChar = /[\u30a1-\u30fa\u30fc-\u30fe\u31f0-\u31ff]/u;
const latinChar = /[\p{Script=Latin}\p{Nd}]/u;

/** Words that, written apart, are usually two words rather than one word spelled apart (may be, in to, every day). */
const functionWords = new Set(
  (
    'a an the and or but nor if of in on at to for from by with as is are was were be been being am may might can could will would ' +
    'shall should must do does did done not no yes any every some all each both either neither one ones day days time times ' +
    'up out off over under into onto within without per via this that these those it its we you they he she i me us our ' +
    'your their them there here than then so such very more most less least well how what when where which who why'
  ).split(' '),
);

/** Particles that follow a word in hiragana text: a short hiragana spelling counts only before one of them (or alone). */
const particles = ['から', 'まで', 'より', 'など', 'を', 'が', 'は', 'に', 'で', 'と', 'も', 'の', 'へ', 'や', 'か'];

const nfkc = (s: string) => s.normalize('NFKC');
const chars = (s: string) => Array.from(s);

/** Katakana to hiragana (サーバー → さーばー); null when a character has no hiragana (ヷ). */
function toHiragana(katakana: string): string | null {
  let out = '';
  for (const c of katakana) {
    const code = c.codePointAt(0) ?? 0;
    if ((code >= 0x30a1 && code <= 0x30f6) || code === 0x30fd || code === 0x30fe) out += String.fromCodePoint(code - 0x60);
    else if (c === 'ー') out += c;
    else return null;
  }
  return out;
}

/** How a Latin spelling differs from another: a capital at the start of each word, or a word all in capitals, does not count. */
function latinSignature(surface: string): string {
  const letters = [...surface].filter((c) => letter.test(c)).join('');
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return surface.toLowerCase();
  return surface.replace(/(^|[ \-\u2010\u2011\uff0d])(\p{Lu})/gu, (_, sep: string, c: string) => sep + c.toLowerCase());
}

const latinKey = (surface: string) =>
  nfkc(surface)
    .toLowerCase()
    .replace(/[\s\-\u2010\u2011]/gu, '');

class Tally {
  readonly groups = new Map<string, Map<string, Spelling>>();

  add(group: string, signature: string, surface: string, at: Position) {
    let spellings = this.groups.get(group);
    if (!spellings) {
      spellings = new Map();
      this.groups.set(group, spellings);
    }
    let spelling = spellings.get(signature);
    if (!spelling) {
      spelling = { count: 0, first: at, surfaces: new Map() };
      spellings.set(signature, spelling);
    }
    spelling.count++;
    const s = spelling.surfaces.get(surface);
    if (s) s.count++;
    else spelling.surfaces.set(surface, { count: 1, first: at });
  }
}

const byUse = <T extends { count: number; first: Position }>(a: T, b: T) => b.count - a.count || earlier(a.first, b.first);

/**
 * Words spelled more than one way across the texts (a deliverable's sections, in order): one entry
 * per less used spelling, against the most used one; in the order the words first appear.
 */
export function findSpellingVariants(texts: readonly string[]): SpellingVariant[] {
  const { katakanaMinLength, latinMinLength, hiraganaLooseMinLength } = deliverableCheckThresholds;
  const tally = new Tally();
  const pairs: { key: string; surface: string; at: Position }[] = [];

  texts.forEach((text, section) => {
    for (const m of text.matchAll(katakanaRun)) {
      const normal = nfkc(m[0]);
      if (chars(normal).length < katakanaMinLength) continue;
      const key = normal.replace(/ー+$/u, '');
      if (chars(key).length < 2) continue;
      tally.add(`k:${key}`, m[0], m[0], [section, m.index]);
    }
    const words = [...text.matchAll(latinWord)].map((m) => ({ surface: m[0], start: m.index, end: m.index + m[0].length }));
    words.forEach((w, i) => {
      const key = latinKey(w.surface);
      if (letter.test(key) && chars(key).length >= latinMinLength)
        tally.add(`l:${key}`, latinSignature(w.surface), w.surface, [section, w.start]);
      const next = words[i + 1];
      if (!next || !inlineSpace.test(text.slice(w.end, next.start))) return;
      if (functionWords.has(latinKey(w.surface)) || functionWords.has(latinKey(next.surface))) return;
      pairs.push({ key: latinKey(w.surface) + latinKey(next.surface), surface: `${w.surface} ${next.surface}`, at: [section, w.start] });
    });
  });

  // Two words written apart count only as a spelling of a word that is also written as one.
  for (const p of pairs) if (tally.groups.has(`l:${p.key}`)) tally.add(`l:${p.key}`, latinSignature(p.surface), p.surface, p.at);

  // The hiragana spellings of the katakana words, looked for inside hiragana text (ねじを締める).
  const hiragana = new Map<string, string>();
  for (const [group, spellings] of tally.groups) {
    if (!group.startsWith('k:')) continue;
    for (const surface of spellings.keys()) {
      const h = toHiragana(nfkc(surface));
      if (h) hiragana.set(h, group);
    }
  }
  if (hiragana.size > 0) {
    const lengths = [...new Set([...hiragana.keys()].map((h) => h.length))].sort((a, b) => b - a);
    texts.forEach((text, section) => {
      for (const m of text.matchAll(hiraganaRun)) {
        const run = m[0];
        let i = 0;
        while (i < run.length) {
          // The longest spelling that ends the word here (さーば does not count inside さーばー).
          // A short one only as a word of its own: ねじを, not ねじれる; たい not inside したい.
          const found = lengths
            .map((n) => run.slice(i, i + n))
            .find(
              (s) =>
                hiragana.has(s) &&
                run[i + s.length] !== 'ー' &&
                (chars(s).length >= hiraganaLooseMinLength ||
                  (i === 0 && (i + s.length === run.length || particles.some((p) => run.startsWith(p, i + s.length))))),
            );
          const group = found && hiragana.get(found);
          if (found && group) {
            tally.add(group, found, found, [section, m.index + i]);
            i += found.length;
          } else i++;
        }
      }
    });
  }

  const out: (SpellingVariant & { first: Position })[] = [];
  for (const spellings of tally.groups.values()) {
    if (spellings.size < 2) continue;
    const [top, ...rest] = [...spellings.values()].sort(byUse);
    if (!top) continue;
    const shown = (s: Spelling) => {
      const [surface] = [...s.surfaces.entries()].sort(([, a], [, b]) => byUse(a, b));
      return { text: surface?.[0] ?? '', count: s.count, section: s.first[0] };
    };
    const form = shown(top);
    for (const s of rest) out.push({ form, variant: shown(s), first: s.first });
  }
  return out.sort((a, b) => earlier(a.first, b.first)).map(({ form, variant }) => ({ form, variant }));
}

/**
 * How often a glossary variant is used in a text (both NFKC), not counting where it is part of the
 * preferred term (サーバ inside サーバー) or of a longer word; a variant that holds the term (サーバー
 * when the term is サーバ) counts.
 */
function countVariant(text: string, variant: string, term: string): number {
  // A variant that only differs from the term in case is matched as written; otherwise case does not matter.
  const exact = variant.toLowerCase() === term.toLowerCase();
  const hay = exact ? text : text.toLowerCase();
  const v = exact ? variant : variant.toLowerCase();
  const t = exact ? term : term.toLowerCase();
  const termSpans = occurrences(hay, t).map((p) => [p, p + t.length] as const);
  return occurrences(hay, v).filter((p) => {
    const end = p + v.length;
    if (termSpans.some(([s, e]) => p >= s && end <= e)) return false;
    for (const cls of [katakanaChar, latinChar]) {
      if (cls.test(v[0] ?? '') && cls.test(hay[p - 1] ?? '')) return false;
      if (cls.test(v[v.length - 1] ?? '') && cls.test(hay[end] ?? '')) return false;
    }
    return true;
  }).length;
}

function occurrences(hay: string, needle: string): number[] {
  const at: number[] = [];
  if (!needle) return at;
  for (let p = hay.indexOf(needle); p !== -1; p = hay.indexOf(needle, p + needle.length)) at.push(p);
  return at;
}

export const glossaryCheck: DeliverableCheck = {
  code: 'report.glossary',
  appliesTo: deliverableTypes,
  run(content, ctx) {
    const out: CheckOutcome[] = [];
    const texts = content.sections.map((s) => `${s.title}\n${s.body}`);
    const normalTexts = texts.map(nfkc);

    for (const entry of ctx.glossary) {
      const term = nfkc(entry.term);
      const variants = glossaryVariants(entry);
      for (const variant of variants)
        content.sections.forEach((section, i) => {
          const count = countVariant(normalTexts[i] ?? '', variant, term);
          if (count > 0)
            out.push(
              outcome(
                'warn',
                'report.glossary',
                'glossaryVariant',
                { title: section.title, variant, term: entry.term, count },
                { section: section.key, path: ['sections', i] },
              ),
            );
        });
    }

    for (const { form, variant } of findSpellingVariants(texts)) {
      if (sameGlossaryEntry(ctx.glossary, form.text, variant.text)) continue;
      const section = content.sections[variant.section];
      out.push(
        outcome(
          'warn',
          'report.glossary',
          'spellingVariant',
          { form: form.text, count: form.count, variant: variant.text, variantCount: variant.count },
          { section: section?.key ?? null, path: ['sections', variant.section] },
        ),
      );
    }

    if (out.length === 0)
      out.push(outcome('pass', 'report.glossary', 'glossaryPass', { terms: ctx.glossary.length }, { path: ['sections'] }));
    return out;
  },
};

/** A variant that only differs from the term in case is matched as written; any other regardless of case (countVariant). */
const caseOnly = (variant: string, term: string) => variant.toLowerCase() === term.toLowerCase();

/**
 * An entry's variants (NFKC) as they are looked for: not the term itself, and once each as matched —
 * "e-mail" and "E-mail" are one variant when case does not matter, so the text is not reported twice.
 */
function glossaryVariants(entry: GlossaryTerm): string[] {
  const term = nfkc(entry.term);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of entry.variants.map(nfkc)) {
    if (v === term || v.trim() === '') continue;
    const matched = caseOnly(v, term) ? v : v.toLowerCase();
    if (seen.has(matched)) continue;
    seen.add(matched);
    out.push(v);
  }
  return out;
}

/** Whether a spelling is one the glossary entry names (its term, or a variant as countVariant matches it). */
function namedBy(entry: GlossaryTerm, spelling: string): boolean {
  const term = nfkc(entry.term);
  const s = nfkc(spelling);
  if (s === term || s.toLowerCase() === term.toLowerCase()) return true;
  return glossaryVariants(entry).some((v) => (caseOnly(v, term) ? v === s : v.toLowerCase() === s.toLowerCase()));
}

/**
 * Two spellings the glossary already rules on (its term and a variant): the glossary's finding says
 * it. Width alone it does not (ｻｰﾊﾞｰ/サーバー is the automatic check's), case it does when the
 * glossary names both spellings (JavaScript/Javascript).
 */
function sameGlossaryEntry(glossary: readonly GlossaryTerm[], a: string, b: string): boolean {
  if (nfkc(a) === nfkc(b)) return false;
  return glossary.some((g) => namedBy(g, a) && namedBy(g, b));
}
