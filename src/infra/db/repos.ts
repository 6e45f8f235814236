import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { ChainContent, ChainedEvent, LoggedEvent } from '../../core/audit/chain.js';
import { markClaimDone } from '../../core/idempotency.js';
import type {
  ApiTokenRecord,
  InvitationRecord,
  MembershipWithOrg,
  OrgRecord,
  Repos,
  SessionRecord,
  Store,
  UserRecord,
} from '../../core/store.js';
import type { TokenScope } from '../../shared/contracts/identity.js';
import type { Role } from '../../shared/roles.js';
import type { SecretBox } from '../crypto/master-key.js';
import { type AuditSealer, chainContentOf, SEAL_BATCH, sealBatch, sealPending } from './audit-sealer.js';
import { createCapacityRepo } from './capacity-repo.js';
import { createCodingRepo } from './coding-repo.js';
import { createConflictRepo } from './conflict-repo.js';
import { createDocumentRepo } from './document-repo.js';
import { createEngagementRepo } from './engagement-repo.js';
import { createFinancialModelRepo } from './financial-model-repo.js';
import { createIdempotencyRepo } from './idempotency-repo.js';
import { KeptEstimates } from './kept-estimates.js';
import { createNotificationRepo } from './notification-repo.js';
import { createPatentRepo } from './patent-repo.js';
import { createQualityRepo } from './quality-repo.js';
import { createResearchCanvasRepo } from './research-repo.js';
import type { DB } from './schema.js';
import { createStaffingRepo } from './staffing-repo.js';
import { createSurveyRepo } from './survey-repo.js';
import { createTimeRepo } from './time-repo.js';
import { createWebhookRepo } from './webhook-repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

const toOrg = (r: Selectable<DB['organizations']>): OrgRecord => ({ id: r.id, name: r.name, kind: r.kind, createdAt: iso(r.created_at) });

const toUser = (r: Selectable<DB['users']>): UserRecord => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  locale: r.locale,
  status: r.status,
  createdAt: iso(r.created_at),
  passwordChangedAt: iso(r.password_changed_at),
});

const toInvitation = (r: Selectable<DB['invitations']>): InvitationRecord => ({
  id: r.id,
  orgId: r.org_id,
  email: r.email,
  roles: r.roles as Role[],
  tokenHash: r.token_hash,
  invitedBy: r.invited_by,
  createdAt: iso(r.created_at),
  expiresAt: iso(r.expires_at),
  acceptedAt: isoOrNull(r.accepted_at),
  acceptedBy: r.accepted_by,
  revokedAt: isoOrNull(r.revoked_at),
});

const toSession = (r: Selectable<DB['sessions']>): SessionRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  userId: r.user_id,
  activeOrgId: r.active_org_id,
  csrfToken: r.csrf_token,
  ip: r.ip,
  userAgent: r.user_agent,
  createdAt: iso(r.created_at),
  lastSeenAt: iso(r.last_seen_at),
  expiresAt: iso(r.expires_at),
  revokedAt: isoOrNull(r.revoked_at),
});

const toToken = (r: Selectable<DB['api_tokens']>): ApiTokenRecord => ({
  id: r.id,
  userId: r.user_id,
  orgId: r.org_id,
  name: r.name,
  prefix: r.prefix,
  tokenHash: r.token_hash,
  scopes: r.scopes as TokenScope[],
  createdAt: iso(r.created_at),
  expiresAt: isoOrNull(r.expires_at),
  lastUsedAt: isoOrNull(r.last_used_at),
  revokedAt: isoOrNull(r.revoked_at),
});

