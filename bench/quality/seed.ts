// Seeds the quality world on top of the engagement bench's world: reads back the engagements,
// milestones and teams seedWorld wrote, draws the deliverables, versions and reviews
// (bench/quality/world.ts) and writes them as batched multi-row INSERTs in one transaction, then
// ANALYZE.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/infra/db/schema.js';
import type { Runtime } from '../../src/runtime.js';
import type { SeedResult } from '../engagements/seed.js';
import {
  generateQuality,
  QUALITY_TABLE_ORDER,
  type QualityInput,
  type QualityRows,
  type QualityStats,
  WITH_DELIVERABLES,
} from './world.js';

export interface QualitySeedResult {
  readMs: number;
  generateMs: number;
  insertMs: number;
  analyzeMs: number;
  rows: Record<string, number>;
  stats: QualityStats;
}

const BATCH_PARAMS = 30_000;

async function readInput(db: Kysely<DB>): Promise<QualityInput> {
  const engagements = await db
    .selectFrom('engagements')
    .select(['id', 'client_org_id', 'owner_user_id', 'status', 'type', 'awarded_provider_org_id', 'work_started_at'])
    .orderBy('id')
    .execute();
  const milestones = await db
    .selectFrom('milestones as m')
    .innerJoin('engagements as e', 'e.id', 'm.engagement_id')
    .select([
      'm.id',
      'm.engagement_id',
      'm.position',
      'm.title',
      'm.deliverables',
      'm.status',
      'm.started_at',
      'm.submitted_at',
      'm.accepted_at',
    ])
    .where('e.status', 'in', WITH_DELIVERABLES)
    .orderBy('m.engagement_id')
    .orderBy('m.position')
    .execute();
  const team = await db
    .selectFrom('engagement_team')
    .select(['engagement_id', 'user_id', 'side', 'role'])
    .orderBy('engagement_id')
    .orderBy('user_id')
    .execute();
  return { engagements, milestones, team };
}

async function insertAll(db: Kysely<DB>, rows: QualityRows): Promise<void> {
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await loose.transaction().execute(async (trx) => {
    for (const table of QUALITY_TABLE_ORDER) {
      const all = rows[table] as Record<string, unknown>[];
      if (all.length === 0) continue;
      const size = Math.max(1, Math.floor(BATCH_PARAMS / Object.keys(all[0] ?? {}).length));
      for (let i = 0; i < all.length; i += size)
        await trx
          .insertInto(table)
          .values(all.slice(i, i + size))
          .execute();
    }
  });
}

export async function seedQuality(
  rt: Runtime,
  world: Pick<SeedResult, 'ids' | 'orgs'>,
  options: { seed?: number; now: Date; log?: (s: string) => void },
): Promise<QualitySeedResult> {
  const log = options.log ?? (() => {});
  const db = rt.database.db;
  const t0 = performance.now();
  const input = await readInput(db);
  const readMs = performance.now() - t0;
  const t1 = performance.now();
  const { rows, stats } = generateQuality(world.ids, world.orgs, input, { seed: options.seed ?? 20261205, now: options.now });
  const generateMs = performance.now() - t1;
  const counts = Object.fromEntries(QUALITY_TABLE_ORDER.map((t) => [t, rows[t].length]));
  log(`  quality: generated ${JSON.stringify(counts)} in ${(generateMs / 1000).toFixed(1)} s`);
  const t2 = performance.now();
  await insertAll(db, rows);
  const insertMs = performance.now() - t2;
  const t3 = performance.now();
  await sql`ANALYZE`.execute(db);
  const analyzeMs = performance.now() - t3;
  log(`  quality: inserted in ${(insertMs / 1000).toFixed(1)} s, analyzed in ${(analyzeMs / 1000).toFixed(1)} s`);
  return { readMs, generateMs, insertMs, analyzeMs, rows: counts, stats };
}
