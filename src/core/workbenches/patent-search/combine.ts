import { intersect, subtract, union } from './engine.js';

/**
 * Combined steps of a saved search (issue #12, point 2), as a Japanese search report writes them:
 * "S1 AND S2", "(S1 OR S3) NOT S2" — or in J-PlatPat's signs, "S1*S2", "S1+S3", "S2-S1". A formula
 * made only of step labels, these operators and parentheses combines the hit sets of earlier steps;
 * any other formula is a search. AND and NOT bind tighter than OR; operators of one level apply
 * left to right. A step may name only the steps before it, so a combination can never refer to
 * itself, directly or through another step.
 */
export type StepExpression =
  | { op: 'step'; label: string; at: number }
  | { op: 'and' | 'or' | 'not'; left: StepExpression; right: StepExpression };

export type StepIssueCode = 'query_unbalanced' | 'query_operator' | 'unknown_step' | 'step_order';
export interface StepIssue {
  code: StepIssueCode;
  /** 0-based character offset in the NFKC form of the formula. */
  at: number;
  message: string;
}

type Token = { type: 'step'; label: string; at: number } | { type: '(' | ')' | 'and' | 'or' | 'not'; at: number };

const TOKEN = /\s*(?:(\()|(\))|\b(S\d{1,3})\b|\b(AND)\b|\b(OR)\b|\b(NOT)\b|(\*)|(\+)|(-))/iy;

function tokens(formula: string): Token[] | null {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < formula.length) {
    if (/^\s*$/.test(formula.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(formula);
    if (!m) return null;
    const at = m.index + (m[0].length - m[0].trimStart().length);
    if (m[1]) out.push({ type: '(', at });
    else if (m[2]) out.push({ type: ')', at });
    else if (m[3]) out.push({ type: 'step', label: m[3].toUpperCase(), at });
    else if (m[4] || m[7]) out.push({ type: 'and', at });
    else if (m[5] || m[8]) out.push({ type: 'or', at });
    else out.push({ type: 'not', at });
  }
  return out;
}

/** Whether a formula combines steps (only labels, operators and parentheses, at least one label) rather than searches. */
export function isStepCombination(formula: string): boolean {
  const t = tokens(formula.normalize('NFKC'));
  return t?.some((x) => x.type === 'step') ?? false;
}

/**
 * Parses a combination of steps. `earlier` are the labels of the steps before this one (S1…Sn-1);
 * `own` is this step's label: naming it, or a later step, is refused (`step_order`), a label no step
 * has is `unknown_step`, a parenthesis left open or closed twice is `query_unbalanced`, an operator
 * without its step is `query_operator`. Every problem is listed.
 */
export function parseStepCombination(
  formula: string,
  earlier: readonly string[],
  own: string,
): { ok: true; expression: StepExpression; steps: string[] } | { ok: false; issues: StepIssue[] } {
  const text = formula.normalize('NFKC');
  const list = tokens(text);
  if (list === null || !list.some((x) => x.type === 'step'))
    return { ok: false, issues: [{ code: 'query_operator', at: 0, message: 'Not a combination of steps such as S1 AND S2.' }] };
  const issues: StepIssue[] = [];
  let i = 0;
  const peek = () => list[i];
  const known = new Set(earlier);
  const ownNumber = Number(own.slice(1));

  function primary(): StepExpression | null {
    const t = peek();
    if (!t) {
      issues.push({ code: 'query_operator', at: text.length, message: 'An operator is missing the step after it.' });
      return null;
    }
    if (t.type === '(') {
      i++;
      const inner = or();
      if (peek()?.type === ')') i++;
      else issues.push({ code: 'query_unbalanced', at: t.at, message: 'This parenthesis is not closed.' });
      return inner;
    }
    if (t.type === 'step') {
      i++;
      if (!known.has(t.label)) {
        if (Number(t.label.slice(1)) >= ownNumber)
          issues.push({ code: 'step_order', at: t.at, message: `${own} may combine only the steps before it, not ${t.label}.` });
        else issues.push({ code: 'unknown_step', at: t.at, message: `There is no step ${t.label}.` });
      }
      return { op: 'step', label: t.label, at: t.at };
    }
    issues.push({ code: 'query_operator', at: t.at, message: 'A step label is missing here.' });
    i++;
    return null;
  }

  function and(): StepExpression | null {
    let left = primary();
    for (let t = peek(); t && (t.type === 'and' || t.type === 'not'); t = peek()) {
      i++;
      const right = primary();
      left = left && right ? { op: t.type, left, right } : (left ?? right);
    }
    return left;
  }

  function or(): StepExpression | null {
    let left = and();
    for (let t = peek(); t?.type === 'or'; t = peek()) {
      i++;
      const right = and();
      left = left && right ? { op: 'or', left, right } : (left ?? right);
    }
    return left;
  }

  const expression = or();
  while (i < list.length) {
    const t = list[i] as Token;
    issues.push(
      t.type === ')'
        ? { code: 'query_unbalanced', at: t.at, message: 'This parenthesis closes nothing.' }
        : { code: 'query_operator', at: t.at, message: 'An operator is missing between two steps.' },
    );
    // A parenthesis is passed over; a step or an opening one is read on, to find the problems after it.
    if (t.type === ')') i++;
    else or();
  }
  if (issues.length > 0 || !expression) return { ok: false, issues };
  const steps = [...new Set(list.flatMap((t) => (t.type === 'step' ? [t.label] : [])))];
  return { ok: true, expression, steps };
}

/** Hit sets per corpus: corpus id → the corpus's document numbers, ascending. */
export type HitSets = ReadonlyMap<string, Uint32Array>;

const EMPTY = new Uint32Array(0);

/** The hit sets of a combination, from the sets of the steps it names. */
export function combineHits(expression: StepExpression, setOf: (label: string) => HitSets): HitSets {
  if (expression.op === 'step') return setOf(expression.label);
  const left = combineHits(expression.left, setOf);
  const right = combineHits(expression.right, setOf);
  const out = new Map<string, Uint32Array>();
  const corpora = new Set([...left.keys(), ...right.keys()]);
  for (const c of corpora) {
    const a = left.get(c) ?? EMPTY;
    const b = right.get(c) ?? EMPTY;
    const r = expression.op === 'and' ? intersect(a, b) : expression.op === 'or' ? union(a, b) : subtract(a, b);
    if (r.length > 0) out.set(c, r);
  }
  return out;
}

export const hitCount = (sets: HitSets): number => [...sets.values()].reduce((s, a) => s + a.length, 0);
