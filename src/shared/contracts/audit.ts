import { z } from 'zod';
import { orgKindSchema, roleSchema } from '../roles.js';

/**
 * Every audited change, as a discriminated union on `type`. Each event names what changed
 * (`resource`) and carries only what an auditor needs to understand it — never a secret.
 */
const roles = z.array(roleSchema);

export const auditEventDataSchemas = {
  'auth.login_succeeded': z.object({ email: z.string() }),
  'auth.login_failed': z.object({ email: z.string(), reason: z.enum(['bad_credentials', 'disabled']) }),
  // One per refused attempt; scope: the throttle rule that held it (core/identity/throttle.ts), retryAfter in seconds.
  'auth.login_rate_limited': z.object({
    email: z.string(),
    scope: z.enum(['account', 'ip', 'pair']),
    retryAfter: z.number().int().optional(),
  }),
  'auth.logout': z.object({}),
  'auth.org_switched': z.object({ fromOrgId: z.string().nullable(), toOrgId: z.string() }),
  'auth.password_changed': z.object({ sessionsRevoked: z.number().int(), tokensRevoked: z.number().int() }),
  'user.profile_updated': z.object({ changes: z.array(z.enum(['displayName', 'locale'])) }),
  'org.created': z.object({ name: z.string(), kind: orgKindSchema }),
  'org.updated': z.object({ changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })) }),
  'user.created': z.object({ email: z.string(), roles, via: z.enum(['cli', 'seed', 'invitation']) }),
  'user.disabled': z.object({}),
  'invitation.created': z.object({ email: z.string(), roles, expiresAt: z.string() }),
  'invitation.accepted': z.object({ email: z.string(), roles, newUser: z.boolean() }),
  'invitation.revoked': z.object({ email: z.string() }),
  'membership.added': z.object({ email: z.string(), roles }),
  'membership.roles_changed': z.object({ from: roles, to: roles }),
  'membership.removed': z.object({ roles, sessionsRevoked: z.number().int(), tokensRevoked: z.number().int() }),
  'api_token.created': z.object({ name: z.string(), scopes: z.array(z.string()), expiresAt: z.string().nullable() }),
  'api_token.revoked': z.object({ name: z.string() }),
  // Engagement events never carry the engagement's title (a provider's auditors see them): ids and code names only.
  'engagement.created': z.object({ type: z.string(), codeName: z.string().nullable(), classification: z.string() }),
  'engagement.brief_updated': z.object({ fields: z.array(z.string()) }),
  'engagement.providers_invited': z.object({ providerOrgIds: z.array(z.string()) }),
  'engagement.transitioned': z.object({ action: z.string(), from: z.string(), to: z.string(), reason: z.string().nullable() }),
  'engagement.team_assigned': z.object({ userId: z.string(), side: z.string(), role: z.string() }),
  'engagement.team_unassigned': z.object({ userId: z.string(), side: z.string(), role: z.string() }),
  'proposal.saved': z.object({ providerOrgId: z.string(), version: z.number().int() }),
  'proposal.submitted': z.object({ providerOrgId: z.string(), feeAmount: z.number().int(), currency: z.string() }),
  'proposal.withdrawn': z.object({ providerOrgId: z.string() }),
  'proposal.awarded': z.object({ providerOrgId: z.string(), proposalId: z.string(), feeAmount: z.number().int(), currency: z.string() }),
  'sow.revised': z.object({ version: z.number().int(), reason: z.string() }),
  'sow.approved': z.object({ version: z.number().int(), side: z.string() }),
  'milestone.changed': z.object({ key: z.string(), action: z.string(), from: z.string(), to: z.string() }),
  'update.posted': z.object({ progressPct: z.number().int(), rag: z.string(), late: z.boolean() }),
  'question.asked': z.object({ side: z.string(), dueAt: z.string() }),
  'question.answered': z.object({ side: z.string(), late: z.boolean() }),
  'question.closed': z.object({}),
  'change_request.proposed': z.object({ side: z.string(), changes: z.array(z.string()) }),
  'change_request.decided': z.object({ decision: z.string(), resultingSowVersion: z.number().int().nullable() }),
  'sla.breach_detected': z.object({ kind: z.string(), subjectId: z.string(), side: z.string(), dueAt: z.string() }),
  'sla.escalated': z.object({ kind: z.string(), subjectId: z.string(), side: z.string() }),
  'financial_model.created': z.object({ name: z.string(), version: z.number().int(), sha256: z.string() }),
  'financial_model.version_saved': z.object({ version: z.number().int(), sha256: z.string(), checkStatus: z.string() }),
  'financial_model.version_shared': z.object({ version: z.number().int(), checkStatus: z.string(), reason: z.string().nullable() }),
  'financial_model.commented': z.object({ version: z.number().int(), commentId: z.string() }),
  'financial_model.exported': z.object({ version: z.number().int(), format: z.enum(['xlsx', 'pdf']) }),
  // Vault events name documents by id (a name can be confidential), never their content.
  'document.uploaded': z.object({
    version: z.number().int(),
    kind: z.string(),
    classification: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
  }),
  'document.viewed': z.object({
    version: z.number().int(),
    accessId: z.string(),
    grantId: z.string().nullable(),
    watermarked: z.boolean(),
  }),
  'document.downloaded': z.object({
    version: z.number().int(),
    accessId: z.string(),
    grantId: z.string().nullable(),
    watermarked: z.boolean(),
  }),
  'document.granted': z.object({ documentId: z.string(), grantee: z.string(), access: z.string(), expiresAt: z.string() }),
  'document.grant_revoked': z.object({ documentId: z.string() }),
  'document.grants_ended': z.object({ grants: z.number().int(), status: z.string() }),
  'document.pseudonymised': z.object({
    sourceDocumentId: z.string(),
    sourceVersion: z.number().int(),
    replaced: z.number().int(),
    tokens: z.number().int(),
    codeNames: z.number().int(),
  }),
  'document.reidentified': z.object({ version: z.number().int() }),
  'vault.destroyed': z.object({
    certificateId: z.string(),
    documents: z.number().int(),
    versions: z.number().int(),
    grantsEnded: z.number().int(),
    dataKeyId: z.string().nullable(),
  }),
  'vault.deletion_attested': z.object({ providerOrgId: z.string() }),
  // Conflict walls: entities by id only (their names are the client's); a block and an override are the client's to see.
  'conflict.declarations_updated': z.object({ employers: z.number().int(), holdings: z.number().int() }),
  'conflict.restricted_list_updated': z.object({
    entities: z.number().int(),
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    coolingOffMonths: z.number().int(),
  }),
  'conflict.subjects_set': z.object({ targets: z.array(z.string()), competitors: z.array(z.string()) }),
  'conflict.blocked': z.object({
    userId: z.string(),
    action: z.enum(['team_assignment', 'document_grant']),
    documentId: z.string().nullable(),
    conflicts: z.array(z.object({ kind: z.string(), entityId: z.string() })),
  }),
  'conflict.overridden': z.object({
    userId: z.string(),
    reason: z.string(),
    conflicts: z.array(z.object({ kind: z.string(), entityId: z.string() })),
  }),
  // Deliverables and reviews: titles are the engagement's business; ids, versions, statuses and counts only.
  'deliverable.created': z.object({ milestoneId: z.string(), type: z.string() }),
  'deliverable.submitted': z.object({
    deliverableId: z.string(),
    version: z.number().int(),
    checkStatus: z.string(),
    fails: z.number().int(),
    warns: z.number().int(),
    documents: z.number().int(),
  }),
  'deliverable.reviewed': z.object({ deliverableId: z.string(), version: z.number().int(), decision: z.string() }),
  'deliverable.decided': z.object({
    deliverableId: z.string(),
    version: z.number().int(),
    decision: z.string(),
    reworkRounds: z.number().int(),
  }),
  'deliverable.escalated': z.object({ reworkRounds: z.number().int(), maxReworkRounds: z.number().int() }),
  'deliverable.exported': z.object({ deliverableId: z.string(), version: z.number().int(), format: z.enum(['xlsx', 'pdf']) }),
  'quality.settings_changed': z.object({
    version: z.number().int(),
    reviewersPerSubmission: z.number().int(),
    blind: z.boolean(),
    glossaryTerms: z.number().int(),
  }),
  'rubric.saved': z.object({ engagementType: z.string(), version: z.number().int(), criteria: z.number().int() }),
  'calibration.round_created': z.object({
    engagementId: z.string(),
    deliverableId: z.string(),
    version: z.number().int(),
    participants: z.number().int(),
  }),
  'calibration.scored': z.object({ meanAbsoluteDeviation: z.number().nullable() }),
  'gold.planted': z.object({ kind: z.string(), deliverableId: z.string().nullable() }),
  'gold.withdrawn': z.object({ kind: z.string() }),
  'webhook.created': z.object({ host: z.string(), kinds: z.array(z.string()) }),
  'webhook.deleted': z.object({ host: z.string() }),
  'system.demo_seeded': z.object({ organisations: z.number().int(), users: z.number().int() }),
  'system.restored': z.object({ fromCreatedAt: z.string(), rows: z.number().int() }),
  // Survey datasets: the file by document id and version; names, wording and answers stay in the vault.
  'survey.imported': z.object({
    documentId: z.string(),
    documentVersion: z.number().int(),
    respondents: z.number().int(),
    questions: z.number().int(),
  }),
  'survey.version_saved': z.object({
    version: z.number().int(),
    documentId: z.string(),
    documentVersion: z.number().int(),
    respondents: z.number().int(),
    questions: z.number().int(),
  }),
  'survey.exported': z.object({
    version: z.number().int(),
    format: z.enum(['xlsx', 'pdf', 'csv']),
    tables: z.number().int(),
    weighting: z.string().nullable(),
  }),
  'survey.weighting_saved': z.object({
    datasetId: z.string(),
    version: z.number().int(),
    variables: z.array(z.string()),
    converged: z.boolean(),
    efficiency: z.number(),
  }),
  // Market sizings and competitor matrices: figures and names are the engagement's, kept out of the log.
  'sizing.saved': z.object({ version: z.number().int(), approach: z.enum(['top_down', 'bottom_up']), factors: z.number().int() }),
  'competitors.saved': z.object({ version: z.number().int(), competitors: z.number().int(), features: z.number().int() }),
  'survey.codeframe_saved': z.object({
    datasetId: z.string(),
    datasetVersion: z.number().int(),
    question: z.string(),
    version: z.number().int(),
    codes: z.number().int(),
  }),
  'survey.coding_overridden': z.object({ datasetId: z.string(), respondent: z.number().int(), codes: z.array(z.string()) }),
  'system.backup_created': z.object({ rows: z.number().int(), tables: z.number().int() }),
  // Time (core/time): a person's hours are their organisation's; the figures, never the notes.
  'time.entry_logged': z.object({
    engagementId: z.string(),
    userId: z.string(),
    date: z.string(),
    category: z.string(),
    minutes: z.number().int(),
    /** Present when the entry accepts a suggestion: the minutes suggested (differing from minutes when changed). */
    suggestedMinutes: z.number().int().optional(),
  }),
  'time.suggestion_dismissed': z.object({ date: z.string(), category: z.string(), minutes: z.number().int() }),
  'time.correction_logged': z.object({
    engagementId: z.string(),
    userId: z.string(),
    date: z.string(),
    category: z.string(),
    minutes: z.number().int(),
    reason: z.string(),
  }),
  'time.entries_imported': z.object({ entries: z.number().int(), minutes: z.number().int(), people: z.number().int() }),
  'timesheet.submitted': z.object({ userId: z.string(), weekStart: z.string(), minutes: z.number().int() }),
  'timesheet.approved': z.object({ userId: z.string(), weekStart: z.string(), minutes: z.number().int() }),
  'timesheet.returned': z.object({ userId: z.string(), weekStart: z.string(), minutes: z.number().int(), note: z.string() }),
  'time.overtime_agreement_saved': z.object({
    version: z.number().int(),
    monthlyLimitMinutes: z.number().int(),
    yearlyLimitMinutes: z.number().int(),
    specialClause: z.boolean(),
  }),
  'time.internal_rates_saved': z.object({ version: z.number().int(), roles: z.number().int() }),
  // Capacity (core/time/capacity-service.ts): a provider person's, in the provider's log only.
  'capacity.contract_saved': z.object({
    userId: z.string(),
    contractedDailyMinutes: z.number().int().nullable(),
    version: z.number().int(),
  }),
  'capacity.leave_added': z.object({ userId: z.string(), leaveId: z.string(), from: z.string(), to: z.string() }),
  'capacity.leave_removed': z.object({ userId: z.string(), leaveId: z.string(), from: z.string(), to: z.string() }),
  /** A plan past the person's available hours or a legal maximum carries the override's reason. */
  'capacity.allocation_planned': z.object({
    userId: z.string(),
    weeks: z.number().int(),
    minutes: z.number().int(),
    overCapacityWeeks: z.number().int(),
    legalBreaches: z.number().int(),
    overrideReason: z.string().nullable(),
  }),
  // A proposal's internal staffing plan (core/time/staffing.ts): in the provider's log only.
  'proposal.staffing_saved': z.object({ people: z.number().int(), minutes: z.number().int() }),
  /** The award made the winner's plan its team; who was left out and why (a legal maximum, a conflict, no longer a member). */
  'proposal.staffing_applied': z.object({
    proposalId: z.string(),
    staffed: z.array(z.object({ userId: z.string(), role: z.string(), minutes: z.number().int(), warnings: z.number().int() })),
    leftOut: z.array(z.object({ userId: z.string(), reason: z.string() })),
  }),
  // Patent corpora: public documents; counts only, the numbers imported are in the corpus.
  'patent.imported': z.object({
    corpus: z.string(),
    files: z.number().int(),
    added: z.number().int(),
    replaced: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
  }),
  'patent.corpus_created': z.object({ name: z.string() }),
  // The formulas and their counts are the record a search report cites; they hold no client data.
  'patent.search_saved': z.object({ title: z.string(), version: z.number().int(), steps: z.number().int() }),
} as const;

