import type { DocumentView, PiiReview, PseudonymiseRequest } from '../../shared/contracts/documents.js';
import { AppError } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import { auditEngagement, type EngagementDeps, engagementAlsoFor, engagementFor } from '../engagements/context.js';
import type { DocumentRecord, DocumentVersionRecord, Repos } from '../store.js';
import { emptyMapping, parseMapping } from './pii/pseudonymise.js';
import type { PiiEngine, PseudonymState, VaultStorage } from './ports.js';
import { documentOn, type StoredCopy, versionOf } from './service.js';

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
    copy: StoredCopy,
  ) => Promise<DocumentView>;
}

const MAPPING = 'pii-mapping';
/** Copies made at the same moment each save in turn; one that found the mapping moved is made again, this many times in all. */
const PSEUDONYMISE_ATTEMPTS = 5;

/** The mapping a copy was made from is no longer the saved one. */
class MappingMoved extends Error {}

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

  async function stateOf(engagementId: string, sealed: string | null): Promise<PseudonymState> {
    if (!sealed) return { mapping: emptyMapping(), codeNames: [] };
    const value = JSON.parse(await vault.open(engagementId, MAPPING, sealed)) as {
      mapping: unknown;
      codeNames: PseudonymState['codeNames'];
    };
    return { mapping: parseMapping(value.mapping), codeNames: value.codeNames ?? [] };
  }

  const savedState = async (tx: Repos, engagementId: string) => stateOf(engagementId, await tx.documents.pseudonymState(engagementId));

  /**
   * What a pseudonymised copy is stored with, in its transaction under the engagement's lock: the
   * mapping it extended — saved only if it still extends the saved one (`MappingMoved` otherwise) —
   * and its audit event.
   */
  function withMapping(
    ctx: RequestContext,
    source: { doc: DocumentRecord; v: DocumentVersionRecord },
    extended: { from: string | null; sealed: string; replaced: number; tokens: number; codeNames: number },
  ): StoredCopy {
    const { doc, v } = source;
    return {
      sourceDocumentId: doc.id,
      async alsoInTransaction(tx, upload, copyId) {
        const access = await engagementAlsoFor(tx, ctx, upload, 'document.pseudonymise');
        if ((await tx.documents.pseudonymState(doc.engagementId)) !== extended.from) throw new MappingMoved();
        await tx.documents.savePseudonymState(doc.engagementId, extended.sealed, deps.clock.now().toISOString());
        const { replaced, tokens, codeNames } = extended;
        await auditEngagement(
          deps,
          tx,
          ctx,
          access.engagement,
          {
            type: 'document.pseudonymised',
            resource: { type: 'document', id: copyId },
            data: { sourceDocumentId: doc.id, sourceVersion: v.version, replaced, tokens, codeNames },
          },
          null,
        );
      },
    };
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
      const { codeNames } = await savedState(store.read, engagementId);
      return { documentId: doc.id, version: v.version, findings, counts, codeNames };
    },

    /**
     * The pseudonymised copy, stored as a new client document of the same classification. Its
     * tokens extend the engagement's mapping, which the copy's transaction saves under the
     * engagement's lock only if no other copy saved it meanwhile; otherwise the copy is made again
     * from the newer mapping, so two people are never given one token.
     */
    async pseudonymise(
      ctx: RequestContext,
      engagementId: string,
      documentId: string,
      version: number | 'latest',
      input: PseudonymiseRequest,
    ): Promise<DocumentView> {
      await engagementFor(store.read, ctx, engagementId, 'document.pseudonymise');
      const { doc, v } = await loadVersion(store.read, engagementId, documentId, version);
      const content = await vault.read(engagementId, v.blobId);
      const dot = doc.name.lastIndexOf('.');
      const name = `${doc.name.slice(0, dot)}_pseudonymised${doc.name.slice(dot)}`;
      for (let attempt = 1; ; attempt++) {
        const from = await store.read.documents.pseudonymState(engagementId);
        const before = await stateOf(engagementId, from);
        const codeNames = input.codeNames ?? before.codeNames;
        const done = await pii.pseudonymise(content, v.kind, { ...before, codeNames }, input.types ?? null);
        const copy = withMapping(
          ctx,
          { doc, v },
          {
            from,
            sealed: await vault.seal(engagementId, MAPPING, JSON.stringify(done.state)),
            replaced: done.replaced,
            tokens: done.state.mapping.entries.length,
            codeNames: codeNames.length,
          },
        );
        const stored = { name, classification: doc.classification, note: `v${v.version}: ${done.replaced}` };
        try {
          return await deps.storeCopy(ctx, engagementId, stored, [done.bytes], copy);
        } catch (e) {
          if (!(e instanceof MappingMoved)) throw e;
          if (attempt === PSEUDONYMISE_ATTEMPTS)
            throw new AppError('conflict', 'Other pseudonymised copies of this engagement were being made at the same moment; try again.', {
              reason: 'concurrent_change',
            });
        }
      }
    },

    /** A returned document (or a pseudonymised copy) with the originals back, for the client's people only. */
    async reidentify(ctx: RequestContext, engagementId: string, documentId: string, version: number | 'latest') {
      const access = await engagementFor(store.read, ctx, engagementId, 'document.pseudonymise');
      const { doc, v } = await loadVersion(store.read, engagementId, documentId, version);
      const state = await savedState(store.read, engagementId);
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
