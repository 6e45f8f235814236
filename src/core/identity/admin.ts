import { z } from 'zod';
import type { InvitationView, MemberView, OrganizationView } from '../../shared/contracts/identity.js';
import { displayNameSchema, emailSchema, passwordSchema } from '../../shared/contracts/identity.js';
import { AppError, type Issue, invalidInput, issuesFromZod, parseOrThrow } from '../../shared/errors.js';
import { adminRoleByOrgKind, type OrgKind, type Role, rolesNotAllowedFor } from '../../shared/roles.js';
import type { RequestContext } from '../access/actor.js';
import { authorize } from '../access/policy.js';
import type { InvitationRecord, OrgRecord, Repos } from '../store.js';
import type { AuthService, ClientInfo } from './auth.js';
import type { IdentityDeps } from './deps.js';
import { hashSecret } from './secrets.js';

const DAY = 86_400_000;

const newAccountSchema = z.object({ email: emailSchema, displayName: displayNameSchema, password: passwordSchema });

function roleMisfitIssues(kind: OrgKind, roles: readonly Role[]): Issue[] {
  return rolesNotAllowedFor(kind, roles).map((role) => ({
    path: ['roles', roles.indexOf(role)],
    code: 'role_not_allowed',
    message: `A ${kind} organisation has no role "${role}".`,
  }));
}

function checkRolesFit(kind: OrgKind, roles: readonly Role[]): void {
  const issues = roleMisfitIssues(kind, roles);
  if (issues.length > 0) throw invalidInput(issues, 'Some roles do not exist in this kind of organisation.');
}

function invitationStatus(inv: InvitationRecord, now: Date): InvitationView['status'] {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  return new Date(inv.expiresAt).getTime() <= now.getTime() ? 'expired' : 'pending';
}

export const orgView = (o: OrgRecord): OrganizationView => ({ id: o.id, name: o.name, kind: o.kind, createdAt: o.createdAt });

