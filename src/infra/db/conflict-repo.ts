import type { Kysely } from 'kysely';
import { DEFAULT_COOLING_OFF_MONTHS } from '../../core/conflicts/rules.js';
import type { ConflictRepo, DeclarationsRecord, RestrictedEntityRecord } from '../../core/store.js';
import type { DB } from './schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** Conflict walls: declarations, the restricted list and its settings, engagement subjects, overrides. */
export function createConflictRepo(db: Kysely<DB>): ConflictRepo {
  async function declarationsOf(userIds: readonly string[], orgId: string): Promise<DeclarationsRecord[]> {
    if (userIds.length === 0) return [];
    const ids = [...userIds];
    const [heads, employers, holdings] = await Promise.all([
      db.selectFrom('conflict_declarations').selectAll().where('org_id', '=', orgId).where('user_id', 'in', ids).execute(),
      db
        .selectFrom('conflict_employers')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('user_id', 'in', ids)
        .orderBy('user_id')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('conflict_holdings')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('user_id', 'in', ids)
        .orderBy('user_id')
        .orderBy('position')
        .execute(),
    ]);
    return heads.map((h) => ({
      userId: h.user_id,
      orgId: h.org_id,
      declaredAt: iso(h.declared_at),
      employers: employers.filter((e) => e.user_id === h.user_id).map((e) => ({ entity: e.entity, from: e.from_date, to: e.to_date })),
      holdings: holdings.filter((x) => x.user_id === h.user_id).map((x) => ({ entity: x.entity })),
    }));
  }

  return {
    async declarations(userId, orgId) {
      return (await declarationsOf([userId], orgId))[0] ?? null;
    },
    declarationsOf,
    async saveDeclarations(d) {
      await db
        .insertInto('conflict_declarations')
        .values({ user_id: d.userId, org_id: d.orgId, declared_at: d.declaredAt })
        .onConflict((oc) => oc.columns(['user_id', 'org_id']).doUpdateSet({ declared_at: d.declaredAt }))
        .execute();
      await db.deleteFrom('conflict_employers').where('user_id', '=', d.userId).where('org_id', '=', d.orgId).execute();
      await db.deleteFrom('conflict_holdings').where('user_id', '=', d.userId).where('org_id', '=', d.orgId).execute();
      if (d.employers.length > 0) {
        await db
          .insertInto('conflict_employers')
          .values(
            d.employers.map((e, position) => ({
              user_id: d.userId,
              org_id: d.orgId,
              position,
              entity: e.entity,
              from_date: e.from,
              to_date: e.to,
            })),
          )
          .execute();
      }
      if (d.holdings.length > 0) {
        await db
          .insertInto('conflict_holdings')
          .values(d.holdings.map((h, position) => ({ user_id: d.userId, org_id: d.orgId, position, entity: h.entity })))
          .execute();
      }
    },
    async settings(orgId, options = {}) {
      let q = db.selectFrom('conflict_settings').select(['cooling_off_months', 'version']).where('org_id', '=', orgId);
      if (options.forUpdate) q = q.forUpdate();
      const r = await q.executeTakeFirst();
      return { orgId, coolingOffMonths: r?.cooling_off_months ?? DEFAULT_COOLING_OFF_MONTHS, version: r?.version ?? 0 };
    },
    async saveSettings(s, by, at) {
      await db
        .insertInto('conflict_settings')
        .values({ org_id: s.orgId, cooling_off_months: s.coolingOffMonths, version: s.version, updated_at: at, updated_by: by })
        .onConflict((oc) =>
          oc.column('org_id').doUpdateSet({ cooling_off_months: s.coolingOffMonths, version: s.version, updated_at: at, updated_by: by }),
        )
        .execute();
    },
    async entities(orgId) {
      const rows = await db.selectFrom('restricted_entities').selectAll().where('org_id', '=', orgId).orderBy('position').execute();
      return rows.map(
        (r): RestrictedEntityRecord => ({
          id: r.id,
          orgId: r.org_id,
          name: r.name,
          aliases: r.aliases,
          tickers: r.tickers,
          kind: r.kind,
          note: r.note,
          createdAt: iso(r.created_at),
          updatedAt: iso(r.updated_at),
        }),
      );
    },
    async saveEntities(orgId, entities) {
      const keep = entities.map((e) => e.id);
      let remove = db.deleteFrom('restricted_entities').where('org_id', '=', orgId);
      if (keep.length > 0) remove = remove.where('id', 'not in', keep);
      await remove.execute();
      for (const [position, e] of entities.entries()) {
        const values = {
          name: e.name,
          aliases: e.aliases,
          tickers: e.tickers,
          kind: e.kind,
          note: e.note,
          position,
          updated_at: e.updatedAt,
        };
        await db
          .insertInto('restricted_entities')
          .values({ id: e.id, org_id: orgId, created_at: e.createdAt, ...values })
          .onConflict((oc) => oc.column('id').doUpdateSet(values))
          .execute();
      }
    },
    async entityUse(orgId) {
      const rows = await db
        .selectFrom('engagement_conflict_subjects as s')
        .innerJoin('restricted_entities as r', 'r.id', 's.entity_id')
        .select(['s.entity_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.org_id', '=', orgId)
        .groupBy('s.entity_id')
        .execute();
      return new Map(rows.map((r) => [r.entity_id, Number(r.n)]));
    },
    async subjects(engagementId) {
      const rows = await db.selectFrom('engagement_conflict_subjects').selectAll().where('engagement_id', '=', engagementId).execute();
      return rows.map((r) => ({ engagementId: r.engagement_id, entityId: r.entity_id, role: r.role }));
    },
    async setSubjects(engagementId, subjects) {
      await db.deleteFrom('engagement_conflict_subjects').where('engagement_id', '=', engagementId).execute();
      if (subjects.length === 0) return;
      await db
        .insertInto('engagement_conflict_subjects')
        .values(subjects.map((s) => ({ engagement_id: engagementId, entity_id: s.entityId, role: s.role })))
        .execute();
    },
    async overrides(engagementId) {
      const rows = await db
        .selectFrom('conflict_overrides')
        .selectAll()
        .distinctOn('user_id')
        .where('engagement_id', '=', engagementId)
        .orderBy('user_id')
        .orderBy('at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        engagementId: r.engagement_id,
        userId: r.user_id,
        reason: r.reason,
        covers: r.covers,
        byUserId: r.by_user_id,
        at: iso(r.at),
      }));
    },
    async insertOverride(o) {
      await db
        .insertInto('conflict_overrides')
        .values({
          id: o.id,
          engagement_id: o.engagementId,
          user_id: o.userId,
          reason: o.reason,
          covers: o.covers,
          by_user_id: o.byUserId,
          at: o.at,
        })
        .execute();
    },
  };
}
