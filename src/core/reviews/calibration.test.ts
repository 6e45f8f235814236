import { describe, expect, it } from 'vitest';
import { consensusOf, deviationFrom, driftOf, driftThresholds, liveGaps, meanAbsolute } from './calibration.js';

describe('calibration', () => {
  it('takes the median per criterion as the consensus (the mean of the middle two when even), leaving out what nobody scored', () => {
    const scores = [{ accuracy: 4, clarity: 2 }, { accuracy: 2, clarity: 3 }, { accuracy: 5, clarity: 3 }, { accuracy: 3 }];
    expect(consensusOf(scores, ['accuracy', 'clarity', 'insight'])).toEqual({ accuracy: 3.5, clarity: 3 });
  });

  it('measures each reviewer against the consensus: signed per criterion, and the mean absolute deviation', () => {
    const consensus = { accuracy: 3.5, clarity: 3 };
    const deviation = deviationFrom({ accuracy: 5, clarity: 2, extra: 4 }, consensus);
    expect(deviation).toEqual({ accuracy: 1.5, clarity: -1 });
    expect(meanAbsolute(deviation)).toBe(1.25);
    expect(meanAbsolute({})).toBe(0);
  });

  it('calls drift only after enough rounds, on a systematic bias or a wide scatter', () => {
    const generous = { accuracy: 1, clarity: 0.5 };
    expect(driftOf({ rounds: [generous], liveGaps: [] }).drifting).toBe(false);
    const twice = driftOf({ rounds: [generous, generous], liveGaps: [] });
    expect(twice).toMatchObject({ rounds: 2, bias: 0.75, meanAbsoluteDeviation: 0.75, drifting: true });
    expect(twice.criteria).toEqual([
      { key: 'accuracy', bias: 1, n: 2 },
      { key: 'clarity', bias: 0.5, n: 2 },
    ]);
    // Scattered both ways: no bias, but far from the consensus.
    const scattered = driftOf({ rounds: [{ accuracy: 1.5 }, { accuracy: -1.5 }], liveGaps: [] });
    expect(scattered).toMatchObject({ bias: 0, meanAbsoluteDeviation: 1.5, drifting: true });
    // Close to the consensus: not drifting.
    expect(driftOf({ rounds: [{ accuracy: 0.5 }, { accuracy: -0.5 }, { accuracy: 0 }], liveGaps: [] }).drifting).toBe(false);
  });

  it('finds live drift from the gap to co-reviewers on the same versions', () => {
    const reviews = [
      { key: 'd1:1', reviewerId: 'hard', scorePct: 20 },
      { key: 'd1:1', reviewerId: 'a', scorePct: 60 },
      { key: 'd1:1', reviewerId: 'b', scorePct: 70 },
      { key: 'd2:1', reviewerId: 'hard', scorePct: 40 },
      { key: 'd2:1', reviewerId: 'a', scorePct: 70 },
      { key: 'd3:1', reviewerId: 'hard', scorePct: 50 },
      { key: 'd3:1', reviewerId: 'b', scorePct: 75 },
      // Alone on a version: nothing to compare with.
      { key: 'd4:1', reviewerId: 'hard', scorePct: 0 },
    ];
    const gaps = liveGaps(reviews);
    expect(gaps.get('hard')).toEqual([-45, -30, -25]);
    expect(gaps.get('a')).toEqual([15, 30]);
    const hard = driftOf({ rounds: [], liveGaps: gaps.get('hard') ?? [] });
    expect(hard.live).toEqual({ versions: 3, biasPct: -33.33 });
    expect(hard.drifting).toBe(true);
    // Two versions are not enough to call it, however large the gap.
    expect(driftOf({ rounds: [], liveGaps: gaps.get('a') ?? [] }).drifting).toBe(false);
    expect(driftThresholds.minLiveVersions).toBe(3);
  });
});
