import type { JaTokenizer } from '../../documents/pii/types.js';
import { type SearchToken, tokenize } from './tokens.js';

/**
 * The search language of the patent workbench, the operators a searcher expects from commercial
 * patent databases:
 *
 *   catheter balloon            both words (AND is implied; `AND`, `&` also work)
 *   stent OR graft              either (`|` too)
 *   NOT coating, -coating       without
 *   "inflatable balloon"        the words in this order (stop words keep their place)
 *   sensor NEAR/5 pressure      within 5 words of each other, either order (`W/5` too)
 *   title:catheter              one field: title (ti), abstract (ab), claims (cl), description (de)
 *   (stent OR graft) 血圧       grouping; a Japanese word is found wherever its characters occur
 *
 * NEAR binds tighter than AND, AND tighter than OR. A query is parsed once into this tree; the
 * engine evaluates it on the index, and the saved search keeps its text.
 */
export const SEARCH_FIELDS = ['title', 'abstract', 'claims', 'description'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

const FIELD_ALIASES: Record<string, SearchField> = {
  title: 'title',
  ti: 'title',
  abstract: 'abstract',
  ab: 'abstract',
  claims: 'claims',
  claim: 'claims',
  cl: 'claims',
  description: 'description',
  de: 'description',
  desc: 'description',
};

/** Words in their order, each at its offset from the first (stop words leave gaps). */
export interface PhraseNode {
  readonly kind: 'phrase';
  readonly field: SearchField | null;
  readonly text: string;
  readonly tokens: readonly { readonly term: string; readonly offset: number }[];
  /** Whole words kuromoji or a katakana run adds: they rank, they are not required to match. */
  readonly extraTerms: readonly string[];
}
export type QueryNode =
  | PhraseNode
  | { readonly kind: 'and'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'or'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'not'; readonly child: QueryNode }
  | { readonly kind: 'near'; readonly distance: number; readonly left: PhraseNode; readonly right: PhraseNode };

export type QueryIssueCode = 'query_unbalanced' | 'query_operator' | 'query_no_terms' | 'query_only_negative' | 'query_too_long';
export interface QueryIssue {
  readonly code: QueryIssueCode;
  /** Where in the query (0-based character offset of its NFKC form). */
  readonly at: number;
  readonly message: string;
}
export type ParsedQuery = { ok: true; node: QueryNode; terms: string[] } | { ok: false; issues: QueryIssue[] };

export const MAX_QUERY_CHARS = 4000;
export const MAX_NEAR = 50;

type Lexeme =
  | { type: '(' | ')' | 'and' | 'or' | 'not'; at: number }
  | { type: 'near'; at: number; distance: number }
  | { type: 'word' | 'quoted'; at: number; text: string; field: SearchField | null; negated: boolean };

function lex(query: string, issues: QueryIssue[]): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ type: ch, at: i++ });
      continue;
    }
    if (ch === '&') {
      out.push({ type: 'and', at: i++ });
      continue;
    }
    if (ch === '|') {
      out.push({ type: 'or', at: i++ });
      continue;
    }
    const start = i;
    let negated = false;
    if (ch === '-' && i + 1 < query.length && !/\s/u.test(query[i + 1] as string)) {
      negated = true;
      i++;
    }
    let field: SearchField | null = null;
    const prefix = /^([a-z]+):/iu.exec(query.slice(i, i + 13));
    if (prefix) {
      const known = FIELD_ALIASES[(prefix[1] as string).toLowerCase()];
      if (known) {
        field = known;
        i += prefix[0].length;
      }
    }
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) {
        issues.push({ code: 'query_unbalanced', at: i, message: 'A quotation mark is not closed.' });
        return out;
      }
      out.push({ type: 'quoted', at: start, text: query.slice(i + 1, close), field, negated });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < query.length && !/[\s()"&|]/u.test(query[end] as string)) end++;
    const text = query.slice(i, end);
    i = end;
    if (!negated && field === null) {
      if (text === 'AND') {
        out.push({ type: 'and', at: start });
        continue;
      }
      if (text === 'OR') {
        out.push({ type: 'or', at: start });
        continue;
      }
      if (text === 'NOT') {
        out.push({ type: 'not', at: start });
        continue;
      }
      const near = /^(?:NEAR|W)\/(\d+)$/iu.exec(text);
      if (near) {
        const distance = Number(near[1]);
        if (distance < 1 || distance > MAX_NEAR)
          issues.push({ code: 'query_operator', at: start, message: `NEAR takes a distance from 1 to ${MAX_NEAR} words.` });
        out.push({ type: 'near', at: start, distance: Math.min(Math.max(distance, 1), MAX_NEAR) });
        continue;
      }
    }
    if (text === '') {
      issues.push({ code: 'query_operator', at: start, message: 'A field or "-" needs a word after it.' });
      continue;
    }
    out.push({ type: 'word', at: start, text, field, negated });
  }
  return out;
}

