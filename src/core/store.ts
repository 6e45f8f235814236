import type { AuditQuery } from '../shared/contracts/audit.js';
import type { TokenScope } from '../shared/contracts/identity.js';
import type { NotificationKind } from '../shared/contracts/notifications.js';
import type { OrgKind, Role } from '../shared/roles.js';
import type { ChainContent, ChainedEvent } from './audit/chain.js';

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
  locale: 'ja' | 'en';
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
  getByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
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

export interface LoginAttemptRepo {
  /** Locks the keys (an account, an address) until the transaction ends. */
  lock(keys: readonly string[]): Promise<void>;
  record(a: { email: string; ip: string; succeeded: boolean; at: string }): Promise<string>;
  markSucceeded(id: string): Promise<void>;
  /** Failed attempts since `since` (and after the last success, for an account). */
  failuresForEmail(email: string, since: string): Promise<{ count: number; oldestAt: string | null }>;
  failuresForIp(ip: string, since: string): Promise<{ count: number; oldestAt: string | null }>;
}

export interface AuditRepo {
  /** Links the event to the end of the chain (seq, prev hash, hash) and stores it. */
  append(content: Omit<ChainContent, 'seq'>): Promise<ChainedEvent>;
  query(filter: AuditQuery): Promise<ChainedEvent[]>;
  /** Every event up to `upToSeq` in seq order, read in batches. */
  scan(upToSeq: number, batchSize?: number): AsyncIterable<ChainedEvent>;
  head(): Promise<{ seq: number; hash: string }>;
  count(): Promise<number>;
}

export interface NotificationRecord {
  id: string;
  userId: string;
  kind: NotificationKind;
  engagementId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
  /**
   * The domain event (a uuid) this notification tells of: give the notifications of one change the
   * same id, and each subscribed webhook is called once for it, however many people are told.
   * Without it, notifications of one create() call with the same kind, engagement and data share one.
   */
  eventId?: string;
}

export interface NotificationRepo {
  /**
   * Stores in-app notifications and queues their e-mail and webhook deliveries, in the caller's
   * transaction: a rolled-back change notifies nobody.
   */
  create(notifications: readonly NotificationRecord[]): Promise<void>;
  listForUser(userId: string, limit: number): Promise<NotificationRecord[]>;
  unreadCount(userId: string): Promise<number>;
  markRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number>;
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
}

export interface Store {
  /** Repositories outside a transaction, for reads. */
  readonly read: Repos;
  /** Runs `fn` in one transaction: every change and its audit event commit together or not at all. */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
}
