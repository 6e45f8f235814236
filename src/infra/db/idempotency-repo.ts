import type { Kysely } from 'kysely';
import type { IdempotencyRecord, IdempotencyRepo } from '../../core/store.js';
import type { DB } from './schema.js';

export function createIdempotencyRepo(db: Kysely<DB>): IdempotencyRepo {
  return {
    async claim(r) {
      const inserted = await db
        .insertInto('idempotency_keys')
        .values({
          principal: r.principal,
          key: r.key,
          fingerprint: r.fingerprint,
          state: r.state,
          response_status: r.responseStatus,
          response_body: r.responseBody,
          created_at: r.createdAt,
        })
        .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async get(principal, key) {
      const r = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('principal', '=', principal)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!r) return null;
      return {
        principal: r.principal,
        key: r.key,
        fingerprint: r.fingerprint,
        state: r.state,
        responseStatus: r.response_status,
        responseBody: r.response_body,
        createdAt: new Date(r.created_at).toISOString(),
      } satisfies IdempotencyRecord;
    },
    async complete(principal, key, status, body) {
      await db
        .updateTable('idempotency_keys')
        .set({ state: 'done', response_status: status, response_body: body })
        .where('principal', '=', principal)
        .where('key', '=', key)
        .execute();
    },
    async release(principal, key) {
      await db
        .deleteFrom('idempotency_keys')
        .where('principal', '=', principal)
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .execute();
    },
    async purge(principal, before) {
      await db.deleteFrom('idempotency_keys').where('principal', '=', principal).where('created_at', '<', new Date(before)).execute();
    },
  };
}
