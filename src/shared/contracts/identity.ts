import { z } from 'zod';
import { rule } from '../issue-codes.js';
import { orgKindSchema, roleSchema } from '../roles.js';

export const localeSchema = z.enum(['ja', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const emailSchema = z
  .string()
  .trim()
  .max(254, { message: 'An e-mail address has at most 254 characters.' })
  .pipe(z.email({ message: 'Must be an e-mail address.' }))
  .transform((e) => e.toLowerCase());

export const passwordSchema = z
  .string()
  .min(12, { message: 'A password needs at least 12 characters.' })
  .max(256, { message: 'A password has at most 256 characters.' });

/** A person's or organisation's name: printable, trimmed, no control characters. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Must not be empty.' })
  .max(120, { message: 'At most 120 characters.' })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s), {
    message: 'Must not contain control characters.',
  });

/** Control characters and bidirectional overrides: never part of an address, and they garble logs. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const loginRequestSchema = z
  .strictObject({
    email: z
      .string()
      .trim()
      .min(1, { message: 'Enter your e-mail address.' })
      .max(254)
      .refine((s) => !UNPRINTABLE.test(s), { message: 'An e-mail address has no control or direction characters.' }),
    password: z.string().min(1, { message: 'Enter your password.' }).max(256),
    /** The language the sign-in page is shown in: the account's preference if it has none yet. */
    locale: localeSchema.optional(),
  })
  .meta({ id: 'LoginRequest' });

/**
 * What a membership may open, as the server's policy decides it: the UI shows these doors and no
 * others (it never works the rules out again from the roles).
 */
export const orgPermissions = [
  'members.manage',
  'organizations.manage',
  'audit.read',
  'audit.read_instance',
  'audit.verify',
  'engagements.list',
  'engagements.create',
  'scorecards.read',
  'webhooks.manage',
  'reviews.queue',
  'rubrics.manage',
  'calibration.take',
  'calibration.manage',
  'time.own',
  'time.approve',
  'load.own',
  'capacity.board',
  'rates.manage',
  'hidden_cost.read',
] as const;
export const orgPermissionSchema = z.enum(orgPermissions);
export type OrgPermission = z.infer<typeof orgPermissionSchema>;

export const membershipSchema = z
  .object({
    orgId: z.string(),
    orgName: z.string(),
    orgKind: orgKindSchema,
    roles: z.array(roleSchema),
    permissions: z.array(orgPermissionSchema),
  })
  .meta({ id: 'Membership' });
export type MembershipView = z.infer<typeof membershipSchema>;

export const sessionViewSchema = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      displayName: z.string(),
      /** Null until the person has used kpo in a language (signing in adopts the page's). */
      locale: localeSchema.nullable(),
    }),
    activeOrgId: z.string(),
    memberships: z.array(membershipSchema),
    csrfToken: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof sessionViewSchema>;

export const switchOrgRequestSchema = z.strictObject({ orgId: z.uuid() }).meta({ id: 'SwitchOrgRequest' });

export const updateProfileRequestSchema = z
  .strictObject({ displayName: displayNameSchema.optional(), locale: localeSchema.optional() })
  .meta({ id: 'UpdateProfileRequest' });

export const changePasswordRequestSchema = z
  .strictObject({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema })
  .meta({ id: 'ChangePasswordRequest' });

export const organizationSchema = z
  .object({ id: z.string(), name: z.string(), kind: orgKindSchema, createdAt: z.string() })
  .meta({ id: 'Organization' });
export type OrganizationView = z.infer<typeof organizationSchema>;

export const createOrganizationRequestSchema = z
  .strictObject({ name: displayNameSchema, kind: z.enum(['client', 'provider']) })
  .meta({ id: 'CreateOrganizationRequest' });

export const updateOrganizationRequestSchema = z.strictObject({ name: displayNameSchema }).meta({ id: 'UpdateOrganizationRequest' });

export const memberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(roleSchema),
    status: z.enum(['active', 'disabled']),
    joinedAt: z.string(),
  })
  .meta({ id: 'Member' });
export type MemberView = z.infer<typeof memberSchema>;

const rolesInput = z
  .array(roleSchema)
  .min(1, { message: 'Give at least one role.' })
  .max(9)
  .refine((r) => new Set(r).size === r.length, { message: 'Each role once.', params: rule('each_once') });

export const updateRolesRequestSchema = z.strictObject({ roles: rolesInput }).meta({ id: 'UpdateRolesRequest' });

export const inviteRequestSchema = z
  .strictObject({
    email: emailSchema,
    roles: rolesInput,
    expiresInDays: z.number().int().min(1).max(30).default(7),
  })
  .meta({ id: 'InviteRequest' });

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    roles: z.array(roleSchema),
    invitedBy: z.string().nullable(),
    invitedByName: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  })
  .meta({ id: 'Invitation' });
export type InvitationView = z.infer<typeof invitationSchema>;

export const createdInvitationSchema = z
  .object({ invitation: invitationSchema, token: z.string(), acceptPath: z.string() })
  .meta({ id: 'CreatedInvitation' });

export const invitationPreviewSchema = z
  .object({
    orgName: z.string(),
    orgKind: orgKindSchema,
    email: z.string(),
    roles: z.array(roleSchema),
    existingUser: z.boolean(),
    expiresAt: z.string(),
  })
  .meta({ id: 'InvitationPreview' });

export const acceptInvitationRequestSchema = z
  .strictObject({
    token: z.string().min(1).max(200),
    /** For a new account: the person's name and password. Someone with an account accepts signed in. */
    displayName: displayNameSchema.optional(),
    password: z.string().min(1).max(256).optional(),
    /** The language a new account starts in: the one the person joined in. */
    locale: localeSchema.optional(),
  })
  .meta({ id: 'AcceptInvitationRequest' });

export const tokenScopes = ['read', 'write'] as const;
export const tokenScopeSchema = z.enum(tokenScopes);
export type TokenScope = z.infer<typeof tokenScopeSchema>;

export const createApiTokenRequestSchema = z
  .strictObject({
    name: displayNameSchema,
    scopes: z
      .array(tokenScopeSchema)
      .min(1, { message: 'Give at least one scope.' })
      .refine((s) => new Set(s).size === s.length, { message: 'Each scope once.', params: rule('each_once') }),
    expiresInDays: z.number().int().min(1).max(365, { message: 'A token lives at most 365 days.' }).default(90),
  })
  .meta({ id: 'CreateApiTokenRequest' });

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    orgId: z.string(),
    scopes: z.array(tokenScopeSchema),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiTokenView = z.infer<typeof apiTokenSchema>;

export const createdApiTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() }).meta({ id: 'CreatedApiToken' });
