import type { Kysely, Selectable } from 'kysely';
import type { SurveyDatasetRecord, SurveyDatasetVersionRecord, SurveyRepo, SurveyWeightingRecord } from '../../core/store.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

const toDataset = (r: Selectable<DB['survey_datasets']>): SurveyDatasetRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  name: r.name,
  latestVersion: r.latest_version,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const toVersion = (r: Selectable<DB['survey_dataset_versions']>): SurveyDatasetVersionRecord => ({
  datasetId: r.dataset_id,
  version: r.version,
  codebookSealed: r.codebook_sealed,
  documentId: r.document_id,
  documentVersion: r.document_version,
  sheet: r.sheet,
  encoding: r.encoding,
  respondents: r.respondents,
  questions: r.questions,
  note: r.note,
  savedBy: r.saved_by,
  savedAt: iso(r.saved_at),
});

const toWeighting = (r: Selectable<DB['survey_weightings']>): SurveyWeightingRecord => ({
  id: r.id,
  datasetId: r.dataset_id,
  datasetVersion: r.dataset_version,
  name: r.name,
  targets: r.targets,
  options: r.options,
  report: r.report,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
});

export function createSurveyRepo(db: Kysely<DB>): SurveyRepo {
  return {
    async listForEngagement(engagementId) {
      const rows = await db
        .selectFrom('survey_datasets')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toDataset);
    },
    async get(id) {
      const r = await db.selectFrom('survey_datasets').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDataset(r) : null;
    },
    async getForUpdate(id) {
      const r = await db.selectFrom('survey_datasets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      return r ? toDataset(r) : null;
    },
    async insert(d) {
      await db
        .insertInto('survey_datasets')
        .values({
          id: d.id,
          engagement_id: d.engagementId,
          name: d.name,
          latest_version: d.latestVersion,
          created_by: d.createdBy,
          created_at: d.createdAt,
          updated_at: d.updatedAt,
        })
        .execute();
    },
    async setLatest(id, latestVersion, updatedAt) {
      await db.updateTable('survey_datasets').set({ latest_version: latestVersion, updated_at: updatedAt }).where('id', '=', id).execute();
    },
    async insertVersion(v) {
      await db
        .insertInto('survey_dataset_versions')
        .values({
          dataset_id: v.datasetId,
          version: v.version,
          codebook_sealed: v.codebookSealed,
          document_id: v.documentId,
          document_version: v.documentVersion,
          sheet: v.sheet,
          encoding: v.encoding,
          respondents: v.respondents,
          questions: v.questions,
          note: v.note,
          saved_by: v.savedBy,
          saved_at: v.savedAt,
        })
        .execute();
    },
    async versions(datasetId) {
      const rows = await db
        .selectFrom('survey_dataset_versions')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map(toVersion);
    },
    async version(datasetId, version) {
      const r = await db
        .selectFrom('survey_dataset_versions')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where('version', '=', version)
        .executeTakeFirst();
      return r ? toVersion(r) : null;
    },
    async insertWeighting(w) {
      await db
        .insertInto('survey_weightings')
        .values({
          id: w.id,
          dataset_id: w.datasetId,
          dataset_version: w.datasetVersion,
          name: w.name,
          targets: JSON.stringify(w.targets),
          options: JSON.stringify(w.options),
          report: JSON.stringify(w.report),
          created_by: w.createdBy,
          created_at: w.createdAt,
        })
        .execute();
    },
    async weightings(datasetId, datasetVersion) {
      const rows = await db
        .selectFrom('survey_weightings')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where('dataset_version', '=', datasetVersion)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toWeighting);
    },
    async weighting(id) {
      const r = await db.selectFrom('survey_weightings').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toWeighting(r) : null;
    },
  };
}
