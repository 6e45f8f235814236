/**
 * How many rows a list matches once they are past the exact-count threshold: the planner's
 * estimate, kept for a while per statement (its SQL and values), so a list known to be long is
 * neither recounted nor re-EXPLAINed on every page. The estimate comes from the table's statistics,
 * which change when PostgreSQL analyses the table; kept for a minute, a long list's pages are one
 * statement instead of two, without the bounded count (decision 0020).
 *
 * One per process, not shared: a second server process keeps its own, and nothing depends on two
 * processes agreeing. The key holds every value the count depends on (the viewer's organisation,
 * and the viewer when they see only their own engagements), so one viewer's entry answers another
 * only for the very same statement — the same count.
 */
export const KEPT_ESTIMATE_MAX_AGE_MS = 60_000;
/** Past this many kept statements the oldest is dropped (each distinct search text is one). */
export const KEPT_ESTIMATES_MAX = 1000;

export class KeptEstimates {
  private readonly kept = new Map<string, { rows: number; at: number }>();

  constructor(
    private readonly maxAgeMs = KEPT_ESTIMATE_MAX_AGE_MS,
    private readonly max = KEPT_ESTIMATES_MAX,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The rows estimated for `key` within the last maxAgeMs, or undefined. */
  get(key: string): number | undefined {
    const kept = this.kept.get(key);
    if (!kept) return undefined;
    if (this.now() - kept.at > this.maxAgeMs) {
      this.kept.delete(key);
      return undefined;
    }
    return kept.rows;
  }

  set(key: string, rows: number): void {
    this.kept.delete(key);
    this.kept.set(key, { rows, at: this.now() });
    // A Map iterates in insertion order: the first key is the one kept longest.
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value as string);
  }
}
