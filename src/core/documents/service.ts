import type {
  AccessReview,
  CreateGrantRequest,
  DocumentAction,
  DocumentGrant,
  DocumentLibrary,
  DocumentView,
  UploadDocumentQuery,
} from '../../shared/contracts/documents.js';
import type { EngagementStatus } from '../../shared/contracts/engagements.js';
import { AppError } from '../../shared/errors.js';
import { actingUserId, type RequestContext, requireUserId } from '../access/actor.js';
import { mayNow, sideOfStanding } from '../access/engagement-rules.js';
import { assertNoConflict, teamGrantReach } from '../conflicts/service.js';
import {
  type Access,
  approvedSow,
  auditEngagement,
  currentSow,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  notify,
  people,
  personOr,
  providerAudience,
  recipientsOn,
} from '../engagements/context.js';
import type { DocumentGrantRecord, DocumentRecord, DocumentVersionRecord, Repos } from '../store.js';
import { accessCovers, classificationPolicies } from './classification.js';
import { checkContent, checkDocumentName } from './files.js';
import { proposeGrant } from './grant-proposal.js';
import type { VaultStorage, Watermarker } from './ports.js';

export interface DocumentDeps extends EngagementDeps {
  vault: VaultStorage;
  watermark: Watermarker;
  maxUploadBytes: number;
}

/** States in which a grant gives access: the work is under way or under review. Afterwards every grant has ended. */
const GRANT_STATES: readonly EngagementStatus[] = ['contracted', 'in_progress', 'delivered'];
const DAY_MS = 86_400_000;

const documentNotFound = () =>
  new AppError('not_found', 'No such document on this engagement, or not one you may see.', { reason: 'document_not_found' });

/** A document made from another (a pseudonymised copy) and what is written with it, in its transaction. */
export interface StoredCopy {
  sourceDocumentId: string;
  /** Runs after the copy's version and audit event, under the engagement's row lock; throwing undoes the copy. */
  alsoInTransaction(tx: Repos, access: Access, copyId: string): Promise<void>;
}

/** A kept (not destroyed) document of the engagement, or `document_not_found`. */
export async function documentOn(tx: Repos, engagementId: string, documentId: string): Promise<DocumentRecord> {
  const doc = await tx.documents.get(documentId);
  if (!doc || doc.engagementId !== engagementId || doc.destroyedAt) throw documentNotFound();
  return doc;
}

/** A version of the document (`latest`: its newest), or `document_version_not_found`. */
export async function versionOf(tx: Repos, doc: DocumentRecord, version: number | 'latest'): Promise<DocumentVersionRecord> {
  const v = await tx.documents.version(doc.id, version === 'latest' ? doc.latestVersion : version);
  if (!v) throw new AppError('not_found', 'The document has no such version.', { reason: 'document_version_not_found' });
  return v;
}

const userIdOf = (ctx: RequestContext) => requireUserId(ctx, 'Documents are handled');

export type GrantState = DocumentGrant['state'];

/** A grant's state at `now`: ended (and why), expired, or live. */
export function grantState(g: DocumentGrantRecord, now: Date): GrantState {
  if (g.endReason) return g.endReason;
  return new Date(g.expiresAt).getTime() <= now.getTime() ? 'expired' : 'live';
}

/**
 * What a person may do with a document: the client's people on the engagement see every document;
 * the provider's team sees what its side uploaded and what a live grant gives it (view or download),
 * and only while the work is under way or under review.
 */
export function documentRightsOf(
  access: Pick<Access, 'standing' | 'engagement'>,
  userId: string,
  doc: DocumentRecord,
  grants: readonly DocumentGrantRecord[],
  now: Date,
): { mode: 'view' | 'download' | null; grant: DocumentGrantRecord | null } {
  const side = sideOfStanding(access.standing);
  if (side === 'client' || doc.uploadedSide === 'provider') return { mode: 'download', grant: null };
  if (!GRANT_STATES.includes(access.engagement.status)) return { mode: null, grant: null };
  const onTeam = access.standing === 'provider_lead' || access.standing === 'provider_member';
  const live = grants.filter(
    (g) =>
      g.documentId === doc.id &&
      grantState(g, now) === 'live' &&
      (g.granteeKind === 'team' ? onTeam : g.granteeUserId === userId && onTeam),
  );
  const best = live.find((g) => g.access === 'download') ?? live[0] ?? null;
  if (!best) return { mode: null, grant: null };
  const policy = classificationPolicies[doc.classification];
  return { mode: accessCovers(policy.maxAccess, best.access) ? best.access : policy.maxAccess, grant: best };
}

