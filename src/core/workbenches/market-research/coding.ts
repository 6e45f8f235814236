import { AppError, type Issue } from '../../../shared/errors.js';
import type { MultipleVariable } from './variables.js';

/**
 * Coding open answers: analyst-defined codes (keywords, exclusions) applied to free-text answers
 * in Japanese or English, counted with example quotes, and returned as a multiple-response variable
 * so coded answers can be crosstabbed like any other question.
 *
 * Words are compared by their base form, so an inflected answer (高かった, prices) matches its
 * keyword (高い, price). Tokenising is a port: kuromoji in infra for Japanese; tokenizeEnglish here.
 */

/** A token of normalised text. `pos` and `posDetail1` are IPADIC tags (名詞, 非自立 …) when the tokenizer gives them. */
export interface Token {
  surface: string;
  /** The dictionary form (高かっ → 高い, prices → price). */
  base: string;
  pos?: string;
  posDetail1?: string;
}
export type Tokenize = (text: string) => Token[];

export interface AnswerCode {
  key: string;
  label: string;
  /** An answer has the code when any keyword matches it … */
  keywords: readonly string[];
  /** … and no exclusion does (e.g. 「高くない」 for a code on high prices). */
  exclude?: readonly string[];
}

/** Full-width → half-width, half-width kana → full-width (ｻｰﾊﾞｰ → サーバー), then lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

// ---------- English ----------

const vowelsAt = (word: string) =>
  [...word].map((ch, i) => /[aeiou]/.test(ch) || (ch === 'y' && i > 0 && !/[aeiou]/.test(word[i - 1] ?? '')));

/** Porter's measure: how many vowel-run→consonant-run pairs the word has ("price" 1, "open" 2). */
function measure(word: string): number {
  const v = vowelsAt(word);
  let m = 0;
  for (let i = 1; i < v.length; i++) if (v[i - 1] && !v[i]) m++;
  return m;
}
const hasVowel = (word: string) => vowelsAt(word).some(Boolean);
/** Ends consonant–vowel–consonant, the last not w, x or y ("hop", "pric"). */
function endsCvc(word: string): boolean {
  const v = vowelsAt(word);
  const n = word.length;
  return n >= 3 && !v[n - 3] && v[n - 2] === true && !v[n - 1] && !/[wxy]/.test(word[n - 1] ?? '');
}
const endsDoubleConsonant = (word: string) => word.length >= 2 && word.at(-1) === word.at(-2) && !/[aeiou]/.test(word.at(-1) ?? '');

function stripPlural(word: string): string {
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function stripEdIng(word: string): string {
  if (word.endsWith('eed')) return measure(word.slice(0, -3)) > 0 ? word.slice(0, -1) : word;
  if (word.endsWith('ied')) return word.length > 4 ? `${word.slice(0, -3)}y` : word.slice(0, -1);
  const suffix = word.endsWith('ing') ? 3 : word.endsWith('ed') ? 2 : 0;
  const stem = word.slice(0, -suffix);
  if (suffix === 0 || !hasVowel(stem)) return word;
  if (/(?:at|bl|iz)$/.test(stem)) return `${stem}e`;
  if (endsDoubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1);
  if (measure(stem) === 1 && endsCvc(stem)) return `${stem}e`;
  return stem;
}

/** Porter's step 5a: a final e goes when the rest is long enough, so "charge" and "charged" meet at "charg". */
function stripFinalE(word: string): string {
  if (!word.endsWith('e')) return word;
  const stem = word.slice(0, -1);
  const m = measure(stem);
  return m > 1 || (m === 1 && !endsCvc(stem)) ? stem : word;
}

/** Porter's step 5b: "cancelled" keeps its double l through -ed; "cancell" and "cancel" meet here. */
const undoubleL = (word: string) => (word.endsWith('ll') && measure(word) > 1 ? word.slice(0, -1) : word);

/**
 * A deliberately light English stemmer (plurals, -ed, -ing, a final e and a double l, after
 * Porter's steps 1a, 1b and 5) so that price/prices/priced/pricing meet. Irregular forms (bought,
 * went) and derivations (-ly, -ness, -ation) are left alone: a keyword list can name them.
 */
export function stemEnglish(word: string): string {
  if (!/^[a-z]+$/.test(word)) return word;
  // "was", "has", "bus" are not plurals.
  const uninflected = word.length <= 3 ? word : stripEdIng(stripPlural(word));
  return undoubleL(stripFinalE(uninflected));
}

/** Lower-cased words of letters and digits (apostrophes dropped: don't → dont), each with its stem as base. */
export function tokenizeEnglish(text: string): Token[] {
  return normalizeText(text)
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((surface) => ({ surface, base: stemEnglish(surface) }));
}

// ---------- matching ----------

/** Tokens that are only punctuation or space do not break a keyword's sequence. */
const isWordToken = (t: Token) => /[\p{L}\p{N}]/u.test(t.surface);

/** The token's base form, normalised; IPADIC writes "*" for a word it does not know (then the surface is the base). */
const baseOf = (t: Token) => normalizeText(t.base && t.base !== '*' ? t.base : t.surface);

function basesOf(text: string, tokenize: Tokenize): string[] {
  return tokenize(text).filter(isWordToken).map(baseOf);
}

/** 1–2 Japanese characters: kuromoji may split or merge so short a word differently in context, so it is matched as text. */
const SHORT_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]{1,2}$/u;

