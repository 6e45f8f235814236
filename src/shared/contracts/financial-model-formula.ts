/**
 * The expression language of custom lines (forecast.lines[].formula, docs/financial-model-format.md,
 * "Custom lines and segments"): the parser and the static rules. Pure and dependency-free, so the
 * schema (and the web editor) can refuse a bad formula with its position before anything is valued;
 * the engine evaluates the tree (core/workbenches/financial-modeling/lines.ts) and the workbook
 * writes it as an Excel formula (infra/exports/fm-workbook/lines.ts).
 *
 * Written by hand on purpose: the small, well-kept npm expression parsers (jsep, expr-eval, the
 * parser inside mathjs) parse JavaScript's or their own grammar, not this one — none reads a
 * percentage (`5%`), a year range (`fcff[-2:0]`, `fcff[first:last]`), `<>` and `=` as Excel's
 * comparisons or `×`/`÷`/`−`; each would need patching at the token level, and a patched general
 * grammar lets through constructs (member access, strings, assignments) that this one must refuse.
 * The whole grammar is ~30 lines of recursive descent with a depth limit.
 *
 *   expr       := additive (('=' | '<>' | '<' | '<=' | '>' | '>=') additive)?
 *   additive   := term (('+' | '-' | '−') term)*
 *   term       := unary (('*' | '×' | '/' | '÷') unary)*
 *   unary      := ('-' | '−' | '+') unary | power
 *   power      := primary ('^' unary)?                       (right-associative; -2^2 is -4)
 *   primary    := number '%'? | name ('[' bound (':' bound)? ']')? | NAME '(' (expr (',' expr)*)? ')' | '(' expr ')'
 *   name       := identifier ('.' identifier)?               (segment values: mobile.revenue)
 *   bound      := ('+' | '-')? integer | 'first' | 'last'    (relative year, or the first/last forecast year)
 */

export const MAX_FORMULA_LENGTH = 500;
export const MAX_FORMULA_DEPTH = 20;

/** A year a reference points at: relative to the year computed, or the first/last forecast year. */
export type Bound = { kind: 'offset'; value: number } | { kind: 'first' } | { kind: 'last' };

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '=' | '<>' | '<' | '<=' | '>' | '>=';

export type FormulaNode =
  | { kind: 'number'; value: number }
  /** A line's value in one year (`at` absent: the same year). `t` and `year` are names too. */
  | { kind: 'ref'; name: string; at: Bound | null; pos: number }
  /** A line's values over consecutive years, only as an argument of a function that takes lists. */
  | { kind: 'range'; name: string; from: Bound; to: Bound; pos: number }
  | { kind: 'unary'; op: '-'; arg: FormulaNode }
  | { kind: 'binary'; op: BinaryOp; left: FormulaNode; right: FormulaNode }
  | { kind: 'call'; fn: FunctionName; args: FormulaNode[]; pos: number };

/** Functions: [least, most arguments, which arguments may be year ranges ('all' or the indexes)]. */
export const formulaFunctions = {
  SUM: [1, 30, 'all'],
  MIN: [1, 30, 'all'],
  MAX: [1, 30, 'all'],
  AVERAGE: [1, 30, 'all'],
  ABS: [1, 1, []],
  SQRT: [1, 1, []],
  LN: [1, 1, []],
  EXP: [1, 1, []],
  IF: [3, 3, []],
  AND: [1, 30, []],
  OR: [1, 30, []],
  NOT: [1, 1, []],
  NPV: [2, 30, 'rest'],
  IRR: [1, 2, [0]],
  /** XNPV(rate, line[a:b]) and XIRR(line[a:b], guess): the dates are the years' year ends (see datedFunctions). */
  XNPV: [2, 2, [1]],
  XIRR: [1, 2, [0]],
  MIRR: [3, 3, [0]],
  PMT: [3, 5, []],
  PV: [3, 5, []],
  FV: [3, 5, []],
  NPER: [3, 5, []],
  RATE: [3, 6, []],
} as const satisfies Record<string, readonly [number, number, 'all' | 'rest' | readonly number[]]>;
export type FunctionName = keyof typeof formulaFunctions;

/**
 * Functions whose values are dated: the argument at the index is a line over a range of years
 * (`fcff[first:last]`), and each value is dated at its year's end — the valuation date plus as many
 * years as the year is after the base year (the base year's end is the valuation date).
 */
export const datedFunctions: Partial<Record<FunctionName, number>> = { XNPV: 1, XIRR: 0 };

