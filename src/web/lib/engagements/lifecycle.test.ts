import { describe, expect, it } from 'vitest';
import type { EngagementAction } from '../../../shared/contracts/engagements';
import { hasWork, isBidderView, isDestructive, lifecycleStep, mainPath, needsReason, transitionsAllowed } from './lifecycle';
import { engagementPath, isEngagementTab, visibleTabs } from './tabs';

const OTHER = 'org-other';
const PARTY_READS: EngagementAction[] = ['engagement.read', 'proposal.read', 'sow.read', 'control.read', 'model.read'];
const view = (over: Partial<Parameters<typeof visibleTabs>[0]> = {}) => ({
  viewerSide: 'client' as const,
  provider: null,
  status: 'draft' as const,
  heldFrom: null,
  type: 'market_research' as const,
  allowedActions: PARTY_READS,
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
    expect(
      transitionsAllowed(['proposal.award', 'engagement.cancel', 'engagement.request', 'engagement.edit_brief', 'engagement.hold']),
    ).toEqual(['request', 'hold', 'cancel']);
  });

  it('asks for a reason exactly where the server requires one', () => {
    expect(['send_back', 'hold', 'cancel'].every((a) => needsReason(a as never))).toBe(true);
    expect(needsReason('request')).toBe(false);
    expect(isDestructive('cancel')).toBe(true);
    expect(isDestructive('start')).toBe(false);
  });
});

describe('who sees what of an engagement', () => {
  it('tells a bidder by the standing the server gives', () => {
    expect(isBidderView({ standing: 'bidder' })).toBe(true);
    expect(isBidderView({ standing: 'provider_lead' })).toBe(false);
    expect(isBidderView({ standing: 'client_observer' })).toBe(false);
  });

  it('opens the work to those the server lets read it, once a provider is awarded', () => {
    const awarded = { provider: { orgId: OTHER, name: 'B' } };
    expect(hasWork({ ...awarded, allowedActions: PARTY_READS })).toBe(true);
    expect(hasWork({ provider: null, allowedActions: PARTY_READS })).toBe(false);
    expect(hasWork({ ...awarded, allowedActions: ['engagement.read', 'proposal.read'] })).toBe(false);
  });

  it('shows the client a draft without proposals, and the work tabs after the award', () => {
    expect(visibleTabs(view())).toEqual(['overview']);
    expect(visibleTabs(view({ status: 'on_hold', heldFrom: 'draft' }))).toEqual(['overview']);
    expect(visibleTabs(view({ status: 'proposing' }))).toEqual(['overview', 'proposals']);
    expect(visibleTabs(view({ status: 'in_progress', provider: { orgId: OTHER, name: 'B' } }))).toEqual([
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

  it('adds the time tab for its readers: with the work, and for the client from the brief on', () => {
    const reads: EngagementAction[] = [...PARTY_READS, 'time.read'];
    expect(visibleTabs(view({ allowedActions: reads }))).toEqual(['overview', 'time']);
    expect(visibleTabs(view({ allowedActions: reads, viewerSide: 'provider', status: 'proposing' }))).not.toContain('time');
    const working = view({ allowedActions: reads, viewerSide: 'provider', status: 'in_progress', provider: { orgId: 'me', name: 'Me' } });
    expect(visibleTabs(working).slice(-2)).toEqual(['control', 'time']);
    expect(visibleTabs(view({ status: 'in_progress', provider: { orgId: OTHER, name: 'B' } }))).not.toContain('time');
  });

  it('adds the models tab to the work of a financial-modeling engagement, never for a bidder', () => {
    const awarded = { status: 'in_progress' as const, provider: { orgId: 'org-me', name: 'Me' }, type: 'financial_modeling' as const };
    expect(visibleTabs(view({ ...awarded, viewerSide: 'client' }))).toContain('models');
    expect(visibleTabs(view({ ...awarded, viewerSide: 'provider' }))).toEqual([
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
    const bidding = { allowedActions: ['engagement.read', 'proposal.read', 'proposal.write'] as EngagementAction[] };
    expect(visibleTabs(view({ ...awarded, ...bidding, viewerSide: 'provider', provider: null }))).not.toContain('models');
    expect(visibleTabs(view({ ...awarded, type: 'patent_research' }))).not.toContain('models');
    expect(isEngagementTab('models')).toBe(true);
  });

  it('adds the survey data tab to the work of a market-research engagement, for both sides the server lets read it', () => {
    const awarded = { status: 'in_progress' as const, provider: { orgId: OTHER, name: 'B' } };
    const reads: EngagementAction[] = [...PARTY_READS, 'survey.read'];
    for (const viewerSide of ['client', 'provider'] as const)
      expect(visibleTabs(view({ ...awarded, viewerSide, allowedActions: reads }))).toEqual([
        'overview',
        'proposals',
        'sow',
        'milestones',
        'surveys',
        'updates',
        'questions',
        'changes',
        'control',
      ]);
    expect(visibleTabs(view({ ...awarded, allowedActions: PARTY_READS }))).not.toContain('surveys');
    expect(visibleTabs(view({ ...awarded, allowedActions: reads, type: 'financial_modeling' }))).not.toContain('surveys');
    expect(isEngagementTab('surveys')).toBe(true);
  });

  it('adds the patents tab to the work of a patent-research engagement, for both sides the server lets read it', () => {
    const awarded = { status: 'in_progress' as const, provider: { orgId: OTHER, name: 'B' }, type: 'patent_research' as const };
    const reads: EngagementAction[] = [...PARTY_READS, 'patent.read'];
    for (const viewerSide of ['client', 'provider'] as const)
      expect(visibleTabs(view({ ...awarded, viewerSide, allowedActions: reads }))).toEqual([
        'overview',
        'proposals',
        'sow',
        'milestones',
        'patents',
        'updates',
        'questions',
        'changes',
        'control',
      ]);
    expect(visibleTabs(view({ ...awarded, allowedActions: PARTY_READS }))).not.toContain('patents');
    expect(visibleTabs(view({ ...awarded, allowedActions: reads, type: 'market_research' }))).not.toContain('patents');
    expect(isEngagementTab('patents')).toBe(true);
  });

  it('adds the documents tab for whoever the server lets read the vault, beside the work once there is work', () => {
    const reads: EngagementAction[] = [...PARTY_READS, 'document.read'];
    expect(visibleTabs(view({ allowedActions: reads }))).toEqual(['overview', 'documents']);
    expect(visibleTabs(view({ status: 'in_progress', provider: { orgId: OTHER, name: 'B' }, allowedActions: reads }))).toEqual([
      'overview',
      'proposals',
      'sow',
      'milestones',
      'documents',
      'updates',
      'questions',
      'changes',
      'control',
    ]);
    expect(visibleTabs(view({ status: 'in_progress', provider: { orgId: OTHER, name: 'B' } }))).not.toContain('documents');
    expect(isEngagementTab('documents')).toBe(true);
  });

  it('shows a bidder only the overview and its proposal', () => {
    const bidder = { viewerSide: 'provider' as const, allowedActions: ['engagement.read', 'proposal.read'] as EngagementAction[] };
    expect(visibleTabs(view({ ...bidder, status: 'requested' }))).toEqual(['overview', 'proposals']);
    expect(visibleTabs(view({ ...bidder, status: 'contracted', provider: { orgId: OTHER, name: 'B' } }))).toEqual([
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
