import {
  type BidOutcome,
  type EngagementAction,
  type EngagementStanding,
  type EngagementStatus,
  type EngagementType,
  engagementActions,
  engagementStatuses,
  type RiskFlag,
  type Side,
  type TransitionAction,
  transitionActions,
} from '../../shared/contracts/engagements.js';
import type { NotificationKind } from '../../shared/contracts/notifications.js';
import type { ApiReason } from '../../shared/reasons.js';
import type { Role } from '../../shared/roles.js';
import type { Actor } from './actor.js';

/**
 * Who may do what on an engagement, in which state, under which conditions: one table per action,
 * read by the route guard (standing and state), by the domain before it changes anything
 * (standing, state and conditions) and by `allowedActions`, which tells the UI what to offer.
 * docs/security.md explains the need-to-know model behind it.
 */

/** The status of a provider's invitation to propose. */
export type InvitationStatus = 'invited' | 'proposed' | 'declined' | 'awarded' | 'not_awarded' | 'cancelled';

/** Who is on an engagement and where it stands: all the policy needs to decide. */
export interface EngagementFacts {
  clientOrgId: string;
  ownerUserId: string;
  /** Client people on the team (owner, reviewers). */
  clientTeamUserIds: readonly string[];
  /** Providers invited to propose, with where their bid stands. */
  invitedProviders: readonly { orgId: string; status: InvitationStatus }[];
  awardedProviderOrgId: string | null;
  /** Provider people assigned to the work (leads, analysts). */
  providerTeamUserIds: readonly string[];
  type: EngagementType;
  status: EngagementStatus;
  heldFrom: EngagementStatus | null;
}

/**
 * The facts the policy decides on, from the engagement's own fields and its invitations and team
 * as read (by the repository in one query, or by a view that has read them already).
 */
export function factsOf(
  e: Pick<EngagementFacts, 'clientOrgId' | 'ownerUserId' | 'awardedProviderOrgId' | 'type' | 'status' | 'heldFrom'>,
  providers: readonly { providerOrgId: string; status: InvitationStatus }[],
  team: readonly { userId: string; side: 'client' | 'provider' }[],
): EngagementFacts {
  return {
    clientOrgId: e.clientOrgId,
    ownerUserId: e.ownerUserId,
    clientTeamUserIds: team.filter((t) => t.side === 'client').map((t) => t.userId),
    invitedProviders: providers.map((p) => ({ orgId: p.providerOrgId, status: p.status })),
    awardedProviderOrgId: e.awardedProviderOrgId,
    providerTeamUserIds: team.filter((t) => t.side === 'provider').map((t) => t.userId),
    type: e.type,
    status: e.status,
    heldFrom: e.heldFrom,
  };
}

const BIDDING: readonly EngagementStatus[] = ['requested', 'proposing'];
/** Proposals are open: requested or proposing, or held from there. */
export const proposalsOpen = (e: Pick<EngagementFacts, 'status' | 'heldFrom'>): boolean =>
  BIDDING.includes(e.status) || (e.status === 'on_hold' && e.heldFrom !== null && BIDDING.includes(e.heldFrom));

/** How an invited provider's bid ended, once it has without the award; null while it is open or won. */
export function bidOutcomeOf(status: InvitationStatus): BidOutcome | null {
  if (status === 'declined') return 'withdrawn';
  if (status === 'not_awarded' || status === 'cancelled') return status;
  return null;
}

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));

/**
 * How the actor stands on the engagement, or null for no standing at all (then the engagement
 * does not exist for them). The system actor (jobs, the CLI) acts as the client's lead; an
 * anonymous request stands nowhere.
 */
