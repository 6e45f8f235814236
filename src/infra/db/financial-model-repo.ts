import type { Kysely, Selectable } from 'kysely';
import type { FinancialModelCommentRecord, FinancialModelRecord, FinancialModelRepo, FinancialModelVersionMeta } from '../../core/store.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

const toModel = (r: Selectable<DB['financial_models']>): FinancialModelRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  name: r.name,
  currency: r.currency,
  latestVersion: r.latest_version,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const metaColumns = [
  'model_id',
  'version',
  'sha256',
  'note',
  'value_per_share',
  'enterprise_value',
  'check_status',
  'saved_by',
  'saved_at',
  'shared_at',
  'shared_by',
  'share_reason',
] as const;

type MetaRow = Pick<Selectable<DB['financial_model_versions']>, (typeof metaColumns)[number]>;

const toMeta = (r: MetaRow): FinancialModelVersionMeta => ({
  modelId: r.model_id,
  version: r.version,
  sha256: r.sha256,
  note: r.note,
  // double precision comes back as a number from both drivers; numeric() guards a string anyway.
  valuePerShare: r.value_per_share === null ? null : Number(r.value_per_share),
  enterpriseValue: r.enterprise_value === null ? null : Number(r.enterprise_value),
  checkStatus: r.check_status,
  savedBy: r.saved_by,
  savedAt: iso(r.saved_at),
  sharedAt: r.shared_at === null ? null : iso(r.shared_at),
  sharedBy: r.shared_by,
  shareReason: r.share_reason,
});

const toComment = (r: Selectable<DB['financial_model_comments']>): FinancialModelCommentRecord => ({
  id: r.id,
  modelId: r.model_id,
  version: r.version,
  authorId: r.author_id,
  authorSide: r.author_side,
  body: r.body,
  createdAt: iso(r.created_at),
});

export function createFinancialModelRepo(db: Kysely<DB>): FinancialModelRepo {
  return {
    async listForEngagement(engagementId) {
      const rows = await db
        .selectFrom('financial_models')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toModel);
    },
    async get(id) {
      const r = await db.selectFrom('financial_models').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toModel(r) : null;
    },
    async getForUpdate(id) {
      const r = await db.selectFrom('financial_models').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      return r ? toModel(r) : null;
    },
    async insert(m) {
      await db
        .insertInto('financial_models')
        .values({
          id: m.id,
          engagement_id: m.engagementId,
          name: m.name,
          currency: m.currency,
          latest_version: m.latestVersion,
          created_by: m.createdBy,
          created_at: m.createdAt,
          updated_at: m.updatedAt,
        })
        .execute();
    },
    async setLatest(id, latestVersion, updatedAt) {
      await db.updateTable('financial_models').set({ latest_version: latestVersion, updated_at: updatedAt }).where('id', '=', id).execute();
    },
    async insertVersion(v) {
      await db
        .insertInto('financial_model_versions')
        .values({
          model_id: v.modelId,
          version: v.version,
          document: JSON.stringify(v.document),
          sha256: v.sha256,
          note: v.note,
          value_per_share: v.valuePerShare,
          enterprise_value: v.enterpriseValue,
          check_status: v.checkStatus,
          saved_by: v.savedBy,
          saved_at: v.savedAt,
          shared_at: v.sharedAt,
          shared_by: v.sharedBy,
          share_reason: v.shareReason,
        })
        .execute();
    },
    async versions(modelId, sharedOnly) {
      const rows = await db
        .selectFrom('financial_model_versions')
        .select(metaColumns)
        .where('model_id', '=', modelId)
        .$if(sharedOnly, (q) => q.where('shared_at', 'is not', null))
        .orderBy('version', 'desc')
        .execute();
      return rows.map(toMeta);
    },
    async latestVersions(modelIds, sharedOnly) {
      if (modelIds.length === 0) return [];
      const rows = await db
        .selectFrom('financial_model_versions')
        .distinctOn('model_id')
        .select(metaColumns)
        .where('model_id', 'in', [...modelIds])
        .$if(sharedOnly, (q) => q.where('shared_at', 'is not', null))
        .orderBy('model_id')
        .orderBy('version', 'desc')
        .execute();
      return rows.map(toMeta);
    },
    async share(modelId, version, by, at, reason) {
      const result = await db
        .updateTable('financial_model_versions')
        .set({ shared_at: at, shared_by: by, share_reason: reason })
        .where('model_id', '=', modelId)
        .where('version', '=', version)
        .where('shared_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertComment(c) {
      await db
        .insertInto('financial_model_comments')
        .values({
          id: c.id,
          model_id: c.modelId,
          version: c.version,
          author_id: c.authorId,
          author_side: c.authorSide,
          body: c.body,
          created_at: c.createdAt,
        })
        .execute();
    },
    async comments(modelId, version) {
      const rows = await db
        .selectFrom('financial_model_comments')
        .selectAll()
        .where('model_id', '=', modelId)
        .where('version', '=', version)
        .orderBy('seq')
        .execute();
      return rows.map(toComment);
    },
    async commentCounts(modelId) {
      const rows = await db
        .selectFrom('financial_model_comments')
        .select(['version', (eb) => eb.fn.countAll<string>().as('n')])
        .where('model_id', '=', modelId)
        .groupBy('version')
        .execute();
      return new Map(rows.map((r) => [r.version, Number(r.n)]));
    },
    async version(modelId, version) {
      const r = await db
        .selectFrom('financial_model_versions')
        .selectAll()
        .where('model_id', '=', modelId)
        .where('version', '=', version)
        .executeTakeFirst();
      return r ? { ...toMeta(r), document: r.document } : null;
    },
  };
}
