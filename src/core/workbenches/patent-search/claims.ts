/**
 * Claim analysis: which claims a claim refers to, and the claim's elements (構成要件 A, B, C…)
 * with their offsets in the claim text, in English and Japanese. Pure text rules: no parser or
 * dictionary, so the rules are heuristics a reviewer checks and corrects in the claim-chart editor.
 */

export type ClaimLanguage = 'en' | 'ja';

export type ClaimInput = { number: number; text: string; dependsOn?: readonly number[] };

export type ClaimElement = {
  /** A, B, … Z, AA, AB, … */
  label: string;
  text: string;
  /** Offsets into the claim text: `claimText.slice(start, end) === text`. */
  start: number;
  end: number;
};

export type ResolvedElement = ClaimElement & { claim: number };

export type ResolvedClaim = {
  number: number;
  /** The claims whose elements were taken, from the independent claim down to this one. */
  chain: number[];
  /** Other parents of a multiple-dependent claim ("claim 1 or 2": 2), not followed. */
  alternatives: number[];
  /** The parent's elements and then the claim's own, relabelled A, B, C… in that order. */
  elements: ResolvedElement[];
};

const MAX_REFERENCE_RANGE = 1000;

/** Japanese when the text has kana or kanji. */
export function claimLanguage(text: string): ClaimLanguage {
  return /[\u3040-\u30ff\u3400-\u9fff]/.test(text) ? 'ja' : 'en';
}

/** A, B, … Z, AA, AB, … (spreadsheet column style). */
export function elementLabel(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function numbersOf(list: string, rangeWords: RegExp): number[] {
  // "1, 2 or 5 to 7" → [1, 2, 5, 6, 7]
  const out: number[] = [];
  const re = new RegExp(`(\\d+)(?:\\s*(?:${rangeWords.source})\\s*(?:claims?\\s*|請求項\\s*)?(\\d+))?`, 'gi');
  for (const m of list.matchAll(re)) {
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b >= a && b - a <= MAX_REFERENCE_RANGE) for (let k = a; k <= b; k++) out.push(k);
    else out.push(a, b);
  }
  return out;
}

const EN_LIST_SEP = String.raw`\s*(?:,\s*(?:and|or)?|and|or|to|through|thru|-|–|—|~)\s*(?:claims?\s*)?`;
const EN_REF = new RegExp(String.raw`\bclaims?\s+(\d+(?:${EN_LIST_SEP}\d+)*)`, 'gi');
const EN_RANGE = /to|through|thru|-|–|—|~/;
const EN_ANY_PRECEDING =
  /\b(?:any|one)\s+(?:one\s+)?of\s+the\s+(?:preceding|previous|foregoing)\s+claims\b|\bany\s+(?:preceding|previous|foregoing)\s+claims?\b/i;

const JA_LIST_SEP = String.raw`\s*(?:、|,|又は|または|もしくは|若しくは|及び|および|ないし|乃至|から|~|〜|-|−|－|ー)\s*(?:請求項\s*)?`;
const JA_REF = new RegExp(String.raw`請求項\s*(\d+)((?:${JA_LIST_SEP}\d+)*)`, 'g');
const JA_RANGE = /ないし|乃至|から|~|〜|-|−|－|ー/;
const JA_ANY_PRECEDING = /(?:前記|上記|先行する)?請求項の?いずれか/;

/**
 * The claims a claim refers to, ascending, without itself: "The device of claim 1", "according to
 * any one of claims 1 to 3", "as claimed in claim 2 or 3", 「請求項1に記載の」「請求項1又は2に記載の」
 * 「請求項1〜3のいずれか一項に記載の」 (full-width digits too). With the claim's own number, "any
 * preceding claim" means every earlier claim, and references to later claims are dropped.
 */
export function detectDependencies(text: string, ownNumber?: number, language: ClaimLanguage = claimLanguage(text)): number[] {
  const s = text.normalize('NFKC');
  const found = new Set<number>();
  if (language === 'ja') {
    for (const m of s.matchAll(JA_REF)) for (const n of numbersOf(`${m[1]}${m[2] ?? ''}`, JA_RANGE)) found.add(n);
    if (found.size === 0 && ownNumber !== undefined && JA_ANY_PRECEDING.test(s)) for (let k = 1; k < ownNumber; k++) found.add(k);
  } else {
    for (const m of s.matchAll(EN_REF)) for (const n of numbersOf(m[1] ?? '', EN_RANGE)) found.add(n);
    if (found.size === 0 && ownNumber !== undefined && EN_ANY_PRECEDING.test(s)) for (let k = 1; k < ownNumber; k++) found.add(k);
  }
  return [...found].filter((n) => n >= 1 && n !== ownNumber && (ownNumber === undefined || n < ownNumber)).sort((a, b) => a - b);
}

export const isIndependent = (claim: ClaimInput): boolean => (claim.dependsOn ?? detectDependencies(claim.text, claim.number)).length === 0;