export function standingOn(actor: Actor, e: EngagementFacts): EngagementStanding | null {
  if (actor.kind === 'system') return 'client_lead';
  if (actor.kind !== 'user') return null;
  if (actor.orgKind === 'client') {
    if (actor.orgId !== e.clientOrgId) return null;
    if (actor.userId === e.ownerUserId || has(actor.roles, 'client_admin')) return 'client_lead';
    const onTeam = e.clientTeamUserIds.includes(actor.userId);
    if (onTeam && has(actor.roles, 'engagement_owner', 'reviewer')) return 'client_member';
    // Finance and auditors follow every engagement of their organisation, read-only.
    if (onTeam || has(actor.roles, 'finance', 'auditor')) return 'client_observer';
    return null;
  }
  if (actor.orgKind !== 'provider') return null;
  const manages = has(actor.roles, 'provider_admin', 'delivery_manager');
  if (e.awardedProviderOrgId === actor.orgId) {
    if (manages) return 'provider_lead';
    return e.providerTeamUserIds.includes(actor.userId) ? 'provider_member' : null;
  }
  const invitation = e.invitedProviders.find((p) => p.orgId === actor.orgId);
  if (!invitation || !manages) return null;
  if (bidOutcomeOf(invitation.status) !== null) return 'former_bidder';
  // Invited to a draft the client has not sent yet (or cancelled before sending): not theirs to know.
  return proposalsOpen(e) ? 'bidder' : null;
}

export const sideOfStanding = (s: EngagementStanding): Side => (s.startsWith('client') ? 'client' : 'provider');

type States = readonly EngagementStatus[];
const ANY: States = engagementStatuses;
const BEFORE_AWARD: States = ['draft', 'requested', 'proposing'];
const ACTIVE: States = ['requested', 'proposing', 'contracted', 'in_progress', 'delivered'];
const NOT_ENDED: States = ['draft', ...ACTIVE, 'accepted', 'on_hold'];
const WORKING: States = ['contracted', 'in_progress', 'delivered'];
const BUILDING: States = ['contracted', 'in_progress'];

/** Standing → the states in which it may take the action. A standing not named may not. */
type Rule = Partial<Record<EngagementStanding, States>>;

const parties = (states: States): Rule => ({
  client_lead: states,
  client_member: states,
  client_observer: states,
  provider_lead: states,
  provider_member: states,
});
/** The people who do the work on both sides: read-only observers are not among them. */
const workers = (states: States): Rule => ({ client_lead: states, client_member: states, provider_lead: states, provider_member: states });
const leads = (states: States): Rule => ({ client_lead: states, provider_lead: states });
const providerTeam = (states: States): Rule => ({ provider_lead: states, provider_member: states });

