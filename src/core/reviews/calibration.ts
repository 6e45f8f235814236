/**
 * Calibration, pure: the consensus of several reviewers' scores on one reference deliverable, each
 * reviewer's deviation from it, and who drifts — over calibration rounds, and on live reviews
 * against the co-reviewers of the same versions.
 */

export const driftThresholds = {
  /** Mean signed deviation, in scale levels, beyond which a reviewer scores systematically high or low. */
  bias: 0.5,
  /** Mean absolute deviation, in levels, beyond which a reviewer's scores scatter from the consensus. */
  meanAbsoluteDeviation: 1,
  /** Calibration rounds needed before drift is called. */
  minRounds: 2,
  /** On live reviews: mean gap to the co-reviewers, in points of the 0–100 line. */
  liveBiasPct: 15,
  /** Live versions needed before drift is called. */
  minLiveVersions: 3,
} as const;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The median of the scores given per criterion; a criterion nobody scored is left out. */
export function consensusOf(scores: readonly Record<string, number>[], criteria: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of criteria) {
    const m = median(scores.flatMap((s) => (Object.hasOwn(s, key) ? [s[key] as number] : [])));
    if (m !== null) out[key] = m;
  }
  return out;
}

/** Own score minus the consensus, per criterion both have. */
export function deviationFrom(scores: Record<string, number>, consensus: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, c] of Object.entries(consensus)) if (Object.hasOwn(scores, key)) out[key] = round((scores[key] as number) - c);
  return out;
}

export const meanAbsolute = (deviation: Record<string, number>): number => {
  const values = Object.values(deviation);
  return values.length === 0 ? 0 : round(values.reduce((s, d) => s + Math.abs(d), 0) / values.length);
};

export interface DriftInput {
  /** Per calibration round the reviewer scored: their deviation from its consensus. */
  rounds: readonly Record<string, number>[];
  /** Per live version the reviewer scored alongside others: own weighted score (0–100) minus the others' mean. */
  liveGaps: readonly number[];
}

export interface DriftSummary {
  rounds: number;
  meanAbsoluteDeviation: number | null;
  bias: number | null;
  criteria: { key: string; bias: number; n: number }[];
  live: { versions: number; biasPct: number | null };
  drifting: boolean;
}

/** How far one reviewer drifts from the others, over calibration rounds and live reviews. */
export function driftOf(input: DriftInput): DriftSummary {
  const all = input.rounds.flatMap((d) => Object.values(d));
  const byKey = new Map<string, number[]>();
  for (const d of input.rounds) for (const [k, v] of Object.entries(d)) byKey.set(k, [...(byKey.get(k) ?? []), v]);
  const mean = (xs: readonly number[]) => (xs.length === 0 ? null : round(xs.reduce((s, x) => s + x, 0) / xs.length));
  const bias = mean(all);
  const mad = mean(all.map(Math.abs));
  const liveBias = mean(input.liveGaps);
  const t = driftThresholds;
  const calibrationDrift =
    input.rounds.length >= t.minRounds && ((bias !== null && Math.abs(bias) >= t.bias) || (mad !== null && mad >= t.meanAbsoluteDeviation));
  const liveDrift = input.liveGaps.length >= t.minLiveVersions && liveBias !== null && Math.abs(liveBias) >= t.liveBiasPct;
  return {
    rounds: input.rounds.length,
    meanAbsoluteDeviation: mad,
    bias,
    criteria: [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, xs]) => ({ key, bias: mean(xs) ?? 0, n: xs.length })),
    live: { versions: input.liveGaps.length, biasPct: liveBias },
    drifting: calibrationDrift || liveDrift,
  };
}

/**
 * Each reviewer's gap to the co-reviewers on live versions: for every version with two or more
 * reviews, own weighted score (0–100) minus the mean of the others'.
 */
export function liveGaps(reviews: readonly { key: string; reviewerId: string; scorePct: number }[]): Map<string, number[]> {
  const byVersion = new Map<string, { reviewerId: string; scorePct: number }[]>();
  for (const r of reviews) byVersion.set(r.key, [...(byVersion.get(r.key) ?? []), r]);
  const out = new Map<string, number[]>();
  for (const group of byVersion.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      const others = group.filter((o) => o !== r);
      const gap = r.scorePct - others.reduce((s, o) => s + o.scorePct, 0) / others.length;
      out.set(r.reviewerId, [...(out.get(r.reviewerId) ?? []), round(gap)]);
    }
  }
  return out;
}
