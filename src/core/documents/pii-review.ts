import type { DocumentView, PiiReview, PseudonymiseRequest } from '../../shared/contracts/documents.js';
import { AppError } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import { auditEngagement, type EngagementDeps, engagementFor } from '../engagements/context.js';
import type { DocumentRecord, Repos } from '../store.js';
import { emptyMapping, parseMapping } from './pii/pseudonymise.js';
import type { PiiEngine, PseudonymState, VaultStorage } from './ports.js';
import { documentOn, versionOf } from './service.js';

export interface PiiReviewDeps extends EngagementDeps {
  vault: VaultStorage;
  pii: PiiEngine;
  maxUploadBytes: number;
  /** The document service's upload, for the copy (one path for every stored version). */
  storeCopy: (
    ctx: RequestContext,
    engagementId: string,
    input: { name: string; classification: DocumentRecord['classification']; note?: string },
    content: Iterable<Uint8Array>,
    sourceDocumentId: string,
  ) => Promise<DocumentView>;
}

const MAPPING = 'pii-mapping';

/**
 * Personal data before sharing (issue #9.6): the client's people see what the detector finds in a
 * version, then make a pseudonymised copy — each person, address, number replaced by a token that
 * is the same in every document of the engagement (人物A, PERSON_001 …), the deal's target names by
 * its code name — which they grant like any document. The mapping stays on the client's side,
 * sealed under the engagement's data key (destroyed with it), and puts the originals back into
 * work the provider returns.
 */
export function piiReviewService(deps: PiiReviewDeps) {
  const { store, vault, pii } = deps;

  async function stateOf(tx: Repos, engagementId: string): Promise<PseudonymState> {
    const sealed = await tx.documents.pseudonymState(engagementId);
    if (!sealed) return { mapping: emptyMapping(), codeNames: [] };
    const value = JSON.parse(await vault.open(engagementId, MAPPING, sealed)) as {
      mapping: unknown;
      codeNames: PseudonymState['codeNames'];
    };
    return { mapping: parseMapping(value.mapping), codeNames: value.codeNames ?? [] };
  }

  async function loadVersion(tx: Repos, engagementId: string, documentId: string, version: number | 'latest') {
    const doc = await documentOn(tx, engagementId, documentId);
    const v = await versionOf(tx, doc, version);
    if (!pii.scannable(v.kind))
      throw new AppError('invalid_input', `The text of a ${v.kind} file cannot be read for personal data.`, {
        reason: 'not_scannable',
        params: { kind: v.kind },
      });
    return { doc, v };
  }

  return {
    async review(ctx: RequestContext, engagementId: string, documentId: string, version: number | 'latest'): Promise<PiiReview> {
      await engagementFor(store.read, ctx, engagementId, 'document.pseudonymise');
      const { doc, v } = await loadVersion(store.read, engagementId, documentId, version);
      const findings = await pii.scan(await vault.read(engagementId, v.blobId), v.kind);
      const counts: Record<string, number> = {};
      for (const f of findings) counts[f.type] = (counts[f.type] ?? 0) + 1;
      const { codeNames } = await stateOf(store.read, engagementId);
      return { documentId: doc.id, version: v.version, findings, counts, codeNames };
    },

    /** The pseudonymised copy, stored as a new client document of the same classification. */
    async pseudonymise(
      ctx: RequestContext,
      engagementId: string,
      documentId: string,
      version: number | 'latest',
      input: PseudonymiseRequest,
    ): Promise<DocumentView> {
      const access = await engagementFor(store.read, ctx, engagementId, 'document.pseudonymise');
      const { doc, v } = await loadVersion(store.read, engagementId, documentId, version);
      const before = await stateOf(store.read, engagementId);
      const codeNames = input.codeNames ?? before.codeNames;
      const done = await pii.pseudonymise(await vault.read(engagementId, v.blobId), v.kind, { ...before, codeNames }, input.types ?? null);
      const dot = doc.name.lastIndexOf('.');
      const name = `${doc.name.slice(0, dot)}_pseudonymised${doc.name.slice(dot)}`;
      const copy = await deps.storeCopy(
        ctx,
        engagementId,
        { name, classification: doc.classification, note: `v${v.version}: ${done.replaced}` },
        [done.bytes],
        doc.id,
      );
      const sealed = await vault.seal(engagementId, MAPPING, JSON.stringify(done.state));
      await store.transaction(async (tx) => {
        await tx.documents.savePseudonymState(engagementId, sealed, deps.clock.now().toISOString());
        await auditEngagement(
          deps,
          tx,
          ctx,
          access.engagement,
          {
            type: 'document.pseudonymised',
            resource: { type: 'document', id: copy.id },
            data: {
              sourceDocumentId: doc.id,
              sourceVersion: v.version,
              replaced: done.replaced,
              tokens: done.state.mapping.entries.length,
              codeNames: codeNames.length,
            },
          },
          null,
        );
      });
      return copy;
    },

    /** A returned document (or a pseudonymised copy) with the originals back, for the client's people only. */
    async reidentify(ctx: RequestContext, engagementId: string, documentId: string, version: number | 'latest') {
      const access = await engagementFor(store.read, ctx, engagementId, 'document.pseudonymise');
      const { doc, v } = await loadVersion(store.read, engagementId, documentId, version);
      const state = await stateOf(store.read, engagementId);
      const bytes = await pii.reidentify(await vault.read(engagementId, v.blobId), v.kind, state);
      await store.transaction((tx) =>
        auditEngagement(
          deps,
          tx,
          ctx,
          access.engagement,
          {
            type: 'document.reidentified',
            resource: { type: 'document', id: doc.id },
            data: { version: v.version },
          },
          null,
        ),
      );
      return { bytes, name: doc.name, mediaType: v.mediaType };
    },
  };
}

export type PiiReviewService = ReturnType<typeof piiReviewService>;
