import type { AuditQuery } from '../shared/contracts/audit.js';
import type {
  CommentAnchor,
  DeliverableCheckReport,
  DeliverableContent,
  DeliverableStatus,
  DeliverableType,
  GlossaryTerm,
  ReviewDecision,
  RubricCriterion,
  SectionRole,
  VersionStatus,
} from '../shared/contracts/deliverables.js';
import type { DocumentKind, GrantAccess } from '../shared/contracts/documents.js';
import type {
  ChangeSet,
  Classification,
  EngagementListCursor,
  EngagementListQuery,
  EngagementStatus,
  EngagementType,
  ProposalInput,
  Rag,
  Side,
  SlaBreach,
  SowContent,
} from '../shared/contracts/engagements.js';
import type { TokenScope } from '../shared/contracts/identity.js';
import type { NotificationKind } from '../shared/contracts/notifications.js';
import type { Money } from '../shared/money.js';
import type { OrgKind, Role } from '../shared/roles.js';
import type { EngagementFacts, InvitationStatus } from './access/engagement-rules.js';
import type { ChainContent, ChainedEvent, LoggedEvent } from './audit/chain.js';
import type { DerivedState } from './engagements/control.js';
import type { CapacityRepo } from './time/capacity-store.js';
import type { StaffingRepo } from './time/staffing-store.js';
import type { TimeRepo } from './time/store.js';
import type { PatentRepo } from './workbenches/patent-search/store.js';

/**
 * The persistence port of the domain. Infra implements it (SQL through Kysely); the domain
 * only sees these records and methods. Timestamps are ISO 8601 strings.
 */
export interface OrgRecord {
  id: string;
  name: string;
  kind: OrgKind;
  createdAt: string;
}

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  /** The person's language; null until they use kpo in one (sign-in adopts the page's). */
  locale: 'ja' | 'en' | null;
  status: 'active' | 'disabled';
  createdAt: string;
  passwordChangedAt: string;
}

export interface MembershipRecord {
  userId: string;
  orgId: string;
  roles: Role[];
  createdAt: string;
}
export interface MembershipWithOrg extends MembershipRecord {
  orgName: string;
  orgKind: OrgKind;
}
export interface MemberWithUser extends MembershipRecord {
  email: string;
  displayName: string;
  status: 'active' | 'disabled';
}

export interface InvitationRecord {
  id: string;
  orgId: string;
  email: string;
  roles: Role[];
  tokenHash: string;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  revokedAt: string | null;
}

export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  activeOrgId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  orgId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface OrgRepo {
  insert(org: OrgRecord): Promise<void>;
  get(id: string): Promise<OrgRecord | null>;
  findByName(kind: OrgKind, name: string): Promise<OrgRecord | null>;
  list(): Promise<OrgRecord[]>;
  rename(id: string, name: string): Promise<void>;
}

