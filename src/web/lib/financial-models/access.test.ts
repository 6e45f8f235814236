import { describe, expect, it } from 'vitest';
import { mayCreateModels } from './access';

const ME = 'org-me';
const engagement = (over: Partial<Parameters<typeof mayCreateModels>[0]> = {}) => ({
  viewerSide: 'provider' as const,
  provider: { orgId: ME, name: 'Me' },
  status: 'in_progress' as const,
  type: 'financial_modeling' as const,
  ...over,
});

describe('who may add models', () => {
  it('is the awarded provider while the work is open', () => {
    expect(mayCreateModels(engagement(), ME)).toBe(true);
    expect(mayCreateModels(engagement({ status: 'contracted' }), ME)).toBe(true);
  });

  it('is not the client, a losing bidder, or anyone once the work is delivered', () => {
    expect(mayCreateModels(engagement({ viewerSide: 'client' }), ME)).toBe(false);
    expect(mayCreateModels(engagement({ provider: { orgId: 'other', name: 'B' } }), ME)).toBe(false);
    expect(mayCreateModels(engagement({ status: 'delivered' }), ME)).toBe(false);
    expect(mayCreateModels(engagement({ type: 'market_research' }), ME)).toBe(false);
  });
});
