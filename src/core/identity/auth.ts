import type { AuditEventInput } from '../../shared/contracts/audit.js';
import type { Locale, SessionView } from '../../shared/contracts/identity.js';
import { passwordSchema } from '../../shared/contracts/identity.js';
import { AppError, parseOrThrow } from '../../shared/errors.js';
import type { RequestContext, UserActor } from '../access/actor.js';
import { permissionsOf } from '../access/policy.js';
import type { MembershipWithOrg, Repos, SessionRecord, UserRecord } from '../store.js';
import type { IdentityDeps } from './deps.js';
import { API_TOKEN_PREFIX, hashSecret } from './secrets.js';
import { throttleAttempt, throttleSince } from './throttle.js';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string | null;
}

export interface Authenticated {
  actor: UserActor;
  session: SessionRecord | null;
}

const MINUTE = 60_000;
/** Writing last-seen on every request would make every read a write; once a minute is enough. */
const TOUCH_EVERY_MS = MINUTE;

const badCredentials = () =>
  new AppError('unauthenticated', 'The e-mail address or password is not correct.', { reason: 'bad_credentials' });

function actorFor(user: UserRecord, m: MembershipWithOrg, via: 'session' | 'token', scopes: UserActor['scopes']): UserActor {
  return { kind: 'user', userId: user.id, email: user.email, orgId: m.orgId, orgKind: m.orgKind, roles: m.roles, via, scopes };
}