/** The table: for each action, who may take it in which states. */
export const engagementRules: Record<EngagementAction, Rule> = {
  'engagement.read': { ...parties(ANY), bidder: ANY, former_bidder: ANY },
  'engagement.edit_brief': { client_lead: BEFORE_AWARD },
  'engagement.invite_providers': { client_lead: BEFORE_AWARD },
  'engagement.assign_team': { client_lead: NOT_ENDED, provider_lead: WORKING },
  'engagement.request': { client_lead: ['draft'] },
  'engagement.start': leads(['contracted']),
  'engagement.deliver': { provider_lead: ['in_progress'] },
  'engagement.accept': { client_lead: ['delivered'] },
  'engagement.send_back': { client_lead: ['delivered'] },
  'engagement.close': { client_lead: ['accepted'] },
  'engagement.hold': { client_lead: ACTIVE },
  'engagement.resume': { client_lead: ['on_hold'] },
  'engagement.cancel': { client_lead: ['draft', ...ACTIVE, 'on_hold'] },
  // A provider reads only its own proposal (the service filters); the client every submitted one.
  'proposal.read': { ...parties(ANY), bidder: ANY, former_bidder: ANY },
  'proposal.write': { bidder: BIDDING },
  'proposal.award': { client_lead: BIDDING },
  'sow.read': parties(ANY),
  'sow.revise': leads(['contracted']),
  'sow.approve': leads(['contracted']),
  'milestone.work': providerTeam(['in_progress']),
  'milestone.decide': { client_lead: ['in_progress', 'delivered'] },
  'update.post': providerTeam(['in_progress']),
  'question.ask': workers(WORKING),
  'question.answer': workers(WORKING),
  'question.close': workers(WORKING),
  'change.propose': leads(BUILDING),
  'change.decide': leads(WORKING),
  'control.read': parties(ANY),
  // The provider builds the model and shares versions when they are ready; the client's people
  // read, check, comment on and export what is shared. Unshared versions are the provider's drafts.
  'model.read': parties(ANY),
  'model.read_drafts': providerTeam(ANY),
  'model.write': providerTeam(BUILDING),
  'model.share': providerTeam(BUILDING),
  'model.comment': workers(WORKING),
  'model.export': parties(ANY),
  // The vault: the client's people see every document; a provider person sees its own side's uploads
  // and what a live grant gives it (core/documents). Grants end when the work is accepted or ends.
  'document.read': parties(ANY),
  'document.upload': { client_lead: NOT_ENDED, client_member: NOT_ENDED, provider_lead: WORKING, provider_member: WORKING },
  'document.grant': { client_lead: WORKING, client_member: WORKING },
  'document.review_access': { client_lead: ANY, client_observer: ANY },
  'document.destroy': { client_lead: ['closed', 'cancelled'] },
  // The provider's lead states that its own copies (downloads, working files) are deleted.
  'document.attest_deletion': { provider_lead: ['closed', 'cancelled'] },
  // Personal data is reviewed and pseudonymised, and returned work re-identified, by the client's working people.
  'document.pseudonymise': { client_lead: NOT_ENDED, client_member: NOT_ENDED },
  // Conflict walls (core/conflicts): the client's own business. A provider never sees the
  // engagement's target and competitors, nor the conflict report; an override takes a client admin.
  'conflict.review': { client_lead: ANY },
  'conflict.set_subjects': { client_lead: NOT_ENDED },
  'conflict.override': { client_lead: NOT_ENDED },
  // Deliverables: the provider's team submits versions while the work is under way; the client's
  // reviewers score them, blind, and its lead decides. Scores, reviewers and agreement are the
  // client's internal review: a provider sees the decision and the comments, never the scores.
  'deliverable.read': parties(ANY),
  'deliverable.submit': providerTeam(['in_progress']),
  'deliverable.review': { client_lead: ['in_progress', 'delivered'], client_member: ['in_progress', 'delivered'] },
  'deliverable.decide': { client_lead: ['in_progress', 'delivered'] },
  // Market research: the provider's team imports survey data, corrects codebooks and weights it
  // while the work is being built; both sides read every table, so the client can check the numbers.
  'survey.read': parties(ANY),
  'survey.write': providerTeam(BUILDING),
  // Patent research: the provider's team imports corpora and saves searches while the work is being
  // built; everyone on the engagement reads and searches them (and the platform's corpora).
  'patent.read': parties(ANY),
  'patent.write': providerTeam(BUILDING),
  'quality.configure': { client_lead: NOT_ENDED },
  'quality.read_reviews': { client_lead: ANY, client_member: ANY, client_observer: ANY },
  // Gold checks are the client's secret: no provider standing appears here.
  'gold.read': { client_lead: ANY, client_member: ANY, client_observer: ANY },
  'gold.manage': { client_lead: NOT_ENDED },
  // Time (core/time): the client's working people log from the brief on (briefing is hidden cost
  // too; observers stay read-only); the provider's from the award until the work is accepted.
  // Everyone on it reads; the service shows each side its own people, a provider analyst their own.
  'time.log': {
    client_lead: ANY,
    client_member: ANY,
    provider_lead: [...WORKING, 'accepted'],
    provider_member: [...WORKING, 'accepted'],
  },
  'time.read': parties(ANY),
  'time.hidden_cost': { client_lead: ANY, client_member: ANY, client_observer: ANY },
};

/**
 * Actions that, within a standing the table allows, need one of these roles as well: lifting a
 * conflict wall is for the client's administrators, not every engagement owner.
 */