export interface UserRepo {
  insert(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | null>;
  getByEmail(email: string): Promise<UserRecord | null>;
  getMany(ids: readonly string[]): Promise<UserRecord[]>;
  update(
    id: string,
    patch: Partial<Pick<UserRecord, 'displayName' | 'locale' | 'passwordHash' | 'passwordChangedAt' | 'status'>>,
  ): Promise<void>;
}

export interface MembershipRepo {
  insert(m: MembershipRecord): Promise<void>;
  get(userId: string, orgId: string): Promise<MembershipWithOrg | null>;
  listForUser(userId: string): Promise<MembershipWithOrg[]>;
  listForOrg(orgId: string): Promise<MemberWithUser[]>;
  /**
   * The organisation's kind and the roles of those of `userIds` who are its members with an active
   * account, in one read; null when there is no such organisation.
   */
  activeRolesIn(orgId: string, userIds: readonly string[]): Promise<{ orgKind: OrgKind; roles: Map<string, Role[]> } | null>;
  setRoles(userId: string, orgId: string, roles: Role[]): Promise<void>;
  delete(userId: string, orgId: string): Promise<void>;
  /** Active members of the organisation holding the role. Locks those rows until commit. */
  countWithRole(orgId: string, role: Role): Promise<number>;
}

export interface InvitationRepo {
  insert(inv: InvitationRecord): Promise<void>;
  get(id: string): Promise<InvitationRecord | null>;
  getByTokenHash(tokenHash: string): Promise<InvitationRecord | null>;
  /** Reads and locks the invitation until the transaction ends. */
  getForUpdate(id: string): Promise<InvitationRecord | null>;
  listForOrg(orgId: string): Promise<InvitationRecord[]>;
  findPending(orgId: string, email: string, now: string): Promise<InvitationRecord[]>;
  markAccepted(id: string, userId: string, at: string): Promise<void>;
  revoke(id: string, at: string): Promise<void>;
}

export interface SessionRepo {
  insert(s: SessionRecord): Promise<void>;
  /**
   * A session with its user and the membership of its active organisation, in one read (every
   * request checks its session).
   */
  getWithPrincipal(tokenHash: string): Promise<{ session: SessionRecord; user: UserRecord; membership: MembershipWithOrg | null } | null>;
  touch(id: string, at: string): Promise<void>;
  setActiveOrg(id: string, orgId: string): Promise<void>;
  revoke(id: string, at: string): Promise<void>;
  revokeForUser(userId: string, at: string, options?: { exceptId?: string; activeOrgId?: string }): Promise<number>;
}

export interface ApiTokenRepo {
  insert(t: ApiTokenRecord): Promise<void>;
  get(id: string): Promise<ApiTokenRecord | null>;
  getByTokenHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  listForUser(userId: string): Promise<ApiTokenRecord[]>;
  touch(id: string, at: string): Promise<void>;
  revoke(id: string, at: string): Promise<void>;
  revokeForUserInOrg(userId: string, orgId: string, at: string): Promise<number>;
  revokeForUser(userId: string, at: string): Promise<number>;
}

/** What the sign-in throttle counts before a password is checked (core/identity/throttle.ts). */
export interface LoginAttemptHistory {
  /** The address has signed in to the account before. */
  known: boolean;
  /** Failures to the account from the address since its last success there, and since `forgetBefore`. */
  pair: { count: number; lastAt: string | null };
  /** Failures to the account from any address since `forgetBefore`. */
  account: { count: number; lastAt: string | null };
  /** Failures from the address to any account since `windowStart`. */
  address: { count: number; oldestAt: string | null };
}

export interface LoginAttemptRepo {
  /** Locks the keys (an account, an address) until the transaction ends. */
  lock(keys: readonly string[]): Promise<void>;
  /** `throttled`: refused by the throttle before the password was checked (never counted as a failure). */
  record(a: { email: string; ip: string; succeeded: boolean; at: string; throttled?: boolean }): Promise<string>;
  markSucceeded(id: string): Promise<void>;
  /** Failed attempts since `since` (and after the last success, for an account). */
  failuresForEmail(email: string, since: string): Promise<{ count: number; oldestAt: string | null }>;
  failuresForIp(ip: string, since: string): Promise<{ count: number; oldestAt: string | null }>;
  /** The failures (never the refused attempts) the throttle counts, in one read. */
  history(email: string, ip: string, since: { forgetBefore: string; windowStart: string }): Promise<LoginAttemptHistory>;
}

export interface AuditRepo {
  /**
   * Stores the event unsealed (docs/decisions/0012-audit-sealing.md): inside a transaction it is
   * written when the transaction commits, after everything else it did; the sealer then links it to
   * the end of the chain (seq, prev hash, hash).
   */
  append(content: Omit<ChainContent, 'seq'>): Promise<void>;
  /** Sealed and unsealed events, in time order (newest first; the order of insertion breaks ties). */
  query(filter: AuditQuery): Promise<LoggedEvent[]>;
  /** Every sealed event up to `upToSeq` in seq order, read in batches. */
  scan(upToSeq: number, batchSize?: number): AsyncIterable<ChainedEvent>;
  head(): Promise<{ seq: number; hash: string }>;
  /** The sealed events. */
  count(): Promise<number>;
  /** The events waiting to be sealed, and when the oldest of them happened. */
  /** Events not yet sealed; with `orgId`, only that organisation's own and those it is the other party of. */
  unsealed(orgId?: string): Promise<{ count: number; oldestAt: string | null }>;
}

export interface NotificationRecord {
  id: string;
  userId: string;
  /** The organisation the person is told in: the one the event concerns (webhooks of that organisation hear of it). */
  orgId: string;
  kind: NotificationKind;
  engagementId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
  /**
   * The domain event this notification tells of: the notifications of one change to one
   * organisation share it, and each of that organisation's subscribed webhooks is called once for
   * it, however many people are told.
   */
  eventId: string;
}

export interface NotificationRepo {
  /**
   * Stores in-app notifications and queues their e-mail and webhook deliveries, in the caller's
   * transaction: a rolled-back change notifies nobody.
   */
  create(notifications: readonly NotificationRecord[]): Promise<void>;
  /** A person's notifications in one organisation, newest first. */
  listForUser(userId: string, orgId: string, limit: number): Promise<NotificationRecord[]>;
  unreadCount(userId: string, orgId: string): Promise<number>;
  markRead(userId: string, orgId: string, ids: readonly string[] | 'all', at: string): Promise<number>;
}

// ---------- webhooks ----------

/** An organisation's webhook as the domain sees it (its secret is written once and never read back). */
export interface WebhookRecord {
  id: string;
  orgId: string;
  url: string;
  kinds: NotificationKind[];
  active: boolean;
  createdAt: string;
}

/** One queued or made call to a webhook (a delivery), as listed beside the webhook. */
export interface WebhookDeliveryRecord {
  id: string;
  kind: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  /** When it was delivered, or else when it was queued. */
  at: string;
}

export interface WebhookRepo {
  /**
   * The organisation's webhooks that are not deleted (only `id`, when given), newest first, each
   * with its last `recentDeliveries` deliveries, newest first.
   */
  listWithDeliveries(
    orgId: string,
    options: { id?: string; recentDeliveries: number },
  ): Promise<(WebhookRecord & { recentDeliveries: WebhookDeliveryRecord[] })[]>;
  /**
   * Locks the organisation until the transaction ends (one organisation's webhook changes queue up)
   * and counts its webhooks that are not deleted.
   */
  lockOrgAndCount(orgId: string): Promise<number>;
  insert(webhook: Omit<WebhookRecord, 'active'> & { secret: string; createdBy: string | null }): Promise<void>;
  /**
   * Deletes the organisation's webhook (the row stays, inactive, for its deliveries) and fails its
   * pending deliveries. Null when the organisation has no such webhook (or it is already deleted).
   */
  softDelete(orgId: string, id: string, by: string | null, at: string): Promise<{ id: string; url: string } | null>;
  /** The organisation's webhook when it exists and is not deleted. */
  findActive(orgId: string, id: string): Promise<{ id: string; url: string } | null>;
}

// ---------- engagements ----------

export interface EngagementRecord {
  id: string;
  clientOrgId: string;
  type: EngagementType;
  title: string;
  codeName: string | null;
  objectives: string;
  scope: string;
  expectedDeliverables: string[];
  classification: Classification;
  budget: Money | null;
  targetStart: string;
  targetEnd: string;
  status: EngagementStatus;
  heldFrom: EngagementStatus | null;
  awardedProviderOrgId: string | null;
  awardedProposalId: string | null;
  ownerUserId: string;
  workStartedAt: string | null;
  workEndedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  updateReminderFor: string | null;
  /**
   * The derived state as stored with the row when it was read (never written from here: only
   * `setDerived` writes it). Absent on a record built or changed in memory.
   */
  derived?: DerivedState;
}

export interface InvitedProviderRecord {
  providerOrgId: string;
  orgName: string;
  status: InvitationStatus;
  invitedAt: string;
  statusChangedAt: string;
}

export interface TeamMemberRecord {
  userId: string;
  displayName: string;
  side: Side;
  role: 'owner' | 'reviewer' | 'lead' | 'analyst';
  assignedAt: string;
}

export interface ProposalRecord {
  id: string;
  engagementId: string;
  providerOrgId: string;
  status: 'draft' | 'submitted' | 'withdrawn' | 'awarded' | 'not_awarded';
  content: ProposalInput;
  feeEstimate: Money;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SowVersionRecord {
  engagementId: string;
  version: number;
  content: SowContent;
  reason: 'award' | 'revision' | 'change_request';
  changeRequestId: string | null;
  createdBy: string | null;
  createdAt: string;
  clientApprovedBy: string | null;
  clientApprovedAt: string | null;
  providerApprovedBy: string | null;
  providerApprovedAt: string | null;
}

export interface MilestoneRecord {
  id: string;
  engagementId: string;
  key: string;
  position: number;
  title: string;
  baselineDueDate: string;
  dueDate: string;
  weight: number;
  deliverables: string[];
  status: 'planned' | 'in_progress' | 'submitted' | 'accepted';
  startedAt: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  reworkRounds: number;
}

export interface MilestoneReviewRecord {
  id: string;
  milestoneId: string;
  engagementId: string;
  kind: 'submitted' | 'accepted' | 'sent_back';
  at: string;
  byUserId: string | null;
  comment: string | null;
}

export interface StatusUpdateRecord {
  id: string;
  engagementId: string;
  authorUserId: string;
  postedAt: string;
  progressPct: number;
  rag: Rag;
  done: string;
  next: string;
  blockers: string;
  risks: string;
  hoursSpent: number | null;
  dueAt: string | null;
}

export interface QuestionRecord {
  id: string;
  engagementId: string;
  title: string;
  body: string;
  askedBy: string;
  askedBySide: Side;
  assigneeUserId: string | null;
  askedAt: string;
  dueAt: string;
  status: 'open' | 'answered' | 'closed';
  answeredAt: string | null;
  closedAt: string | null;
}

export interface QuestionMessageRecord {
  id: string;
  questionId: string;
  authorUserId: string;
  side: Side;
  body: string;
  at: string;
}

export interface ChangeRequestRecord {
  id: string;
  engagementId: string;
  summary: string;
  reason: string;
  changes: ChangeSet;
  proposedBy: string;
  proposedBySide: Side;
  proposedAt: string;
  status: 'proposed' | 'approved' | 'rejected' | 'withdrawn';
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  resultingSowVersion: number | null;
}

/** Who may see an engagement in a list: the viewer and how much of their organisation's work they see. */
export interface EngagementViewer {
  userId: string;
  orgId: string;
  orgKind: 'client' | 'provider';
  /** Client admins, finance and auditors see all of the client's engagements; provider admins and managers all of the provider's. */
  seesAllOfOrg: boolean;
}

export interface EngagementListRow {
  id: string;
  displayName: string;
  type: EngagementType;
  status: EngagementStatus;
  heldFrom: EngagementStatus | null;
  /** The viewing provider's invitation to propose, when it has one (never another provider's). */
  invitation: { status: InvitationStatus; changedAt: string } | null;
  clientOrgId: string;
  clientName: string;
  providerOrgId: string | null;
  providerName: string | null;
  targetEnd: string;
  derived: DerivedState;
  updatedAt: string;
}

export interface EngagementListPage {
  rows: EngagementListRow[];
  total: number;
  totalIsEstimate: boolean;
  /** Where the next page starts (after the last row), or null when this page is the last. */
  next: EngagementListCursor | null;
}

export interface EngagementRepo {
  insert(e: EngagementRecord): Promise<void>;
  get(id: string): Promise<EngagementRecord | null>;
  /** Reads and locks the engagement row until the transaction ends: writes to one engagement queue up. */
  getForUpdate(id: string): Promise<EngagementRecord | null>;
  save(e: EngagementRecord): Promise<void>;
  setDerived(id: string, d: DerivedState): Promise<void>;
  facts(id: string): Promise<EngagementFacts | null>;
  /** The engagement and the facts the policy decides on (one read; `lock` takes getForUpdate's lock first, in a read of its own). */
  withFacts(
    id: string,
    lock: boolean,
    /** Read the engagement's history in the same statement too (a change that derives from it or shows it). */
    history?: boolean,
  ): Promise<{ engagement: EngagementRecord; facts: EngagementFacts; history?: EngagementHistoryRows } | null>;
  /** A page of the engagements the viewer stands on; `total` is exact up to ENGAGEMENT_COUNT_EXACT_UP_TO, estimated above. */
  list(viewer: EngagementViewer, query: EngagementListQuery, now: Date): Promise<EngagementListPage>;
  /** Engagements whose deadlines the SLA check must look at: under way, or with open questions or reviews. */
  /** Engagements the SLA watch should look at now (their check time has come). */
  listDueForSlaCheck(nowIso: string): Promise<string[]>;
  /** When the SLA watch next needs to look (null: not until something changes). */
  setSlaCheckDueAt(id: string, at: string | null): Promise<void>;