export type AuditEventType = keyof typeof auditEventDataSchemas;
export const auditEventTypes = Object.keys(auditEventDataSchemas) as [AuditEventType, ...AuditEventType[]];
export type AuditEventData<T extends AuditEventType> = z.infer<(typeof auditEventDataSchemas)[T]>;

export const resourceTypes = [
  'organization',
  'login_attempt',
  'user',
  'membership',
  'invitation',
  'api_token',
  'session',
  'system',
  'engagement',
  'proposal',
  'sow',
  'milestone',
  'status_update',
  'question',
  'change_request',
  'webhook',
  'financial_model',
  'document',
  'document_grant',
  'conflict_override',
  'deliverable',
  'deliverable_version',
  'deliverable_review',
  'rubric',
  'calibration_round',
  'gold_item',
  'survey_dataset',
  'survey_weighting',
  'market_sizing',
  'competitor_matrix',
  'survey_codeframe',
  'patent_corpus',
  'patent_saved_search',
  'time_entry',
  'timesheet',
] as const;
export const resourceRefSchema = z.object({ type: z.enum(resourceTypes), id: z.string() });
export type ResourceRef = z.infer<typeof resourceRefSchema>;
export type ResourceType = (typeof resourceTypes)[number];

/**
 * The object each event names. An event's resource is always of this type, and its id is that
 * object's id (a membership is `orgId:userId`, a SOW version `engagementId:version`); the audit test
 * resolves every recorded event's resource to its row.
 */
