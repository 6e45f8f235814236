import { type FinancialModel, financialModelSchema, forecastDriverKeys, inputIds } from '../../../shared/contracts/financial-model';
import { type Issue, issuesFromZod } from '../../../shared/errors';
import { isApiError } from '../../api/errors';
import { capmFields } from './edit';

/**
 * Problems of a draft model, found in the browser (the same schema the server uses) or answered
 * by the server, each placed by its path so the editor can show it beside the field it names.
 */

export type Path = readonly (string | number)[];

export interface DraftIssue {
  path: Path;
  /** The dotted path, e.g. `forecast.revenueGrowth.0`: what the editor's fields are keyed by. */
  key: string;
  /** The schema's or the server's own words (logs, keys); people read `issue` in their language. */
  message: string;
  /** The problem as a code and values, to be worded in the reader's language. */
  issue: Issue;
  /** The field is empty (the person cleared it): the UI says so in its own words. */
  empty: boolean;
  /** A number out of range, with its bound: the UI says so in the person's language and the field's terms (10%, not 0.1). */
  limit?: { side: 'max' | 'min'; value: number; inclusive: boolean };
}

export const pathKey = (path: Path): string => path.map(String).join('.');

function valueAt(doc: unknown, path: Path): unknown {
  let cur = doc;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

const issue = (path: Path, found: Issue, doc: unknown, limit?: DraftIssue['limit']): DraftIssue => {
  const value = valueAt(doc, path);
  return {
    path,
    key: pathKey(path),
    message: found.message,
    issue: found,
    empty: typeof value === 'number' && Number.isNaN(value),
    ...(limit && { limit }),
  };
};

type ZodIssue = { code: string; origin?: unknown; maximum?: unknown; minimum?: unknown; inclusive?: unknown };

function limitOf(i: ZodIssue): DraftIssue['limit'] {
  if (i.origin !== 'number') return undefined;
  const inclusive = i.inclusive === true;
  if (i.code === 'too_big' && typeof i.maximum === 'number') return { side: 'max', value: i.maximum, inclusive };
  if (i.code === 'too_small' && typeof i.minimum === 'number') return { side: 'min', value: i.minimum, inclusive };
  return undefined;
}

/** Checks a draft against the model schema; no issues means the server will take it. */
export function draftIssues(doc: unknown): DraftIssue[] {
  const parsed = financialModelSchema.safeParse(doc);
  if (parsed.success) return [];
  const found = issuesFromZod(parsed.error, doc);
  return parsed.error.issues.map((i, n) =>
    issue(
      i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      found[n] as Issue,
      doc,
      limitOf(i as ZodIssue),
    ),
  );
}

/** The issues of a refused request about a document (`prefix` is where the document sits in the body). */
export function issuesFromError(error: unknown, doc: unknown, prefix: Path = ['document']): DraftIssue[] {
  if (!isApiError(error) || error.code !== 'invalid_input') return [];
  return error.issues.map((i) => {
    const inside = prefix.every((p, n) => i.path[n] === p);
    return issue(inside ? i.path.slice(prefix.length) : i.path, i, doc);
  });
}

/** The first issue of each field, by dotted path. */
export function indexIssues(issues: readonly DraftIssue[]): ReadonlyMap<string, DraftIssue> {
  const index = new Map<string, DraftIssue>();
  for (const i of issues) if (!index.has(i.key)) index.set(i.key, i);
  return index;
}

/**
 * What a path points at, for people: the scenario (when inside one), the field (an input id, a
 * WACC or terminal-value field, or another known part) and the forecast year. Null parts are
 * unknown; the dotted path is always shown as well.
 */
export interface Location {
  scenario: string | null;
  field: string | null;
  year: number | null;
}

const driverKeys: ReadonlySet<string> = new Set(forecastDriverKeys);
const waccKeys: ReadonlySet<string> = new Set([...capmFields, 'rate', 'beta']);
const inputKeys: ReadonlySet<string> = new Set(inputIds);

export function locate(path: Path, doc: FinancialModel | undefined): Location {
  let rest = [...path];
  let scenario: string | null = null;
  if (rest[0] === 'scenarios' && typeof rest[1] === 'number') {
    scenario = doc?.scenarios[rest[1]]?.name ?? null;
    rest = rest[2] === 'overrides' ? rest.slice(3) : rest.slice(2);
  }
  const [head, second, third] = rest;
  const yearOf = (i: unknown) => (typeof i === 'number' ? (doc?.forecast.years[i] ?? null) : null);
  if (head === 'forecast' && typeof second === 'string' && driverKeys.has(second)) return { scenario, field: second, year: yearOf(third) };
  if (head === 'wacc' && typeof second === 'string' && waccKeys.has(second)) return { scenario, field: second, year: null };
  if (head === 'valuation' && second === 'terminalValue' && third === 'growthRate')
    return { scenario, field: 'terminalGrowth', year: null };
  if (head === 'valuation' && second === 'terminalValue' && third === 'exitMultiple')
    return { scenario, field: 'exitMultiple', year: null };
  if (head === 'terminalValue' && (second === 'growthRate' || second === 'exitMultiple'))
    return { scenario, field: second === 'growthRate' ? 'terminalGrowth' : 'exitMultiple', year: null };
  if (head === 'sources' && typeof second === 'string' && inputKeys.has(second)) return { scenario, field: second, year: null };
  if (head === 'historicals' && typeof second === 'number') {
    const year = doc?.historicals[second]?.year ?? null;
    return { scenario, field: 'historicals', year };
  }
  return { scenario, field: null, year: null };
}
