import type { Kysely } from 'kysely';
import type { IdempotencyRecord, IdempotencyRepo } from '../../core/store.js';
import type { DB } from './schema.js';

export function createIdempotencyRepo(db: Kysely<DB>): IdempotencyRepo {
  return {
    async claim(r, forgetBefore) {
      const values = {
        principal: r.principal,
        key: r.key,
        fingerprint: r.fingerprint,
        state: r.state,
        response_status: r.responseStatus,
        response_body: r.responseBody,
        created_at: r.createdAt,
      };
      // One statement: the principal's other keys from before then go. A key of its own that old is
      // left to the caller (it purges, then claims again).
      const claimed = await db
        .with('forgotten', (w) =>
          w
            .deleteFrom('idempotency_keys')
            .where('principal', '=', r.principal)
            .where('created_at', '<', new Date(forgetBefore))
            .where('key', '<>', r.key),
        )
        .insertInto('idempotency_keys')
        .values(values)
        .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      return claimed !== undefined;
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
    async markDone(principal, key, claimedAt) {
      const r = await db
        .updateTable('idempotency_keys')
        .set({ state: 'done' })
        .where('principal', '=', principal)
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .where('created_at', '=', new Date(claimedAt))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async takeOver(principal, key, claimedAt, now) {
      const r = await db
        .updateTable('idempotency_keys')
        .set({ created_at: new Date(now) })
        .where('principal', '=', principal)
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .where('created_at', '=', new Date(claimedAt))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async release(principal, key, claimedAt) {
      await db
        .deleteFrom('idempotency_keys')
        .where('principal', '=', principal)
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .where('created_at', '=', new Date(claimedAt))
        .execute();
    },
    async purge(principal, before) {
      await db.deleteFrom('idempotency_keys').where('principal', '=', principal).where('created_at', '<', new Date(before)).execute();
    },
  };
}