// ---------- elements ----------

type Span = { start: number; end: number };

/** Shrinks a span past whitespace, list markers ("(a)", "a)"), a leading "and"/"or" and trailing punctuation. */
function tidy(text: string, span: Span, language: ClaimLanguage): Span | null {
  let { start, end } = span;
  const head = language === 'en' ? /^(?:\s|\(?[a-z0-9]{1,3}\)\s|(?:and|or)\b|[;,:])+/i : /^(?:[\s、，,。]|[(（][^)）]{1,3}[)）])+/;
  const tail = language === 'en' ? /(?:\s|[;,:.]|\band|\bor)+$/i : /[\s、，,。]+$/;
  for (let guard = 0; guard < 4; guard++) {
    const h = head.exec(text.slice(start, end));
    if (h && h[0].length > 0) start += h[0].length;
    const t = tail.exec(text.slice(start, end));
    if (t && t[0].length > 0) end -= t[0].length;
    if (!h && !t) break;
  }
  return end > start ? { start, end } : null;
}

/** Where a leading claim number ("1. ", "【請求項1】") ends. */
function bodyStart(text: string): number {
  const m = /^\s*(?:\d+\s*[.．)]\s*|【\s*請求項\s*[0-9０-９]+\s*】\s*|請求項\s*[0-9０-９]+\s*[.．:：]?\s+)/.exec(text);
  return m ? m[0].length : 0;
}

const EN_TRANSITION =
  /\b(?:comprising|comprises|comprised of|consisting essentially of|consisting of|consists of|including|includes|having|characterized in that|characterised in that|which comprises)\b\s*:?|:/i;

function splitEnglish(text: string): Span[] {
  const begin = bodyStart(text);
  const spans: Span[] = [];
  // The preamble ends at the first transition ("comprising:") or, in a dependent claim, where the first "wherein" begins.
  const body = text.slice(begin);
  const t = EN_TRANSITION.exec(body);
  const w = /,?\s*\b(?:wherein|whereby|in which)\b/i.exec(body);
  let cut: number;
  if (t && (!w || t.index <= w.index)) cut = begin + t.index + t[0].length;
  else if (w) cut = begin + w.index;
  else return [{ start: begin, end: text.length }];
  spans.push({ start: begin, end: cut });
  // Limitations: separated by semicolons (a "; and" ends the list) and by line breaks between nested clauses.
  const pieces: Span[] = [];
  let from = cut;
  const sep = /;|\n/g;
  sep.lastIndex = cut;
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    pieces.push({ start: from, end: m.index });
    from = m.index + 1;
  }
  pieces.push({ start: from, end: text.length });
  // "wherein" / "whereby" clauses are elements of their own.
  for (const p of pieces) {
    const inner = /(?:,\s*|\s+|^)(?=\b(?:wherein|whereby)\b)/gi;
    const seg = text.slice(p.start, p.end);
    let last = 0;
    for (const m of seg.matchAll(inner)) {
      if (m.index === 0) continue;
      spans.push({ start: p.start + last, end: p.start + m.index });
      last = m.index + m[0].length;
    }
    spans.push({ start: p.start + last, end: p.end });
  }
  return spans;
}

/** Connectives that end a Japanese element: 「〜と、」「〜とを備え、」「〜であって、」「〜を特徴とする」. */
const JA_CUTS: RegExp[] = [
  // 「…装置であって、」 ends the preamble; the cut comes after the comma.
  /(?:であって|において)[、，,]/g,
  // 「…とを備え、」「…とを有する」: the element ends before 「とを」; what follows is a new element.
  /とを(?:備える|具備する|有する|含む|備え|具備し|有し|含み)(?:[、，,]|ることを|ことを)?/g,
  // 「…と、」 between elements, not the conditional 「…すると、」「…されると、」.
  /(?<![るた])と[、，,]/g,
];