/**
 * The engagement's document vault: uploads (each of one name a new version), the library each
 * person may see, grants to the provider's people with an expiry, watermarked views and downloads,
 * and the access review. Every change and every access is audited in its transaction.
 */
export function documentService(deps: DocumentDeps) {
  const { store, vault } = deps;

  async function grantViews(tx: Repos, grants: readonly DocumentGrantRecord[], now: Date): Promise<DocumentGrant[]> {
    const names = await people(
      tx,
      grants.flatMap((g) => [g.granteeUserId, g.grantedBy]),
    );
    return grants.map((g) => ({
      id: g.id,
      documentId: g.documentId,
      grantee:
        g.granteeKind === 'team'
          ? { kind: 'team' as const }
          : { kind: 'user' as const, userId: g.granteeUserId ?? '', displayName: personOr(names, g.granteeUserId).displayName },
      access: g.access,
      grantedBy: g.grantedBy ? personOr(names, g.grantedBy) : null,
      grantedAt: g.grantedAt,
      expiresAt: g.expiresAt,
      state: grantState(g, now),
      endedAt: g.endedAt,
      lastUsedAt: g.lastUsedAt,
    }));
  }

  /** The documents the viewer may see, each with its versions, its grants (as far as theirs to see) and what they may do. */
  async function views(tx: Repos, access: Access, userId: string, docs: readonly DocumentRecord[]): Promise<DocumentView[]> {
    const now = deps.clock.now();
    const side = sideOfStanding(access.standing);
    const allGrants = await tx.documents.grants(access.engagement.id);
    const rights = new Map(docs.map((d) => [d.id, documentRightsOf(access, userId, d, allGrants, now)]));
    const visible = docs.filter((d) => rights.get(d.id)?.mode);
    const versions = await tx.documents.versions(visible.map((d) => d.id));
    const names = await people(
      tx,
      versions.map((v) => v.uploadedBy),
    );
    const mayUpload = mayNow(access.standing, access.engagement.status, 'document.upload');
    const mayGrant = mayNow(access.standing, access.engagement.status, 'document.grant');
    const sowVersions = mayGrant ? await tx.engagements.sowVersions(access.engagement.id) : [];
    const sow = (approvedSow(sowVersions) ?? currentSow(sowVersions))?.content ?? null;
    const result: DocumentView[] = [];
    for (const d of visible) {
      const right = rights.get(d.id);
      // A provider person sees the grant it uses, not who else the client gave the document to.
      const grants = allGrants.filter((g) => g.documentId === d.id && (side === 'client' || g.id === right?.grant?.id));
      const actions: DocumentAction[] = ['view'];
      if (right?.mode === 'download') actions.push('download');
      if (mayUpload && d.uploadedSide === side) actions.push('upload_version');
      if (mayGrant && d.uploadedSide === 'client') actions.push('grant');
      result.push({
        id: d.id,
        engagementId: d.engagementId,
        name: d.name,
        classification: d.classification,
        uploadedSide: d.uploadedSide,
        sourceDocumentId: d.sourceDocumentId,
        latestVersion: d.latestVersion,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        versions: versions
          .filter((v) => v.documentId === d.id)
          .map((v) => ({
            version: v.version,
            kind: v.kind,
            mediaType: v.mediaType,
            sizeBytes: v.sizeBytes,
            sha256: v.sha256,
            note: v.note,
            uploadedBy: v.uploadedBy ? personOr(names, v.uploadedBy) : null,
            uploadedAt: v.uploadedAt,
          })),
        grants: await grantViews(tx, grants, now),
        allowedActions: actions,
        suggestedGrant: actions.includes('grant') ? proposeGrant(d, sow, access.facts.providerTeamUserIds, now) : null,
      });
    }
    return result;
  }

  async function visibleDocument(tx: Repos, access: Access, userId: string, documentId: string) {
    const doc = await documentOn(tx, access.engagement.id, documentId);
    const grants = await tx.documents.grants(access.engagement.id, { documentId });
    const right = documentRightsOf(access, userId, doc, grants, deps.clock.now());
    if (!right.mode) throw documentNotFound();
    return { doc, right };
  }

  async function one(tx: Repos, access: Access, userId: string, documentId: string): Promise<DocumentView> {
    const doc = await tx.documents.get(documentId);
    if (!doc) throw documentNotFound();
    const [view] = await views(tx, access, userId, [doc]);
    if (!view) throw documentNotFound();
    return view;
  }

  /**
   * Stores a version: the content is encrypted as it streams in, then checked (its bytes must be
   * what its name says); a refused or failed upload leaves nothing behind. A name already on the
   * engagement (from the same side) gets a new version.
   */
  async function storeVersion(
    ctx: RequestContext,
    engagementId: string,
    input: UploadDocumentQuery,
    content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    copy: StoredCopy | null,
  ): Promise<DocumentView> {
    const userId = userIdOf(ctx);
    const sourceDocumentId = copy?.sourceDocumentId ?? null;
    await engagementFor(store.read, ctx, engagementId, 'document.upload');
    const { name, nameKey, declared } = checkDocumentName(input.name);
    const stored = await vault.put(engagementId, content, deps.maxUploadBytes);
    try {
      const { kind, mediaType } = checkContent(declared, stored.head, stored.tail);
      return await store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'document.upload', true);
        const side = sideOfStanding(access.standing);
        const now = deps.clock.now().toISOString();
        let doc = await tx.documents.findByNameForUpdate(engagementId, side, nameKey);
        if (doc && doc.classification !== input.classification) {
          throw new AppError('invalid_input', `“${doc.name}” is ${doc.classification}; a new version keeps its classification.`, {
            reason: 'classification_mismatch',
            params: { classification: doc.classification },
            issues: [
              { path: ['classification'], code: 'invalid_value', message: `Must be ${doc.classification}, as the earlier versions.` },
            ],
          });
        }
        const version = doc ? doc.latestVersion + 1 : 1;
        if (doc) {
          await tx.documents.setLatest(doc.id, version, now);
        } else {
          doc = {
            id: deps.random.uuid(),
            engagementId,
            name,
            nameKey,
            classification: input.classification,
            uploadedSide: side,
            sourceDocumentId,
            latestVersion: 1,
            createdBy: userId,
            createdAt: now,
            updatedAt: now,
            destroyedAt: null,
          };
          await tx.documents.insert(doc);
        }
        const record: DocumentVersionRecord = {
          documentId: doc.id,
          version,
          blobId: stored.blobId,
          kind,
          mediaType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          note: input.note?.trim() ?? '',
          uploadedBy: userId,
          uploadedAt: now,
        };
        await tx.documents.insertVersion(record);
        await auditEngagement(
          deps,
          tx,
          ctx,
          access.engagement,
          {
            type: 'document.uploaded',
            resource: { type: 'document', id: doc.id },
            data: { version, kind, classification: doc.classification, sizeBytes: stored.sizeBytes, sha256: stored.sha256 },
          },
          partyOf(access, doc, false),
        );
        await copy?.alsoInTransaction(tx, access, doc.id);
        return one(tx, access, userId, doc.id);
      });
    } catch (e) {
      await vault.discard(engagementId, stored.blobId);
      throw e;
    }
  }

  const partyOf = (access: Access, doc: Pick<DocumentRecord, 'uploadedSide'>, reachesProvider: boolean) =>
    doc.uploadedSide === 'provider' || reachesProvider ? access.engagement.awardedProviderOrgId : null;

  return {
    async library(ctx: RequestContext, engagementId: string): Promise<DocumentLibrary> {
      const userId = userIdOf(ctx);
      const access = await engagementToRead(store, ctx, engagementId, 'document.read');
      const docs = await store.read.documents.list(engagementId);
      return {
        documents: await views(store.read, access, userId, docs),
        policies: Object.values(classificationPolicies),
        maxUploadBytes: deps.maxUploadBytes,
        mayUpload: mayNow(access.standing, access.engagement.status, 'document.upload'),
        mayGrant: mayNow(access.standing, access.engagement.status, 'document.grant'),
      };
    },

    async get(ctx: RequestContext, engagementId: string, documentId: string): Promise<DocumentView> {
      const userId = userIdOf(ctx);
      const access = await engagementToRead(store, ctx, engagementId, 'document.read');
      return one(store.read, access, userId, documentId);
    },

    /**
     * Stores an upload: the content is encrypted as it streams in, then checked (its bytes must be
     * what its name says); a refused or failed upload leaves nothing behind. A name already on the
     * engagement (from the same side) gets a new version.
     */
    upload: (
      ctx: RequestContext,
      engagementId: string,
      input: UploadDocumentQuery,
      content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    ) => storeVersion(ctx, engagementId, input, content, null),

    /**
     * A copy made from a document (a pseudonymised one), stored like an upload and pointing at its
     * source; what the copy goes with is written in its transaction, under the engagement's lock.
     */
    storeCopy: (ctx: RequestContext, engagementId: string, input: UploadDocumentQuery, content: Iterable<Uint8Array>, copy: StoredCopy) =>
      storeVersion(ctx, engagementId, input, content, copy),

    /**
     * A version's content for the browser's viewer or as a download, watermarked (visible mark and
     * the fingerprint of this access) as its classification requires; the access is recorded.
     */
    async open(
      ctx: RequestContext,
      engagementId: string,
      documentId: string,
      version: number | 'latest',
      mode: 'view' | 'download',
    ): Promise<{ bytes: Uint8Array; name: string; mediaType: string; watermarked: boolean }> {
      const userId = userIdOf(ctx);
      const actor = ctx.actor.kind === 'user' ? ctx.actor : null;
      const access = await engagementToRead(store, ctx, engagementId, 'document.read');
      const { doc, right } = await visibleDocument(store.read, access, userId, documentId);
      if (mode === 'download' && right.mode !== 'download')
        throw new AppError('forbidden', 'This document may be viewed in the browser, not downloaded.', { reason: 'view_only' });
      const v = await versionOf(store.read, doc, version);
      const plain = await vault.read(engagementId, v.blobId);
      const policy = classificationPolicies[doc.classification];
      const accessId = deps.random.uuid();
      const at = deps.clock.now().toISOString();
      const watermarked = policy.watermark;
      let bytes = plain;
      if (watermarked) {
        const [user, org] = await Promise.all([store.read.users.get(userId), actor ? store.read.orgs.get(actor.orgId) : null]);
        bytes = await deps.watermark(plain, v.kind, {
          userName: user?.displayName ?? userId,
          orgName: org?.name ?? '',
          at,
          documentId: doc.id,
          downloadId: accessId,
          locale: user?.locale ?? 'ja',
        });
      }
      await store.transaction(async (tx) => {
        await tx.documents.insertAccess({
          id: accessId,
          documentId: doc.id,
          version: v.version,
          engagementId,
          userId,
          orgId: actor?.orgId ?? null,
          grantId: right.grant?.id ?? null,
          mode,
          watermarked,
          at,
        });
        if (right.grant) await tx.documents.touchGrant(right.grant.id, at);
        await auditEngagement(
          deps,
          tx,
          ctx,
          access.engagement,
          {
            type: mode === 'download' ? 'document.downloaded' : 'document.viewed',
            resource: { type: 'document', id: doc.id },
            data: { version: v.version, accessId, grantId: right.grant?.id ?? null, watermarked },
          },
          partyOf(access, doc, right.grant !== null || sideOfStanding(access.standing) === 'provider'),
        );
      });
      return { bytes, name: doc.name, mediaType: v.mediaType, watermarked };
    },

    /** Gives a document to the provider's team or one of its people, for a number of days, within the classification's policy. */
    async grant(ctx: RequestContext, engagementId: string, documentId: string, input: CreateGrantRequest): Promise<DocumentView> {
      const userId = userIdOf(ctx);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'document.grant', true);
        const doc = await documentOn(tx, engagementId, documentId);
        // Only the client's documents are granted: the provider's own are its team's already.
        if (doc.uploadedSide !== 'client') throw documentNotFound();
        const policy = classificationPolicies[doc.classification];
        const refuse = (
          reason: 'grantee_not_allowed' | 'grant_too_long' | 'grant_access_too_high' | 'grantee_not_on_team',
          path: string,
          message: string,
          params: Record<string, number> = {},
        ) => new AppError('invalid_input', message, { reason, params, issues: [{ path: [path], code: reason, message, params }] });
        if (!policy.grantees.includes(input.grantee.kind))
          throw refuse('grantee_not_allowed', 'grantee', `A ${doc.classification} document is granted to named people only.`);
        if (input.days > policy.maxGrantDays)
          throw refuse('grant_too_long', 'days', `A ${doc.classification} document is granted for at most ${policy.maxGrantDays} days.`, {
            max: policy.maxGrantDays,
          });
        if (!accessCovers(policy.maxAccess, input.access))
          throw refuse('grant_access_too_high', 'access', `A ${doc.classification} document may only be viewed in the browser.`);
        if (input.grantee.kind === 'user' && !access.facts.providerTeamUserIds.includes(input.grantee.userId)) {
          const member = access.engagement.awardedProviderOrgId
            ? await tx.memberships.get(input.grantee.userId, access.engagement.awardedProviderOrgId)
            : null;
          const leads = member?.roles.some((r) => r === 'provider_admin' || r === 'delivery_manager');
          if (!leads)
            throw refuse('grantee_not_on_team', 'grantee', "Only people on the provider's team for this engagement can be granted.");
        }
        // Conflict walls (#9.8): nobody with a conflict no override covers is given the document; a grant
        // to the team is refused naming every blocked person it would reach.
        await assertNoConflict(
          deps,
          tx,
          ctx,
          access,
          input.grantee.kind === 'user' ? input.grantee.userId : await teamGrantReach(tx, access),
          { action: 'document_grant', documentId: doc.id, path: 'grantee' },
        );
        const now = deps.clock.now();
        const record: DocumentGrantRecord = {
          id: deps.random.uuid(),
          documentId: doc.id,
          engagementId,
          granteeKind: input.grantee.kind,
          granteeUserId: input.grantee.kind === 'user' ? input.grantee.userId : null,
          access: input.access,
          grantedBy: userId,
          grantedAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + input.days * DAY_MS).toISOString(),
          endedAt: null,
          endedBy: null,
          endReason: null,
          lastUsedAt: null,
        };
        await tx.documents.insertGrant(record);
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'document.granted',
          resource: { type: 'document_grant', id: record.id },
          data: {
            documentId: doc.id,
            grantee: record.granteeKind === 'team' ? 'team' : (record.granteeUserId ?? ''),
            access: record.access,
            expiresAt: record.expiresAt,
          },
        });
        const e = access.engagement;
        const told = record.granteeUserId ? [record.granteeUserId] : await recipientsOn(tx, e, 'provider');
        await notify(deps, tx, e, providerAudience(e), told, 'document.granted', { document: doc.name, days: input.days });
        return one(tx, access, userId, doc.id);
      });
    },

    /** Ends a grant now. */
    async revoke(ctx: RequestContext, engagementId: string, documentId: string, grantId: string): Promise<DocumentView> {
      const userId = userIdOf(ctx);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'document.grant', true);
        const grant = await tx.documents.grant(grantId);
        if (!grant || grant.documentId !== documentId || grant.engagementId !== engagementId)
          throw new AppError('not_found', 'No such grant on this document.', { reason: 'grant_not_found' });
        const at = deps.clock.now().toISOString();
        if (await tx.documents.endGrant(grant.id, at, userId, 'revoked')) {
          await auditEngagement(deps, tx, ctx, access.engagement, {
            type: 'document.grant_revoked',
            resource: { type: 'document_grant', id: grant.id },
            data: { documentId },
          });
        }
        return one(tx, access, userId, documentId);
      });
    },

    /** Every grant of the engagement that is live now, with its document and last use. */
    async accessReview(ctx: RequestContext, engagementId: string): Promise<AccessReview> {
      const access = await engagementToRead(store, ctx, engagementId, 'document.review_access');
      const now = deps.clock.now();
      const grants = (await store.read.documents.grants(access.engagement.id)).filter((g) => grantState(g, now) === 'live');
      const docs = new Map((await store.read.documents.list(engagementId)).map((d) => [d.id, d]));
      const views = await grantViews(store.read, grants, now);
      return {
        grants: views.flatMap((g) => {
          const d = docs.get(g.documentId);
          return d ? [{ ...g, documentName: d.name, classification: d.classification }] : [];
        }),
      };
    },
  };
}

export type DocumentService = ReturnType<typeof documentService>;

/**
 * Ends every grant of an engagement whose work is over (accepted, closed, cancelled), in the
 * transition's transaction, with one audit event.
 */
export async function endGrantsOfEngagement(
  deps: EngagementDeps,
  tx: Repos,
  ctx: RequestContext,
  access: Pick<Access, 'engagement'>,
  at: string,
): Promise<void> {
  const by = actingUserId(ctx);
  const ended = await tx.documents.endGrantsOf(access.engagement.id, at, by, 'engagement_ended');
  if (ended.length === 0) return;
  await auditEngagement(deps, tx, ctx, access.engagement, {
    type: 'document.grants_ended',
    resource: { type: 'engagement', id: access.engagement.id },
    data: { grants: ended.length, status: access.engagement.status },
  });
}