interface TermMatcher {
  bases: string[];
  substring: string | null;
}

function compileTerm(term: string, tokenize: Tokenize): TermMatcher {
  const normalized = normalizeText(term).trim();
  return { bases: basesOf(normalized, tokenize), substring: SHORT_CJK.test(normalized) ? normalized : null };
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

interface PreparedAnswer {
  text: string;
  bases: string[];
}

const termMatches = (term: TermMatcher, answer: PreparedAnswer) =>
  containsSequence(answer.bases, term.bases) || (term.substring !== null && answer.text.includes(term.substring));

interface CompiledCode {
  keywords: TermMatcher[];
  exclude: TermMatcher[];
}

const codeMatches = (code: CompiledCode, answer: PreparedAnswer) =>
  code.keywords.some((k) => termMatches(k, answer)) && !code.exclude.some((e) => termMatches(e, answer));

// ---------- answers ----------

/** Cells that mean "no answer" once normalised and trimmed. */
export const DEFAULT_MISSING_MARKERS: readonly string[] = ['', 'na', 'n/a', '#n/a', '-', '無回答'];

/** The answer normalised, or null when it is outside the base (no answer, blank, a missing marker). */
function presentAnswer(answer: string | null, missing: ReadonlySet<string>): string | null {
  if (answer === null) return null;
  const text = normalizeText(answer);
  return missing.has(text.trim()) ? null : text;
}

export const EXAMPLE_MAX_CHARS = 200;

/** The answer as written, trimmed, cut to at most 200 UTF-16 units with an ellipsis (never inside a surrogate pair). */
export function quote(answer: string): string {
  const text = answer.trim();
  if (text.length <= EXAMPLE_MAX_CHARS) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > EXAMPLE_MAX_CHARS - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export interface CodedExample {
  /** Index of the respondent in the answers given. */
  respondent: number;
  text: string;
}

export interface CodeTally {
  /** Respondents whose answer has the code. */
  count: number;
  weightedCount: number;
  /** Of the respondents who answered (0 when nobody did). */
  share: number;
  weightedShare: number;
  /** The first respondents in order, so the same data always quotes the same people. */
  examples: CodedExample[];
}

export interface CodingResult {
  respondents: number;
  /** Respondents with a non-empty answer: the base of every share. */
  answered: number;
  weightedAnswered: number;
  codes: ({ key: string; label: string } & CodeTally)[];
  /** Answered, but no code applies. */
  uncoded: CodeTally;
  /** Per code, 1 where the respondent's answer has it; `answered` marks the base. Crosstabs take it as is. */
  variable: MultipleVariable;
}

export interface CodeAnswersOptions {
  /** One per answer, finite and > 0 (as variables.ts's Weights); unweighted when absent. */
  weights?: Float64Array | readonly number[] | null;
  examplesPerCode?: number;
  missingMarkers?: readonly string[];
  /** The key and label of the returned variable. */
  variable?: { key: string; label: string };
}

const MAX_LISTED_ISSUES = 100;

function codeIssues(codes: readonly AnswerCode[], compiled: readonly CompiledCode[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    const key = code.key.trim();
    if (key === '') issues.push({ path: ['codes', i, 'key'], code: 'required', message: 'A code needs a key.' });
    else if (seen.has(key))
      issues.push({
        path: ['codes', i, 'key'],
        code: 'duplicate_key',
        message: `Another code already has the key "${key}".`,
        params: { key },
      });
    seen.add(key);
    if (code.label.trim() === '') issues.push({ path: ['codes', i, 'label'], code: 'required', message: 'A code needs a label.' });
    if (code.keywords.length === 0)
      issues.push({ path: ['codes', i, 'keywords'], code: 'required', message: 'A code needs at least one keyword.' });
    const unmatchable = (terms: readonly string[], matchers: readonly TermMatcher[] | undefined, field: 'keywords' | 'exclude') =>
      matchers?.forEach((m, j) => {
        if (m.bases.length === 0 && m.substring === null)
          issues.push({
            path: ['codes', i, field, j],
            code: 'invalid_value',
            message: `"${terms[j]}" has no word to match.`,
            params: { term: terms[j] ?? '' },
          });
      });
    unmatchable(code.keywords, compiled[i]?.keywords, 'keywords');
    unmatchable(code.exclude ?? [], compiled[i]?.exclude, 'exclude');
  });
  return issues;
}

function weightIssues(weights: ArrayLike<number>, respondents: number): Issue[] {
  if (weights.length !== respondents)
    return [
      {
        path: ['weights'],
        code: 'invalid_value',
        message: `There are ${weights.length} weights for ${respondents} answers.`,
        params: { weights: weights.length, respondents },
      },
    ];
  const issues: Issue[] = [];
  for (let r = 0; r < weights.length && issues.length < MAX_LISTED_ISSUES; r++) {
    const w = weights[r] ?? Number.NaN;
    if (!(Number.isFinite(w) && w > 0))
      issues.push({ path: ['weights', r], code: 'not_finite', message: `The weight of respondent ${r} must be a finite number above 0.` });
  }
  return issues;
}

function optionIssues(examplesPerCode: number): Issue[] {
  return Number.isInteger(examplesPerCode) && examplesPerCode >= 0 && examplesPerCode <= 100
    ? []
    : [{ path: ['examplesPerCode'], code: 'invalid_value', message: 'Examples per code: a whole number from 0 to 100.' }];
}

class Tally {
  count = 0;
  weightedCount = 0;
  readonly examples: CodedExample[] = [];
  constructor(private readonly examplesWanted: number) {}
  add(respondent: number, weight: number, text: string) {
    this.count++;
    this.weightedCount += weight;
    if (this.examples.length < this.examplesWanted) this.examples.push({ respondent, text: quote(text) });
  }
  result(answered: number, weightedAnswered: number): CodeTally {
    return {
      count: this.count,
      weightedCount: this.weightedCount,
      share: answered === 0 ? 0 : this.count / answered,
      weightedShare: weightedAnswered === 0 ? 0 : this.weightedCount / weightedAnswered,
      examples: this.examples,
    };
  }
}

/**
 * Applies the codes to every answer. An answer may have several codes; an answered one with none is
 * uncoded; null, blank and "NA"-like answers are outside the base. Throws invalid_input listing every
 * problem with the codes (duplicate keys, no keywords, a keyword with no word), the weights or the options.
 */
export function codeAnswers(
  answers: readonly (string | null)[],
  codes: readonly AnswerCode[],
  tokenize: Tokenize,
  options: CodeAnswersOptions = {},
): CodingResult {
  const examplesPerCode = options.examplesPerCode ?? 3;
  const weights = options.weights ?? null;
  const compiled = codes.map((c) => ({
    keywords: c.keywords.map((k) => compileTerm(k, tokenize)),
    exclude: (c.exclude ?? []).map((k) => compileTerm(k, tokenize)),
  }));
  const issues = [
    ...codeIssues(codes, compiled),
    ...(weights ? weightIssues(weights, answers.length) : []),
    ...optionIssues(examplesPerCode),
  ];
  if (issues.length > 0) throw new AppError('invalid_input', 'The codes or options are not valid.', { reason: 'validation', issues });

  const missing = new Set(options.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const n = answers.length;
  const selected = codes.map(() => new Uint8Array(n));
  const answeredFlags = new Uint8Array(n);
  const tallies = codes.map(() => new Tally(examplesPerCode));
  const uncoded = new Tally(examplesPerCode);
  let answered = 0;
  let weightedAnswered = 0;
  answers.forEach((answer, r) => {
    const text = presentAnswer(answer, missing);
    if (answer === null || text === null) return;
    const weight = weights ? (weights[r] ?? 0) : 1;
    answeredFlags[r] = 1;
    answered++;
    weightedAnswered += weight;
    const prepared = { text, bases: basesOf(text, tokenize) };
    let any = false;
    compiled.forEach((code, c) => {
      if (!codeMatches(code, prepared)) return;
      any = true;
      (selected[c] as Uint8Array)[r] = 1;
      tallies[c]?.add(r, weight, answer);
    });
    if (!any) uncoded.add(r, weight, answer);
  });

  const variable = options.variable ?? { key: 'coded', label: 'Coded answers' };
  return {
    respondents: n,
    answered,
    weightedAnswered,
    codes: codes.map((code, c) => ({ key: code.key, label: code.label, ...(tallies[c] as Tally).result(answered, weightedAnswered) })),
    uncoded: uncoded.result(answered, weightedAnswered),
    variable: {
      kind: 'multiple',
      key: variable.key,
      label: variable.label,
      categories: codes.map((c) => ({ value: c.key, label: c.label })),
      selected,
      answered: answeredFlags,
    },
  };
}

// ---------- term suggestions ----------

const CONTENT_POS = new Set(['名詞', '動詞', '形容詞']);
/** Nouns and verbs that carry no topic of their own: pronouns, numbers, suffixes, dependent words (こと, いる). */
const FUNCTION_DETAILS = new Set(['非自立', '代名詞', '数', '接尾', '特殊']);
const STOP_WORDS = new Set(
  [
    // Japanese (base forms): light verbs, formal nouns and survey filler (特になし)
    'する ある いる なる れる られる せる できる こと もの よう ない ため ほう それ これ あれ とき ところ 思う 感じる なし 特に',
    // English (as written)
    'a an i we it is be am to of in on at by as or if so do no my me us he up the and but for with not are was were been being',
    'have has had does did doing this that these those there here what which who when where how why its our your their they them',
    'you she his her him from into about than then very too just can could would should will all any some more most also only',
    'really much many dont didnt cant wont isnt wasnt nothing thing get got like',
  ]
    .join(' ')
    .split(' '),
);

function isContentWord(t: Token, base: string): boolean {
  if (!isWordToken(t) || STOP_WORDS.has(normalizeText(t.surface))) return false;
  // A dictionary form is a word; an English stem is not ("use" and "us" share one), so only tagged tokens are stopped by base.
  if (t.pos !== undefined) return !STOP_WORDS.has(base) && CONTENT_POS.has(t.pos) && !FUNCTION_DETAILS.has(t.posDetail1 ?? '');
  // Without tags (English): no numbers or single letters.
  return !/^\p{N}+$/u.test(base) && [...base].length > 1;
}

export interface SuggestedTerm {
  /** The base form: use it as a keyword. */
  term: string;
  /** How it was most often written (a stem such as "charg" is shown as "charged"). */
  surface: string;
  /** Answers containing it: one talkative respondent does not make a theme. */
  respondents: number;
  occurrences: number;
}

/**
 * The most frequent content words of the answers (nouns, verbs, adjectives by base form; particles,
 * auxiliaries and stop words skipped), to help the analyst define codes. Most respondents first,
 * then most occurrences, then the term, so the list is the same on every run.
 */
export function suggestTerms(
  answers: readonly (string | null)[],
  tokenize: Tokenize,
  options: { top?: number; missingMarkers?: readonly string[] } = {},
): SuggestedTerm[] {
  const top = options.top ?? 30;
  if (!(Number.isInteger(top) && top >= 1 && top <= 1000))
    throw new AppError('invalid_input', 'The number of terms is not valid.', {
      reason: 'validation',
      issues: [{ path: ['top'], code: 'invalid_value', message: 'A whole number from 1 to 1000.' }],
    });
  const missing = new Set(options.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const stats = new Map<string, { respondents: number; occurrences: number; surfaces: Map<string, number> }>();
  for (const answer of answers) {
    const text = presentAnswer(answer, missing);
    if (text === null) continue;
    const seenHere = new Set<string>();
    for (const token of tokenize(text)) {
      const base = baseOf(token);
      if (!isContentWord(token, base)) continue;
      const s = stats.get(base) ?? { respondents: 0, occurrences: 0, surfaces: new Map<string, number>() };
      stats.set(base, s);
      s.occurrences++;
      s.surfaces.set(token.surface, (s.surfaces.get(token.surface) ?? 0) + 1);
      if (!seenHere.has(base)) s.respondents++;
      seenHere.add(base);
    }
  }
  const mostWritten = (surfaces: Map<string, number>) =>
    [...surfaces].reduce((best, cur) => (cur[1] > best[1] ? cur : best), ['', 0] as [string, number])[0];
  return [...stats]
    .map(([term, s]) => ({ term, surface: mostWritten(s.surfaces), respondents: s.respondents, occurrences: s.occurrences }))
    .sort((a, b) => b.respondents - a.respondents || b.occurrences - a.occurrences || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, top);
}
