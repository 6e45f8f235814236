import { z } from 'zod';

const uuid = () => z.uuid({ message: 'Must be a UUID.' });

export const orgIdSchema = uuid().brand<'OrgId'>();
export const userIdSchema = uuid().brand<'UserId'>();
export const invitationIdSchema = uuid().brand<'InvitationId'>();
export const apiTokenIdSchema = uuid().brand<'ApiTokenId'>();
export const auditEventIdSchema = uuid().brand<'AuditEventId'>();

export type OrgId = z.infer<typeof orgIdSchema>;
export type UserId = z.infer<typeof userIdSchema>;
export type InvitationId = z.infer<typeof invitationIdSchema>;
export type ApiTokenId = z.infer<typeof apiTokenIdSchema>;
export type AuditEventId = z.infer<typeof auditEventIdSchema>;