export const engagementActionRoles: Partial<Record<EngagementAction, readonly Role[]>> = {
  'conflict.override': ['client_admin'],
};

export const transitionRuleOf = (t: TransitionAction): EngagementAction => `engagement.${t}`;

/**
 * What the guard of the transition route checks before it reads which move is asked for: the
 * union of the moves' rules (the domain then checks the move itself against its own row).
 */
export const anyTransitionRule: Rule = (() => {
  const union: Partial<Record<EngagementStanding, Set<EngagementStatus>>> = {};
  for (const t of transitionActions) {
    for (const [standing, states] of Object.entries(engagementRules[transitionRuleOf(t)]) as [EngagementStanding, States][]) {
      const into = union[standing] ?? new Set<EngagementStatus>();
      for (const s of states) into.add(s);
      union[standing] = into;
    }
  }
  return Object.fromEntries(Object.entries(union).map(([k, v]) => [k, [...v]]));
})();

/** Why an action is refused: the standing may never take it here, or not in this state. */
export type RuleRefusal = { kind: 'standing' } | { kind: 'state'; reason: ApiReason; message: string };

/** The reason a state refusal carries, where a more telling one than `wrong_state` exists. */
const stateReasons: Partial<Record<EngagementAction, { reason: ApiReason; message: string }>> = {
  'engagement.edit_brief': { reason: 'brief_locked', message: 'After the award the brief changes only through a change request.' },
  'engagement.invite_providers': { reason: 'invitations_closed', message: 'Providers are invited before the award.' },
  'proposal.write': { reason: 'bidding_closed', message: 'Proposals are open while the engagement is requested or proposing.' },
  'proposal.award': { reason: 'bidding_closed', message: 'Proposals are awarded while the engagement is requested or proposing.' },
  'model.write': { reason: 'model_locked', message: 'Models are saved while the engagement is contracted or in progress.' },
  'model.share': { reason: 'model_locked', message: 'Model versions are shared while the engagement is contracted or in progress.' },
  'model.comment': { reason: 'wrong_state', message: 'Models are discussed while the work is under way or under review.' },
  'survey.write': {
    reason: 'survey_locked',
    message: 'Survey data is imported and weighted while the engagement is contracted or in progress.',
  },
  'patent.write': {
    reason: 'patents_locked',
    message: 'Patent corpora are imported and searches saved while the engagement is contracted or in progress.',
  },
  'document.grant': {
    reason: 'grants_closed',
    message: 'Documents are granted to the provider while the work is under way or under review.',
  },
  'document.destroy': { reason: 'not_closed', message: "An engagement's data is destroyed once it is closed or cancelled." },
  'sow.revise': {
    reason: 'sow_locked',
    message: 'The SOW is revised and approved between the award and the start of work; after that, through change requests.',
  },
  'sow.approve': {
    reason: 'sow_locked',
    message: 'The SOW is revised and approved between the award and the start of work; after that, through change requests.',
  },
};

/** Whether a standing may take an action in a state, by the table alone. */
export function ruleDecision(
  rule: Rule,
  action: EngagementAction | 'engagement.transition',
  standing: EngagementStanding,
  status: EngagementStatus,
): RuleRefusal | null {
  const states = rule[standing];
  if (!states) return { kind: 'standing' };
  if (states.includes(status)) return null;
  const move = transitionActions.find((t) => transitionRuleOf(t) === action);
  if (move) {
    return {
      kind: 'state',
      reason: `cannot_${move}_from_${status}`,
      message: `An engagement that is ${status} cannot be asked to ${move.replace('_', ' ')}.`,
    };
  }
  const specific = action === 'engagement.transition' ? undefined : stateReasons[action];
  return {
    kind: 'state',
    reason: specific?.reason ?? 'wrong_state',
    message: specific?.message ?? `This cannot be done while the engagement is ${status.replace('_', ' ')}.`,
  };
}

