import type { CalibrationRoundSummary, CalibrationRoundView, ReviewerDrift, Rubric } from '../../../shared/contracts/deliverables';

/** A calibration round's page. */
export const roundPath = (id: string): string => `/calibration/${encodeURIComponent(id)}`;

/** The version a calibration round starts from, as the start form's address carries it. */
export interface RoundSource {
  engagementId: string;
  deliverableId: string;
  version: number | null;
}

/** The calibration page with the start form open on a version ("Use for calibration" on a version). */
export function startRoundPath(source: { engagementId: string; deliverableId: string; version: number }): string {
  const p = new URLSearchParams({
    start: '1',
    engagement: source.engagementId,
    deliverable: source.deliverableId,
    version: String(source.version),
  });
  return `/calibration?${p.toString()}`;
}

/** The source an address names, as far as it names one (a version that is not a positive whole number is left open). */
export function roundSourceOf(params: URLSearchParams): RoundSource | null {
  const engagementId = params.get('engagement');
  const deliverableId = params.get('deliverable');
  if (!engagementId || !deliverableId) return null;
  const v = Number(params.get('version'));
  return { engagementId, deliverableId, version: Number.isInteger(v) && v >= 1 ? v : null };
}

/** The versions one may calibrate on, newest first. */
export const versionChoices = (latestVersion: number): number[] =>
  Array.from({ length: Math.max(0, latestVersion) }, (_, i) => latestVersion - i);

/** Where the viewer stands in a round: their score awaited, given, or (an administrator not taking part) watching. */
export function roundStanding(r: Pick<CalibrationRoundSummary, 'viewerParticipates' | 'viewerScored'>): 'to_score' | 'scored' | 'watching' {
  if (r.viewerScored) return 'scored';
  return r.viewerParticipates ? 'to_score' : 'watching';
}

export interface CriterionComparison {
  key: string;
  own: number | null;
  consensus: number | null;
  deviation: number | null;
}

/** The viewer's scores beside the consensus and their deviation from it, criterion by criterion in the rubric's order. */
export function criterionComparison(
  rubric: Pick<Rubric, 'criteria'>,
  round: Pick<CalibrationRoundView, 'myScores' | 'consensus' | 'myDeviation'>,
): CriterionComparison[] {
  return rubric.criteria.map((c) => ({
    key: c.key,
    own: round.myScores?.[c.key] ?? null,
    consensus: round.consensus?.[c.key] ?? null,
    deviation: round.myDeviation?.[c.key] ?? null,
  }));
}

/** A deviation or bias with its sign always written (+0.5, −1.5, 0.0): which side of the consensus matters. */
export function signed(value: number, digits = 1): string {
  const fixed = Math.abs(value).toFixed(digits);
  if (Number(fixed) === 0) return (0).toFixed(digits);
  return `${value > 0 ? '+' : '−'}${fixed}`;
}

/** Which side of the consensus a reviewer scores on: above it (generous), below it (strict), on it. */
export function biasSide(bias: number | null): 'generous' | 'strict' | 'even' | 'none' {
  if (bias === null) return 'none';
  if (bias > 0) return 'generous';
  if (bias < 0) return 'strict';
  return 'even';
}

/** The drift chart's bars: each reviewer with a calibration bias, drifting ones marked. */
export function driftChartData(drift: readonly ReviewerDrift[]): { name: string; bias: number; drifting: boolean }[] {
  return drift.flatMap((d) => (d.bias === null ? [] : [{ name: d.person.displayName, bias: d.bias, drifting: d.drifting }]));
}
