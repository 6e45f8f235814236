import type { EngagementView } from '../../../shared/contracts/engagements';
import { hasWork, may } from './lifecycle';

/** The tabs of the engagement page, in order; each has its own address (/engagements/:id/:tab). */
export const engagementTabs = [
  'overview',
  'proposals',
  'sow',
  'milestones',
  'deliverables',
  'models',
  'surveys',
  'patents',
  'documents',
  'updates',
  'questions',
  'changes',
  'control',
  'time',
  'conflicts',
] as const;
export type EngagementTab = (typeof engagementTabs)[number];

export const isEngagementTab = (value: string | undefined): value is EngagementTab =>
  value !== undefined && (engagementTabs as readonly string[]).includes(value);

/**
 * The tabs the viewer may open, from what the server lets them read. Proposals: the client once the
 * request is out, a provider always (a bidder has nothing else). The work's tabs: those who may read
 * the work, once a provider is awarded (never a bidder). Models: their readers, on a financial-modeling
 * engagement. Survey data: its readers (both sides), on a market-research engagement; patents likewise
 * on a patent-research one. Documents:
 * whoever the server lets read the vault (beside the work once there is work; a client may keep files
 * there from the brief on).
 */
export function visibleTabs(
  engagement: Pick<EngagementView, 'viewerSide' | 'provider' | 'status' | 'heldFrom' | 'type' | 'allowedActions'>,
): EngagementTab[] {
  const stillDraft = engagement.status === 'draft' || (engagement.status === 'on_hold' && engagement.heldFrom === 'draft');
  const tabs: EngagementTab[] = ['overview'];
  if (may(engagement, 'proposal.read') && (engagement.viewerSide === 'provider' || !stillDraft)) tabs.push('proposals');
  if (hasWork(engagement)) {
    tabs.push('sow', 'milestones');
    if (may(engagement, 'deliverable.read')) tabs.push('deliverables');
    if (engagement.type === 'financial_modeling' && may(engagement, 'model.read')) tabs.push('models');
    if (engagement.type === 'market_research' && may(engagement, 'survey.read')) tabs.push('surveys');
    if (engagement.type === 'patent_research' && may(engagement, 'patent.read')) tabs.push('patents');
    if (may(engagement, 'document.read')) tabs.push('documents');
    tabs.push('updates', 'questions', 'changes', 'control');
  } else if (may(engagement, 'document.read')) {
    tabs.push('documents');
  }
  // Time (#14): its readers once there is work; the client's people from the brief on (briefing is hidden cost too).
  if (may(engagement, 'time.read') && (hasWork(engagement) || engagement.viewerSide === 'client')) tabs.push('time');
  // Conflict walls: the client's lead only (the server offers conflict.review to no one else).
  if (may(engagement, 'conflict.review')) tabs.push('conflicts');
  return tabs;
}

/** The address of an engagement (and one of its tabs). */
export const engagementPath = (id: string, tab: EngagementTab = 'overview'): string =>
  tab === 'overview' ? `/engagements/${id}` : `/engagements/${id}/${tab}`;