/**
 * What the conditions of an action read beyond who and when: the SOW, the milestones, the
 * proposals. Loaded by the domain for its own check and for `allowedActions`.
 */
export interface ConditionFacts {
  type: EngagementType;
  invitedProviders: number;
  submittedProposals: number;
  /** The newest SOW version and who has approved it; null before the award. */
  currentSow: { clientApproved: boolean; providerApproved: boolean } | null;
  /** Some version of the SOW is approved by both sides. */
  sowApproved: boolean;
  milestones: readonly ('planned' | 'in_progress' | 'submitted' | 'accepted')[];
}

export interface ConditionRefusal {
  reason: ApiReason;
  message: string;
}

const notFinancialModeling: ConditionRefusal = {
  reason: 'not_financial_modeling',
  message: 'Financial models belong to financial-modeling engagements.',
};
const notMarketResearch: ConditionRefusal = {
  reason: 'not_market_research',
  message: 'Survey data belongs to market-research engagements.',
};

const notPatentResearch: ConditionRefusal = {
  reason: 'not_patent_research',
  message: 'Patent corpora and searches belong to patent-research engagements.',
};

const bothApproved = (s: ConditionFacts['currentSow']) => !!s && s.clientApproved && s.providerApproved;

/** Conditions on top of the table; each returns why the action cannot be taken now, or null. */
export const engagementConditions: Partial<Record<EngagementAction, (f: ConditionFacts, side: Side) => ConditionRefusal | null>> = {
  'engagement.request': (f) =>
    f.invitedProviders === 0 ? { reason: 'no_providers', message: 'Invite at least one provider to propose first.' } : null,
  'engagement.start': (f) =>
    bothApproved(f.currentSow) ? null : { reason: 'sow_not_approved', message: 'Both sides approve the SOW before work starts.' },
  'engagement.deliver': (f) =>
    f.milestones.every((m) => m === 'submitted' || m === 'accepted')
      ? null
      : { reason: 'milestones_open', message: 'Submit every milestone before delivering.' },
  'engagement.accept': (f) =>
    f.milestones.every((m) => m === 'accepted')
      ? null
      : { reason: 'milestones_not_accepted', message: 'Accept every milestone before accepting the engagement.' },
  'proposal.award': (f) =>
    f.submittedProposals === 0 ? { reason: 'no_submitted_proposal', message: 'No provider has submitted a proposal yet.' } : null,
  'sow.revise': (f) => {
    if (!f.currentSow) return { reason: 'no_sow', message: 'There is no SOW yet: it is drafted at the award.' };
    return bothApproved(f.currentSow)
      ? { reason: 'sow_approved', message: 'This SOW is approved by both sides; change it through a change request.' }
      : null;
  },
  'sow.approve': (f, side) => {
    if (!f.currentSow) return { reason: 'no_sow', message: 'There is no SOW to approve yet.' };
    const done = side === 'client' ? f.currentSow.clientApproved : f.currentSow.providerApproved;
    return done ? { reason: 'already_approved', message: `The ${side} has already approved this version.` } : null;
  },
  'change.propose': (f) =>
    f.sowApproved ? null : { reason: 'sow_not_approved', message: 'Changes apply to an approved SOW; approve the SOW first.' },
  'model.write': (f) => (f.type === 'financial_modeling' ? null : notFinancialModeling),
  'model.share': (f) => (f.type === 'financial_modeling' ? null : notFinancialModeling),
  'survey.write': (f) => (f.type === 'market_research' ? null : notMarketResearch),
  'patent.read': (f) => (f.type === 'patent_research' ? null : notPatentResearch),
  'patent.write': (f) => (f.type === 'patent_research' ? null : notPatentResearch),
};

/** Whether a standing may take an action in a state by the table (conditions aside). */
export const mayNow = (standing: EngagementStanding, status: EngagementStatus, action: EngagementAction): boolean =>
  ruleDecision(engagementRules[action], action, standing, status) === null;