/** Built-in lines of the projection a formula may use, by name. */
export const builtInLines = ['revenue', 'ebitda', 'depreciation', 'ebit', 'taxes', 'nopat', 'capex', 'nwc', 'changeInNwc', 'fcff'] as const;
export type BuiltInLine = (typeof builtInLines)[number];
/** Built-in lines with a base-year value (the last historical year): `revenue[-1]` works in the first forecast year. */
export const builtInsWithBaseYear: ReadonlySet<string> = new Set(['revenue', 'ebitda', 'depreciation', 'ebit', 'nwc']);
/** Built-in lines known before operating costs are taken off: what an operating-cost line may use. */
export const builtInsBeforeCosts: ReadonlySet<string> = new Set(['revenue', 'depreciation']);
/** The forecast year's number (1, 2, …) and the fiscal year (2026, …). */
export const formulaVariables: ReadonlySet<string> = new Set(['t', 'year']);
/** What a segment gives, as `<segment>.<field>`; `cost` only when the segment has a unit cost. */
export const segmentFields = ['volume', 'price', 'revenue', 'unitCost', 'cost'] as const;
export type SegmentField = (typeof segmentFields)[number];
/** Names a line or a segment may not take. */
export const reservedNames: ReadonlySet<string> = new Set([...builtInLines, ...formulaVariables, 'first', 'last']);
export const lineNamePattern = /^[a-z][A-Za-z0-9_]{0,39}$/;

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based character position in the formula. */
    readonly position: number,
    /** 'syntax' or 'depth' (nested deeper than MAX_FORMULA_DEPTH) or 'function' (unknown function, wrong arguments). */
    readonly kind: 'syntax' | 'depth' | 'function',
  ) {
    super(message);
  }
}

type Token =
  | { t: 'num'; v: number; pos: number }
  | { t: 'id'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; pos: number };

