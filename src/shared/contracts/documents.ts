import { z } from 'zod';
import { classificationSchema, personRefSchema, prose, sideSchema } from './engagements.js';

/** The file kinds the vault keeps; anything else is refused at upload. */
export const documentKinds = ['pdf', 'xlsx', 'docx', 'csv', 'txt', 'png', 'jpeg', 'gif', 'webp'] as const;
export const documentKindSchema = z.enum(documentKinds);
export type DocumentKind = z.infer<typeof documentKindSchema>;

export const DOCUMENT_NAME_MAX = 200;
export const DOCUMENT_NOTE_MAX = 500;

/** An upload's description; the file itself is the request body. */
export const uploadDocumentQuerySchema = z.strictObject({
  name: z.string().min(1).max(DOCUMENT_NAME_MAX),
  classification: classificationSchema,
  note: prose(DOCUMENT_NOTE_MAX).optional(),
});
export type UploadDocumentQuery = z.infer<typeof uploadDocumentQuerySchema>;

export const grantAccessSchema = z.enum(['view', 'download']);
export type GrantAccess = z.infer<typeof grantAccessSchema>;

/** What each classification allows (core/documents/classification.ts holds the table). */
export const classificationPolicySchema = z.object({
  classification: classificationSchema,
  /** Who a grant may name: the provider's whole engagement team, or only named people. */
  grantees: z.array(z.enum(['team', 'user'])),
  /** The most a grant may give: downloads, or viewing in the browser only. */
  maxAccess: grantAccessSchema,
  watermark: z.boolean(),
  maxGrantDays: z.number().int(),
});
export type ClassificationPolicy = z.infer<typeof classificationPolicySchema>;

export const documentActions = ['view', 'download', 'upload_version', 'grant'] as const;
export type DocumentAction = (typeof documentActions)[number];

export const documentVersionSchema = z.object({
  version: z.number().int(),
  kind: documentKindSchema,
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  note: z.string(),
  uploadedBy: personRefSchema.nullable(),
  uploadedAt: z.string(),
});
export type DocumentVersion = z.infer<typeof documentVersionSchema>;

export const grantSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  grantee: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('team') }),
    z.object({ kind: z.literal('user'), userId: z.string(), displayName: z.string() }),
  ]),
  access: grantAccessSchema,
  grantedBy: personRefSchema.nullable(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  /** live until it expires or ends; the end's reason when it has. */
  state: z.enum(['live', 'expired', 'revoked', 'engagement_ended', 'destroyed']),
  endedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type DocumentGrant = z.infer<typeof grantSchema>;

export const documentSchema = z.object({
  id: z.string(),
  engagementId: z.string(),
  name: z.string(),
  classification: classificationSchema,
  uploadedSide: sideSchema,
  sourceDocumentId: z.string().nullable(),
  latestVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  versions: z.array(documentVersionSchema),
  /** Grants to the provider's people (the client's own people see every grant; a provider person only its own). */
  grants: z.array(grantSchema),
  /** What the viewer may do with this document now. */
  allowedActions: z.array(z.enum(documentActions)),
  /** For whoever may grant it: the grant kpo proposes from the SOW (core/documents/grant-proposal.ts). */
  suggestedGrant: z
    .object({
      grantee: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('team') }),
        z.object({ kind: z.literal('user'), userIds: z.array(z.string()) }),
      ]),
      access: grantAccessSchema,
      days: z.number().int(),
      deliverables: z.array(z.string()),
    })
    .nullable(),
});
export type DocumentView = z.infer<typeof documentSchema>;

export const documentLibrarySchema = z.object({
  documents: z.array(documentSchema),
  policies: z.array(classificationPolicySchema),
  /** Upload size limit in bytes. */
  maxUploadBytes: z.number().int(),
  /** Whether the viewer may upload to this engagement now. */
  mayUpload: z.boolean(),
  /** Whether the viewer may grant documents to the provider's people now. */
  mayGrant: z.boolean(),
});
export type DocumentLibrary = z.infer<typeof documentLibrarySchema>;

export const createGrantRequestSchema = z.strictObject({
  grantee: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('team') }),
    z.strictObject({ kind: z.literal('user'), userId: z.uuid() }),
  ]),
  access: grantAccessSchema,
  /** How long the grant lives, in days from now (at most the classification's limit). */
  days: z.number().int().min(1).max(365),
});
export type CreateGrantRequest = z.infer<typeof createGrantRequestSchema>;

/** The access review: every grant of an engagement that is live now, with its last use. */
export const accessReviewSchema = z.object({
  grants: z.array(grantSchema.extend({ documentName: z.string(), classification: classificationSchema })),
});
export type AccessReview = z.infer<typeof accessReviewSchema>;

/** The close-out of an engagement's vault: what was destroyed, the provider's statement, what the viewer may do. */
export const closeOutSchema = z.object({
  destroyed: z
    .object({
      at: z.string(),
      by: personRefSchema.nullable(),
      /** How much was destroyed: the client's to know (null for the provider, like every count of the client's files). */
      documents: z.number().int().nullable(),
      versions: z.number().int().nullable(),
      totalBytes: z.number().int().nullable(),
      certificateId: z.string(),
      dataKeyId: z.string().nullable(),
    })
    .nullable(),
  attestation: z.object({ by: personRefSchema.nullable(), at: z.string(), statement: z.string() }).nullable(),
  mayDestroy: z.boolean(),
  mayAttest: z.boolean(),
  mayDownloadCertificate: z.boolean(),
});
export type CloseOutView = z.infer<typeof closeOutSchema>;

export const ATTESTATION_MAX = 2000;
export const destroyRequestSchema = z.strictObject({
  /** The engagement's name typed again: destroying cannot be undone. */
  confirm: z.string().min(1).max(500),
});
export type DestroyRequest = z.infer<typeof destroyRequestSchema>;
export const attestRequestSchema = z.strictObject({ statement: prose(ATTESTATION_MAX).min(1) });
export type AttestRequest = z.infer<typeof attestRequestSchema>;
export const certificateQuerySchema = z.strictObject({ locale: z.enum(['ja', 'en']).optional() });

export const piiTypeNames = [
  'PERSON',
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'STREET_ADDRESS',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
  'DATE_TIME',
  'MY_NUMBER',
  'JP_CORPORATE_NUMBER',
  'JP_POSTAL_CODE',
  'BANK_ACCOUNT',
] as const;
export const piiTypeSchema = z.enum(piiTypeNames);

/** Personal data found in a version, shown to the client before anything is shared. */
export const piiReviewSchema = z.object({
  documentId: z.string(),
  version: z.number().int(),
  findings: z.array(z.object({ type: piiTypeSchema, text: z.string(), start: z.number().int(), end: z.number().int(), where: z.string() })),
  counts: z.record(z.string(), z.number().int()),
  /** The engagement's code names (the target's names and tickers replaced in shared copies). */
  codeNames: z.array(z.object({ term: z.string(), codeName: z.string() })),
});
export type PiiReview = z.infer<typeof piiReviewSchema>;

export const pseudonymiseRequestSchema = z.strictObject({
  /** The kinds of personal data to replace (default: every kind found). */
  types: z.array(piiTypeSchema).min(1).optional(),
  /** Deal work: names and tickers of the target replaced by the code name (kept for the engagement's next copies). */
  codeNames: z
    .array(z.strictObject({ term: prose(200).min(1), codeName: prose(200).min(1) }))
    .max(100)
    .optional(),
});
export type PseudonymiseRequest = z.infer<typeof pseudonymiseRequestSchema>;