export const auditEventResources = {
  'auth.login_succeeded': 'session',
  'auth.login_failed': 'login_attempt',
  'auth.login_rate_limited': 'login_attempt',
  'auth.logout': 'session',
  'auth.org_switched': 'session',
  'auth.password_changed': 'user',
  'user.profile_updated': 'user',
  'org.created': 'organization',
  'org.updated': 'organization',
  'user.created': 'user',
  'user.disabled': 'user',
  'invitation.created': 'invitation',
  'invitation.accepted': 'invitation',
  'invitation.revoked': 'invitation',
  'membership.added': 'membership',
  'membership.roles_changed': 'membership',
  'membership.removed': 'membership',
  'api_token.created': 'api_token',
  'api_token.revoked': 'api_token',
  'engagement.created': 'engagement',
  'engagement.brief_updated': 'engagement',
  'engagement.providers_invited': 'engagement',
  'engagement.transitioned': 'engagement',
  'engagement.team_assigned': 'engagement',
  'engagement.team_unassigned': 'engagement',
  'proposal.saved': 'proposal',
  'proposal.submitted': 'proposal',
  'proposal.withdrawn': 'proposal',
  'proposal.awarded': 'proposal',
  'sow.revised': 'sow',
  'sow.approved': 'sow',
  'milestone.changed': 'milestone',
  'update.posted': 'status_update',
  'question.asked': 'question',
  'question.answered': 'question',
  'question.closed': 'question',
  'change_request.proposed': 'change_request',
  'change_request.decided': 'change_request',
  'sla.breach_detected': 'engagement',
  'sla.escalated': 'engagement',
  'financial_model.created': 'financial_model',
  'financial_model.version_saved': 'financial_model',
  'financial_model.version_shared': 'financial_model',
  'financial_model.commented': 'financial_model',
  'financial_model.exported': 'financial_model',
  'document.uploaded': 'document',
  'document.viewed': 'document',
  'document.downloaded': 'document',
  'document.granted': 'document_grant',
  'document.grant_revoked': 'document_grant',
  'document.grants_ended': 'engagement',
  'document.pseudonymised': 'document',
  'document.reidentified': 'document',
  'vault.destroyed': 'engagement',
  'vault.deletion_attested': 'engagement',
  'conflict.declarations_updated': 'user',
  'conflict.restricted_list_updated': 'organization',
  'conflict.subjects_set': 'engagement',
  'conflict.blocked': 'engagement',
  'conflict.overridden': 'conflict_override',
  'deliverable.created': 'deliverable',
  'deliverable.submitted': 'deliverable_version',
  'deliverable.reviewed': 'deliverable_review',
  'deliverable.decided': 'deliverable_version',
  'deliverable.escalated': 'deliverable',
  'deliverable.exported': 'deliverable_version',
  'quality.settings_changed': 'engagement',
  'rubric.saved': 'rubric',
  'calibration.round_created': 'calibration_round',
  'calibration.scored': 'calibration_round',
  'gold.planted': 'gold_item',
  'gold.withdrawn': 'gold_item',
  'survey.imported': 'survey_dataset',
  'survey.version_saved': 'survey_dataset',
  'survey.weighting_saved': 'survey_weighting',
  'survey.exported': 'survey_dataset',
  'survey.codeframe_saved': 'survey_codeframe',
  'survey.coding_overridden': 'survey_codeframe',
  'sizing.saved': 'market_sizing',
  'competitors.saved': 'competitor_matrix',
  'webhook.created': 'webhook',
  'webhook.deleted': 'webhook',
  'system.demo_seeded': 'system',
  'system.restored': 'system',
  'system.backup_created': 'system',
  'time.entry_logged': 'time_entry',
  'time.suggestion_dismissed': 'engagement',
  'time.correction_logged': 'time_entry',
  'time.entries_imported': 'engagement',
  'timesheet.submitted': 'timesheet',
  'timesheet.approved': 'timesheet',
  'timesheet.returned': 'timesheet',
  'time.overtime_agreement_saved': 'organization',
  'time.internal_rates_saved': 'organization',
  'capacity.contract_saved': 'membership',
  'capacity.leave_added': 'membership',
  'capacity.leave_removed': 'membership',
  'capacity.allocation_planned': 'engagement',
  'proposal.staffing_saved': 'proposal',
  'proposal.staffing_applied': 'engagement',
  'patent.imported': 'patent_corpus',
  'patent.corpus_created': 'patent_corpus',
  'patent.search_saved': 'patent_saved_search',
} as const satisfies Record<AuditEventType, ResourceType>;

