import { type Kysely, type Selectable, sql } from 'kysely';
import type { ResearchCanvasRecord, ResearchCanvasRepo, ResearchCanvasVersionRecord } from '../../core/store.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

const toCanvas = (r: Selectable<DB['research_canvases']>): ResearchCanvasRecord => ({
  id: r.id,
  engagementId: r.engagement_id,
  kind: r.kind,
  title: r.title,
  latestVersion: r.latest_version,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const toVersion = (r: Selectable<DB['research_canvas_versions']>): ResearchCanvasVersionRecord => ({
  canvasId: r.canvas_id,
  version: r.version,
  body: r.body,
  note: r.note,
  savedBy: r.saved_by,
  savedAt: iso(r.saved_at),
});

/** Market sizings and competitor matrices of market-research engagements. */
export function createResearchCanvasRepo(db: Kysely<DB>): ResearchCanvasRepo {
  return {
    async latestSizingOf(engagementId, market, approach, exceptId) {
      const r = await db
        .selectFrom('research_canvases as c')
        .innerJoin('research_canvas_versions as v', (j) => j.onRef('v.canvas_id', '=', 'c.id').onRef('v.version', '=', 'c.latest_version'))
        .selectAll('c')
        .select(['v.canvas_id', 'v.version', 'v.body', 'v.note', 'v.saved_by', 'v.saved_at'])
        .where('c.engagement_id', '=', engagementId)
        .where('c.kind', '=', 'sizing')
        .where('c.id', '<>', exceptId)
        .where(sql<string>`v.body->>'market'`, '=', market)
        .where(sql<string>`v.body->>'approach'`, '=', approach)
        .orderBy('c.updated_at', 'desc')
        .orderBy('c.id')
        .limit(1)
        .executeTakeFirst();
      return r ? { canvas: toCanvas(r), version: toVersion(r) } : null;
    },
    async listForEngagement(engagementId, kind) {
      const rows = await db
        .selectFrom('research_canvases')
        .selectAll()
        .where('engagement_id', '=', engagementId)
        .where('kind', '=', kind)
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toCanvas);
    },
    async get(id) {
      const r = await db.selectFrom('research_canvases').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toCanvas(r) : null;
    },
    async getForUpdate(id) {
      const r = await db.selectFrom('research_canvases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      return r ? toCanvas(r) : null;
    },
    async insert(c) {
      await db
        .insertInto('research_canvases')
        .values({
          id: c.id,
          engagement_id: c.engagementId,
          kind: c.kind,
          title: c.title,
          latest_version: c.latestVersion,
          created_by: c.createdBy,
          created_at: c.createdAt,
          updated_at: c.updatedAt,
        })
        .execute();
    },
    async setLatest(id, latestVersion, title, updatedAt) {
      await db
        .updateTable('research_canvases')
        .set({ latest_version: latestVersion, title, updated_at: updatedAt })
        .where('id', '=', id)
        .execute();
    },
    async insertVersion(v) {
      await db
        .insertInto('research_canvas_versions')
        .values({
          canvas_id: v.canvasId,
          version: v.version,
          body: JSON.stringify(v.body),
          note: v.note,
          saved_by: v.savedBy,
          saved_at: v.savedAt,
        })
        .execute();
    },
    async versions(canvasId) {
      const rows = await db
        .selectFrom('research_canvas_versions')
        .selectAll()
        .where('canvas_id', '=', canvasId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map(toVersion);
    },
    async version(canvasId, version) {
      const r = await db
        .selectFrom('research_canvas_versions')
        .selectAll()
        .where('canvas_id', '=', canvasId)
        .where('version', '=', version)
        .executeTakeFirst();
      return r ? toVersion(r) : null;
    },
  };
}