  inviteProvider(engagementId: string, providerOrgId: string, at: string, by: string | null): Promise<void>;
  /**
   * What the conditions of engagement-rules.ts read, in one statement: the proposals' statuses, each
   * SOW version's approvals (oldest first) and the milestones' statuses (in order).
   */
  conditionRows(engagementId: string): Promise<ConditionRows>;
  /**
   * What the engagement's page reads besides the engagement, in one statement: who it names — its
   * client, its awarded provider and its owner (as the record given names them: it may hold a change
   * not yet read back), the invited and the team — and what its conditions read (conditionRows).
   */
  viewParts(e: Pick<EngagementRecord, 'id' | 'clientOrgId' | 'awardedProviderOrgId' | 'ownerUserId'>): Promise<{
    clientName: string | null;
    provider: { id: string; name: string } | null;
    providers: InvitedProviderRecord[];
    team: TeamMemberRecord[];
    ownerName: string | null;
    conditions: ConditionRows;
  }>;
  providers(engagementId: string): Promise<InvitedProviderRecord[]>;
  setProviderStatus(engagementId: string, providerOrgId: string, status: InvitedProviderRecord['status'], at: string): Promise<void>;

  team(engagementId: string): Promise<TeamMemberRecord[]>;
  assign(engagementId: string, member: Omit<TeamMemberRecord, 'displayName'>): Promise<void>;
  unassign(engagementId: string, userId: string): Promise<void>;

