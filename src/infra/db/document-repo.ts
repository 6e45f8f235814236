import type { Kysely, Selectable } from 'kysely';
import type {
  DestructionRecord,
  DocumentAccessRecord,
  DocumentGrantRecord,
  DocumentRecord,
  DocumentRepo,
  DocumentVersionRecord,
} from '../../core/store.js';
import type { DocumentKind } from '../../shared/contracts/documents.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

const toDocument = (r: Selectable<DB['documents']>): DocumentRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  name: r.name,
  nameKey: r.name_key,
  classification: r.classification,
  uploadedSide: r.uploaded_side,
  sourceDocumentId: r.source_document_id,
  latestVersion: r.latest_version,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  destroyedAt: isoOrNull(r.destroyed_at),
});

const toVersion = (r: Selectable<DB['document_versions']>): DocumentVersionRecord => ({
  documentId: r.document_id,
  version: r.version,
  blobId: r.blob_id,
  kind: r.kind as DocumentKind,
  mediaType: r.media_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  note: r.note,
  uploadedBy: r.uploaded_by,
  uploadedAt: iso(r.uploaded_at),
});

const toGrant = (r: Selectable<DB['document_grants']>): DocumentGrantRecord => ({
  id: r.id,
  documentId: r.document_id,
  engagementId: r.engagement_id,
  granteeKind: r.grantee_kind,
  granteeUserId: r.grantee_user_id,
  access: r.access,
  grantedBy: r.granted_by,
  grantedAt: iso(r.granted_at),
  expiresAt: iso(r.expires_at),
  endedAt: isoOrNull(r.ended_at),
  endedBy: r.ended_by,
  endReason: r.end_reason,
  lastUsedAt: isoOrNull(r.last_used_at),
});

const toAccess = (r: Selectable<DB['document_accesses']>): DocumentAccessRecord => ({
  id: r.id,
  documentId: r.document_id,
  version: r.version,
  engagementId: r.engagement_id,
  userId: r.user_id,
  orgId: r.org_id,
  grantId: r.grant_id,
  mode: r.mode,
  watermarked: r.watermarked,
  at: iso(r.at),
});

