import type { z } from 'zod';
import type { AuditPage, AuditQuery, AuditVerifyResult } from '../../shared/contracts/audit';
import type {
  ApiTokenView,
  acceptInvitationRequestSchema,
  changePasswordRequestSchema,
  createApiTokenRequestSchema,
  createdApiTokenSchema,
  createdInvitationSchema,
  createOrganizationRequestSchema,
  InvitationView,
  invitationPreviewSchema,
  inviteRequestSchema,
  loginRequestSchema,
  MemberView,
  OrganizationView,
  SessionView,
  updateProfileRequestSchema,
} from '../../shared/contracts/identity';
import type { Role } from '../../shared/roles';
import { apiRequest, withQuery } from './client';
import { isApiError } from './errors';

/** The typed kpo API: one function per route, typed by the shared zod contracts. */

export type LoginRequest = z.input<typeof loginRequestSchema>;
export type UpdateProfileRequest = z.input<typeof updateProfileRequestSchema>;
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;
export type CreateOrganizationRequest = z.input<typeof createOrganizationRequestSchema>;
export type InviteRequest = z.input<typeof inviteRequestSchema>;
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;
export type AcceptInvitationRequest = z.input<typeof acceptInvitationRequestSchema>;
export type CreateApiTokenRequest = z.input<typeof createApiTokenRequestSchema>;
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
/** Filters of the audit log; `limit` and `before` are the client's business. */
export type AuditFilterQuery = Omit<AuditQuery, 'limit' | 'before'>;

export type { AuditVerifyResult };

const org = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;

export const sessionApi = {
  /** The current session, or null when nobody is signed in. */
  async current(): Promise<SessionView | null> {
    try {
      return await apiRequest<SessionView>('GET', '/api/session', { anonymous: true });
    } catch (e) {
      if (isApiError(e) && e.code === 'unauthenticated') return null;
      throw e;
    }
  },
  signIn: (body: LoginRequest) => apiRequest<SessionView>('POST', '/api/session', { body, anonymous: true }),
  signOut: () => apiRequest<void>('DELETE', '/api/session', { anonymous: true }),
  switchOrganization: (orgId: string) => apiRequest<SessionView>('PUT', '/api/session/organization', { body: { orgId } }),
  updateProfile: (body: UpdateProfileRequest) => apiRequest<SessionView>('PATCH', '/api/session/profile', { body }),
  changePassword: (body: ChangePasswordRequest) => apiRequest<SessionView>('PUT', '/api/session/password', { body }),
};

export const organizationsApi = {
  list: () => apiRequest<OrganizationView[]>('GET', '/api/organizations'),
  create: (body: CreateOrganizationRequest) => apiRequest<OrganizationView>('POST', '/api/organizations', { body }),
  get: (orgId: string) => apiRequest<OrganizationView>('GET', org(orgId)),
};

export const membersApi = {
  list: (orgId: string) => apiRequest<MemberView[]>('GET', `${org(orgId)}/members`),
  setRoles: (orgId: string, userId: string, roles: Role[]) =>
    apiRequest<void>('PUT', `${org(orgId)}/members/${encodeURIComponent(userId)}/roles`, { body: { roles } }),
  remove: (orgId: string, userId: string) => apiRequest<void>('DELETE', `${org(orgId)}/members/${encodeURIComponent(userId)}`),
};

export const invitationsApi = {
  list: (orgId: string) => apiRequest<InvitationView[]>('GET', `${org(orgId)}/invitations`),
  create: (orgId: string, body: InviteRequest) => apiRequest<CreatedInvitation>('POST', `${org(orgId)}/invitations`, { body }),
  revoke: (orgId: string, invitationId: string) =>
    apiRequest<void>('DELETE', `${org(orgId)}/invitations/${encodeURIComponent(invitationId)}`),
  preview: (token: string) => apiRequest<InvitationPreview>('POST', '/api/invitations/preview', { body: { token }, anonymous: true }),
  accept: (body: AcceptInvitationRequest) => apiRequest<SessionView>('POST', '/api/invitations/accept', { body, anonymous: true }),
};

export const tokensApi = {
  list: () => apiRequest<ApiTokenView[]>('GET', '/api/tokens'),
  create: (body: CreateApiTokenRequest) => apiRequest<CreatedApiToken>('POST', '/api/tokens', { body }),
  revoke: (tokenId: string) => apiRequest<void>('DELETE', `/api/tokens/${encodeURIComponent(tokenId)}`),
};

export const auditApi = {
  /** `before` is the `nextBefore` of the page before: an opaque cursor. */
  list: (filters: AuditFilterQuery, page: { before?: string | undefined; limit: number }, signal?: AbortSignal) =>
    apiRequest<AuditPage>('GET', '/api/audit-events', {
      query: { ...filters, before: page.before, limit: page.limit },
      ...(signal && { signal }),
    }),
  /** The CSV download of everything matching the filters; a plain link, the cookie goes along. */
  exportHref: (filters: AuditFilterQuery) => withQuery('/api/audit-events/export', { ...filters }),
  /** Checks the chain: the whole of it for the operator's auditors, the active organisation's events for anyone else. */
  verify: () => apiRequest<AuditVerifyResult>('POST', '/api/audit-events/verify'),
};
