/**
 * Facets of a search (issue #12, point 7): how the hits split by classification (subclass, such as
 * A61B, and main group, such as A61B 5/00), publication year, assignee, legal status and corpus.
 * Counted over at most FACET_BASIS best-ranked hits per corpus, so the cost of a broad query stays
 * bounded; the answer says how many hits the counts are over.
 */
export const FACET_BASIS = 1000;
/** Values listed per facet, most frequent first. */
export const FACET_VALUES = 20;

/** What a facet needs to know of one patent. */
export interface FacetRow {
  readonly docNo: number;
  /** Every level of its CPC and IPC codes (the index's classification keys). */
  readonly keys: readonly string[];
  readonly year: number;
  readonly assignees: readonly string[];
  readonly legalStatus: string | null;
}

export interface FacetValue {
  key: string;
  count: number;
}

export interface Facets {
  /** How many hits the counts are over (all of them when `complete`). */
  basis: number;
  complete: boolean;
  subclass: FacetValue[];
  group: FacetValue[];
  year: FacetValue[];
  assignee: FacetValue[];
  legalStatus: FacetValue[];
  corpus: FacetValue[];
}

const SUBCLASS = /^[A-HY]\d\d[A-Z]$/;
const GROUP = /^[A-HY]\d\d[A-Z] \d{1,4}\/00$/;

function top(counts: Map<string, number>, limit = FACET_VALUES): FacetValue[] {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, limit);
}

const bump = (m: Map<string, number>, key: string, by = 1) => m.set(key, (m.get(key) ?? 0) + by);

/**
 * The facets of a search: `rows` are the counted hits (the best-ranked of each corpus), `totals` how
 * many hits each corpus had in all (the corpus facet counts every hit).
 */
export function countFacets(rows: readonly FacetRow[], totals: ReadonlyMap<string, number>): Facets {
  const subclass = new Map<string, number>();
  const group = new Map<string, number>();
  const year = new Map<string, number>();
  const assignee = new Map<string, number>();
  const legalStatus = new Map<string, number>();
  for (const r of rows) {
    for (const k of new Set(r.keys)) {
      if (SUBCLASS.test(k)) bump(subclass, k);
      else if (GROUP.test(k)) bump(group, k);
    }
    bump(year, String(r.year));
    for (const a of new Set(r.assignees)) bump(assignee, a);
    bump(legalStatus, r.legalStatus ?? 'unknown');
  }
  const total = [...totals.values()].reduce((s, n) => s + n, 0);
  const corpus = new Map<string, number>();
  for (const [id, n] of totals) if (n > 0) corpus.set(id, n);
  return {
    basis: rows.length,
    complete: rows.length >= total,
    subclass: top(subclass),
    group: top(group),
    year: [...year].map(([key, count]) => ({ key, count })).sort((a, b) => b.key.localeCompare(a.key)),
    assignee: top(assignee),
    legalStatus: top(legalStatus),
    corpus: top(corpus),
  };
}