/** An event as the domain records it. The store adds seq, id, time and the hash chain. */
export type AuditEventInput = {
  [T in AuditEventType]: {
    type: T;
    data: AuditEventData<T>;
    resource: { type: (typeof auditEventResources)[T]; id: string };
    /** The organisation whose auditors may see this event; null for instance-level events. */
    orgId: string | null;
    /** The other party whose auditors may see it too (an engagement's provider). */
    partyOrgId?: string | null;
  };
}[AuditEventType];

/** The kinds of system actor an event can name (the label's prefix: `seed`, `cli:…`, `job:…`, `login:…`). */
export const systemActorKinds = ['seed', 'cli', 'job', 'login', 'anonymous', 'other'] as const;
export type SystemActorKind = (typeof systemActorKinds)[number];

/**
 * Who acted, for display: a person by name (their e-mail for a tooltip), or the system. Added
 * when the event is read — the hashed record keeps `actorLabel` (a person's e-mail) unchanged.
 */
export const auditActorSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), userId: z.string(), displayName: z.string(), email: z.string() }),
    z.object({
      kind: z.literal('system'),
      system: z.enum(systemActorKinds),
      /** What follows the prefix: `root@host` of `cli:root@host`, the e-mail tried at a failed sign-in. */
      detail: z.string(),
    }),
  ])
  .meta({ id: 'AuditActor' });
