import { describe, expect, it } from 'vitest';
import type { ReviewerDrift } from '../../../shared/contracts/deliverables';
import {
  biasSide,
  criterionComparison,
  driftChartData,
  roundPath,
  roundSourceOf,
  roundStanding,
  signed,
  startRoundPath,
  versionChoices,
} from './calibration';

describe('the start form address', () => {
  it('carries a version there and back', () => {
    const path = startRoundPath({ engagementId: 'e-1', deliverableId: 'd-1', version: 2 });
    expect(path).toBe('/calibration?start=1&engagement=e-1&deliverable=d-1&version=2');
    expect(roundSourceOf(new URL(path, 'http://x').searchParams)).toEqual({ engagementId: 'e-1', deliverableId: 'd-1', version: 2 });
  });

  it('links a round by its id', () => {
    expect(roundPath('r 1')).toBe('/calibration/r%201');
  });

  it('leaves what it does not name open', () => {
    expect(roundSourceOf(new URLSearchParams('engagement=e-1'))).toBeNull();
    expect(roundSourceOf(new URLSearchParams('engagement=e-1&deliverable=d-1&version=x'))).toEqual({
      engagementId: 'e-1',
      deliverableId: 'd-1',
      version: null,
    });
    expect(roundSourceOf(new URLSearchParams('engagement=e-1&deliverable=d-1&version=0'))?.version).toBeNull();
  });
});

describe('versionChoices', () => {
  it('lists the versions newest first', () => {
    expect(versionChoices(3)).toEqual([3, 2, 1]);
    expect(versionChoices(0)).toEqual([]);
  });
});

describe('roundStanding', () => {
  it('tells the viewer whether their score is awaited', () => {
    expect(roundStanding({ viewerParticipates: true, viewerScored: false })).toBe('to_score');
    expect(roundStanding({ viewerParticipates: true, viewerScored: true })).toBe('scored');
    expect(roundStanding({ viewerParticipates: false, viewerScored: false })).toBe('watching');
  });
});

describe('criterionComparison', () => {
  const rubric = { criteria: [{ key: 'accuracy' }, { key: 'clarity' }] } as Parameters<typeof criterionComparison>[0];

  it('puts own score, consensus and deviation side by side in the rubric order', () => {
    expect(
      criterionComparison(rubric, {
        myScores: { clarity: 2, accuracy: 5 },
        consensus: { accuracy: 3.5, clarity: 3 },
        myDeviation: { accuracy: 1.5, clarity: -1 },
      }),
    ).toEqual([
      { key: 'accuracy', own: 5, consensus: 3.5, deviation: 1.5 },
      { key: 'clarity', own: 2, consensus: 3, deviation: -1 },
    ]);
  });

  it('leaves blanks while the round is blind to the viewer', () => {
    expect(criterionComparison(rubric, { myScores: null, consensus: null, myDeviation: null })[0]).toEqual({
      key: 'accuracy',
      own: null,
      consensus: null,
      deviation: null,
    });
  });
});

describe('signed', () => {
  it('always writes the side of the consensus', () => {
    expect(signed(1.5)).toBe('+1.5');
    expect(signed(-1.5)).toBe('−1.5');
    expect(signed(0)).toBe('0.0');
    expect(signed(-0.01)).toBe('0.0');
    expect(signed(0.256, 2)).toBe('+0.26');
  });
});

describe('biasSide', () => {
  it('reads above the consensus as generous, below as strict', () => {
    expect(biasSide(0.5)).toBe('generous');
    expect(biasSide(-0.5)).toBe('strict');
    expect(biasSide(0)).toBe('even');
    expect(biasSide(null)).toBe('none');
  });
});

describe('driftChartData', () => {
  it('charts the reviewers with a calibration bias', () => {
    const drift = (name: string, bias: number | null, drifting: boolean): ReviewerDrift => ({
      person: { userId: name, displayName: name },
      rounds: bias === null ? 0 : 2,
      meanAbsoluteDeviation: bias === null ? null : Math.abs(bias),
      bias,
      criteria: [],
      live: { versions: 0, biasPct: null },
      drifting,
    });
    expect(driftChartData([drift('A', 0.75, true), drift('B', null, false), drift('C', -0.25, false)])).toEqual([
      { name: 'A', bias: 0.75, drifting: true },
      { name: 'C', bias: -0.25, drifting: false },
    ]);
  });
});