/** The actions open to a standing now: the table and every condition agree. */
export function openActions(standing: EngagementStanding, status: EngagementStatus, facts: ConditionFacts): EngagementAction[] {
  const side = sideOfStanding(standing);
  return engagementActions.filter(
    (action) => ruleDecision(engagementRules[action], action, standing, status) === null && !engagementConditions[action]?.(facts, side),
  );
}

/**
 * The state a viewer sees. A bidder sees the bidding as it would be were it the only bidder:
 * "proposing" once its own proposal is in, "requested" until then — never that a competitor has
 * submitted. Everyone else sees the state as it is. (The list's SQL says the same: engagement-repo.ts.)
 */
export function statusSeenBy(
  standing: EngagementStanding,
  e: { status: EngagementStatus; heldFrom: EngagementStatus | null },
  invitation: InvitationStatus | null,
): { status: EngagementStatus; heldFrom: EngagementStatus | null } {
  if (standing !== 'bidder') return { status: e.status, heldFrom: e.heldFrom };
  const mask = (s: EngagementStatus): EngagementStatus =>
    BIDDING.includes(s) ? (invitation === 'proposed' ? 'proposing' : 'requested') : s;
  return { status: mask(e.status), heldFrom: e.heldFrom === null ? null : mask(e.heldFrom) };
}

const PARTIES: readonly EngagementStanding[] = ['client_lead', 'client_member', 'client_observer', 'provider_lead', 'provider_member'];

/**
 * Who hears of each kind of event: a notification (and so its e-mail and webhook call) reaches a
 * person only in a standing named here, checked at the moment of the event.
 */
export const notificationAudience: Record<NotificationKind, readonly EngagementStanding[]> = {
  'engagement.requested': ['bidder'],
  'engagement.request_cancelled': ['former_bidder'],
  'proposal.not_awarded': ['former_bidder'],
  'proposal.submitted': ['client_lead', 'client_member'],
  'proposal.awarded': ['provider_lead', 'provider_member'],
  'engagement.status_changed': PARTIES,
  'sow.approval_needed': PARTIES,
  'sow.approved': PARTIES,
  'team.assigned': PARTIES,
  'milestone.submitted': PARTIES,
  'milestone.decided': PARTIES,
  'update.posted': PARTIES,
  'question.asked': PARTIES,
  'question.answered': PARTIES,
  'change_request.proposed': PARTIES,
  'change_request.decided': PARTIES,
  'reminder.update_due': PARTIES,
  'sla.breached': PARTIES,
  'sla.escalated': PARTIES,
  'model.shared': ['client_lead', 'client_member'],
  'model.commented': ['client_lead', 'client_member', 'provider_lead', 'provider_member'],
  'document.granted': ['provider_lead', 'provider_member'],
  'deliverable.submitted': ['client_lead', 'client_member'],
  'deliverable.decided': PARTIES,
  'deliverable.escalated': ['client_lead'],
  'staffing.load_warning': ['provider_lead', 'provider_member'],
  'staffing.left_out': ['provider_lead'],
};

/**
 * What never leaves the client's side (docs/security.md). Every provider-facing response carries
 * these as null or not at all, and nothing derived from them — a flag, a filter, an order, a count,
 * a chart — reaches a provider: the need-to-know test renders every provider view of two
 * engagements that differ only here and requires them to be equal. Besides fields: the other
 * bidders (their names, proposals, number) and, while proposals are open, whether a competitor
 * has submitted.
 */
export const clientOnlyFields = {
  /** On the engagement view. The title is the client's whenever there is a code name. */
  engagement: ['budget', 'title'],
  /** In the control figures' budget block: the budget itself (the fee and its burn are the provider's own). */
  controlBudget: ['budget'],
  /** Risk flags computed from the budget. */
  riskFlags: ['over_budget'],
} as const satisfies { engagement: readonly string[]; controlBudget: readonly string[]; riskFlags: readonly RiskFlag[] };