  proposal(engagementId: string, providerOrgId: string): Promise<ProposalRecord | null>;
  proposalById(id: string): Promise<ProposalRecord | null>;
  proposals(engagementId: string): Promise<ProposalRecord[]>;
  saveProposal(p: ProposalRecord): Promise<void>;

  sowVersions(engagementId: string): Promise<SowVersionRecord[]>;
  /** Every SOW version of these engagements, in one read (by engagement, then version). */
  sowVersionsOf(engagementIds: readonly string[]): Promise<SowVersionRecord[]>;
  insertSow(v: SowVersionRecord): Promise<void>;
  saveSowApproval(v: SowVersionRecord): Promise<void>;

  milestones(engagementId: string): Promise<MilestoneRecord[]>;
  saveMilestone(m: MilestoneRecord): Promise<void>;
  deleteMilestone(id: string): Promise<void>;
  reviews(engagementId: string): Promise<MilestoneReviewRecord[]>;
  insertReview(r: MilestoneReviewRecord): Promise<void>;

  updates(engagementId: string): Promise<StatusUpdateRecord[]>;
  insertUpdate(u: StatusUpdateRecord): Promise<void>;

  questions(engagementId: string): Promise<QuestionRecord[]>;
  question(id: string): Promise<QuestionRecord | null>;
  saveQuestion(q: QuestionRecord): Promise<void>;
  messages(questionIds: readonly string[]): Promise<QuestionMessageRecord[]>;
  insertMessage(m: QuestionMessageRecord): Promise<void>;

  changeRequests(engagementId: string): Promise<ChangeRequestRecord[]>;
  changeRequest(id: string): Promise<ChangeRequestRecord | null>;
  saveChangeRequest(c: ChangeRequestRecord): Promise<void>;

  /** Records breaches not seen before; returns the new ones. */
  recordBreaches(engagementId: string, breaches: readonly SlaBreach[], at: string): Promise<SlaBreach[]>;
  /** Breaches still unresolved and not escalated, detected before `before`. */
  breachesToEscalate(engagementId: string, before: string): Promise<{ kind: string; subjectId: string; side: Side }[]>;
  markEscalated(engagementId: string, kind: string, subjectId: string, at: string): Promise<void>;
  /** The provider's median hours to answer a question, across all its engagements. */
  providerMedianAnswerHours(providerOrgId: string): Promise<number | null>;
  /** The provider's median answer time as last kept (saveProviderAnswerStats), or null. */
  providerAnswerStats(providerOrgId: string): Promise<{ hours: number | null; computedAt: string } | null>;
  saveProviderAnswerStats(providerOrgId: string, hours: number | null, computedAt: string): Promise<void>;