export function adminService(deps: IdentityDeps, auth: AuthService) {
  const { store, clock, random, hasher, audit } = deps;

  async function requireOrg(repos: Repos, orgId: string): Promise<OrgRecord> {
    const org = await repos.orgs.get(orgId);
    if (!org) throw new AppError('not_found', 'No such organisation.', { reason: 'organization_not_found' });
    return org;
  }

  /** Refuses a change that would leave an organisation without anyone able to administer it. */
  async function keepAnAdmin(tx: Repos, org: OrgRecord, userId: string, newRoles: readonly Role[] | null) {
    const adminRole = adminRoleByOrgKind[org.kind];
    const current = await tx.memberships.get(userId, org.id);
    if (!current?.roles.includes(adminRole) || newRoles?.includes(adminRole)) return;
    if ((await tx.memberships.countWithRole(org.id, adminRole)) <= 1) {
      throw new AppError('invalid_state', `This is the last ${adminRole} of ${org.name}; appoint another first.`, { reason: 'last_admin' });
    }
  }

  const isOperatorStaff = async (tx: Repos, userId: string) =>
    (await tx.memberships.listForUser(userId)).some((m) => m.orgKind === 'operator');

  /**
   * The operator onboards an organisation's administrators and nothing else: into a client or
   * provider it may invite only that organisation's admin role, and never one of its own staff
   * (the platform's people cannot make themselves members of a client).
   */
  async function checkOperatorInvite(
    tx: Repos,
    ctx: RequestContext,
    org: OrgRecord,
    roles: readonly Role[],
    existingUserId: string | null,
  ) {
    if (ctx.actor.kind !== 'user' || ctx.actor.orgKind !== 'operator' || org.kind === 'operator') return;
    const adminRole = adminRoleByOrgKind[org.kind];
    if (roles.length !== 1 || roles[0] !== adminRole) {
      throw new AppError('forbidden', `The operator may invite only an administrator (${adminRole}) into ${org.name}.`, {
        reason: 'operator_admins_only',
      });
    }
    if (existingUserId && (await isOperatorStaff(tx, existingUserId))) {
      throw new AppError('forbidden', 'Operator staff cannot be invited into a client or provider organisation.', {
        reason: 'operator_staff',
      });
    }
  }

  function invitationView(inv: InvitationRecord, invitedByName: string | null = null): InvitationView {
    return {
      id: inv.id,
      email: inv.email,
      roles: inv.roles,
      invitedBy: inv.invitedBy,
      invitedByName,
      createdAt: inv.createdAt,
      expiresAt: inv.expiresAt,
      status: invitationStatus(inv, clock.now()),
    };
  }

  async function pendingInvitation(token: string) {
    const inv = await store.read.invitations.getByTokenHash(hashSecret(token));
    if (!inv) throw new AppError('not_found', 'This invitation link is not valid.', { reason: 'invitation_not_found' });
    const status = invitationStatus(inv, clock.now());
    if (status !== 'pending') {
      throw new AppError('invalid_state', `This invitation is ${status}. Ask for a new one.`, { reason: `invitation_${status}` });
    }
    return inv;
  }

  /** A new organisation and its audit event, in one transaction; the name is already validated. */
  async function insertOrganization(ctx: RequestContext, name: string, kind: OrgKind): Promise<OrgRecord> {
    const org: OrgRecord = { id: random.uuid(), name, kind, createdAt: clock.now().toISOString() };
    await store.transaction(async (tx) => {
      await tx.orgs.insert(org);
      await audit(tx, ctx, {
        type: 'org.created',
        orgId: org.id,
        resource: { type: 'organization', id: org.id },
        data: { name, kind },
      });
    });
    return org;
  }

  return {
    async listOrganizations(ctx: RequestContext): Promise<OrganizationView[]> {
      authorize(ctx.actor, 'instance.org.list', { type: 'instance' });
      return (await store.read.orgs.list()).map(orgView);
    },

    async getOrganization(ctx: RequestContext, orgId: string): Promise<OrganizationView> {
      authorize(ctx.actor, 'org.read', { type: 'organization', orgId });
      return orgView(await requireOrg(store.read, orgId));
    },

    async createOrganization(ctx: RequestContext, input: { name: string; kind: OrgKind }): Promise<OrganizationView> {
      authorize(ctx.actor, 'instance.org.create', { type: 'instance' });
      const name = parseOrThrow(displayNameSchema, input.name);
      if (await store.read.orgs.findByName(input.kind, name)) {
        throw new AppError('conflict', `A ${input.kind} organisation named "${name}" already exists.`, {
          reason: 'duplicate_name',
          issues: [{ path: ['name'], code: 'duplicate', message: 'This name is taken.' }],
        });
      }
      return orgView(await insertOrganization(ctx, name, input.kind));
    },

    async renameOrganization(ctx: RequestContext, orgId: string, name: string): Promise<OrganizationView> {
      authorize(ctx.actor, 'org.update', { type: 'organization', orgId });
      return store.transaction(async (tx) => {
        const org = await requireOrg(tx, orgId);
        if (org.name !== name) {
          const clash = await tx.orgs.findByName(org.kind, name);
          if (clash && clash.id !== orgId)
            throw new AppError('conflict', `Another organisation is named "${name}".`, { reason: 'duplicate_name' });
          await tx.orgs.rename(orgId, name);
          await audit(tx, ctx, {
            type: 'org.updated',
            orgId,
            resource: { type: 'organization', id: orgId },
            data: { changes: { name: { from: org.name, to: name } } },
          });
        }
        return orgView({ ...org, name });
      });
    },

    async listMembers(ctx: RequestContext, orgId: string): Promise<MemberView[]> {
      authorize(ctx.actor, 'member.list', { type: 'organization', orgId });
      await requireOrg(store.read, orgId);
      return (await store.read.memberships.listForOrg(orgId)).map((m) => ({
        userId: m.userId,
        email: m.email,
        displayName: m.displayName,
        roles: m.roles,
        status: m.status,
        joinedAt: m.createdAt,
      }));
    },

    async updateRoles(ctx: RequestContext, orgId: string, userId: string, roles: Role[]): Promise<void> {
      authorize(ctx.actor, 'member.update_roles', { type: 'organization', orgId });
      await store.transaction(async (tx) => {
        const org = await requireOrg(tx, orgId);
        checkRolesFit(org.kind, roles);
        const current = await tx.memberships.get(userId, orgId);
        if (!current) throw new AppError('not_found', 'This person is not a member of the organisation.', { reason: 'member_not_found' });
        await keepAnAdmin(tx, org, userId, roles);
        await tx.memberships.setRoles(userId, orgId, roles);
        await audit(tx, ctx, {
          type: 'membership.roles_changed',
          orgId,
          resource: { type: 'membership', id: `${orgId}:${userId}` },
          data: { from: current.roles, to: roles },
        });
      });
    },

    /** Removes a member; their sessions in the organisation and their API tokens for it end at once. */
    async removeMember(ctx: RequestContext, orgId: string, userId: string): Promise<void> {
      authorize(ctx.actor, 'member.remove', { type: 'organization', orgId });
      await store.transaction(async (tx) => {
        const org = await requireOrg(tx, orgId);
        const current = await tx.memberships.get(userId, orgId);
        if (!current) throw new AppError('not_found', 'This person is not a member of the organisation.', { reason: 'member_not_found' });
        await keepAnAdmin(tx, org, userId, null);
        const now = clock.now().toISOString();
        await tx.memberships.delete(userId, orgId);
        const sessionsRevoked = await tx.sessions.revokeForUser(userId, now, { activeOrgId: orgId });
        const tokensRevoked = await tx.apiTokens.revokeForUserInOrg(userId, orgId, now);
        await audit(tx, ctx, {
          type: 'membership.removed',
          orgId,
          resource: { type: 'membership', id: `${orgId}:${userId}` },
          data: { roles: current.roles, sessionsRevoked, tokensRevoked },
        });
      });
    },

    async listInvitations(ctx: RequestContext, orgId: string): Promise<InvitationView[]> {
      authorize(ctx.actor, 'invitation.list', { type: 'organization', orgId });
      const invitations = await store.read.invitations.listForOrg(orgId);
      const inviterIds = [...new Set(invitations.flatMap((i) => (i.invitedBy ? [i.invitedBy] : [])))];
      const inviters = new Map((await store.read.users.getMany(inviterIds)).map((u) => [u.id, u.displayName]));
      return invitations.map((i) => invitationView(i, i.invitedBy ? (inviters.get(i.invitedBy) ?? null) : null));
    },

    /** Invites someone by e-mail; the secret link is returned once and stored only as a hash. */
    async invite(ctx: RequestContext, orgId: string, input: { email: string; roles: Role[]; expiresInDays: number }) {
      authorize(ctx.actor, 'member.invite', { type: 'organization', orgId });
      const email = parseOrThrow(emailSchema, input.email);
      const token = random.secret(32);
      const now = clock.now();
      const invitation = await store.transaction(async (tx) => {
        const org = await requireOrg(tx, orgId);
        checkRolesFit(org.kind, input.roles);
        const existing = await tx.users.getByEmail(email);
        await checkOperatorInvite(tx, ctx, org, input.roles, existing?.id ?? null);
        if (existing && (await tx.memberships.get(existing.id, orgId))) {
          throw new AppError('conflict', `${email} is already a member of ${org.name}.`, { reason: 'already_member' });
        }
        // A new invitation replaces any still pending for the same person.
        for (const old of await tx.invitations.findPending(orgId, email, now.toISOString())) {
          await tx.invitations.revoke(old.id, now.toISOString());
          await audit(tx, ctx, { type: 'invitation.revoked', orgId, resource: { type: 'invitation', id: old.id }, data: { email } });
        }
        const inv: InvitationRecord = {
          id: random.uuid(),
          orgId,
          email,
          roles: input.roles,
          tokenHash: hashSecret(token),
          invitedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + input.expiresInDays * DAY).toISOString(),
          acceptedAt: null,
          acceptedBy: null,
          revokedAt: null,
        };
        await tx.invitations.insert(inv);
        await audit(tx, ctx, {
          type: 'invitation.created',
          orgId,
          resource: { type: 'invitation', id: inv.id },
          data: { email, roles: inv.roles, expiresAt: inv.expiresAt },
        });
        return inv;
      });
      const inviter = ctx.actor.kind === 'user' ? await store.read.users.get(ctx.actor.userId) : null;
      return { invitation: invitationView(invitation, inviter?.displayName ?? null), token, acceptPath: `/invitations/accept#${token}` };
    },

    async revokeInvitation(ctx: RequestContext, orgId: string, invitationId: string): Promise<void> {
      authorize(ctx.actor, 'invitation.revoke', { type: 'organization', orgId });
      await store.transaction(async (tx) => {
        const inv = await tx.invitations.get(invitationId);
        if (!inv || inv.orgId !== orgId) throw new AppError('not_found', 'No such invitation.', { reason: 'invitation_not_found' });
        if (invitationStatus(inv, clock.now()) !== 'pending') {
          throw new AppError('invalid_state', 'Only a pending invitation can be revoked.', { reason: 'invitation_not_pending' });
        }
        await tx.invitations.revoke(inv.id, clock.now().toISOString());
        await audit(tx, ctx, {
          type: 'invitation.revoked',
          orgId,
          resource: { type: 'invitation', id: inv.id },
          data: { email: inv.email },
        });
      });
    },

    /** What the invitation page shows before someone accepts. The link itself is the credential. */
    async previewInvitation(token: string) {
      const inv = await pendingInvitation(token);
      const org = await requireOrg(store.read, inv.orgId);
      const existing = await store.read.users.getByEmail(inv.email);
      return {
        orgName: org.name,
        orgKind: org.kind,
        email: inv.email,
        roles: inv.roles,
        existingUser: existing !== null,
        expiresAt: inv.expiresAt,
      };
    },

    /**
     * Accepts an invitation: a new person sets a name and password; someone who already has an
     * account proves it with their password. Either way they are signed in to the organisation.
     */
    async acceptInvitation(
      input: { token: string; displayName?: string | undefined; password?: string | undefined; locale?: 'ja' | 'en' | undefined },
      client: ClientInfo,
      /** The account signed in on this browser, if any: someone who already has an account accepts signed in. */
      signedInUserId: string | null,
    ) {
      const inv = await pendingInvitation(input.token);
      const now = clock.now();
      const existing = await store.read.users.getByEmail(inv.email);
      let passwordHash: string | null = null;
      if (existing) {
        // No password check here: that would be a second, unthrottled way to guess passwords.
        if (signedInUserId === null) {
          throw new AppError('unauthenticated', `Sign in as ${inv.email} to accept this invitation.`, { reason: 'sign_in_to_accept' });
        }
        if (signedInUserId !== existing.id) {
          throw new AppError('forbidden', `This invitation is for ${inv.email}; you are signed in as someone else.`, {
            reason: 'wrong_account',
          });
        }
      } else {
        const issues: Issue[] = [];
        if (input.displayName === undefined) issues.push({ path: ['displayName'], code: 'required', message: 'Enter your name.' });
        const pw = passwordSchema.safeParse(input.password ?? '');
        if (!pw.success) issues.push(...pw.error.issues.map((i) => ({ path: ['password'], code: i.code, message: i.message })));
        if (issues.length > 0) throw invalidInput(issues);
        passwordHash = await hasher.hash(input.password ?? '');
      }
      const { user, token, session } = await store.transaction(async (tx) => {
        // Locked until commit: two browsers accepting one link at once cannot both succeed.
        const fresh = await tx.invitations.getForUpdate(inv.id);
        if (!fresh || invitationStatus(fresh, now) !== 'pending') {
          throw new AppError('invalid_state', 'This invitation was used or revoked meanwhile.', { reason: 'invitation_not_pending' });
        }
        const user = existing ?? {
          id: random.uuid(),
          email: inv.email,
          displayName: input.displayName ?? inv.email,
          passwordHash: passwordHash ?? '',
          locale: input.locale ?? null,
          status: 'active' as const,
          createdAt: now.toISOString(),
          passwordChangedAt: now.toISOString(),
        };
        const org = await requireOrg(tx, inv.orgId);
        if (existing && org.kind !== 'operator' && (await isOperatorStaff(tx, existing.id))) {
          throw new AppError('forbidden', 'Operator staff cannot join a client or provider organisation.', { reason: 'operator_staff' });
        }
        const ctx: RequestContext = {
          actor: {
            kind: 'user',
            userId: user.id,
            email: user.email,
            orgId: org.id,
            orgKind: org.kind,
            roles: inv.roles,
            via: 'session',
            scopes: ['read', 'write'],
          },
          ip: client.ip,
          requestId: client.requestId,
        };
        if (!existing) {
          await tx.users.insert(user);
          await audit(tx, ctx, {
            type: 'user.created',
            orgId: org.id,
            resource: { type: 'user', id: user.id },
            data: { email: user.email, roles: inv.roles, via: 'invitation' },
          });
        }
        if (await tx.memberships.get(user.id, org.id)) {
          throw new AppError('conflict', 'You are already a member of this organisation.', { reason: 'already_member' });
        }
        await tx.memberships.insert({ userId: user.id, orgId: org.id, roles: inv.roles, createdAt: now.toISOString() });
        await tx.invitations.markAccepted(inv.id, user.id, now.toISOString());
        await audit(tx, ctx, {
          type: 'invitation.accepted',
          orgId: org.id,
          resource: { type: 'invitation', id: inv.id },
          data: { email: user.email, roles: inv.roles, newUser: !existing },
        });
        const started = await auth.startSession(tx, user, org.id, client, now);
        return { user, ...started };
      });
      return { token, view: await auth.sessionView(user, session) };
    },

    /**
     * Creates an account with a password directly (the CLI and demo seeding; people invited
     * through the UI accept an invitation instead).
     */
    async createUser(
      ctx: RequestContext,
      input: { email: string; displayName: string; password: string; orgId: string; roles: Role[]; locale?: 'ja' | 'en' },
    ) {
      authorize(ctx.actor, 'member.invite', { type: 'organization', orgId: input.orgId });
      const org = await requireOrg(store.read, input.orgId);
      const parsed = newAccountSchema.safeParse(input);
      const issues = [...(parsed.success ? [] : issuesFromZod(parsed.error)), ...roleMisfitIssues(org.kind, input.roles)];
      if (!parsed.success || issues.length > 0) throw invalidInput(issues, 'The account cannot be created as given.');
      const { email, displayName, password } = parsed.data;
      const passwordHash = await hasher.hash(password);
      const now = clock.now().toISOString();
      return store.transaction(async (tx) => {
        if (await tx.users.getByEmail(email)) {
          throw new AppError('conflict', `An account for ${email} already exists.`, { reason: 'duplicate_email' });
        }
        const user = {
          id: random.uuid(),
          email,
          displayName,
          passwordHash,
          locale: input.locale ?? null,
          status: 'active' as const,
          createdAt: now,
          passwordChangedAt: now,
        };
        await tx.users.insert(user);
        await tx.memberships.insert({ userId: user.id, orgId: org.id, roles: input.roles, createdAt: now });
        await audit(tx, ctx, {
          type: 'user.created',
          orgId: org.id,
          resource: { type: 'user', id: user.id },
          data: { email, roles: input.roles, via: ctx.actor.kind === 'system' && ctx.actor.label === 'seed' ? 'seed' : 'cli' },
        });
        return { id: user.id, email };
      });
    },

    /** Adds an existing account to an organisation (the CLI and demo seeding). */
    async addMember(ctx: RequestContext, orgId: string, email: string, roles: Role[]): Promise<void> {
      authorize(ctx.actor, 'member.invite', { type: 'organization', orgId });
      await store.transaction(async (tx) => {
        const org = await requireOrg(tx, orgId);
        checkRolesFit(org.kind, roles);
        const user = await tx.users.getByEmail(email);
        if (!user) throw new AppError('not_found', `No account for ${email}.`, { reason: 'user_not_found' });
        if (await tx.memberships.get(user.id, orgId))
          throw new AppError('conflict', `${email} is already a member of ${org.name}.`, { reason: 'already_member' });
        await tx.memberships.insert({ userId: user.id, orgId, roles, createdAt: clock.now().toISOString() });
        await audit(tx, ctx, {
          type: 'membership.added',
          orgId,
          resource: { type: 'membership', id: `${orgId}:${user.id}` },
          data: { email, roles },
        });
      });
    },

    /** Creates an organisation without a signed-in operator (the CLI and demo seeding). */
    /** The organisation of this kind and name, created (by the same rules as createOrganization) if there is none: the CLI and the demo. */
    async ensureOrganization(ctx: RequestContext, input: { name: string; kind: OrgKind }): Promise<OrgRecord> {
      authorize(ctx.actor, 'instance.org.create', { type: 'instance' });
      const name = parseOrThrow(displayNameSchema, input.name);
      return (await store.read.orgs.findByName(input.kind, name)) ?? insertOrganization(ctx, name, input.kind);
    },
  };
}

export type AdminService = ReturnType<typeof adminService>;