export function createDocumentRepo(db: Kysely<DB>): DocumentRepo {
  return {
    async list(engagementId) {
      const rows = await db
        .selectFrom('documents')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .where('destroyed_at', 'is', null)
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toDocument);
    },
    async get(id) {
      const r = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDocument(r) : null;
    },
    async findByNameForUpdate(engagementId, side, nameKey) {
      const r = await db
        .selectFrom('documents')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .where('uploaded_side', '=', side)
        .where('name_key', '=', nameKey)
        .forUpdate()
        .executeTakeFirst();
      return r ? toDocument(r) : null;
    },
    async insert(d) {
      await db
        .insertInto('documents')
        .values({
          id: d.id,
          engagement_id: d.engagementId,
          name: d.name,
          name_key: d.nameKey,
          classification: d.classification,
          uploaded_side: d.uploadedSide,
          source_document_id: d.sourceDocumentId,
          latest_version: d.latestVersion,
          created_by: d.createdBy,
          created_at: d.createdAt,
          updated_at: d.updatedAt,
          destroyed_at: d.destroyedAt,
        })
        .execute();
    },
    async setLatest(id, version, at) {
      await db.updateTable('documents').set({ latest_version: version, updated_at: at }).where('id', '=', id).execute();
    },
    async insertVersion(v) {
      await db
        .insertInto('document_versions')
        .values({
          document_id: v.documentId,
          version: v.version,
          blob_id: v.blobId,
          kind: v.kind,
          media_type: v.mediaType,
          size_bytes: v.sizeBytes,
          sha256: v.sha256,
          note: v.note,
          uploaded_by: v.uploadedBy,
          uploaded_at: v.uploadedAt,
        })
        .execute();
    },
    async versions(documentIds) {
      if (documentIds.length === 0) return [];
      const rows = await db
        .selectFrom('document_versions')
        .selectAll()
        .where('document_id', 'in', documentIds)
        .orderBy('document_id')
        .orderBy('version', 'desc')
        .execute();
      return rows.map(toVersion);
    },
    async version(documentId, version) {
      const r = await db
        .selectFrom('document_versions')
        .selectAll()
        .where('document_id', '=', documentId)
        .where('version', '=', version)
        .executeTakeFirst();
      return r ? toVersion(r) : null;
    },
    async grants(engagementId, options = {}) {
      let q = db.selectFrom('document_grants').selectAll().where('engagement_id', '=', engagementId);
      if (options.documentId) q = q.where('document_id', '=', options.documentId);
      const rows = await q.orderBy('granted_at', 'desc').orderBy('id').execute();
      return rows.map(toGrant);
    },
    async grant(id) {
      const r = await db.selectFrom('document_grants').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toGrant(r) : null;
    },
    async insertGrant(g) {
      await db
        .insertInto('document_grants')
        .values({
          id: g.id,
          document_id: g.documentId,
          engagement_id: g.engagementId,
          grantee_kind: g.granteeKind,
          grantee_user_id: g.granteeUserId,
          access: g.access,
          granted_by: g.grantedBy,
          granted_at: g.grantedAt,
          expires_at: g.expiresAt,
          ended_at: g.endedAt,
          ended_by: g.endedBy,
          end_reason: g.endReason,
          last_used_at: g.lastUsedAt,
        })
        .execute();
    },
    async endGrant(id, at, by, reason) {
      const r = await db
        .updateTable('document_grants')
        .set({ ended_at: at, ended_by: by, end_reason: reason })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async endGrantsOf(engagementId, at, by, reason) {
      const rows = await db
        .updateTable('document_grants')
        .set({ ended_at: at, ended_by: by, end_reason: reason })
        .where('engagement_id', '=', engagementId)
        .where('ended_at', 'is', null)
        .returningAll()
        .execute();
      return rows.map(toGrant);
    },
    async touchGrant(id, at) {
      await db.updateTable('document_grants').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async insertAccess(a) {
      await db
        .insertInto('document_accesses')
        .values({
          id: a.id,
          document_id: a.documentId,
          version: a.version,
          engagement_id: a.engagementId,
          user_id: a.userId,
          org_id: a.orgId,
          grant_id: a.grantId,
          mode: a.mode,
          watermarked: a.watermarked,
          at: a.at,
        })
        .execute();
    },
    async access(id) {
      const r = await db.selectFrom('document_accesses').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAccess(r) : null;
    },
    async destroyDataKey(engagementId, by, at) {
      const row = await db
        .updateTable('vault_keys')
        .set({ sealed_key: null, destroyed_at: at, destroyed_by: by })
        .where('engagement_id', '=', engagementId)
        .where('sealed_key', 'is not', null)
        .returning('key_id')
        .executeTakeFirst();
      if (row) return row.key_id;
      const gone = await db.selectFrom('vault_keys').select('key_id').where('engagement_id', '=', engagementId).executeTakeFirst();
      return gone?.key_id ?? null;
    },
    async insertDestruction(d) {
      await db
        .insertInto('vault_destructions')
        .values({
          engagement_id: d.engagementId,
          certificate_id: d.certificateId,
          record: JSON.stringify({ documents: d.documents, dataKeyId: d.dataKeyId }),
          destroyed_at: d.destroyedAt,
          destroyed_by: d.destroyedBy,
        })
        .execute();
    },
    async destruction(engagementId) {
      const r = await db.selectFrom('vault_destructions').selectAll().where('engagement_id', '=', engagementId).executeTakeFirst();
      if (!r) return null;
      const record = (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as Pick<DestructionRecord, 'documents' | 'dataKeyId'>;
      return {
        engagementId: r.engagement_id,
        certificateId: r.certificate_id,
        destroyedAt: iso(r.destroyed_at),
        destroyedBy: r.destroyed_by,
        documents: record.documents,
        dataKeyId: record.dataKeyId,
      };
    },
    async insertAttestation(a) {
      await db
        .insertInto('vault_deletion_attestations')
        .values({
          engagement_id: a.engagementId,
          provider_org_id: a.providerOrgId,
          attested_by: a.attestedBy,
          attested_at: a.attestedAt,
          statement: a.statement,
        })
        .execute();
    },
    async attestation(engagementId) {
      const r = await db.selectFrom('vault_deletion_attestations').selectAll().where('engagement_id', '=', engagementId).executeTakeFirst();
      return r
        ? {
            engagementId: r.engagement_id,
            providerOrgId: r.provider_org_id,
            attestedBy: r.attested_by,
            attestedAt: iso(r.attested_at),
            statement: r.statement,
          }
        : null;
    },
    async pseudonymState(engagementId) {
      const r = await db.selectFrom('pii_mappings').select('sealed').where('engagement_id', '=', engagementId).executeTakeFirst();
      return r?.sealed ?? null;
    },
    async savePseudonymState(engagementId, sealed, at) {
      await db
        .insertInto('pii_mappings')
        .values({ engagement_id: engagementId, sealed, updated_at: at })
        .onConflict((oc) => oc.column('engagement_id').doUpdateSet({ sealed, updated_at: at }))
        .execute();
    },
    async markDestroyed(engagementId, at) {
      const r = await db
        .updateTable('documents')
        .set({ destroyed_at: at })
        .where('engagement_id', '=', engagementId)
        .where('destroyed_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
