import { type Kysely, sql } from 'kysely';
import type { PatentEvidence } from '../../core/deliverables/checks/patent-research.js';
import { patentRecordSchema } from '../../shared/contracts/patents.js';
import type { DB } from '../db/schema.js';

/**
 * What the corpora a patent report searched hold about the documents it cites (the checks'
 * look-up): the corpora are named as the report names them, the engagement's own or the platform's.
 * Read through the caller's connection or transaction (PGlite has one connection: a read beside an
 * open transaction would wait for it for ever).
 */
export async function readPatentEvidence(
  db: Kysely<DB>,
  engagementId: string,
  corpora: readonly string[],
  numbers: readonly string[],
): Promise<Map<string, PatentEvidence>> {
  const out = new Map<string, PatentEvidence>();
  if (corpora.length === 0 || numbers.length === 0) return out;
  const rows = await db
    .selectFrom('patents')
    .innerJoin('patent_corpora', 'patent_corpora.id', 'patents.corpus_id')
    .select(['patents.number', 'patents.record'])
    .where(sql<boolean>`lower(patent_corpora.name) in (${sql.join(corpora.map((c) => c.toLowerCase()))})`)
    .where((eb) => eb.or([eb('patent_corpora.engagement_id', 'is', null), eb('patent_corpora.engagement_id', '=', engagementId)]))
    .where('patents.number', 'in', [...numbers])
    .execute();
  for (const row of rows) {
    const parsed = patentRecordSchema.safeParse(typeof row.record === 'string' ? JSON.parse(row.record) : row.record);
    if (!parsed.success) continue;
    const r = parsed.data;
    out.set(r.number, {
      number: r.number,
      publicationDate: r.publicationDate,
      priorityDate: r.priorityDate ?? null,
      legalStatus: r.legalStatus ?? null,
      expectedExpiry: r.expectedExpiry ?? null,
    });
  }
  return out;
}
