import type { Kysely, Selectable } from 'kysely';
import type { CodingRepo, SurveyCodeframeRecord, SurveyCodeframeVersionRecord, SurveyCodingOverrideRecord } from '../../core/store.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

const toCodeframe = (r: Selectable<DB['survey_codeframes']>): SurveyCodeframeRecord => ({
  id: r.id,
  datasetId: r.dataset_id,
  datasetVersion: r.dataset_version,
  question: r.question,
  latestVersion: r.latest_version,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const toVersion = (r: Selectable<DB['survey_codeframe_versions']>): SurveyCodeframeVersionRecord => ({
  codeframeId: r.codeframe_id,
  version: r.version,
  codesSealed: r.codes_sealed,
  savedBy: r.saved_by,
  savedAt: iso(r.saved_at),
});

const toOverride = (r: Selectable<DB['survey_coding_overrides']>): SurveyCodingOverrideRecord => ({
  codeframeId: r.codeframe_id,
  respondent: r.respondent,
  codes: r.codes,
  setBy: r.set_by,
  setAt: iso(r.set_at),
});

export function createCodingRepo(db: Kysely<DB>): CodingRepo {
  return {
    async listForDataset(datasetId) {
      const rows = await db
        .selectFrom('survey_codeframes')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toCodeframe);
    },
    async get(id) {
      const r = await db.selectFrom('survey_codeframes').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toCodeframe(r) : null;
    },
    async getForUpdate(id) {
      const r = await db.selectFrom('survey_codeframes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      return r ? toCodeframe(r) : null;
    },
    async insert(c) {
      await db
        .insertInto('survey_codeframes')
        .values({
          id: c.id,
          dataset_id: c.datasetId,
          dataset_version: c.datasetVersion,
          question: c.question,
          latest_version: c.latestVersion,
          created_by: c.createdBy,
          created_at: c.createdAt,
          updated_at: c.updatedAt,
        })
        .execute();
    },
    async setLatest(id, latestVersion, updatedAt) {
      await db
        .updateTable('survey_codeframes')
        .set({ latest_version: latestVersion, updated_at: updatedAt })
        .where('id', '=', id)
        .execute();
    },
    async insertVersion(v) {
      await db
        .insertInto('survey_codeframe_versions')
        .values({ codeframe_id: v.codeframeId, version: v.version, codes_sealed: v.codesSealed, saved_by: v.savedBy, saved_at: v.savedAt })
        .execute();
    },
    async version(codeframeId, version) {
      const r = await db
        .selectFrom('survey_codeframe_versions')
        .selectAll()
        .where('codeframe_id', '=', codeframeId)
        .where('version', '=', version)
        .executeTakeFirst();
      return r ? toVersion(r) : null;
    },
    async setOverride(o) {
      const values = {
        codeframe_id: o.codeframeId,
        respondent: o.respondent,
        codes: JSON.stringify(o.codes),
        set_by: o.setBy,
        set_at: o.setAt,
      };
      await db
        .insertInto('survey_coding_overrides')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['codeframe_id', 'respondent']).doUpdateSet({ codes: values.codes, set_by: o.setBy, set_at: o.setAt }),
        )
        .execute();
    },
    async overrides(codeframeId) {
      const rows = await db
        .selectFrom('survey_coding_overrides')
        .selectAll()
        .where('codeframe_id', '=', codeframeId)
        .orderBy('respondent')
        .execute();
      return rows.map(toOverride);
    },
  };
}
