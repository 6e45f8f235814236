import type { AttestRequest, CloseOutView, DestroyRequest } from '../../shared/contracts/documents.js';
import { AppError } from '../../shared/errors.js';
import { actingUserId, type RequestContext } from '../access/actor.js';
import { mayNow, sideOfStanding } from '../access/engagement-rules.js';
import {
  type Access,
  auditEngagement,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  people,
  personOr,
} from '../engagements/context.js';
import type { DestructionRecord, Repos } from '../store.js';
import type { Certifier, VaultStorage } from './ports.js';

export interface CloseOutDeps extends EngagementDeps {
  vault: VaultStorage;
  certify: Certifier;
}

/**
 * The end of an engagement's vault. Once the engagement is closed or cancelled, the client's lead
 * destroys its data: the data key is destroyed in the same transaction as the record of what it
 * opened and the audit event (crypto-shredding: every copy of every blob is unreadable from then
 * on), every grant ends, and the blobs are deleted after the commit. A signed destruction
 * certificate states it; the provider's lead attests that its own copies are gone too.
 */
export function closeOutService(deps: CloseOutDeps) {
  const { store } = deps;

  async function view(tx: Repos, access: Access): Promise<CloseOutView> {
    const id = access.engagement.id;
    const [destroyed, attestation] = await Promise.all([tx.documents.destruction(id), tx.documents.attestation(id)]);
    const names = await people(tx, [destroyed?.destroyedBy ?? null, attestation?.attestedBy ?? null]);
    const { standing, engagement } = access;
    // How many files the client kept, and how large, is not the provider's business (docs/security.md).
    const clientSide = sideOfStanding(standing) === 'client';
    return {
      destroyed: destroyed && {
        at: destroyed.destroyedAt,
        by: destroyed.destroyedBy ? personOr(names, destroyed.destroyedBy) : null,
        documents: clientSide ? new Set(destroyed.documents.map((d) => d.id)).size : null,
        versions: clientSide ? destroyed.documents.length : null,
        totalBytes: clientSide ? destroyed.documents.reduce((sum, d) => sum + d.sizeBytes, 0) : null,
        certificateId: destroyed.certificateId,
        dataKeyId: destroyed.dataKeyId,
      },
      attestation: attestation && {
        by: attestation.attestedBy ? personOr(names, attestation.attestedBy) : null,
        at: attestation.attestedAt,
        statement: attestation.statement,
      },
      mayDestroy: !destroyed && mayNow(standing, engagement.status, 'document.destroy'),
      mayAttest: !attestation && mayNow(standing, engagement.status, 'document.attest_deletion'),
      mayDownloadCertificate: !!destroyed && mayNow(standing, engagement.status, 'document.review_access'),
    };
  }

  return {
    async status(ctx: RequestContext, engagementId: string): Promise<CloseOutView> {
      const access = await engagementToRead(store, ctx, engagementId, 'document.read');
      return view(store.read, access);
    },

    async destroy(ctx: RequestContext, engagementId: string, input: DestroyRequest): Promise<CloseOutView> {
      const by = actingUserId(ctx);
      const result = await store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'document.destroy', true);
        const e = access.engagement;
        const typed = input.confirm.normalize('NFC').trim();
        if (typed !== e.title.normalize('NFC').trim() && typed !== e.codeName?.normalize('NFC').trim()) {
          const message = "Type the engagement's name to confirm: destroying its data cannot be undone.";
          throw new AppError('invalid_input', message, {
            reason: 'confirmation_mismatch',
            issues: [{ path: ['confirm'], code: 'confirmation_mismatch', message }],
          });
        }
        if (await tx.documents.destruction(engagementId))
          throw new AppError('conflict', "This engagement's data has already been destroyed.", { reason: 'already_destroyed' });
        const at = deps.clock.now().toISOString();
        const docs = await tx.documents.list(engagementId);
        const versions = await tx.documents.versions(docs.map((d) => d.id));
        const byId = new Map(docs.map((d) => [d.id, d]));
        const record: DestructionRecord = {
          engagementId,
          certificateId: deps.random.uuid(),
          destroyedAt: at,
          destroyedBy: by,
          documents: versions.map((v) => {
            const d = byId.get(v.documentId);
            return {
              id: v.documentId,
              name: d?.name ?? '',
              version: v.version,
              sha256: v.sha256,
              classification: d?.classification ?? 'confidential',
              sizeBytes: v.sizeBytes,
            };
          }),
          dataKeyId: await tx.documents.destroyDataKey(engagementId, by, at),
        };
        const grantsEnded = await tx.documents.endGrantsOf(engagementId, at, by, 'destroyed');
        await tx.documents.markDestroyed(engagementId, at);
        await tx.documents.insertDestruction(record);
        // The client's event: its counts say how many files the client kept (the provider hears of the close-out by its state).
        await auditEngagement(
          deps,
          tx,
          ctx,
          e,
          {
            type: 'vault.destroyed',
            resource: { type: 'engagement', id: engagementId },
            data: {
              certificateId: record.certificateId,
              documents: docs.length,
              versions: versions.length,
              grantsEnded: grantsEnded.length,
              dataKeyId: record.dataKeyId,
            },
          },
          null,
        );
        return view(tx, access);
      });
      // The key is gone: the blobs can no longer be read. Deleting them frees the space; should it
      // fail, the clean-up job deletes the blobs of destroyed documents later.
      await deps.vault.deleteBlobsOf(engagementId).catch(() => 0);
      return result;
    },

    async attest(ctx: RequestContext, engagementId: string, input: AttestRequest): Promise<CloseOutView> {
      const by = actingUserId(ctx);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'document.attest_deletion', true);
        const e = access.engagement;
        if (await tx.documents.attestation(engagementId))
          throw new AppError('conflict', "The provider's deletion statement has already been received.", { reason: 'already_attested' });
        const providerOrgId = e.awardedProviderOrgId ?? '';
        await tx.documents.insertAttestation({
          engagementId,
          providerOrgId,
          attestedBy: by,
          attestedAt: deps.clock.now().toISOString(),
          statement: input.statement.trim(),
        });
        await auditEngagement(deps, tx, ctx, e, {
          type: 'vault.deletion_attested',
          resource: { type: 'engagement', id: engagementId },
          data: { providerOrgId },
        });
        return view(tx, access);
      });
    },

    /** The signed destruction certificate, with the provider's statement when it has come. */
    async certificate(ctx: RequestContext, engagementId: string, locale: 'ja' | 'en' | undefined) {
      const access = await engagementToRead(store, ctx, engagementId, 'document.review_access');
      const tx = store.read;
      const destroyed = await tx.documents.destruction(engagementId);
      if (!destroyed) throw new AppError('not_found', "This engagement's data has not been destroyed yet.", { reason: 'not_destroyed' });
      const e = access.engagement;
      const [client, destroyer, attestation, reader] = await Promise.all([
        tx.orgs.get(e.clientOrgId),
        destroyed.destroyedBy ? tx.users.get(destroyed.destroyedBy) : null,
        tx.documents.attestation(engagementId),
        ctx.actor.kind === 'user' ? tx.users.get(ctx.actor.userId) : null,
      ]);
      const [attester, provider] = attestation
        ? await Promise.all([attestation.attestedBy ? tx.users.get(attestation.attestedBy) : null, tx.orgs.get(attestation.providerOrgId)])
        : [null, null];
      const bytes = await deps.certify({
        certificateId: destroyed.certificateId,
        engagementId,
        engagementName: e.codeName ? `${e.title}（${e.codeName}）` : e.title,
        clientOrgName: client?.name ?? '',
        destroyedAt: destroyed.destroyedAt,
        destroyedBy: { name: destroyer?.displayName ?? 'kpo', email: destroyer?.email ?? '' },
        documents: destroyed.documents,
        dataKeyId: destroyed.dataKeyId,
        providerAttestation: attestation && {
          by: `${attester?.displayName ?? ''}${provider ? `（${provider.name}）` : ''}`.trim() || 'provider',
          at: attestation.attestedAt,
          statement: attestation.statement,
        },
        locale: locale ?? reader?.locale ?? 'ja',
      });
      return { bytes, fileName: `destruction-certificate-${destroyed.certificateId}.pdf` };
    },
  };
}

export type CloseOutService = ReturnType<typeof closeOutService>;
