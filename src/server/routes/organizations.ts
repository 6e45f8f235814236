import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import {
  acceptInvitationRequestSchema,
  createdInvitationSchema,
  createOrganizationRequestSchema,
  invitationPreviewSchema,
  invitationSchema,
  inviteRequestSchema,
  memberSchema,
  organizationSchema,
  sessionViewSchema,
  updateOrganizationRequestSchema,
  updateRolesRequestSchema,
} from '../../shared/contracts/identity.js';
import { errorResponses, jsonBody, jsonResponse, memberParams, noContent, orgParams } from '../openapi.js';
import { clientIp, type RouteBuilder } from '../route.js';
import { setSessionCookie } from '../session-cookie.js';

const uuid = () => z.uuid({ message: 'Must be a UUID.' });
const invitationParams = z.strictObject({ orgId: uuid(), invitationId: uuid() });
const tokenBody = z.strictObject({ token: z.string().min(1).max(200) }).meta({ id: 'InvitationTokenRequest' });

export function organizationRoutes(route: RouteBuilder, rt: Runtime) {
  const { admin } = rt.services;
  const org = (c: { req: { param(name: 'orgId'): string } }) => ({ type: 'organization' as const, orgId: c.req.param('orgId') });

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations',
        tags: ['organizations'],
        summary: "Every organisation on this instance (the operator's admins and auditors)",
        responses: { 200: jsonResponse('Organisations.', z.array(organizationSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'instance.org.list', resource: () => ({ type: 'instance' }) },
    },
    async (c) => c.json(await admin.listOrganizations(c.get('ctx')), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/organizations',
        tags: ['organizations'],
        summary: 'Create a client or provider organisation (operator only)',
        request: { body: jsonBody(createOrganizationRequestSchema) },
        responses: { 201: jsonResponse('Created.', organizationSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'instance.org.create', resource: () => ({ type: 'instance' }) },
    },
    async (c) => c.json(await admin.createOrganization(c.get('ctx'), c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}',
        tags: ['organizations'],
        summary: 'One organisation',
        request: { params: orgParams },
        responses: { 200: jsonResponse('The organisation.', organizationSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'org.read', resource: org },
    },
    async (c) => c.json(await admin.getOrganization(c.get('ctx'), c.req.valid('param').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'patch',
        path: '/api/organizations/{orgId}',
        tags: ['organizations'],
        summary: 'Rename an organisation',
        request: { params: orgParams, body: jsonBody(updateOrganizationRequestSchema) },
        responses: { 200: jsonResponse('The organisation.', organizationSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'org.update', resource: org },
    },
    async (c) => c.json(await admin.renameOrganization(c.get('ctx'), c.req.valid('param').orgId, c.req.valid('json').name), 200),
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/members',
        tags: ['members'],
        summary: 'Members of an organisation and their roles',
        request: { params: orgParams },
        responses: { 200: jsonResponse('Members.', z.array(memberSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'member.list', resource: org },
    },
    async (c) => c.json(await admin.listMembers(c.get('ctx'), c.req.valid('param').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'put',
        path: '/api/organizations/{orgId}/members/{userId}/roles',
        tags: ['members'],
        summary: "Set a member's roles",
        request: { params: memberParams, body: jsonBody(updateRolesRequestSchema) },
        responses: { ...noContent, ...errorResponses },
      }),
      policy: { kind: 'action', action: 'member.update_roles', resource: org },
    },
    async (c) => {
      const { orgId, userId } = c.req.valid('param');
      await admin.updateRoles(c.get('ctx'), orgId, userId, c.req.valid('json').roles);
      return c.body(null, 204);
    },
  );

  route(
    {
      route: createRoute({
        method: 'delete',
        path: '/api/organizations/{orgId}/members/{userId}',
        tags: ['members'],
        summary: 'Remove a member (their sessions and tokens there end at once)',
        request: { params: memberParams },
        responses: { ...noContent, ...errorResponses },
      }),
      policy: { kind: 'action', action: 'member.remove', resource: org },
    },
    async (c) => {
      const { orgId, userId } = c.req.valid('param');
      await admin.removeMember(c.get('ctx'), orgId, userId);
      return c.body(null, 204);
    },
  );

  route(
    {
      route: createRoute({
        method: 'get',
        path: '/api/organizations/{orgId}/invitations',
        tags: ['members'],
        summary: 'Invitations of an organisation',
        request: { params: orgParams },
        responses: { 200: jsonResponse('Invitations, newest first.', z.array(invitationSchema)), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'invitation.list', resource: org },
    },
    async (c) => c.json(await admin.listInvitations(c.get('ctx'), c.req.valid('param').orgId), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/organizations/{orgId}/invitations',
        tags: ['members'],
        summary: 'Invite someone with roles; the link is shown once',
        request: { params: orgParams, body: jsonBody(inviteRequestSchema) },
        responses: { 201: jsonResponse('The invitation and its one-time link.', createdInvitationSchema), ...errorResponses },
      }),
      policy: { kind: 'action', action: 'member.invite', resource: org },
      secretInResponse: true,
    },
    async (c) => c.json(await admin.invite(c.get('ctx'), c.req.valid('param').orgId, c.req.valid('json')), 201),
  );

  route(
    {
      route: createRoute({
        method: 'delete',
        path: '/api/organizations/{orgId}/invitations/{invitationId}',
        tags: ['members'],
        summary: 'Revoke a pending invitation',
        request: { params: invitationParams },
        responses: { ...noContent, ...errorResponses },
      }),
      policy: { kind: 'action', action: 'invitation.revoke', resource: org },
    },
    async (c) => {
      const { orgId, invitationId } = c.req.valid('param');
      await admin.revokeInvitation(c.get('ctx'), orgId, invitationId);
      return c.body(null, 204);
    },
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/invitations/preview',
        tags: ['members'],
        summary: 'What an invitation link offers (the link is the credential)',
        request: { body: jsonBody(tokenBody) },
        responses: { 200: jsonResponse('The invitation.', invitationPreviewSchema), ...errorResponses },
      }),
      policy: { kind: 'public' },
    },
    async (c) => c.json(await admin.previewInvitation(c.req.valid('json').token), 200),
  );

  route(
    {
      route: createRoute({
        method: 'post',
        path: '/api/invitations/accept',
        tags: ['members'],
        summary: 'Accept an invitation: a new person with a name and password; someone with an account while signed in as it',
        request: { body: jsonBody(acceptInvitationRequestSchema) },
        responses: { 200: jsonResponse('Signed in to the organisation.', sessionViewSchema), ...errorResponses },
      }),
      policy: { kind: 'public-or-session' },
    },
    async (c) => {
      const { token, view } = await admin.acceptInvitation(
        c.req.valid('json'),
        { ip: clientIp(c, rt.config.trustedProxies), userAgent: c.req.header('user-agent') ?? null, requestId: c.get('requestId') },
        c.get('auth')?.session?.userId ?? null,
      );
      setSessionCookie(c, token, rt.config.secure, rt.config.identity.sessionMaxHours * 3600);
      return c.json(view, 200);
    },
  );
}