function phraseOf(text: string, field: SearchField | null, japanese: JaTokenizer | undefined): PhraseNode | null {
  const tokens: SearchToken[] = tokenize(text, japanese);
  const matching = new Map<number, string>();
  const extra: string[] = [];
  // A position may hold a bigram and a whole word; the bigram (or the Latin word) is what must match.
  for (const t of tokens) {
    if (!matching.has(t.position) && isBaseTerm(t.term)) matching.set(t.position, t.term);
    else extra.push(t.term);
  }
  if (matching.size === 0) return null;
  const first = Math.min(...matching.keys());
  return {
    kind: 'phrase',
    field,
    text,
    tokens: [...matching].sort((a, b) => a[0] - b[0]).map(([position, term]) => ({ term, offset: position - first })),
    extraTerms: [...new Set(extra)],
  };
}

/** A Latin word or a character bigram/unigram — not a whole Japanese word added for ranking. */
export function isBaseTerm(term: string): boolean {
  return !/[\p{Script=Han}\p{Script=Katakana}ー々〆ヶ]/u.test(term) || [...term].length <= 2;
}

export function parseQuery(raw: string, japanese?: JaTokenizer): ParsedQuery {
  const query = raw.normalize('NFKC');
  const issues: QueryIssue[] = [];
  if (query.length > MAX_QUERY_CHARS)
    return {
      ok: false,
      issues: [{ code: 'query_too_long', at: MAX_QUERY_CHARS, message: `A query has at most ${MAX_QUERY_CHARS} characters.` }],
    };
  const lexemes = lex(query, issues);
  let at = 0;
  const peek = () => lexemes[at];

  // Each parser returns null for a part that holds no searchable word (only stop words).
  function parseOr(): QueryNode | null | undefined {
    const children: (QueryNode | null)[] = [];
    const first = parseAnd();
    if (first === undefined) return undefined;
    children.push(first);
    while (peek()?.type === 'or') {
      const op = lexemes[at++] as Lexeme;
      const next = parseAnd();
      if (next === undefined) {
        issues.push({ code: 'query_operator', at: op.at, message: 'OR needs a word on each side.' });
        break;
      }
      children.push(next);
    }
    const kept = children.filter((c): c is QueryNode => c !== null);
    if (kept.length === 0) return null;
    return kept.length === 1 ? (kept[0] as QueryNode) : { kind: 'or', children: kept };
  }

  function parseAnd(): QueryNode | null | undefined {
    const children: (QueryNode | null)[] = [];
    for (;;) {
      const next = peek();
      if (!next || next.type === ')' || next.type === 'or') break;
      if (next.type === 'and') {
        at++;
        if (children.length === 0 || !peek() || ['and', 'or', ')'].includes(peek()?.type ?? ''))
          issues.push({ code: 'query_operator', at: next.at, message: 'AND needs a word on each side.' });
        continue;
      }
      const unary = parseUnary();
      if (unary === undefined) break;
      children.push(unary);
    }
    if (children.length === 0) return undefined;
    const kept = children.filter((c): c is QueryNode => c !== null);
    if (kept.length === 0) return null;
    return kept.length === 1 ? (kept[0] as QueryNode) : { kind: 'and', children: kept };
  }

  function parseUnary(): QueryNode | null | undefined {
    const next = peek();
    if (next?.type === 'not') {
      at++;
      const child = parseUnary();
      if (child === undefined) {
        issues.push({ code: 'query_operator', at: next.at, message: 'NOT needs a word after it.' });
        return undefined;
      }
      return child === null ? null : { kind: 'not', child };
    }
    return parseNear();
  }

  function parseNear(): QueryNode | null | undefined {
    let left = parsePrimary();
    while (peek()?.type === 'near') {
      const op = lexemes[at++] as Extract<Lexeme, { type: 'near' }>;
      const right = parsePrimary();
      if (right === undefined) {
        issues.push({ code: 'query_operator', at: op.at, message: 'NEAR needs a word on each side.' });
        return left;
      }
      const unwrap = (n: QueryNode | null | undefined) => (n && n.kind === 'not' ? undefined : n);
      const l = unwrap(left);
      const r = unwrap(right);
      if ((l && l.kind !== 'phrase') || (r && r.kind !== 'phrase') || l === undefined || r === undefined) {
        issues.push({ code: 'query_operator', at: op.at, message: 'NEAR joins two words or two quoted phrases, not groups or negations.' });
        return left;
      }
      if (l === null || r === null) left = l ?? r;
      else left = { kind: 'near', distance: op.distance, left: l, right: r };
    }
    return left;
  }

  function parsePrimary(): QueryNode | null | undefined {
    const next = peek();
    if (!next) return undefined;
    if (next.type === '(') {
      at++;
      const inner = parseOr();
      if (peek()?.type !== ')') {
        issues.push({ code: 'query_unbalanced', at: next.at, message: 'A parenthesis is not closed.' });
        return inner ?? null;
      }
      at++;
      if (inner === undefined) {
        issues.push({ code: 'query_operator', at: next.at, message: 'Parentheses hold nothing.' });
        return null;
      }
      return inner;
    }
    if (next.type === 'word' || next.type === 'quoted') {
      at++;
      const phrase = phraseOf(next.text, next.field, japanese);
      if (!phrase) return null;
      return next.negated ? { kind: 'not', child: phrase } : phrase;
    }
    return undefined;
  }

  const node = parseOr();
  for (const extra = peek(); extra; ) {
    issues.push(
      extra.type === ')'
        ? { code: 'query_unbalanced', at: extra.at, message: 'A closing parenthesis has no opening one.' }
        : { code: 'query_operator', at: extra.at, message: 'An operator is missing a word.' },
    );
    break;
  }
  if (issues.length > 0) return { ok: false, issues };
  if (!node)
    return {
      ok: false,
      issues: [{ code: 'query_no_terms', at: 0, message: 'The query holds no searchable word (only common words such as "the" or "of").' }],
    };
  if (!hasPositive(node))
    return {
      ok: false,
      issues: [{ code: 'query_only_negative', at: 0, message: 'A query needs a word to find, not only words to exclude.' }],
    };
  return { ok: true, node, terms: positiveTerms(node) };
}

function hasPositive(node: QueryNode): boolean {
  switch (node.kind) {
    case 'phrase':
    case 'near':
      return true;
    case 'not':
      return false;
    case 'and':
      return node.children.some(hasPositive);
    case 'or':
      return node.children.every(hasPositive);
  }
}

/** The terms that rank a result: those of every part not under a NOT, whole words included. */
export const positiveTerms = (node: QueryNode): string[] => termsOf(node, { negated: false, extras: true });

/** Every term the tree names, negated ones too: what the engine must read from the index to match. */
export const allTerms = (node: QueryNode): string[] => termsOf(node, { negated: true, extras: false });

function termsOf(node: QueryNode, include: { negated: boolean; extras: boolean }): string[] {
  const out = new Set<string>();
  const walk = (n: QueryNode) => {
    switch (n.kind) {
      case 'phrase':
        for (const t of n.tokens) out.add(t.term);
        if (include.extras) for (const t of n.extraTerms) out.add(t);
        return;
      case 'near':
        walk(n.left);
        walk(n.right);
        return;
      case 'not':
        if (include.negated) walk(n.child);
        return;
      case 'and':
      case 'or':
        n.children.forEach(walk);
    }
  };
  walk(node);
  return [...out];
}
