import { describe, expect, it } from 'vitest';
import { hasWork, isBidderView, isDestructive, lifecycleStep, mainPath, needsReason, transitionsAllowed } from './lifecycle';
import { engagementPath, isEngagementTab, visibleTabs } from './tabs';

const ME = 'org-me';
const OTHER = 'org-other';
const view = (over: Partial<Parameters<typeof visibleTabs>[0]> = {}) => ({
  viewerSide: 'client' as const,
  provider: null,
  status: 'draft' as const,
  heldFrom: null,
  type: 'market_research' as const,
  ...over,
});

describe('the lifecycle as a stepper', () => {
  it('places each status of the main path, and closed as finished', () => {
    expect(lifecycleStep('draft', null)).toEqual({ active: 0, finished: false, detour: null });
    expect(lifecycleStep('in_progress', null).active).toBe(mainPath.indexOf('in_progress'));
    expect(lifecycleStep('closed', null)).toMatchObject({ finished: true });
  });

  it('shows on hold where it was held, and cancelled as a detour', () => {
    expect(lifecycleStep('on_hold', 'contracted')).toEqual({ active: 3, finished: false, detour: 'on_hold' });
    expect(lifecycleStep('cancelled', null)).toEqual({ active: 0, finished: false, detour: 'cancelled' });
  });
});

describe('transitions', () => {
  it('keeps the lifecycle moves of the allowed actions, in the lifecycle order', () => {
    expect(transitionsAllowed(['award', 'cancel', 'request', 'edit_brief', 'hold'])).toEqual(['request', 'hold', 'cancel']);
  });

  it('asks for a reason exactly where the server requires one', () => {
    expect(['send_back', 'hold', 'cancel'].every((a) => needsReason(a as never))).toBe(true);
    expect(needsReason('request')).toBe(false);
    expect(isDestructive('cancel')).toBe(true);
    expect(isDestructive('start')).toBe(false);
  });
});

describe('who sees what of an engagement', () => {
  it('tells a bidder from the awarded provider', () => {
    expect(isBidderView({ viewerSide: 'provider', provider: null }, ME)).toBe(true);
    expect(isBidderView({ viewerSide: 'provider', provider: { orgId: OTHER, name: 'B' } }, ME)).toBe(true);
    expect(isBidderView({ viewerSide: 'provider', provider: { orgId: ME, name: 'A' } }, ME)).toBe(false);
    expect(isBidderView({ viewerSide: 'client', provider: null }, ME)).toBe(false);
  });

  it('opens the work only to the two sides of the award', () => {
    expect(hasWork({ viewerSide: 'client', provider: { orgId: OTHER, name: 'B' } }, ME)).toBe(true);
    expect(hasWork({ viewerSide: 'client', provider: null }, ME)).toBe(false);
    expect(hasWork({ viewerSide: 'provider', provider: { orgId: OTHER, name: 'B' } }, ME)).toBe(false);
  });

  it('shows the client a draft without proposals, and the work tabs after the award', () => {
    expect(visibleTabs(view(), ME)).toEqual(['overview']);
    expect(visibleTabs(view({ status: 'on_hold', heldFrom: 'draft' }), ME)).toEqual(['overview']);
    expect(visibleTabs(view({ status: 'proposing' }), ME)).toEqual(['overview', 'proposals']);
    expect(visibleTabs(view({ status: 'in_progress', provider: { orgId: OTHER, name: 'B' } }), ME)).toEqual([
      'overview',
      'proposals',
      'sow',
      'milestones',
      'updates',
      'questions',
      'changes',
      'control',
    ]);
  });

  it('adds the models tab to the work of a financial-modeling engagement, never for a bidder', () => {
    const awarded = { status: 'in_progress' as const, provider: { orgId: ME, name: 'Me' }, type: 'financial_modeling' as const };
    expect(visibleTabs(view({ ...awarded, viewerSide: 'client' }), ME)).toContain('models');
    expect(visibleTabs(view({ ...awarded, viewerSide: 'provider' }), ME)).toEqual([
      'overview',
      'proposals',
      'sow',
      'milestones',
      'models',
      'updates',
      'questions',
      'changes',
      'control',
    ]);
    expect(visibleTabs(view({ ...awarded, viewerSide: 'provider', provider: { orgId: OTHER, name: 'B' } }), ME)).not.toContain('models');
    expect(visibleTabs(view({ ...awarded, type: 'patent_research' }), ME)).not.toContain('models');
    expect(isEngagementTab('models')).toBe(true);
  });

  it('shows a bidder only the overview and its proposal, also after losing', () => {
    expect(visibleTabs(view({ viewerSide: 'provider', status: 'requested' }), ME)).toEqual(['overview', 'proposals']);
    expect(visibleTabs(view({ viewerSide: 'provider', status: 'contracted', provider: { orgId: OTHER, name: 'B' } }), ME)).toEqual([
      'overview',
      'proposals',
    ]);
  });

  it('gives each tab an address', () => {
    expect(engagementPath('e1')).toBe('/engagements/e1');
    expect(engagementPath('e1', 'control')).toBe('/engagements/e1/control');
    expect(isEngagementTab('control')).toBe(true);
    expect(isEngagementTab('edit')).toBe(false);
    expect(isEngagementTab(undefined)).toBe(false);
  });
});