const toLoggedEvent = (r: Selectable<DB['audit_events']>): LoggedEvent => ({
  ...chainContentOf(r),
  pos: r.pos,
  seq: r.seq,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** A sealed event (the chain's scan reads only those). */
function toChainedEvent(r: Selectable<DB['audit_events']>): ChainedEvent {
  if (r.seq === null || r.prev_hash === null || r.hash === null) throw new Error(`audit event at pos ${r.pos} is not sealed`);
  return { ...chainContentOf(r), seq: r.seq, prevHash: r.prev_hash, hash: r.hash };
}

/** The first key of the two-key advisory locks taken on sign-in: any constant kpo uses nowhere else. */
const LOGIN_LOCK_NAMESPACE = 4_715_202;

/** text[] parameters: node-postgres sends JS arrays as PostgreSQL arrays. */
const textArray = (values: readonly string[]) => sql<string[]>`${[...values]}::text[]`;

type AuditContent = Omit<ChainContent, 'seq'>;

/** Stores events unsealed: no lock, the sequence behind pos orders them (docs/decisions/0012-audit-sealing.md). */
async function insertUnsealed(db: Kysely<DB>, events: readonly AuditContent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_events')
    .values(
      events.map((content) => ({
        id: content.id,
        occurred_at: content.occurredAt,
        type: content.type,
        actor_user_id: content.actorUserId,
        actor_label: content.actorLabel,
        org_id: content.orgId,
        party_org_id: content.partyOrgId ?? null,
        resource_type: content.resourceType,
        resource_id: content.resourceId,
        data: JSON.stringify(content.data),
        ip: content.ip,
        request_id: content.requestId,
        seq: null,
        prev_hash: null,
        hash: null,
      })),
    )
    .execute();
}

/**
 * Repositories over one connection or transaction. Inside a transaction `pendingAudit` collects the
 * audit events, which are written unsealed just before the commit and sealed into the chain after
 * it (or, without a sealer, just before it: see StoreOptions.auditSealer).
 */
export function createRepos(
  db: Kysely<DB>,
  options: StoreOptions = {},
  { pendingAudit, estimates = new KeptEstimates() }: { pendingAudit?: AuditContent[]; estimates?: KeptEstimates } = {},
): Repos {
  // An event appended outside a transaction is sealed as one written by a transaction would be.
  const afterAuditCommit = async () => {
    if (options.auditSealer) options.auditSealer.poke(true);
    else await sealPending(db, true);
  };
  const membershipWithOrg = () =>
    db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.org_id')
      .select(['m.user_id', 'm.org_id', 'm.roles', 'm.created_at', 'o.name as org_name', 'o.kind as org_kind']);
  const toMembershipWithOrg = (r: {
    user_id: string;
    org_id: string;
    roles: string[];
    created_at: Date;
    org_name: string;
    org_kind: OrgRecord['kind'];
  }): MembershipWithOrg => ({
    userId: r.user_id,
    orgId: r.org_id,
    roles: r.roles as Role[],
    createdAt: iso(r.created_at),
    orgName: r.org_name,
    orgKind: r.org_kind,
  });

  return {
    orgs: {
      async insert(o) {
        await db.insertInto('organizations').values({ id: o.id, name: o.name, kind: o.kind, created_at: o.createdAt }).execute();
      },
      async get(id) {
        const r = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
        return r ? toOrg(r) : null;
      },
      async findByName(kind, name) {
        const r = await db
          .selectFrom('organizations')
          .selectAll()
          .where('kind', '=', kind)
          .where(sql`lower(name)`, '=', name.toLowerCase())
          .executeTakeFirst();
        return r ? toOrg(r) : null;
      },
      async list() {
        return (await db.selectFrom('organizations').selectAll().orderBy('kind').orderBy('name').execute()).map(toOrg);
      },
      async rename(id, name) {
        await db.updateTable('organizations').set({ name }).where('id', '=', id).execute();
      },
    },

    users: {
      async insert(u) {
        await db
          .insertInto('users')
          .values({
            id: u.id,
            email: u.email,
            display_name: u.displayName,
            password_hash: u.passwordHash,
            locale: u.locale,
            status: u.status,
            created_at: u.createdAt,
            password_changed_at: u.passwordChangedAt,
          })
          .execute();
      },
      async get(id) {
        const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
        return r ? toUser(r) : null;
      },
      async getMany(ids) {
        if (ids.length === 0) return [];
        return (
          await db
            .selectFrom('users')
            .selectAll()
            .where('id', 'in', [...ids])
            .execute()
        ).map(toUser);
      },
      async getByEmail(email) {
        const r = await db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
        return r ? toUser(r) : null;
      },
      async update(id, patch) {
        await db
          .updateTable('users')
          .set({
            ...(patch.displayName !== undefined && { display_name: patch.displayName }),
            ...(patch.locale !== undefined && { locale: patch.locale }),
            ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
            ...(patch.passwordChangedAt !== undefined && { password_changed_at: patch.passwordChangedAt }),
            ...(patch.status !== undefined && { status: patch.status }),
          })
          .where('id', '=', id)
          .execute();
      },
    },

    memberships: {
      async insert(m) {
        await db
          .insertInto('memberships')
          .values({ user_id: m.userId, org_id: m.orgId, roles: textArray(m.roles), created_at: m.createdAt })
          .execute();
      },
      async get(userId, orgId) {
        const r = await membershipWithOrg().where('m.user_id', '=', userId).where('m.org_id', '=', orgId).executeTakeFirst();
        return r ? toMembershipWithOrg(r) : null;
      },
      async listForUser(userId) {
        const rows = await membershipWithOrg().where('m.user_id', '=', userId).orderBy('m.created_at').orderBy('o.name').execute();
        return rows.map(toMembershipWithOrg);
      },
      async activeRolesIn(orgId, userIds) {
        const rows = await db
          .selectFrom('organizations as o')
          .leftJoin('memberships as m', (j) => j.onRef('m.org_id', '=', 'o.id').on(sql<SqlBool>`m.user_id = any(${[...userIds]}::uuid[])`))
          .leftJoin('users as u', 'u.id', 'm.user_id')
          .select(['o.kind', 'm.user_id', 'm.roles', 'u.status'])
          .where('o.id', '=', orgId)
          .execute();
        const first = rows[0];
        if (!first) return null;
        const roles = new Map<string, Role[]>();
        for (const r of rows) if (r.user_id !== null && r.roles !== null && r.status === 'active') roles.set(r.user_id, r.roles as Role[]);
        return { orgKind: first.kind, roles };
      },
      async listForOrg(orgId) {
        const rows = await db
          .selectFrom('memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select(['m.user_id', 'm.org_id', 'm.roles', 'm.created_at', 'u.email', 'u.display_name', 'u.status'])
          .where('m.org_id', '=', orgId)
          .orderBy('u.display_name')
          .execute();
        return rows.map((r) => ({
          userId: r.user_id,
          orgId: r.org_id,
          roles: r.roles as Role[],
          createdAt: iso(r.created_at),
          email: r.email,
          displayName: r.display_name,
          status: r.status,
        }));
      },
      async setRoles(userId, orgId, roles) {
        await db
          .updateTable('memberships')
          .set({ roles: textArray(roles) })
          .where('user_id', '=', userId)
          .where('org_id', '=', orgId)
          .execute();
      },
      async delete(userId, orgId) {
        await db.deleteFrom('memberships').where('user_id', '=', userId).where('org_id', '=', orgId).execute();
      },
      async countWithRole(orgId, role) {
        // FOR UPDATE: two admins demoting each other at once must not both succeed.
        const rows = await db
          .selectFrom('memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select('m.user_id')
          .where('m.org_id', '=', orgId)
          .where('u.status', '=', 'active')
          .where(sql<boolean>`${role} = ANY(m.roles)`)
          .forUpdate('m')
          .execute();
        return rows.length;
      },
    },

    invitations: {
      async insert(i) {
        await db
          .insertInto('invitations')
          .values({
            id: i.id,
            org_id: i.orgId,
            email: i.email,
            roles: textArray(i.roles),
            token_hash: i.tokenHash,
            invited_by: i.invitedBy,
            created_at: i.createdAt,
            expires_at: i.expiresAt,
            accepted_at: i.acceptedAt,
            accepted_by: i.acceptedBy,
            revoked_at: i.revokedAt,
          })
          .execute();
      },
      async get(id) {
        const r = await db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
        return r ? toInvitation(r) : null;
      },
      async getForUpdate(id) {
        const r = await db.selectFrom('invitations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        return r ? toInvitation(r) : null;
      },
      async getByTokenHash(tokenHash) {
        const r = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
        return r ? toInvitation(r) : null;
      },
      async listForOrg(orgId) {
        return (
          await db.selectFrom('invitations').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').limit(500).execute()
        ).map(toInvitation);
      },
      async findPending(orgId, email, now) {
        const rows = await db
          .selectFrom('invitations')
          .selectAll()
          .where('org_id', '=', orgId)
          .where('email', '=', email)
          .where('accepted_at', 'is', null)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', new Date(now))
          .execute();
        return rows.map(toInvitation);
      },
      async markAccepted(id, userId, at) {
        await db.updateTable('invitations').set({ accepted_at: at, accepted_by: userId }).where('id', '=', id).execute();
      },
      async revoke(id, at) {
        await db.updateTable('invitations').set({ revoked_at: at }).where('id', '=', id).execute();
      },
    },

    sessions: {
      async insert(s) {
        await db
          .insertInto('sessions')
          .values({
            id: s.id,
            token_hash: s.tokenHash,
            user_id: s.userId,
            active_org_id: s.activeOrgId,
            csrf_token: s.csrfToken,
            ip: s.ip,
            user_agent: s.userAgent,
            created_at: s.createdAt,
            last_seen_at: s.lastSeenAt,
            expires_at: s.expiresAt,
            revoked_at: s.revokedAt,
          })
          .execute();
      },
      async getWithPrincipal(tokenHash) {
        const r = await db
          .selectFrom('sessions as s')
          .innerJoin('users as u', 'u.id', 's.user_id')
          .leftJoin('memberships as m', (j) => j.onRef('m.user_id', '=', 's.user_id').onRef('m.org_id', '=', 's.active_org_id'))
          .leftJoin('organizations as o', 'o.id', 'm.org_id')
          .selectAll('s')
          .select([
            'u.email',
            'u.display_name',
            'u.password_hash',
            'u.locale',
            'u.status',
            'u.created_at as user_created_at',
            'u.password_changed_at',
            'm.org_id as m_org_id',
            'm.roles as m_roles',
            'm.created_at as m_created_at',
            'o.name as org_name',
            'o.kind as org_kind',
          ])
          .where('s.token_hash', '=', tokenHash)
          .executeTakeFirst();
        if (!r) return null;
        const user = toUser({
          id: r.user_id,
          email: r.email,
          display_name: r.display_name,
          password_hash: r.password_hash,
          locale: r.locale,
          status: r.status,
          created_at: r.user_created_at,
          password_changed_at: r.password_changed_at,
        });
        const membership =
          r.m_org_id !== null && r.m_roles !== null && r.m_created_at !== null && r.org_name !== null && r.org_kind !== null
            ? toMembershipWithOrg({
                user_id: r.user_id,
                org_id: r.m_org_id,
                roles: r.m_roles,
                created_at: r.m_created_at,
                org_name: r.org_name,
                org_kind: r.org_kind,
              })
            : null;
        return { session: toSession(r), user, membership };
      },
      async touch(id, at) {
        await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
      },
      async setActiveOrg(id, orgId) {
        await db.updateTable('sessions').set({ active_org_id: orgId }).where('id', '=', id).execute();
      },
      async revoke(id, at) {
        await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
      },
      async revokeForUser(userId, at, options = {}) {
        let q = db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
        if (options.exceptId) q = q.where('id', '!=', options.exceptId);
        if (options.activeOrgId) q = q.where('active_org_id', '=', options.activeOrgId);
        const r = await q.executeTakeFirst();
        return Number(r.numUpdatedRows);
      },
    },

    apiTokens: {
      async insert(t) {
        await db
          .insertInto('api_tokens')
          .values({
            id: t.id,
            user_id: t.userId,
            org_id: t.orgId,
            name: t.name,
            prefix: t.prefix,
            token_hash: t.tokenHash,
            scopes: textArray(t.scopes),
            created_at: t.createdAt,
            expires_at: t.expiresAt,
            last_used_at: t.lastUsedAt,
            revoked_at: t.revokedAt,
          })
          .execute();
      },
      async get(id) {
        const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
        return r ? toToken(r) : null;
      },
      async getByTokenHash(tokenHash) {
        const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
        return r ? toToken(r) : null;
      },
      async listForUser(userId) {
        return (await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute()).map(
          toToken,
        );
      },
      async touch(id, at) {
        await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
      },
      async revoke(id, at) {
        await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
      },
      async revokeForUser(userId, at) {
        const r = await db
          .updateTable('api_tokens')
          .set({ revoked_at: at })
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return Number(r.numUpdatedRows);
      },
      async revokeForUserInOrg(userId, orgId, at) {
        const r = await db
          .updateTable('api_tokens')
          .set({ revoked_at: at })
          .where('user_id', '=', userId)
          .where('org_id', '=', orgId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return Number(r.numUpdatedRows);
      },
    },

    loginAttempts: {
      async lock(keys) {
        // Sorted, so two transactions always take the same keys in the same order (no deadlock).
        for (const key of [...keys].sort()) {
          await sql`SELECT pg_advisory_xact_lock(${LOGIN_LOCK_NAMESPACE}, hashtext(${key}))`.execute(db);
        }
      },
      async record(a) {
        const row = await db
          .insertInto('login_attempts')
          .values({ email: a.email, ip: a.ip, succeeded: a.succeeded, at: a.at, throttled: a.throttled ?? false })
          .returning('id')
          .executeTakeFirstOrThrow();
        return String(row.id);
      },
      async markSucceeded(id) {
        await db.updateTable('login_attempts').set({ succeeded: true }).where('id', '=', Number(id)).execute();
      },
      async failuresForEmail(email, since) {
        // Failures since the last successful sign-in (by insertion order: times may be equal).
        const lastSuccess = db
          .selectFrom('login_attempts')
          .select(sql<number>`max(id)`.as('id'))
          .where('email', '=', email)
          .where('succeeded', '=', true);
        const r = await db
          .selectFrom('login_attempts')
          .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(at)`.as('oldest')])
          .where('email', '=', email)
          .where('succeeded', '=', false)
          .where('throttled', '=', false)
          .where('at', '>', new Date(since))
          .where(sql<boolean>`id > coalesce((${lastSuccess}), 0)`)
          .executeTakeFirstOrThrow();
        return { count: r.count, oldestAt: r.oldest ? iso(r.oldest) : null };
      },
      async failuresForIp(ip, since) {
        const r = await db
          .selectFrom('login_attempts')
          .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(at)`.as('oldest')])
          .where('ip', '=', ip)
          .where('succeeded', '=', false)
          .where('throttled', '=', false)
          .where('at', '>', new Date(since))
          .executeTakeFirstOrThrow();
        return { count: r.count, oldestAt: r.oldest ? iso(r.oldest) : null };
      },
      async history(email, ip, since) {
        const forget = new Date(since.forgetBefore);
        const windowStart = new Date(since.windowStart);
        // One read: the pair's last success, then the failures (refused attempts are not failures)
        // of the pair, the account and the address, each counted over its own period.
        const pair = sql`email = ${email} AND ip = ${ip} AND at > ${forget} AND id > coalesce((SELECT id FROM pair_success), 0)`;
        const r = await sql<{
          known: boolean;
          pair_count: number;
          pair_last: Date | null;
          account_count: number;
          account_last: Date | null;
          address_count: number;
          address_oldest: Date | null;
        }>`
          WITH pair_success AS (
            SELECT max(id) AS id FROM login_attempts WHERE email = ${email} AND ip = ${ip} AND succeeded
          ), failures AS (
            SELECT id, email, ip, at FROM login_attempts
            WHERE NOT succeeded AND NOT throttled AND ((email = ${email} AND at > ${forget}) OR (ip = ${ip} AND at > ${windowStart}))
          )
          SELECT
            (SELECT id FROM pair_success) IS NOT NULL AS known,
            (count(*) FILTER (WHERE ${pair}))::int AS pair_count,
            max(at) FILTER (WHERE ${pair}) AS pair_last,
            (count(*) FILTER (WHERE email = ${email} AND at > ${forget}))::int AS account_count,
            max(at) FILTER (WHERE email = ${email} AND at > ${forget}) AS account_last,
            (count(*) FILTER (WHERE ip = ${ip} AND at > ${windowStart}))::int AS address_count,
            min(at) FILTER (WHERE ip = ${ip} AND at > ${windowStart}) AS address_oldest
          FROM failures`.execute(db);
        const row = r.rows[0];
        if (!row) throw new Error('The login attempt history query returned no row.');
        return {
          known: row.known,
          pair: { count: row.pair_count, lastAt: isoOrNull(row.pair_last) },
          account: { count: row.account_count, lastAt: isoOrNull(row.account_last) },
          address: { count: row.address_count, oldestAt: isoOrNull(row.address_oldest) },
        };
      },
    },

    audit: {
      async append(content) {
        if (pendingAudit) pendingAudit.push(content);
        else {
          await insertUnsealed(db, [content]);
          await afterAuditCommit();
        }
      },
      async query(f) {
        let q = db.selectFrom('audit_events').selectAll();
        if (f.orgId) {
          const orgId = f.orgId;
          q = q.where((eb) => eb.or([eb('org_id', '=', orgId), eb('party_org_id', '=', orgId)]));
        }
        if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
        if (f.type) q = q.where('type', '=', f.type);
        if (f.resourceType) q = q.where('resource_type', '=', f.resourceType);
        if (f.resourceId) q = q.where('resource_id', '=', f.resourceId);
        if (f.from) q = q.where('occurred_at', '>=', new Date(f.from));
        if (f.to) q = q.where('occurred_at', '<', new Date(f.to));
        // Time order, newest first; the order of insertion breaks ties (an unsealed event has no seq
        // yet). The cursor is the last row of the page before: a row comparison, which the
        // (…, occurred_at, pos) indexes serve.
        if (f.before) {
          const { occurredAt, pos } = f.before;
          q = q.where((eb) => eb(eb.refTuple('occurred_at', 'pos'), '<', eb.tuple(new Date(occurredAt), pos)));
        }
        return (await q.orderBy('occurred_at', 'desc').orderBy('pos', 'desc').limit(f.limit).execute()).map(toLoggedEvent);
      },
      async *scan(upToSeq, batchSize = 1000) {
        let after = 0;
        for (;;) {
          const rows = await db
            .selectFrom('audit_events')
            .selectAll()
            .where('seq', '>', after)
            .where('seq', '<=', upToSeq)
            .orderBy('seq')
            .limit(batchSize)
            .execute();
          for (const r of rows) yield toChainedEvent(r);
          const last = rows.at(-1);
          if (!last || rows.length < batchSize) return;
          after = last.seq ?? upToSeq;
        }
      },
      async head() {
        return db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
      },
      async count() {
        const r = await db
          .selectFrom('audit_events')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('seq', 'is not', null)
          .executeTakeFirstOrThrow();
        return r.n;
      },
      async unsealed(orgId) {
        let q = db
          .selectFrom('audit_events')
          .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`min(occurred_at)`.as('oldest')])
          .where('seq', 'is', null);
        if (orgId) q = q.where((eb) => eb.or([eb('org_id', '=', orgId), eb('party_org_id', '=', orgId)]));
        const r = await q.executeTakeFirstOrThrow();
        return { count: r.n, oldestAt: r.oldest === null ? null : iso(r.oldest) };
      },
    },

    notifications: createNotificationRepo(db, { email: options.notificationEmail ?? false }),
    engagements: createEngagementRepo(db, estimates),
    financialModels: createFinancialModelRepo(db),
    surveys: createSurveyRepo(db),
    coding: createCodingRepo(db),
    researchCanvases: createResearchCanvasRepo(db),
    webhooks: createWebhookRepo(db, options.webhookSecrets),
    idempotency: createIdempotencyRepo(db),
    documents: createDocumentRepo(db),
    conflicts: createConflictRepo(db),
    quality: createQualityRepo(db),
    time: createTimeRepo(db),
    capacity: createCapacityRepo(db),
    staffing: createStaffingRepo(db),
    patents: createPatentRepo(db),
  };
}

export interface StoreOptions {
  /** Queue an e-mail with each notification (SMTP is configured). */
  notificationEmail?: boolean;
  /** Encrypts webhook secrets (the master key's box for them). */
  webhookSecrets?: SecretBox;
  /**
   * Seals audit events after their transaction commits (PostgreSQL, many writers). Without one, a
   * transaction seals its events itself just before it commits (PGlite: one connection, no one to wait for).
   */
  auditSealer?: AuditSealer;
}

export function createStore(db: Kysely<DB>, options: StoreOptions = {}): Store {
  const sealer = options.auditSealer;
  const estimates = new KeptEstimates();
  const run = <T>(fn: (tx: Repos) => Promise<T>, apart: boolean) =>
    db
      .transaction()
      .execute(async (tx) => {
        const pendingAudit: AuditContent[] = [];
        const repos = createRepos(tx, options, { pendingAudit, estimates });
        const result = await fn(repos);
        if (!apart) await markClaimDone(repos);
        await insertUnsealed(tx, pendingAudit);
        if (!sealer && pendingAudit.length > 0) while ((await sealBatch(tx, true)) === SEAL_BATCH);
        return { result, wrote: pendingAudit.length > 0 };
      })
      .then(({ result, wrote }) => {
        if (wrote) sealer?.poke(true);
        return result;
      });
  return {
    read: createRepos(db, options, { estimates }),
    transaction: (fn) => run(fn, false),
    transactionApart: (fn) => run(fn, true),
    sealAudit: async () => (sealer ? sealer.sealNow() : ((await sealPending(db, true)) ?? 0)),
  };
}