function splitJapanese(text: string): Span[] {
  const begin = bodyStart(text);
  const cuts = new Set<number>();
  for (const re of JA_CUTS) {
    re.lastIndex = begin;
    for (let m = re.exec(text); m; m = re.exec(text)) cuts.add(m.index + m[0].length);
  }
  // After the list of parts (「〜とを備え、」), clauses about them: 「前記Xは、…し、前記Yは、…」: a new clause starts at 「、前記」 once the current one has its own subject (「は、」「が、」).
  let spans: Span[] = [];
  let from = begin;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c > from) spans.push({ start: from, end: c });
    from = c;
  }
  spans.push({ start: from, end: text.length });
  spans = spans.flatMap((sp) => {
    const out: Span[] = [];
    let start = sp.start;
    const re = /[、，,](?=前記|上記)/g;
    re.lastIndex = sp.start;
    for (let m = re.exec(text); m && m.index < sp.end; m = re.exec(text)) {
      const seg = text.slice(start, m.index);
      if (/[はが][、，,]/.test(seg) && /[しりきえてみいで]$/.test(seg)) {
        out.push({ start, end: m.index + 1 });
        start = m.index + 1;
      }
    }
    out.push({ start, end: sp.end });
    return out;
  });
  // 「…ことを特徴とするカテーテル。」: the closing subject is an element of its own.
  const last = spans[spans.length - 1];
  if (last) {
    const m = /(?:こと)?を特徴とする([^、。]+)。?\s*$/.exec(text.slice(last.start, last.end));
    if (m && m.index > 0) {
      spans.splice(spans.length - 1, 1, { start: last.start, end: last.start + m.index }, { start: last.start + m.index, end: last.end });
    }
  }
  // 「…である、請求項1〜3のいずれか一項に記載の血圧測定装置。」: a dependent claim that names its
  // parent at the end (the usual form today) keeps that reference as an element of its own.
  const tail = spans[spans.length - 1];
  if (tail) {
    const m = /(?:前記|上記)?請求項[^、。]*?(?:に記載|に係る|記載)の[^、。]+。?\s*$/.exec(text.slice(tail.start, tail.end));
    if (m && m.index > 0) {
      spans.splice(spans.length - 1, 1, { start: tail.start, end: tail.start + m.index }, { start: tail.start + m.index, end: tail.end });
    }
  }
  return spans.map((sp) => {
    // An element does not keep its connective: 「カテーテル本体と、」→「カテーテル本体」.
    const seg = text.slice(sp.start, sp.end);
    const conn = /(?:とを(?:備える|具備する|有する|含む|備え|具備し|有し|含み)(?:[、，,]|ることを|ことを)?|と[、，,])\s*$/.exec(seg);
    return conn && conn.index > 0 ? { start: sp.start, end: sp.start + conn.index } : sp;
  });
}

/**
 * The claim's elements, labelled A, B, C…: in English the preamble ("A catheter comprising:"),
 * then the limitations separated by semicolons (or the line breaks between nested clauses), each
 * "wherein" clause its own; in Japanese the parts cut at 「〜であって、」「〜と、」「〜とを備え」 and
 * the closing 「〜を特徴とする…」. Offsets point into `text` as given.
 */
export function splitElements(text: string, language: ClaimLanguage = claimLanguage(text)): ClaimElement[] {
  const spans = language === 'ja' ? splitJapanese(text) : splitEnglish(text);
  const out: ClaimElement[] = [];
  for (const sp of spans) {
    const t = tidy(text, sp, language);
    if (!t) continue;
    out.push({ label: elementLabel(out.length), text: text.slice(t.start, t.end), start: t.start, end: t.end });
  }
  return out;
}

/** Whether an element only names the parent claim ("The device of claim 1", 「請求項1に記載のカテーテルであって」, or at the end 「請求項1に記載のカテーテル」). */
function isReferencePreamble(element: ClaimElement, language: ClaimLanguage): boolean {
  if (language === 'ja') return /^(?:前記|上記)?請求項[^、。]*(?:記載|係る)[^、。]*$/.test(element.text.normalize('NFKC'));
  return (
    /^(?:the|an?)\s[^;]*?\bclaims?\s+\d/i.test(element.text) && !/\b(?:wherein|whereby)\b/i.test(element.text) && element.text.length < 200
  );
}

/**
 * A dependent claim resolved into its full element list: the parent's elements (recursively, by
 * the first claim it refers to) and then its own, without its "The device of claim 1" preamble.
 * Cycles and missing parents stop the walk. Null when the claim is not in the list.
 */
export function resolveClaim(claims: readonly ClaimInput[], number: number): ResolvedClaim | null {
  const byNumber = new Map(claims.map((c) => [c.number, c]));
  const start = byNumber.get(number);
  if (!start) return null;
  const chain: ClaimInput[] = [];
  const seen = new Set<number>();
  let alternatives: number[] = [];
  for (let c: ClaimInput | undefined = start; c && !seen.has(c.number); ) {
    seen.add(c.number);
    chain.unshift(c);
    const deps: readonly number[] = c.dependsOn ?? detectDependencies(c.text, c.number);
    if (c === start) alternatives = deps.slice(1);
    c = deps[0] === undefined ? undefined : byNumber.get(deps[0]);
  }
  const elements: ResolvedElement[] = [];
  chain.forEach((c, depth) => {
    const language = claimLanguage(c.text);
    let own = splitElements(c.text, language);
    if (depth > 0 && own[0] && isReferencePreamble(own[0], language)) own = own.slice(1);
    const last = own[own.length - 1];
    if (depth > 0 && own.length > 1 && last && isReferencePreamble(last, language)) own = own.slice(0, -1);
    for (const e of own) elements.push({ ...e, label: elementLabel(elements.length), claim: c.number });
  });
  return { number, chain: chain.map((c) => c.number), alternatives, elements };
}