export function authService(deps: IdentityDeps) {
  const { store, clock, random, hasher, audit, config } = deps;
  let dummyHash: Promise<string> | null = null;
  /** Verifying against a throwaway hash when the account does not exist keeps timing even. */
  const verifyDummy = async (password: string) => {
    dummyHash ??= hasher.hash('kpo-timing-equaliser-not-a-password');
    await hasher.verify(await dummyHash, password);
  };

  /** Audits a sign-in attempt in each organisation the account belongs to (none: as an instance event). */
  async function auditAttempt(
    tx: Repos,
    email: string,
    user: UserRecord | null,
    client: ClientInfo,
    event: (orgId: string | null) => AuditEventInput,
  ) {
    const memberships = user ? await tx.memberships.listForUser(user.id) : [];
    const ctx: RequestContext = { actor: { kind: 'system', label: `login:${email}` }, ip: client.ip, requestId: client.requestId };
    const orgIds = memberships.length > 0 ? memberships.map((m) => m.orgId) : [null];
    for (const orgId of orgIds) await audit(tx, ctx, event(orgId));
  }

  /**
   * Reserves a password check under the sign-in throttle (throttle.ts): reads what the throttle
   * counts and, if the attempt may go ahead, records it as failed until it succeeds — all in one
   * short transaction holding a lock on the account and the address, so that parallel guesses
   * cannot all pass the count before any of them is written. A refused attempt is recorded (as
   * throttled, which never counts as a failure) and audited, and answered with how long to wait.
   * Returns the attempt to mark on success.
   */
  async function reserveAttempt(email: string, client: ClientInfo, now: Date): Promise<string> {
    const at = now.toISOString();
    const outcome = await store.transaction(async (tx) => {
      await tx.loginAttempts.lock([`email:${email}`, `ip:${client.ip}`]);
      const history = await tx.loginAttempts.history(email, client.ip, throttleSince(now, config));
      const throttled = throttleAttempt(history, now, config);
      if (!throttled) return { attemptId: await tx.loginAttempts.record({ email, ip: client.ip, succeeded: false, at }) };
      const attemptId = await tx.loginAttempts.record({ email, ip: client.ip, succeeded: false, throttled: true, at });
      await auditAttempt(tx, email, await tx.users.getByEmail(email), client, (orgId) => ({
        type: 'auth.login_rate_limited',
        orgId,
        resource: { type: 'login_attempt', id: attemptId },
        data: { email, scope: throttled.scope, retryAfter: throttled.retryAfter },
      }));
      return { throttled };
    });
    if ('throttled' in outcome) {
      const { retryAfter } = outcome.throttled;
      const wait = retryAfter < 60 ? `${retryAfter} second(s)` : `${Math.ceil(retryAfter / 60)} minute(s)`;
      throw new AppError('rate_limited', `Too many failed sign-ins. Try again in ${wait}.`, { reason: 'login_throttled', retryAfter });
    }
    return outcome.attemptId;
  }

  /** Audits a failed password check (the attempt itself is already recorded by reserveAttempt). */
  async function recordFailure(
    attemptId: string,
    email: string,
    user: UserRecord | null,
    reason: 'bad_credentials' | 'disabled',
    client: ClientInfo,
  ) {
    // Failed sign-ins show in the audit log of each organisation the account belongs to.
    await store.transaction((tx) =>
      auditAttempt(tx, email, user, client, (orgId) => ({
        type: 'auth.login_failed',
        orgId,
        resource: { type: 'login_attempt', id: attemptId },
        data: { email, reason },
      })),
    );
  }

  /** Checks a password under the sign-in throttle; every failure is counted and audited. */
  async function checkPassword(
    email: string,
    password: string,
    client: ClientInfo,
    now: Date,
  ): Promise<{ user: UserRecord; attemptId: string }> {
    const attemptId = await reserveAttempt(email, client, now);
    const user = await store.read.users.getByEmail(email);
    if (!user) {
      await verifyDummy(password);
      await recordFailure(attemptId, email, null, 'bad_credentials', client);
      throw badCredentials();
    }
    if (!(await hasher.verify(user.passwordHash, password))) {
      await recordFailure(attemptId, email, user, 'bad_credentials', client);
      throw badCredentials();
    }
    if (user.status !== 'active') {
      await recordFailure(attemptId, email, user, 'disabled', client);
      throw new AppError('unauthenticated', 'This account is disabled. Ask your administrator.', { reason: 'account_disabled' });
    }
    return { user, attemptId };
  }

  async function startSession(tx: Repos, user: UserRecord, orgId: string, client: ClientInfo, now: Date) {
    const token = random.secret(32);
    const session: SessionRecord = {
      id: random.uuid(),
      tokenHash: hashSecret(token),
      userId: user.id,
      activeOrgId: orgId,
      csrfToken: random.secret(24),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 400) ?? null,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + config.sessionMaxHours * 60 * MINUTE).toISOString(),
      revokedAt: null,
    };
    await tx.sessions.insert(session);
    return { token, session };
  }

  async function sessionView(user: UserRecord, session: SessionRecord, repos: Repos = store.read): Promise<SessionView> {
    const memberships = await repos.memberships.listForUser(user.id);
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale },
      activeOrgId: session.activeOrgId,
      memberships: memberships.map((m) => ({
        orgId: m.orgId,
        orgName: m.orgName,
        orgKind: m.orgKind,
        roles: m.roles,
        permissions: permissionsOf({
          kind: 'user',
          userId: user.id,
          email: user.email,
          orgId: m.orgId,
          orgKind: m.orgKind,
          roles: m.roles,
          via: 'session',
          scopes: [],
        }),
      })),
      csrfToken: session.csrfToken,
      expiresAt: idleExpiry(session).toISOString(),
    };
  }

  function idleExpiry(session: SessionRecord): Date {
    const idle = new Date(session.lastSeenAt).getTime() + config.sessionIdleMinutes * MINUTE;
    return new Date(Math.min(idle, new Date(session.expiresAt).getTime()));
  }

  return {
    sessionView,

    /**
     * Signs in. `locale` is the language the sign-in page was shown in (chosen there, or the
     * browser's): it becomes the account's preference when the account has none yet.
     */
    async login(input: { email: string; password: string; locale?: Locale | undefined }, client: ClientInfo) {
      const email = input.email.trim().toLowerCase();
      const now = clock.now();
      const { user, attemptId } = await checkPassword(email, input.password, client, now);
      const memberships = await store.read.memberships.listForUser(user.id);
      const first = memberships[0];
      if (!first) {
        throw new AppError('unauthenticated', 'This account does not belong to any organisation.', { reason: 'no_membership' });
      }
      const adoptLocale = user.locale === null ? (input.locale ?? null) : null;
      const { token, session } = await store.transaction(async (tx) => {
        await tx.loginAttempts.markSucceeded(attemptId);
        const started = await startSession(tx, user, first.orgId, client, now);
        const ctx: RequestContext = {
          actor: actorFor(user, first, 'session', ['read', 'write']),
          ip: client.ip,
          requestId: client.requestId,
        };
        await audit(tx, ctx, {
          type: 'auth.login_succeeded',
          orgId: first.orgId,
          resource: { type: 'session', id: started.session.id },
          data: { email },
        });
        if (adoptLocale) {
          await tx.users.update(user.id, { locale: adoptLocale });
          await audit(tx, ctx, {
            type: 'user.profile_updated',
            orgId: first.orgId,
            resource: { type: 'user', id: user.id },
            data: { changes: ['locale'] },
          });
        }
        return started;
      });
      return { token, view: await sessionView(adoptLocale ? { ...user, locale: adoptLocale } : user, session) };
    },

    /** The actor behind a session cookie, or null when the session is unknown, revoked or expired. */
    async authenticateSession(token: string): Promise<Authenticated | null> {
      const found = await store.read.sessions.getWithPrincipal(hashSecret(token));
      const now = clock.now();
      if (!found) return null;
      const { session, user, membership } = found;
      if (session.revokedAt || idleExpiry(session).getTime() <= now.getTime()) return null;
      if (user.status !== 'active') return null;
      if (!membership) return null;
      if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
        await store.read.sessions.touch(session.id, now.toISOString());
        session.lastSeenAt = now.toISOString();
      }
      return { actor: actorFor(user, membership, 'session', ['read', 'write']), session };
    },

    async authenticateToken(secret: string): Promise<Authenticated | null> {
      if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
      const token = await store.read.apiTokens.getByTokenHash(hashSecret(secret));
      const now = clock.now();
      if (!token || token.revokedAt || (token.expiresAt && new Date(token.expiresAt).getTime() <= now.getTime())) return null;
      const user = await store.read.users.get(token.userId);
      if (user?.status !== 'active') return null;
      const membership = await store.read.memberships.get(user.id, token.orgId);
      if (!membership) return null;
      if (!token.lastUsedAt || now.getTime() - new Date(token.lastUsedAt).getTime() > TOUCH_EVERY_MS) {
        await store.read.apiTokens.touch(token.id, now.toISOString());
      }
      return { actor: actorFor(user, membership, 'token', token.scopes), session: null };
    },

    async logout(ctx: RequestContext, session: SessionRecord) {
      await store.transaction(async (tx) => {
        await tx.sessions.revoke(session.id, clock.now().toISOString());
        await audit(tx, ctx, { type: 'auth.logout', orgId: session.activeOrgId, resource: { type: 'session', id: session.id }, data: {} });
      });
    },

    async switchOrg(ctx: RequestContext, session: SessionRecord, orgId: string): Promise<SessionView> {
      const user = await store.read.users.get(session.userId);
      const membership = await store.read.memberships.get(session.userId, orgId);
      if (!user || !membership) {
        throw new AppError('forbidden', 'You are not a member of that organisation.', { reason: 'not_member' });
      }
      await store.transaction(async (tx) => {
        await tx.sessions.setActiveOrg(session.id, orgId);
        await audit(tx, ctx, {
          type: 'auth.org_switched',
          orgId,
          resource: { type: 'session', id: session.id },
          data: { fromOrgId: session.activeOrgId, toOrgId: orgId },
        });
      });
      return sessionView(user, { ...session, activeOrgId: orgId });
    },

    async updateProfile(
      ctx: RequestContext,
      session: SessionRecord,
      patch: { displayName?: string | undefined; locale?: 'ja' | 'en' | undefined },
    ) {
      const changes = (['displayName', 'locale'] as const).filter((k) => patch[k] !== undefined);
      await store.transaction(async (tx) => {
        if (changes.length === 0) return;
        await tx.users.update(session.userId, {
          ...(patch.displayName !== undefined && { displayName: patch.displayName }),
          ...(patch.locale !== undefined && { locale: patch.locale }),
        });
        await audit(tx, ctx, {
          type: 'user.profile_updated',
          orgId: session.activeOrgId,
          resource: { type: 'user', id: session.userId },
          data: { changes },
        });
      });
      const user = await store.read.users.get(session.userId);
      if (!user) throw new AppError('not_found', 'The account no longer exists.');
      return sessionView(user, session);
    },

    /**
     * Changes the password under the sign-in throttle, signs out every other session, revokes
     * the account's API tokens, and replaces the current session with a new one (a stolen
     * cookie does not survive the change). Returns the new session's cookie value.
     */
    async changePassword(
      ctx: RequestContext,
      session: SessionRecord,
      input: { currentPassword: string; newPassword: string },
      client: ClientInfo,
    ) {
      const account = await store.read.users.get(session.userId);
      if (!account) throw new AppError('unauthenticated', 'Sign in first.', { reason: 'no_session' });
      const newPassword = parseOrThrow(passwordSchema, input.newPassword);
      const now = clock.now();
      let attemptId: string;
      try {
        ({ attemptId } = await checkPassword(account.email, input.currentPassword, client, now));
      } catch (e) {
        if (e instanceof AppError && e.reason === 'bad_credentials') {
          throw new AppError('invalid_input', 'The current password is not correct.', {
            reason: 'bad_credentials',
            issues: [{ path: ['currentPassword'], code: 'bad_credentials', message: 'The current password is not correct.' }],
          });
        }
        throw e;
      }
      const passwordHash = await hasher.hash(newPassword);
      const at = now.toISOString();
      const started = await store.transaction(async (tx) => {
        // The right current password is a successful sign-in check: it clears this address's failures.
        await tx.loginAttempts.markSucceeded(attemptId);
        await tx.users.update(account.id, { passwordHash, passwordChangedAt: at });
        const sessionsRevoked = await tx.sessions.revokeForUser(account.id, at);
        const tokensRevoked = await tx.apiTokens.revokeForUser(account.id, at);
        const fresh = await startSession(tx, account, session.activeOrgId, client, now);
        await audit(tx, ctx, {
          type: 'auth.password_changed',
          orgId: session.activeOrgId,
          resource: { type: 'user', id: account.id },
          data: { sessionsRevoked, tokensRevoked },
        });
        return fresh;
      });
      return { token: started.token, view: await sessionView(account, started.session) };
    },

    startSession,
  };
}

export type AuthService = ReturnType<typeof authService>;
