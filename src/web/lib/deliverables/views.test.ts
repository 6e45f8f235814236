import { describe, expect, it } from 'vitest';
import type { DeliverableDetail } from '../../../shared/contracts/deliverables';
import type { EngagementView } from '../../../shared/contracts/engagements';
import { defaultView, viewsOf } from './views';

const versions = (n: number) => Array.from({ length: n }, (_, i) => ({ version: i + 1 })) as unknown as DeliverableDetail['versions'];
const client = { viewerSide: 'client', allowedActions: ['deliverable.read', 'quality.read_reviews'] } as Pick<
  EngagementView,
  'viewerSide' | 'allowedActions'
>;
const provider = { viewerSide: 'provider', allowedActions: ['deliverable.read', 'deliverable.submit'] } as Pick<
  EngagementView,
  'viewerSide' | 'allowedActions'
>;

describe('the views of a deliverable', () => {
  it('opens the form for a provider before any version, the version after', () => {
    const first = { versions: versions(0), allowedActions: ['submit'] as DeliverableDetail['allowedActions'] };
    expect(viewsOf(provider, first)).toEqual(['submit']);
    expect(defaultView(first, viewsOf(provider, first))).toBe('submit');
    const later = { versions: versions(2), allowedActions: ['submit'] as DeliverableDetail['allowedActions'] };
    expect(viewsOf(provider, later)).toEqual(['version', 'compare', 'submit']);
    expect(defaultView(later, viewsOf(provider, later))).toBe('version');
  });

  it('opens the review for a reviewer who has not reviewed, the reviews for the client’s other readers', () => {
    const d = { versions: versions(1), allowedActions: ['review'] as DeliverableDetail['allowedActions'] };
    expect(viewsOf(client, d)).toEqual(['version', 'review', 'reviews']);
    expect(defaultView(d, viewsOf(client, d))).toBe('review');
    expect(viewsOf(client, { ...d, allowedActions: [] })).toEqual(['version', 'reviews']);
  });

  it('gives the lead the decision, which shows the reviews side by side', () => {
    const d = { versions: versions(1), allowedActions: ['decide'] as DeliverableDetail['allowedActions'] };
    expect(viewsOf(client, d)).toEqual(['version', 'decide']);
    expect(defaultView(d, viewsOf(client, d))).toBe('decide');
  });

  it('never shows the reviews to the provider', () => {
    expect(viewsOf({ ...provider, allowedActions: ['quality.read_reviews'] }, { versions: versions(1), allowedActions: [] })).toEqual([
      'version',
    ]);
  });
});
