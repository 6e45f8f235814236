import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date or ISO string and read back as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface OrganizationsTable {
  id: string;
  name: string;
  kind: 'client' | 'provider' | 'operator';
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: 'ja' | 'en';
  status: 'active' | 'disabled';
  created_at: Timestamp;
  password_changed_at: Timestamp;
}

export interface MembershipsTable {
  user_id: string;
  org_id: string;
  roles: string[];
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  org_id: string;
  email: string;
  roles: string[];
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_by: string | null;
  revoked_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  active_org_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  org_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: string[];
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: Timestamp;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  occurred_at: Timestamp;
  type: string;
  actor_user_id: string | null;
  actor_label: string;
  org_id: string | null;
  resource_type: string;
  resource_id: string;
  data: ColumnType<Record<string, unknown>, string, never>;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  singleton: boolean;
  seq: number;
  hash: string;
}

export interface MigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface DB {
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  kpo_migrations: MigrationsTable;
}
