import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { PatentCorpusRecord, PatentRepo, SavedSearchRecord } from '../../core/workbenches/patent-search/store.js';
import type { PatentRecord } from '../../shared/contracts/patents.js';
import type { SavedSearchStep } from '../../shared/contracts/patents-api.js';
import { readPatentEvidence } from '../patents/evidence.js';
import { createPatentIndexStore } from '../patents/index-store.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

const toCorpus = (r: { id: string; name: string; engagement_id: string | null; documents: number }): PatentCorpusRecord => ({
  id: r.id,
  name: r.name,
  engagementId: r.engagement_id,
  documents: r.documents,
});

const toSearch = (r: Selectable<DB['patent_saved_searches']>): SavedSearchRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  title: r.title,
  latestVersion: r.latest_version,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** Patent corpora, their index and saved searches (migrations 0023, 0024). */
export function createPatentRepo(db: Kysely<DB>): PatentRepo {
  const index = createPatentIndexStore(db);
  return {
    evidence: (engagementId, corpora, numbers) => readPatentEvidence(db, engagementId, corpora, numbers),
    index,

    async corporaFor(engagementId) {
      const rows = await db
        .selectFrom('patent_corpora')
        .select(['id', 'name', 'engagement_id', 'documents'])
        .where((w) => w.or([w('engagement_id', '=', engagementId), w('engagement_id', 'is', null)]))
        .orderBy(sql`engagement_id IS NULL`)
        .orderBy(sql`lower(name)`)
        .execute();
      return rows.map(toCorpus);
    },

    async corpus(id) {
      const r = await db
        .selectFrom('patent_corpora')
        .select(['id', 'name', 'engagement_id', 'documents'])
        .where('id', '=', id)
        .executeTakeFirst();
      return r ? toCorpus(r) : null;
    },

    async findCorpus(name, engagementId) {
      return index.findCorpus(name, engagementId);
    },

    async insertCorpus(c) {
      const inserted = await db
        .insertInto('patent_corpora')
        .values({ id: c.id, name: c.name, engagement_id: c.engagementId, created_by: c.createdBy, created_at: c.at, updated_at: c.at })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    // Called inside the store's transaction, where `db` is that transaction.
    importBatch: (corpusId, batch, at) => index.importBatch(db as Transaction<DB>, corpusId, batch, new Date(at)),
    compactBlocks: (corpusId, fromBlock) => index.compactBlocks(corpusId, fromBlock),

    async records(corpusId, numbers) {
      const out = new Map<string, PatentRecord>();
      if (numbers.length === 0) return out;
      const rows = await db
        .selectFrom('patents')
        .select(['number', 'record'])
        .where('corpus_id', '=', corpusId)
        .where('number', 'in', [...numbers])
        .execute();
      for (const r of rows) out.set(r.number, r.record as PatentRecord);
      return out;
    },

    async savedSearches(engagementId) {
      const rows = await db
        .selectFrom('patent_saved_searches as s')
        .innerJoin('patent_saved_search_versions as v', (j) =>
          j.onRef('v.search_id', '=', 's.id').onRef('v.version', '=', 's.latest_version'),
        )
        .selectAll('s')
        .select(sql<number>`jsonb_array_length(v.steps)`.as('step_count'))
        .where('s.engagement_id', '=', engagementId)
        .orderBy('s.updated_at', 'desc')
        .orderBy('s.id')
        .execute();
      return rows.map((r) => ({ ...toSearch(r), steps: Number(r.step_count) }));
    },

    async savedSearch(id, forUpdate = false) {
      let q = db.selectFrom('patent_saved_searches').selectAll().where('id', '=', id);
      if (forUpdate) q = q.forUpdate();
      const r = await q.executeTakeFirst();
      return r ? toSearch(r) : null;
    },

    async insertSavedSearch(s) {
      await db
        .insertInto('patent_saved_searches')
        .values({
          id: s.id,
          engagement_id: s.engagementId,
          title: s.title,
          latest_version: s.latestVersion,
          created_by: s.createdBy,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        })
        .execute();
    },

    async setLatestVersion(id, version, at) {
      await db.updateTable('patent_saved_searches').set({ latest_version: version, updated_at: at }).where('id', '=', id).execute();
    },

    async insertSavedSearchVersion(v) {
      await db
        .insertInto('patent_saved_search_versions')
        .values({
          search_id: v.searchId,
          version: v.version,
          steps: JSON.stringify(v.steps),
          note: v.note,
          saved_by: v.savedBy,
          saved_at: v.savedAt,
        })
        .execute();
    },

    async savedSearchVersion(id, version) {
      const r = await db
        .selectFrom('patent_saved_search_versions')
        .selectAll()
        .where('search_id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return r
        ? {
            searchId: r.search_id,
            version: r.version,
            // Steps saved before the facet filters were kept have none.
            steps: (r.steps as Partial<SavedSearchStep>[]).map((step) => ({
              ...(step as SavedSearchStep),
              years: step.years ?? [],
              assignees: step.assignees ?? [],
              legalStatuses: step.legalStatuses ?? [],
            })),
            note: r.note,
            savedBy: r.saved_by,
            savedAt: iso(r.saved_at),
          }
        : null;
    },
  };
}