const OPS = ['<=', '>=', '<>', '+', '-', '−', '*', '×', '/', '÷', '^', '(', ')', '[', ']', ',', ':', '%', '=', '<', '>', '.'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u3000') {
      i++;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i, i + 40));
    if (num) {
      const v = Number(num[0]);
      if (!Number.isFinite(v)) throw new FormulaSyntaxError(`The number "${num[0]}" is too large.`, i, 'syntax');
      out.push({ t: 'num', v, pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 64));
    if (id) {
      out.push({ t: 'id', v: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new FormulaSyntaxError(`Unexpected character "${ch}" at position ${i + 1}.`, i, 'syntax');
    out.push({ t: 'op', v: op === '−' ? '-' : op === '×' ? '*' : op === '÷' ? '/' : op, pos: i });
    i += op.length;
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

const describe = (tok: Token) => (tok.t === 'end' ? 'the end of the formula' : `"${String(tok.v)}" at position ${tok.pos + 1}`);

/** Parses a formula; throws FormulaSyntaxError with the position of the first problem. */
export function parseFormula(src: string): FormulaNode {
  if (src.length > MAX_FORMULA_LENGTH)
    throw new FormulaSyntaxError(`A formula has at most ${MAX_FORMULA_LENGTH} characters.`, MAX_FORMULA_LENGTH, 'syntax');
  const toks = tokenize(src);
  let k = 0;
  let depth = 0;
  const peek = () => toks[k] as Token;
  const next = () => toks[k++] as Token;
  const isOp = (v: string) => {
    const tok = peek();
    return tok.t === 'op' && tok.v === v;
  };
  const expect = (v: string) => {
    const tok = next();
    if (tok.t !== 'op' || tok.v !== v) throw new FormulaSyntaxError(`Expected "${v}" but found ${describe(tok)}.`, tok.pos, 'syntax');
  };
  const deeper = (pos: number) => {
    depth++;
    if (depth > MAX_FORMULA_DEPTH)
      throw new FormulaSyntaxError(`The formula is nested more than ${MAX_FORMULA_DEPTH} levels deep.`, pos, 'depth');
  };

  function expr(): FormulaNode {
    const left = additive();
    const tok = peek();
    let out = left;
    if (tok.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(tok.v)) {
      next();
      out = { kind: 'binary', op: tok.v as BinaryOp, left, right: additive() };
      const again = peek();
      if (again.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(again.v))
        throw new FormulaSyntaxError(`Comparisons do not chain (${describe(again)}); use AND(a < b, b < c).`, again.pos, 'syntax');
    }
    return out;
  }
  function additive(): FormulaNode {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = next() as { v: string };
      left = { kind: 'binary', op: op.v as BinaryOp, left, right: term() };
    }
    return left;
  }
  function term(): FormulaNode {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = next() as { v: string };
      left = { kind: 'binary', op: op.v as BinaryOp, left, right: unary() };
    }
    return left;
  }
  function unary(): FormulaNode {
    if (isOp('-') || isOp('+')) {
      const tok = next();
      deeper(tok.pos);
      const arg = unary();
      depth--;
      return tok.t === 'op' && tok.v === '-' ? { kind: 'unary', op: '-', arg } : arg;
    }
    return power();
  }
  function power(): FormulaNode {
    const base = primary();
    if (!isOp('^')) return base;
    const tok = next();
    deeper(tok.pos);
    const exponent = unary();
    depth--;
    return { kind: 'binary', op: '^', left: base, right: exponent };
  }
  function bound(): Bound {
    const tok = next();
    if (tok.t === 'id' && (tok.v === 'first' || tok.v === 'last')) return { kind: tok.v };
    let sign = 1;
    let n = tok;
    if (tok.t === 'op' && (tok.v === '-' || tok.v === '+')) {
      sign = tok.v === '-' ? -1 : 1;
      n = next();
    }
    if (n.t !== 'num' || !Number.isInteger(n.v) || n.v > 100)
      throw new FormulaSyntaxError(
        `A year in [ ] is a whole number of years from this one (such as -1), "first" or "last"; found ${describe(n)}.`,
        n.pos,
        'syntax',
      );
    return { kind: 'offset', value: sign * n.v === 0 ? 0 : sign * n.v };
  }
  function primary(): FormulaNode {
    const tok = next();
    if (tok.t === 'num') {
      if (isOp('%')) {
        next();
        return { kind: 'number', value: tok.v / 100 };
      }
      return { kind: 'number', value: tok.v };
    }
    if (tok.t === 'op' && tok.v === '(') {
      deeper(tok.pos);
      const inner = expr();
      expect(')');
      depth--;
      return inner;
    }
    if (tok.t === 'id') {
      if (isOp('(')) return call(tok.v, tok.pos);
      let name = tok.v;
      if (isOp('.')) {
        next();
        const field = next();
        if (field.t !== 'id') throw new FormulaSyntaxError(`Expected a name after "." but found ${describe(field)}.`, field.pos, 'syntax');
        name = `${name}.${field.v}`;
      }
      if (!isOp('[')) return { kind: 'ref', name, at: null, pos: tok.pos };
      next();
      const from = bound();
      if (isOp(':')) {
        next();
        const to = bound();
        expect(']');
        return { kind: 'range', name, from, to, pos: tok.pos };
      }
      expect(']');
      return { kind: 'ref', name, at: from, pos: tok.pos };
    }
    throw new FormulaSyntaxError(`Expected a number, a line name, a function or "(" but found ${describe(tok)}.`, tok.pos, 'syntax');
  }
  function call(name: string, pos: number): FormulaNode {
    const fn = name.toUpperCase();
    if (!(fn in formulaFunctions))
      throw new FormulaSyntaxError(
        `Unknown function ${name}; the functions are ${Object.keys(formulaFunctions).join(', ')}.`,
        pos,
        'function',
      );
    next(); // (
    deeper(pos);
    const args: FormulaNode[] = [];
    if (!isOp(')')) {
      args.push(expr());
      while (isOp(',')) {
        next();
        args.push(expr());
      }
    }
    expect(')');
    depth--;
    const [least, most, lists] = formulaFunctions[fn as FunctionName];
    if (args.length < least || args.length > most)
      throw new FormulaSyntaxError(
        `${fn} takes ${least === most ? least : `${least} to ${most}`} argument${most === 1 ? '' : 's'}; got ${args.length}.`,
        pos,
        'function',
      );
    const dated = datedFunctions[fn as FunctionName];
    if (dated !== undefined && args[dated]?.kind !== 'range')
      throw new FormulaSyntaxError(
        `Argument ${dated + 1} of ${fn} is a line over a range of years, such as fcff[first:last]: its years give the dates.`,
        args[dated] && 'pos' in (args[dated] as object) ? (args[dated] as { pos: number }).pos : pos,
        'function',
      );
    args.forEach((a, i) => {
      const listOk = lists === 'all' || (lists === 'rest' ? i > 0 : (lists as readonly number[]).includes(i));
      if (a.kind === 'range' && !listOk)
        throw new FormulaSyntaxError(`Argument ${i + 1} of ${fn} is one number, not a range of years.`, a.pos, 'function');
    });
    return { kind: 'call', fn: fn as FunctionName, args, pos };
  }

  const tree = expr();
  const end = peek();
  if (end.t !== 'end') throw new FormulaSyntaxError(`Unexpected ${describe(end)}.`, end.pos, 'syntax');
  if (tree.kind === 'range')
    throw new FormulaSyntaxError(
      'A range of years is a list: use it inside SUM, MIN, MAX, AVERAGE, NPV, IRR, XNPV or XIRR.',
      tree.pos,
      'function',
    );
  assertNoBareRanges(tree);
  return tree;
}

/** A range is only an argument of a function that takes lists (checked in call()); anywhere else it is refused. */
function assertNoBareRanges(node: FormulaNode): void {
  switch (node.kind) {
    case 'range':
      throw new FormulaSyntaxError(
        'A range of years is a list: use it inside SUM, MIN, MAX, AVERAGE, NPV, IRR, XNPV or XIRR.',
        node.pos,
        'function',
      );
    case 'unary':
      assertNoBareRanges(node.arg);
      return;
    case 'binary':
      assertNoBareRanges(node.left);
      assertNoBareRanges(node.right);
      return;
    case 'call':
      for (const a of node.args) if (a.kind !== 'range') assertNoBareRanges(a);
      return;
    default:
      return;
  }
}

/** Every reference in a tree (single years and ranges), in order. */
export function referencesOf(node: FormulaNode): Extract<FormulaNode, { kind: 'ref' | 'range' }>[] {
  const out: Extract<FormulaNode, { kind: 'ref' | 'range' }>[] = [];
  const walk = (n: FormulaNode) => {
    if (n.kind === 'ref' || n.kind === 'range') out.push(n);
    else if (n.kind === 'unary') walk(n.arg);
    else if (n.kind === 'binary') {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === 'call') n.args.forEach(walk);
  };
  walk(node);
  return out;
}

/**
 * The years a reference may reach, relative to the year computed: an offset is itself; `first` is
 * at most the same year (it is the year computed in the first forecast year), `last` at least it.
 */
function span(r: Extract<FormulaNode, { kind: 'ref' | 'range' }>): [number, number] {
  const lo = (b: Bound) => (b.kind === 'offset' ? b.value : b.kind === 'first' ? Number.NEGATIVE_INFINITY : 0);
  const hi = (b: Bound) => (b.kind === 'offset' ? b.value : b.kind === 'first' ? 0 : Number.POSITIVE_INFINITY);
  const a = r.kind === 'ref' ? (r.at ?? { kind: 'offset', value: 0 }) : r.from;
  const b = r.kind === 'ref' ? a : r.to;
  return [Math.min(lo(a), lo(b)), Math.max(hi(a), hi(b))];
}

/** The latest year a reference may reach, relative to the year computed (0: the same year; +∞ for `last`). */
export function latestOffset(r: Extract<FormulaNode, { kind: 'ref' | 'range' }>): number {
  return span(r)[1];
}

/** Whether a reference may include the year computed itself (a same-year dependency). */
export function reachesSameYear(r: Extract<FormulaNode, { kind: 'ref' | 'range' }>): boolean {
  const [lo, hi] = span(r);
  return lo <= 0 && hi >= 0;
}

export interface FormulaProblem {
  /** Index of the line in forecast.lines. */
  line: number;
  code: 'formula_syntax' | 'formula_too_complex' | 'formula_function' | 'unknown_line' | 'circular_formula' | 'future_line';
  message: string;
  params: Record<string, string | number>;
}

export interface LineShape {
  name: string;
  formula: string;
  role: 'display' | 'operatingCost';
}
export interface SegmentShape {
  name: string;
  hasUnitCost: boolean;
}

/**
 * The static rules of a model's custom lines: syntax, known names (built-in lines, segment values,
 * other lines), no reference to a custom line in a later year (lines are computed year by year),
 * no circle of same-year references, and nothing computed after operating costs in an
 * operating-cost line or a line it uses. Returns the parsed trees (null where a line did not parse).
 */
export function analyzeLines(lines: readonly LineShape[], segments: readonly SegmentShape[]) {
  const problems: FormulaProblem[] = [];
  const trees: (FormulaNode | null)[] = lines.map((l, i) => {
    try {
      return parseFormula(l.formula);
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
      problems.push({
        line: i,
        code: e.kind === 'depth' ? 'formula_too_complex' : e.kind === 'function' ? 'formula_function' : 'formula_syntax',
        message: e.message,
        params: { position: e.position + 1 },
      });
      return null;
    }
  });
  const lineIndex = new Map(lines.map((l, i) => [l.name, i]));
  const segmentValues = new Set<string>();
  for (const s of segments)
    for (const f of segmentFields) if ((f !== 'cost' && f !== 'unitCost') || s.hasUnitCost) segmentValues.add(`${s.name}.${f}`);
  /** Same-year edges between custom lines, and every custom line each one uses. */
  const sameYear: number[][] = lines.map(() => []);
  const uses: number[][] = lines.map(() => []);
  trees.forEach((tree, i) => {
    if (!tree) return;
    const seen = new Set<string>();
    for (const r of referencesOf(tree)) {
      const name = r.name;
      if (formulaVariables.has(name)) {
        if (r.kind === 'range' || r.at !== null) {
          problems.push({
            line: i,
            code: 'formula_syntax',
            message: `"${name}" has no other years; write it without [ ].`,
            params: { name },
          });
        }
        continue;
      }
      if ((builtInLines as readonly string[]).includes(name) || segmentValues.has(name)) continue;
      const j = lineIndex.get(name);
      if (j === undefined) {
        if (!seen.has(name))
          problems.push({
            line: i,
            code: 'unknown_line',
            message: `"${name}" is not a line of this model: use a built-in line (${builtInLines.join(', ')}), a segment value (segment.volume, .price, .revenue, .unitCost, .cost) or a custom line's name.`,
            params: { name },
          });
        seen.add(name);
        continue;
      }
      if (latestOffset(r) > 0) {
        problems.push({
          line: i,
          code: 'future_line',
          message: `"${name}" is a custom line: a formula may use its value in the same or earlier years, not later ones.`,
          params: { name },
        });
        continue;
      }
      uses[i]?.push(j);
      if (reachesSameYear(r)) sameYear[i]?.push(j);
    }
  });
  // Circles of same-year references (a line using itself in the same year is the smallest).
  const state = lines.map(() => 0); // 0 new, 1 on the stack, 2 done
  const reported = new Set<number>();
  const visit = (i: number, stack: number[]) => {
    state[i] = 1;
    stack.push(i);
    for (const j of sameYear[i] ?? []) {
      if (state[j] === 1) {
        const circle = stack.slice(stack.indexOf(j));
        const names = [...circle, j].map((x) => lines[x]?.name ?? '').join(' → ');
        for (const x of circle)
          if (!reported.has(x)) {
            reported.add(x);
            problems.push({ line: x, code: 'circular_formula', message: `Circular reference: ${names}.`, params: { names } });
          }
      } else if (state[j] === 0) visit(j, stack);
    }
    stack.pop();
    state[i] = 2;
  };
  lines.forEach((_, i) => {
    if (state[i] === 0) visit(i, []);
  });
  // Operating-cost lines come before EBITDA: they, and every custom line they use, may only use
  // what is known by then (revenue, D&A, segment values, earlier years of themselves).
  const beforeCosts = new Set<number>();
  const pending = lines.flatMap((l, i) => (l.role === 'operatingCost' ? [i] : []));
  while (pending.length) {
    const i = pending.pop() as number;
    if (beforeCosts.has(i)) continue;
    beforeCosts.add(i);
    pending.push(...(uses[i] ?? []));
  }
  for (const i of beforeCosts) {
    const tree = trees[i];
    if (!tree) continue;
    const late = [
      ...new Set(
        referencesOf(tree)
          .map((r) => r.name)
          .filter((n) => (builtInLines as readonly string[]).includes(n) && !builtInsBeforeCosts.has(n)),
      ),
    ];
    for (const name of late)
      problems.push({
        line: i,
        code: 'circular_formula',
        message: `Circular reference: "${name}" is computed after operating costs, and ${lines[i]?.role === 'operatingCost' ? 'this line is an operating cost' : 'an operating-cost line uses this line'}; use revenue, depreciation, segment values and other lines.`,
        params: { names: `${lines[i]?.name ?? ''} → ${name}` },
      });
  }
  return { trees, problems, beforeCosts, sameYear };
}