  /** The rows of one engagement's history in one read, each list ordered as its own read (sowVersions, milestones, …). */
  history(engagementId: string): Promise<EngagementHistoryRows>;
  /** The rows of each engagement's history, in five reads for all of them, each list ordered as its one-engagement read. */
  historyRowsOf(engagementIds: readonly string[]): Promise<Map<string, EngagementHistoryRows>>;
  /**
   * A client's or a provider's awarded engagements in these statuses, with the provider's name, by id
   * after `afterId` (a keyset page: the scorecards walk all of them).
   */
  awardedInScope(
    scope: { clientOrgId: string } | { providerOrgId: string },
    statuses: readonly EngagementStatus[],
    afterId: string | null,
    limit: number,
  ): Promise<{ engagement: EngagementRecord; providerName: string }[]>;
}

/** When each side approved a SOW version (null: not yet). */
export type SowApprovals = Pick<SowVersionRecord, 'clientApprovedAt' | 'providerApprovedAt'>;

/** What the conditions of engagement-rules.ts read: the proposals' statuses, each SOW version's approvals (oldest first), the milestones' statuses (in order). */
export interface ConditionRows {
  proposalStatuses: ProposalRecord['status'][];
  sowVersions: SowApprovals[];
  milestoneStatuses: MilestoneRecord['status'][];
}

export interface EngagementHistoryRows {
  sowVersions: SowVersionRecord[];
  milestones: MilestoneRecord[];
  reviews: MilestoneReviewRecord[];
  updates: StatusUpdateRecord[];
  questions: QuestionRecord[];
}

export interface FinancialModelRecord {
  id: string;
  engagementId: string;
  name: string;
  currency: string;
  latestVersion: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface FinancialModelVersionRecord {
  modelId: string;
  version: number;
  /** The model document as saved (validated against the schema when it was saved). */
  document: unknown;
  sha256: string;
  note: string;
  valuePerShare: number | null;
  enterpriseValue: number | null;
  checkStatus: 'pass' | 'warn' | 'fail';
  savedBy: string;
  savedAt: string;
  /** Null while the version is the provider's draft; the client sees only shared versions. */
  sharedAt: string | null;
  sharedBy: string | null;
  /** Why a version whose checks fail was shared anyway. */
  shareReason: string | null;
}

export type FinancialModelVersionMeta = Omit<FinancialModelVersionRecord, 'document'>;

export interface FinancialModelCommentRecord {
  id: string;
  modelId: string;
  version: number;
  authorId: string;
  authorSide: 'client' | 'provider';
  body: string;
  createdAt: string;
}

export interface FinancialModelRepo {
  listForEngagement(engagementId: string): Promise<FinancialModelRecord[]>;
  get(id: string): Promise<FinancialModelRecord | null>;
  /** With the row lock that serialises saves of one model. */
  getForUpdate(id: string): Promise<FinancialModelRecord | null>;
  insert(model: FinancialModelRecord): Promise<void>;
  setLatest(id: string, latestVersion: number, updatedAt: string): Promise<void>;
  insertVersion(version: FinancialModelVersionRecord): Promise<void>;
  /** Newest first, without the documents; only shared ones when `sharedOnly`. */
  versions(modelId: string, sharedOnly: boolean): Promise<FinancialModelVersionMeta[]>;
  /** The newest version's metadata of each model (the newest shared one when `sharedOnly`; none when none is). */
  latestVersions(modelIds: readonly string[], sharedOnly: boolean): Promise<FinancialModelVersionMeta[]>;
  version(modelId: string, version: number): Promise<FinancialModelVersionRecord | null>;
  /** Marks a draft shared; false when it already was. */
  share(modelId: string, version: number, by: string, at: string, reason: string | null): Promise<boolean>;
  insertComment(comment: FinancialModelCommentRecord): Promise<void>;
  /** Oldest first. */
  comments(modelId: string, version: number): Promise<FinancialModelCommentRecord[]>;
  /** How many comments each version of a model has. */
  commentCounts(modelId: string): Promise<Map<number, number>>;
}

// ---------- survey datasets (the market-research workbench) ----------

export interface SurveyDatasetRecord {
  id: string;
  engagementId: string;
  name: string;
  latestVersion: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SurveyDatasetVersionRecord {
  datasetId: string;
  version: number;
  /** The codebook's JSON sealed under the engagement's data key. */
  codebookSealed: string;
  documentId: string;
  documentVersion: number;
  sheet: string | null;
  encoding: string | null;
  respondents: number;
  questions: number;
  note: string;
  savedBy: string;
  savedAt: string;
}

export interface SurveyWeightingRecord {
  id: string;
  datasetId: string;
  datasetVersion: number;
  name: string;
  targets: unknown;
  options: unknown;
  report: unknown;
  createdBy: string;
  createdAt: string;
}

export interface SurveyRepo {
  listForEngagement(engagementId: string): Promise<SurveyDatasetRecord[]>;
  get(id: string): Promise<SurveyDatasetRecord | null>;
  /** With the row lock that serialises new versions of one dataset. */
  getForUpdate(id: string): Promise<SurveyDatasetRecord | null>;
  insert(dataset: SurveyDatasetRecord): Promise<void>;
  setLatest(id: string, latestVersion: number, updatedAt: string): Promise<void>;
  insertVersion(version: SurveyDatasetVersionRecord): Promise<void>;
  /** Newest first. */
  versions(datasetId: string): Promise<SurveyDatasetVersionRecord[]>;
  version(datasetId: string, version: number): Promise<SurveyDatasetVersionRecord | null>;
  insertWeighting(weighting: SurveyWeightingRecord): Promise<void>;
  /** Oldest first. */
  weightings(datasetId: string, datasetVersion: number): Promise<SurveyWeightingRecord[]>;
  weighting(id: string): Promise<SurveyWeightingRecord | null>;
}

// ---------- market sizings and competitor matrices (the market-research workbench) ----------

export type ResearchCanvasKind = 'sizing' | 'competitors';

export interface ResearchCanvasRecord {
  id: string;
  engagementId: string;
  kind: ResearchCanvasKind;
  title: string;
  latestVersion: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ResearchCanvasVersionRecord {
  canvasId: string;
  version: number;
  /** The sizing or matrix as its contract parses it (shared/contracts/market-sizing.ts). */
  body: unknown;
  note: string;
  savedBy: string;
  savedAt: string;
}

export interface ResearchCanvasRepo {
  /** Most recently changed first. */
  listForEngagement(engagementId: string, kind: ResearchCanvasKind): Promise<ResearchCanvasRecord[]>;
  get(id: string): Promise<ResearchCanvasRecord | null>;
  /** With the row lock that serialises new versions of one canvas. */
  getForUpdate(id: string): Promise<ResearchCanvasRecord | null>;
  insert(canvas: ResearchCanvasRecord): Promise<void>;
  setLatest(id: string, latestVersion: number, title: string, updatedAt: string): Promise<void>;
  insertVersion(version: ResearchCanvasVersionRecord): Promise<void>;
  /** Newest first, without their bodies' use in mind (small documents). */
  versions(canvasId: string): Promise<ResearchCanvasVersionRecord[]>;
  version(canvasId: string, version: number): Promise<ResearchCanvasVersionRecord | null>;
  /** The most recently changed sizing (other than `exceptId`) whose latest version sizes this market by this approach. */
  latestSizingOf(
    engagementId: string,
    market: string,
    approach: string,
    exceptId: string,
  ): Promise<{ canvas: ResearchCanvasRecord; version: ResearchCanvasVersionRecord } | null>;
}

export interface SurveyCodeframeRecord {
  id: string;
  datasetId: string;
  datasetVersion: number;
  question: string;
  latestVersion: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SurveyCodeframeVersionRecord {
  codeframeId: string;
  version: number;
  /** The codes (labels, keywords) as JSON, sealed under the engagement's data key. */
  codesSealed: string;
  savedBy: string;
  savedAt: string;
}

export interface SurveyCodingOverrideRecord {
  codeframeId: string;
  /** Row index of the respondent in the dataset version. */
  respondent: number;
  /** The code keys the answer has (none: uncoded). */
  codes: string[];
  setBy: string;
  setAt: string;
}

export interface CodingRepo {
  /** Oldest first. */
  listForDataset(datasetId: string): Promise<SurveyCodeframeRecord[]>;
  get(id: string): Promise<SurveyCodeframeRecord | null>;
  /** With the row lock that serialises new versions of one codeframe. */
  getForUpdate(id: string): Promise<SurveyCodeframeRecord | null>;
  insert(codeframe: SurveyCodeframeRecord): Promise<void>;
  setLatest(id: string, latestVersion: number, updatedAt: string): Promise<void>;
  insertVersion(version: SurveyCodeframeVersionRecord): Promise<void>;
  version(codeframeId: string, version: number): Promise<SurveyCodeframeVersionRecord | null>;
  /** Replaces the respondent's earlier override. */
  setOverride(override: SurveyCodingOverrideRecord): Promise<void>;
  /** By respondent. */
  overrides(codeframeId: string): Promise<SurveyCodingOverrideRecord[]>;
}

// ---------- documents (the vault) ----------

export interface DocumentRecord {
  id: string;
  engagementId: string;
  name: string;
  /** The name as compared: one document per name whatever its case or width. */
  nameKey: string;
  classification: Classification;
  uploadedSide: Side;
  sourceDocumentId: string | null;
  latestVersion: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  destroyedAt: string | null;
}

export interface DocumentVersionRecord {
  documentId: string;
  version: number;
  blobId: string;
  kind: DocumentKind;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  note: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface DocumentGrantRecord {
  id: string;
  documentId: string;
  engagementId: string;
  granteeKind: 'user' | 'team';
  granteeUserId: string | null;
  access: GrantAccess;
  grantedBy: string | null;
  grantedAt: string;
  expiresAt: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: 'revoked' | 'engagement_ended' | 'destroyed' | null;
  lastUsedAt: string | null;
}

export interface DocumentAccessRecord {
  id: string;
  documentId: string;
  version: number;
  engagementId: string;
  userId: string | null;
  orgId: string | null;
  grantId: string | null;
  mode: 'view' | 'download';
  watermarked: boolean;
  at: string;
}

/** What a close-out destroyed: the certificate states it, and it outlives the destroyed key. */
export interface DestructionRecord {
  engagementId: string;
  certificateId: string;
  destroyedAt: string;
  destroyedBy: string | null;
  documents: { id: string; name: string; version: number; sha256: string; classification: Classification; sizeBytes: number }[];
  /** The destroyed data key's id; null when the engagement never stored a document. */
  dataKeyId: string | null;
}

export interface DeletionAttestationRecord {
  engagementId: string;
  providerOrgId: string;
  attestedBy: string | null;
  attestedAt: string;
  statement: string;
}

export interface DocumentRepo {
  /** The engagement's documents (not destroyed), most recently changed first. */
  list(engagementId: string): Promise<DocumentRecord[]>;
  get(id: string): Promise<DocumentRecord | null>;
  /** The document of that name uploaded by that side, locked until the transaction ends (uploads of one name queue up). */
  findByNameForUpdate(engagementId: string, side: Side, nameKey: string): Promise<DocumentRecord | null>;
  insert(d: DocumentRecord): Promise<void>;
  setLatest(id: string, version: number, at: string): Promise<void>;
  insertVersion(v: DocumentVersionRecord): Promise<void>;
  /** Every version of the documents, newest first. */
  versions(documentIds: readonly string[]): Promise<DocumentVersionRecord[]>;
  version(documentId: string, version: number): Promise<DocumentVersionRecord | null>;
  /** Grants of the engagement (all, or only those not ended), newest first. */
  grants(engagementId: string, options?: { documentId?: string }): Promise<DocumentGrantRecord[]>;
  grant(id: string): Promise<DocumentGrantRecord | null>;
  insertGrant(g: DocumentGrantRecord): Promise<void>;
  /** Ends a grant not ended yet; false when it already was. */
  endGrant(id: string, at: string, by: string | null, reason: 'revoked' | 'engagement_ended' | 'destroyed'): Promise<boolean>;
  /** Ends every grant of the engagement not ended yet; returns the ones it ended. */
  endGrantsOf(
    engagementId: string,
    at: string,
    by: string | null,
    reason: 'engagement_ended' | 'destroyed',
  ): Promise<DocumentGrantRecord[]>;
  touchGrant(id: string, at: string): Promise<void>;
  insertAccess(a: DocumentAccessRecord): Promise<void>;
  access(id: string): Promise<DocumentAccessRecord | null>;
  /** Marks every document of the engagement destroyed; returns how many. */
  markDestroyed(engagementId: string, at: string): Promise<number>;
  /** Destroys the engagement's sealed data key (crypto-shredding); its id, or null when it never had one. */
  destroyDataKey(engagementId: string, by: string | null, at: string): Promise<string | null>;
  insertDestruction(d: DestructionRecord): Promise<void>;
  destruction(engagementId: string): Promise<DestructionRecord | null>;
  insertAttestation(a: DeletionAttestationRecord): Promise<void>;
  /** The engagement's sealed pseudonymisation state (mapping and code names), if any. */
  pseudonymState(engagementId: string): Promise<string | null>;
  savePseudonymState(engagementId: string, sealed: string, at: string): Promise<void>;
  attestation(engagementId: string): Promise<DeletionAttestationRecord | null>;
}

// ---------- idempotent requests ----------

/** What the first of several requests with one Idempotency-Key left behind. */
export interface IdempotencyRecord {
  principal: string;
  key: string;
  /** Hash of what was asked (method, path, body): the same key for something else is refused. */
  fingerprint: string;
  state: 'pending' | 'done';
  responseStatus: number | null;
  /** The first answer's body; null while pending, or when it carried a one-time secret. */
  responseBody: string | null;
  createdAt: string;
}

export interface IdempotencyRepo {
  /**
   * Claims the key for a request now starting; false when it is taken (by an earlier request).
   * With `forgetBefore`, in the same statement: the principal's other keys from before then are
   * forgotten (as `purge`); this key, if as old, still counts as taken.
   */
  claim(record: IdempotencyRecord, forgetBefore: string): Promise<boolean>;
  get(principal: string, key: string): Promise<IdempotencyRecord | null>;
  complete(principal: string, key: string, status: number, body: string | null): Promise<void>;
  /** In the request's transaction: the key claimed at `claimedAt` is done (false: the claim was taken over). */
  markDone(principal: string, key: string, claimedAt: string): Promise<boolean>;
  /** Gives an abandoned pending claim to a new request; false when it changed meanwhile. */
  takeOver(principal: string, key: string, claimedAt: string, now: string): Promise<boolean>;
  /** Frees the key of a request that failed, so that trying again is a new attempt (only the claim made at `claimedAt`). */
  release(principal: string, key: string, claimedAt: string): Promise<void>;
  /** Forgets a principal's keys older than `before`. */
  purge(principal: string, before: string): Promise<void>;
}

export interface Repos {
  orgs: OrgRepo;
  users: UserRepo;
  memberships: MembershipRepo;
  invitations: InvitationRepo;
  sessions: SessionRepo;
  apiTokens: ApiTokenRepo;
  loginAttempts: LoginAttemptRepo;
  audit: AuditRepo;
  notifications: NotificationRepo;
  engagements: EngagementRepo;
  financialModels: FinancialModelRepo;
  surveys: SurveyRepo;
  coding: CodingRepo;
  researchCanvases: ResearchCanvasRepo;
  webhooks: WebhookRepo;
  idempotency: IdempotencyRepo;
  documents: DocumentRepo;
  conflicts: ConflictRepo;
  quality: QualityRepo;
  time: TimeRepo;
  capacity: CapacityRepo;
  staffing: StaffingRepo;
  patents: PatentRepo;
}

export interface Store {
  /** Repositories outside a transaction, for reads. */
  readonly read: Repos;
  /** Runs `fn` in one transaction: every change and its audit event commit together or not at all. */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /**
   * A transaction that is not the request's work — the record of a refusal, which must outlive the
   * refused request's rollback: it never marks the request's Idempotency-Key done.
   */
  transactionApart<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /**
   * Seals every audit event committed so far into the chain (after a sealer at work in another
   * process has finished); returns how many this call sealed.
   */
  sealAudit(): Promise<number>;
}

// ---------- conflict walls ----------

export interface DeclarationsRecord {
  userId: string;
  orgId: string;
  employers: { entity: string; from: string; to: string | null }[];
  holdings: { entity: string }[];
  declaredAt: string;
}

export interface RestrictedEntityRecord {
  id: string;
  orgId: string;
  name: string;
  aliases: string[];
  tickers: string[];
  kind: 'target' | 'competitor' | 'restricted';
  note: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConflictSettingsRecord {
  orgId: string;
  coolingOffMonths: number;
  /** 0 while the organisation has never saved its list. */
  version: number;
}

export interface ConflictSubjectRecord {
  engagementId: string;
  entityId: string;
  role: 'target' | 'competitor';
}

export interface ConflictOverrideRecord {
  id: string;
  engagementId: string;
  userId: string;
  reason: string;
  /** The conflicts it lets through, as `kind:entityId`. */
  covers: string[];
  byUserId: string | null;
  at: string;
}

export interface ConflictRepo {
  /** A person's declarations in one organisation; null when they never declared. */
  declarations(userId: string, orgId: string): Promise<DeclarationsRecord | null>;
  /** The declarations of several people in one organisation (those who never declared are absent). */
  declarationsOf(userIds: readonly string[], orgId: string): Promise<DeclarationsRecord[]>;
  /** Replaces a person's declarations. */
  saveDeclarations(d: DeclarationsRecord): Promise<void>;
  /** The organisation's settings (the defaults when never saved); `forUpdate` locks them until the transaction ends. */
  settings(orgId: string, options?: { forUpdate?: boolean }): Promise<ConflictSettingsRecord>;
  saveSettings(s: ConflictSettingsRecord, by: string | null, at: string): Promise<void>;
  /** The organisation's restricted list, in its order. */
  entities(orgId: string): Promise<RestrictedEntityRecord[]>;
  /** Replaces the restricted list: the given entities (in this order) are kept or added, the others removed. */
  saveEntities(orgId: string, entities: readonly RestrictedEntityRecord[]): Promise<void>;
  /** How many engagements name each entity of the organisation. */
  entityUse(orgId: string): Promise<Map<string, number>>;
  subjects(engagementId: string): Promise<ConflictSubjectRecord[]>;
  setSubjects(engagementId: string, subjects: readonly ConflictSubjectRecord[]): Promise<void>;
  /** The newest override of each person on the engagement. */
  overrides(engagementId: string): Promise<ConflictOverrideRecord[]>;
  insertOverride(o: ConflictOverrideRecord): Promise<void>;
}

// ---------- deliverables and quality ----------

export interface RubricRecord {
  id: string;
  /** The client organisation whose template it is; null for kpo's built-in rubric (core/reviews/rubrics.ts). */
  orgId: string | null;
  engagementType: EngagementType;
  version: number;
  name: string;
  scaleMin: number;
  scaleMax: number;
  criteria: RubricCriterion[];
  createdBy: string | null;
  createdAt: string;
}

export interface QualitySettingsRecord {
  engagementId: string;
  reviewersPerSubmission: number;
  blind: boolean;
  requiredSections: SectionRole[];
  glossary: GlossaryTerm[];
  /** 0 while the engagement has never saved its settings (the defaults). */
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface DeliverableRecord {
  id: string;
  engagementId: string;
  milestoneId: string;
  title: string;
  type: DeliverableType;
  status: DeliverableStatus;
  latestVersion: number;
  reworkRounds: number;
  escalatedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliverableVersionRecord {
  deliverableId: string;
  version: number;
  engagementId: string;
  status: VersionStatus;
  content: DeliverableContent;
  documentIds: string[];
  note: string;
  checks: DeliverableCheckReport;
  submittedBy: string | null;
  receivedAt: string;
  rubricId: string;
  rubricVersion: number;
  reviewersWanted: number;
  blind: boolean;
  decision: ReviewDecision | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface DeliverableReviewRecord {
  id: string;
  deliverableId: string;
  version: number;
  engagementId: string;
  reviewerId: string;
  rubricId: string;
  rubricVersion: number;
  scores: Record<string, number>;
  weightedScore: number;
  scorePct: number;
  decision: ReviewDecision;
  comments: { id: string; anchor: CommentAnchor; body: string }[];
  submittedAt: string;
}

/** A version awaiting its decision, as the review queue lists it. */
export interface ReviewQueueRow {
  engagementId: string;
  engagementTitle: string;
  codeName: string | null;
  deliverableId: string;
  deliverableTitle: string;
  version: number;
  receivedAt: string;
  checkStatus: 'pass' | 'warn' | 'fail';
  reviewersWanted: number;
  reviews: number;
  reviewedByViewer: boolean;
  /** The viewer decides this version: the engagement's owner or a client admin. */
  viewerDecides: boolean;
  /** Reviews' decisions that differ from one another (distinct decisions − 1). */
  decisionSplit: number;
  /** Standard deviation of the reviews' scores on the 0–100 line; null under two reviews. */
  scoreSpread: number | null;
}

/** One provider's quality figures over a client's (or its own) engagements, computed in SQL. */
export interface QualityFiguresRow {
  providerOrgId: string;
  versions: number;
  deliverables: number;
  decided: number;
  meanScorePct: number | null;
  firstPassAccepted: number;
  firstPassDecided: number;
  reworkRounds: number;
  findings: number;
  medianTurnaroundHours: number | null;
}

export interface QualityTrendRow {
  providerOrgId: string;
  month: string;
  meanScorePct: number | null;
  firstPassAccepted: number;
  firstPassDecided: number;
}

export interface CalibrationRoundRecord {
  id: string;
  orgId: string;
  title: string;
  engagementId: string;
  deliverableId: string;
  version: number;
  content: DeliverableContent;
  rubricId: string;
  rubricVersion: number;
  /** The people asked to score it. */
  participants: string[];
  createdBy: string | null;
  createdAt: string;
}

export interface CalibrationScoreRecord {
  roundId: string;
  reviewerId: string;
  scores: Record<string, number>;
  submittedAt: string;
}

export type GoldKind = 'reference' | 'planted_error' | 'control_question';

export interface GoldItemRecord {
  id: string;
  engagementId: string;
  kind: GoldKind;
  label: string;
  terms: string[];
  documentId: string | null;
  deliverableId: string | null;
  createdBy: string | null;
  createdAt: string;
  withdrawnAt: string | null;
}

export interface GoldResultRecord {
  goldId: string;
  deliverableId: string;
  version: number;
  engagementId: string;
  hit: boolean;
  evaluatedAt: string;
}

/** One provider's gold checks: items whose outcome is known, and those caught. */
export interface GoldFiguresRow {
  providerOrgId: string;
  items: number;
  caught: number;
}

export interface QualityRepo {
  /** Every version of the organisation's rubric templates, newest first. */
  rubrics(orgId: string): Promise<RubricRecord[]>;
  latestRubric(orgId: string, engagementType: EngagementType, options?: { forUpdate?: boolean }): Promise<RubricRecord | null>;
  rubric(id: string): Promise<RubricRecord | null>;
  insertRubric(r: RubricRecord): Promise<void>;
  settings(engagementId: string): Promise<QualitySettingsRecord | null>;
  saveSettings(s: QualitySettingsRecord): Promise<void>;
  deliverables(engagementId: string): Promise<DeliverableRecord[]>;
  deliverable(id: string, options?: { forUpdate?: boolean }): Promise<DeliverableRecord | null>;
  insertDeliverable(d: DeliverableRecord): Promise<void>;
  saveDeliverable(d: DeliverableRecord): Promise<void>;
  /** The versions of these deliverables, oldest first. */
  versions(deliverableIds: readonly string[]): Promise<DeliverableVersionRecord[]>;
  insertVersion(v: DeliverableVersionRecord): Promise<void>;
  saveVersion(v: DeliverableVersionRecord): Promise<void>;
  /** The reviews on an engagement's deliverables, oldest first. */
  reviews(engagementId: string): Promise<DeliverableReviewRecord[]>;
  insertReview(r: DeliverableReviewRecord): Promise<void>;
  /**
   * Versions awaiting a decision on engagements of `orgId` the viewer may review (every one for
   * a client admin; otherwise those they own or are on the team of), most disagreement first.
   */
  reviewQueue(viewer: { orgId: string; userId: string; admin: boolean }, limit: number): Promise<ReviewQueueRow[]>;
  /** Quality per provider on a client's engagements (`clientOrgId`) or a provider's own (`providerOrgId`). */
  qualityFigures(scope: { clientOrgId: string } | { providerOrgId: string }): Promise<QualityFiguresRow[]>;
  qualityTrend(scope: { clientOrgId: string } | { providerOrgId: string }): Promise<QualityTrendRow[]>;
  /**
   * Gold checks per provider, each item judged on the latest decided version of each deliverable it
   * applies to. A provider's own figures count only engagements that are over (accepted or closed),
   * so it cannot find out which items are gold by resubmitting.
   */
  goldFigures(scope: { clientOrgId: string } | { providerOrgId: string }): Promise<GoldFiguresRow[]>;
  /** Every review's weighted score (0–100) on a client's engagements: the live side of reviewer drift. */
  reviewScores(clientOrgId: string): Promise<{ reviewerId: string; deliverableId: string; version: number; scorePct: number }[]>;
  calibrationRounds(orgId: string): Promise<CalibrationRoundRecord[]>;
  calibrationRound(id: string): Promise<CalibrationRoundRecord | null>;
  insertCalibrationRound(r: CalibrationRoundRecord): Promise<void>;
  /** The scores of these rounds, oldest first. */
  calibrationScores(roundIds: readonly string[]): Promise<CalibrationScoreRecord[]>;
  insertCalibrationScore(s: CalibrationScoreRecord): Promise<void>;
  goldItems(engagementId: string): Promise<GoldItemRecord[]>;
  insertGoldItem(g: GoldItemRecord): Promise<void>;
  saveGoldItem(g: GoldItemRecord): Promise<void>;
  goldResults(engagementId: string): Promise<GoldResultRecord[]>;
  insertGoldResults(results: readonly GoldResultRecord[]): Promise<void>;
}