export type AuditActor = z.infer<typeof auditActorSchema>;

export const auditEventSchema = z
  .object({
    /** The event's place in the hash chain; null while it waits to be sealed (within seconds). */
    seq: z.number().int().nullable(),
    id: z.string(),
    occurredAt: z.string(),
    type: z.enum(auditEventTypes),
    actorUserId: z.string().nullable(),
    actorLabel: z.string(),
    actor: auditActorSchema,
    orgId: z.string().nullable(),
    partyOrgId: z.string().nullable(),
    resourceType: z.string(),
    resourceId: z.string(),
    data: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    /** Null while the event waits to be sealed into the chain. */
    hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;

const isoDateTime = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time.' });

/**
 * Where a page of the log ends, in its order (time, newest first; the order of insertion breaks
 * ties). Clients pass back the `nextBefore` they were given and never build one: the format may change.
 */
export interface AuditCursor {
  occurredAt: string;
  /** The order of insertion (equal to seq for events written before sealing, docs/decisions/0012). */
  pos: number;
}

const toBase64Url = (text: string) => btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const CURSOR = /^(\d{1,15})\.(\d{1,15})$/;

export function encodeAuditCursor(cursor: AuditCursor): string {
  return toBase64Url(`${Date.parse(cursor.occurredAt)}.${cursor.pos}`);
}

/** The cursor in `value`, or null when it is not one this API gave out. */
export function decodeAuditCursor(value: string): AuditCursor | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) return null;
  let text: string;
  try {
    text = atob(value.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return null;
  }
  const match = CURSOR.exec(text);
  if (!match) return null;
  const ms = Number(match[1]);
  const pos = Number(match[2]);
  const time = new Date(ms);
  if (!Number.isSafeInteger(pos) || pos < 1 || Number.isNaN(time.getTime())) return null;
  // One spelling per cursor: a value that does not round-trip was not given out by this API.
  const cursor = { occurredAt: time.toISOString(), pos };
  return encodeAuditCursor(cursor) === value ? cursor : null;
}

const auditCursorSchema = z
  .string()
  .max(64)
  .transform((value, ctx): AuditCursor => {
    const cursor = decodeAuditCursor(value);
    if (cursor) return cursor;
    ctx.addIssue({ code: 'custom', message: 'Not a page cursor: pass the nextBefore of the page before.' });
    return z.NEVER;
  });

export const auditQuerySchema = z.strictObject({
  orgId: z.uuid().optional(),
  actorUserId: z.uuid().optional(),
  type: z.enum(auditEventTypes).optional(),
  resourceType: z.enum(resourceTypes).optional(),
  resourceId: z.string().max(200).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  /** Keyset pagination in time order: the `nextBefore` of the page before (opaque). */
  before: auditCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z
  .object({
    /** Newest first: by occurredAt, then the order of insertion among events of the same instant; unsealed events included. */
    events: z.array(auditEventSchema),
    /** Pass as `before` for the next page; null on the last page. Opaque. */
    nextBefore: z.string().nullable(),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof auditPageSchema>;

/**
 * Whose events to check: an organisation's admins and auditors check their own (the default for
 * them); the operator's auditors the whole chain (their default) or one organisation's events.
 * Anything else sent along is ignored, as before the parameter existed.
 */
export const auditVerifyQuerySchema = z.object({ orgId: z.uuid().optional() });

export const auditVerifyResultSchema = z
  .object({
    ok: z.boolean(),
    count: z.number().int(),
    lastSeq: z.number().int().optional(),
    lastHash: z.string().optional(),
    broken: z
      .object({
        seq: z.number().int(),
        id: z.string().nullable(),
        problem: z.enum(['missing_event', 'content_changed', 'link_broken', 'head_mismatch', 'anchor_mismatch']),
        message: z.string(),
        /**
         * In an organisation's check: whether the broken event is one of its own. Another
         * organisation's event is named by position only (`id` null, a message without its content).
         */
        ownEvent: z.boolean().optional(),
      })
      .optional(),
    /** The organisation whose events were checked; absent when the whole chain was checked for the operator. */
    orgId: z.string().optional(),
    /**
     * Events written while the check ran, still waiting to be sealed into the chain (the check seals
     * everything committed before it starts), and when the oldest of them happened.
     */
    unsealed: z.object({ count: z.number().int(), oldestAt: z.string().nullable() }).optional(),
  })
  .meta({ id: 'AuditVerifyResult' });
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;
