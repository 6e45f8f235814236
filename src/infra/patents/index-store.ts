import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { LRUCache } from 'lru-cache';
import {
  buildPostings,
  ConcatenatedPositions,
  decodePostings,
  EncodedPositions,
  encodeBlock,
  mergePostings,
  type PositionLists,
  type TermPostings,
} from '../../core/workbenches/patent-search/postings.js';
import {
  classificationFilterKey,
  type PatentIndexPort,
  type PatentSummary,
  type PreparedPatent,
  preparePatent,
  type SearchFilters,
} from '../../core/workbenches/patent-search/search.js';
import { INDEX_VERSION } from '../../core/workbenches/patent-search/tokens.js';
import type { PatentRecord } from '../../shared/contracts/patents.js';
import type { DB } from '../db/schema.js';

/**
 * Patent corpora and their index in the database (docs/decisions/0009-patent-search-index.md):
 * the patents, and per import batch one posting block per term. Blocks are never changed after
 * they are written, so what a reader caches by (corpus, term, block) never goes stale.
 */
export interface PatentCorpus {
  readonly id: string;
  readonly name: string;
  readonly engagementId: string | null;
  readonly documents: number;
}

export interface ImportedBatch {
  readonly added: number;
  readonly replaced: number;
  readonly unchanged: number;
  /** The number of the posting block the batch wrote (null: nothing new); compactBlocks takes the first of an import. */
  readonly block: number | null;
}

export interface PatentIndexStore extends PatentIndexPort {
  /** The corpus of that name (the platform's when `engagementId` is null), made when missing. */
  corpus(name: string, engagementId: string | null, createdBy: string | null, now: Date): Promise<PatentCorpus>;
  findCorpus(name: string, engagementId: string | null): Promise<PatentCorpus | null>;
  /**
   * Writes a batch in the caller's transaction: new patents get the next document numbers, a
   * patent whose content changed is replaced (its old number stops matching), the same content
   * again is left alone. One posting block per term of the new patents.
   */
  importBatch(tx: Transaction<DB>, corpusId: string, batch: readonly PreparedPatent[], now: Date): Promise<ImportedBatch>;
  /**
   * Merges each term's blocks numbered `fromBlock` and after (one import's, one per batch) into one
   * block, numbered as the first: the same postings, impacts and positions in the same order, in
   * one row instead of one per batch. Run in the import's transaction or right after it (then in
   * transactions of a few thousand terms, the corpus row locked, so each term changes at once).
   */
  compactBlocks(corpusId: string, fromBlock: number): Promise<{ terms: number; blocksBefore: number }>;
}

/** Terms merged in one statement (and, outside an import's transaction, in one transaction). */
const COMPACT_TERMS = 2_000;

/**
 * Decoded blocks, per process. A block's key holds its document count: a block is never changed,
 * except that compactBlocks turns the first block of an import into the merge of them all, which
 * always has more documents, and a rebuild (reindexOutdatedCorpora) empties this cache.
 */
interface CachedBlock extends Omit<TermPostings, 'positions'> {
  /** As stored (a few bytes a position), each document's decoded only when a phrase check asks. */
  readonly positions: EncodedPositions | null;
}
const BLOCK_CACHE_BYTES = 256 * 1024 * 1024;
const blockCache = new LRUCache<string, CachedBlock>({
  maxSize: BLOCK_CACHE_BYTES,
  sizeCalculation: (b) => Math.max(1, b.docs.byteLength + 2 * b.docs.length + (b.positions?.byteLength ?? 0) + 200),
});
const NO_POSITIONS: PositionLists = [];
/** A block's positions, read because its term needs them; a block without would shift every later document's. */
const positionsRead = (b: CachedBlock, term: string): EncodedPositions => {
  if (!b.positions) throw new Error(`the positions of "${term}" were not read with its block`);
  return b.positions;
};

/**
 * What the date and classification filters look at, per corpus and process: each patent's
 * publication day and, per classification key, the patents that carry it, by document number. A
 * patent's row never changes under its number (a re-import gives the new text a new number and
 * lists the old one as removed), so this is read once and then only for the numbers given out since.
 */
interface FilterColumns {
  /** Numbers below this are read (or were never written, or were replaced). */
  upTo: number;
  /** Publication date, days since 1970-01-01, by document number (0x7fffffff: none read). */
  published: Int32Array;
  /** Per classification key, its patents' numbers, ascending. */
  classes: Map<string, number[]>;
  reading: Promise<void> | null;
}
const FILTER_COLUMNS_BYTES = 256 * 1024 * 1024;
const classesBytes = (classes: Map<string, number[]>) => {
  let bytes = 0;
  for (const [key, list] of classes) bytes += 2 * key.length + 8 * list.length + 64;
  return bytes;
};
/** Per corpus, bounded like the block cache (engagements make corpora of their own): the least used go first. */
const filterColumns = new LRUCache<string, FilterColumns>({
  maxSize: FILTER_COLUMNS_BYTES,
  sizeCalculation: (c) => Math.max(1, c.published.byteLength + classesBytes(c.classes)),
});
const UNKNOWN_DAY = 0x7fffffff;
/** Rows read at a time when the columns catch up with a corpus. */
const COLUMN_CHUNK = 20_000;
const dayOf = (isoDate: string) => Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000);

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

export function createPatentIndexStore(db: Kysely<DB>): PatentIndexStore {
  const toCorpus = (r: { id: string; name: string; engagement_id: string | null; documents: number }): PatentCorpus => ({
    id: r.id,
    name: r.name,
    engagementId: r.engagement_id,
    documents: r.documents,
  });

  async function findCorpus(name: string, engagementId: string | null): Promise<PatentCorpus | null> {
    let q = db
      .selectFrom('patent_corpora')
      .select(['id', 'name', 'engagement_id', 'documents'])
      .where(sql<boolean>`lower(name) = lower(${name})`);
    q = engagementId === null ? q.where('engagement_id', 'is', null) : q.where('engagement_id', '=', engagementId);
    const row = await q.executeTakeFirst();
    return row ? toCorpus(row) : null;
  }

  /** The filter columns of a corpus, caught up with every patent committed when this is called. */
  async function readFilterColumns(corpusId: string): Promise<FilterColumns> {
    let columns = filterColumns.get(corpusId);
    if (!columns) {
      columns = { upTo: 0, published: new Int32Array(0), classes: new Map(), reading: null };
      filterColumns.set(corpusId, columns);
    }
    const corpus = await db.selectFrom('patent_corpora').select('next_doc_no').where('id', '=', corpusId).executeTakeFirst();
    // Every number below next_doc_no is committed with it (one import transaction writes both).
    const upTo = corpus?.next_doc_no ?? 0;
    if (columns.reading) {
      // Another search is reading the new rows: wait for it, then look again.
      await columns.reading.catch(() => undefined);
      return readFilterColumns(corpusId);
    }
    if (upTo <= columns.upTo) return columns;
    const c = columns;
    // No await between the check above and this: one reader at a time per corpus.
    c.reading = (async () => {
      if (c.published.length < upTo) {
        const grown = new Int32Array(Math.max(upTo, Math.ceil(c.published.length * 1.5))).fill(UNKNOWN_DAY);
        grown.set(c.published);
        c.published = grown;
      }
      for (let from = c.upTo; from < upTo; from += COLUMN_CHUNK) {
        const rows = await db
          .selectFrom('patents')
          .select(['doc_no', 'classification_keys', sql<number>`publication_date - DATE '1970-01-01'`.as('day')])
          .where('corpus_id', '=', corpusId)
          .where('doc_no', '>=', from)
          .where('doc_no', '<', Math.min(from + COLUMN_CHUNK, upTo))
          .orderBy('doc_no')
          .execute();
        for (const r of rows) {
          c.published[r.doc_no] = Number(r.day);
          for (const key of r.classification_keys) {
            const list = c.classes.get(key);
            if (list) list.push(r.doc_no);
            else c.classes.set(key, [r.doc_no]);
          }
        }
      }
      c.upTo = upTo;
      // Counted again at its new size (the cache weighs an entry when it is set).
      filterColumns.set(corpusId, c);
    })()
      .catch((error: unknown) => {
        // Half-read columns are dropped: the next search reads them again from the start.
        filterColumns.delete(corpusId);
        throw error;
      })
      .finally(() => {
        c.reading = null;
      });
    await c.reading;
    return c;
  }

  return {
    findCorpus,

    async corpus(name, engagementId, createdBy, now) {
      const found = await findCorpus(name, engagementId);
      if (found) return found;
      await db
        .insertInto('patent_corpora')
        .values({ id: randomUUID(), name, engagement_id: engagementId, created_by: createdBy, created_at: now, updated_at: now })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const made = await findCorpus(name, engagementId);
      if (!made) throw new Error('a patent corpus could not be made');
      return made;
    },

    async importBatch(tx, corpusId, batch, now) {
      const corpus = await tx.selectFrom('patent_corpora').selectAll().where('id', '=', corpusId).forUpdate().executeTakeFirstOrThrow();
      const numbers = batch.map((p) => p.record.number);
      const existing = new Map(
        (
          await tx
            .selectFrom('patents')
            .select(['number', 'doc_no', 'content_sha256', 'length'])
            .where('corpus_id', '=', corpusId)
            .where('number', 'in', numbers.length ? numbers : [''])
            .execute()
        ).map((r) => [r.number, r]),
      );
      let documents = corpus.documents;
      let totalLength = corpus.total_length;
      let nextDocNo = corpus.next_doc_no;
      const removed = [...corpus.removed_doc_nos];
      const fresh: { docNo: number; patent: PreparedPatent }[] = [];
      let replaced = 0;
      let unchanged = 0;
      const seen = new Set<string>();
      for (const patent of batch) {
        // The importers refuse conflicting duplicates; a repeated identical record is counted once.
        if (seen.has(patent.record.number)) {
          unchanged++;
          continue;
        }
        seen.add(patent.record.number);
        const old = existing.get(patent.record.number);
        if (old && old.content_sha256 === patent.sha256) {
          unchanged++;
          continue;
        }
        if (old) {
          await tx.deleteFrom('patents').where('corpus_id', '=', corpusId).where('doc_no', '=', old.doc_no).execute();
          removed.push(old.doc_no);
          documents--;
          totalLength -= old.length;
          replaced++;
        }
        fresh.push({ docNo: nextDocNo++, patent });
        documents++;
        totalLength += patent.length;
      }
      if (fresh.length > 0) {
        for (let i = 0; i < fresh.length; i += 200) {
          await tx
            .insertInto('patents')
            .values(
              fresh.slice(i, i + 200).map(({ docNo, patent: p }) => ({
                corpus_id: corpusId,
                doc_no: docNo,
                number: p.record.number,
                content_sha256: p.sha256,
                record: JSON.stringify(p.record),
                title: p.record.title,
                language: p.record.language,
                publication_date: p.record.publicationDate,
                priority_date: p.record.priorityDate ?? null,
                classification_keys: p.classificationKeys,
                length: p.length,
                imported_at: now,
              })),
            )
            .execute();
        }
        const lists = buildPostings(
          fresh.map(({ docNo, patent }) => ({ docNo, length: patent.length, terms: patent.terms })),
          documents > 0 ? totalLength / documents : 1,
        );
        const rows = [...lists].map(([term, list]) => {
          const block = encodeBlock(list);
          return {
            corpus_id: corpusId,
            term,
            block: corpus.next_block,
            documents: block.count,
            postings: b64(block.postings),
            positions: b64(block.positions),
          };
        });
        for (let i = 0; i < rows.length; i += 1000)
          await tx
            .insertInto('patent_postings')
            .values(rows.slice(i, i + 1000))
            .execute();
      }
      await tx
        .updateTable('patent_corpora')
        .set({
          documents,
          total_length: totalLength,
          next_doc_no: nextDocNo,
          next_block: fresh.length > 0 ? corpus.next_block + 1 : corpus.next_block,
          removed_doc_nos: removed,
          updated_at: now,
        })
        .where('id', '=', corpusId)
        .execute();
      return { added: fresh.length - replaced, replaced, unchanged, block: fresh.length > 0 ? corpus.next_block : null };
    },

    async compactBlocks(corpusId, fromBlock) {
      const terms = (
        await db
          .selectFrom('patent_postings')
          .select('term')
          .where('corpus_id', '=', corpusId)
          .where('block', '>=', fromBlock)
          .groupBy('term')
          .having(sql<boolean>`count(*) > 1`)
          .orderBy('term')
          .execute()
      ).map((r) => r.term);
      let blocksBefore = 0;
      const compactChunk = async (tx: Kysely<DB>, chunk: string[]) => {
        // Blocks of a later import (numbered after this one's) stay apart: the range ends where it ended.
        const corpus = await tx
          .selectFrom('patent_corpora')
          .select('next_block')
          .where('id', '=', corpusId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const rows = await tx
          .selectFrom('patent_postings')
          .select(['term', 'block', 'postings'])
          .where('corpus_id', '=', corpusId)
          .where('term', 'in', chunk)
          .where('block', '>=', fromBlock)
          .where('block', '<', corpus.next_block)
          .orderBy('term')
          .orderBy('block')
          .execute();
        const byTerm = new Map<string, { block: number; postings: string }[]>();
        for (const r of rows) {
          const blocks = byTerm.get(r.term);
          if (blocks) blocks.push(r);
          else byTerm.set(r.term, [r]);
        }
        const merged: { term: string; block: number; documents: number; postings: string }[] = [];
        for (const [term, blocks] of byTerm) {
          if (blocks.length < 2) continue;
          blocksBefore += blocks.length;
          const { postings, count } = mergePostings(blocks.map((b) => fromB64(b.postings)));
          merged.push({ term, block: (blocks[0] as { block: number }).block, documents: count, postings: b64(postings) });
        }
        if (merged.length === 0) return;
        const mergedTerms = merged.map((m) => m.term);
        // The positions are concatenated where they are, in the database: they are the bulk of a block.
        await sql`
          UPDATE patent_postings AS p
          SET documents = m.documents, postings = m.postings,
              positions = (
                SELECT translate(encode(string_agg(decode(q.positions, 'base64'), ''::bytea ORDER BY q.block), 'base64'), chr(10), '')
                FROM patent_postings q
                WHERE q.corpus_id = p.corpus_id AND q.term = p.term AND q.block >= p.block AND q.block < ${corpus.next_block}
              )
          FROM unnest(${sql.val(mergedTerms)}::text[], ${sql.val(merged.map((m) => m.block))}::int[],
                      ${sql.val(merged.map((m) => m.documents))}::int[], ${sql.val(merged.map((m) => m.postings))}::text[])
            AS m(term, block, documents, postings)
          WHERE p.corpus_id = ${corpusId} AND p.term = m.term AND p.block = m.block`.execute(tx);
        await sql`
          DELETE FROM patent_postings AS p
          USING unnest(${sql.val(mergedTerms)}::text[], ${sql.val(merged.map((m) => m.block))}::int[]) AS m(term, block)
          WHERE p.corpus_id = ${corpusId} AND p.term = m.term AND p.block > m.block AND p.block < ${corpus.next_block}`.execute(tx);
      };
      for (let i = 0; i < terms.length; i += COMPACT_TERMS) {
        const chunk = terms.slice(i, i + COMPACT_TERMS);
        if (db.isTransaction) await compactChunk(db, chunk);
        else await db.transaction().execute((tx) => compactChunk(tx, chunk));
      }
      return { terms: terms.length, blocksBefore };
    },

    async stats(corpusId) {
      const row = await db
        .selectFrom('patent_corpora')
        .select(['documents', 'removed_doc_nos'])
        .where('id', '=', corpusId)
        .executeTakeFirst();
      return { documents: row?.documents ?? 0, removed: row?.removed_doc_nos ?? [] };
    },

    async postings(corpusId, terms, positionsOf) {
      const out = new Map<string, TermPostings>();
      if (terms.length === 0) return out;
      const positional = new Set(positionsOf.filter((t) => terms.includes(t)));
      // First which blocks there are (the primary key's index), then only those not decoded already.
      const listed = await db
        .selectFrom('patent_postings')
        .select(['term', 'block', 'documents'])
        .where('corpus_id', '=', corpusId)
        .where('term', 'in', [...terms])
        .orderBy('term')
        .orderBy('block')
        .execute();
      const keyOf = (r: { term: string; block: number; documents: number }) =>
        `${corpusId}\u0000${r.term}\u0000${r.block}\u0000${r.documents}`;
      // Only what is committed is cached: a transaction's own blocks may yet be rolled back.
      const cache = db.isTransaction ? null : blockCache;
      const found = new Map<string, CachedBlock>();
      const missing = listed.filter((r) => {
        const cached = cache?.get(keyOf(r));
        if (!cached || (positional.has(r.term) && !cached.positions)) return true;
        found.set(keyOf(r), cached);
        return false;
      });
      if (missing.length > 0) {
        const wanted = [...positional];
        const rows = await db
          .selectFrom('patent_postings')
          .select([
            'term',
            'block',
            'documents',
            'postings',
            // Positions only for the terms of a phrase or NEAR: the other terms' are never read.
            sql<string | null>`CASE WHEN term = ANY(${sql.val(wanted)}::text[]) THEN positions END`.as('positions'),
          ])
          .where('corpus_id', '=', corpusId)
          .where(
            sql<boolean>`(term, block) IN (SELECT * FROM unnest(${sql.val(missing.map((r) => r.term))}::text[], ${sql.val(missing.map((r) => r.block))}::int[]))`,
          )
          .execute();
        for (const r of rows) {
          const block: CachedBlock = {
            ...decodePostings(fromB64(r.postings)),
            positions: r.positions === null ? null : EncodedPositions.of(fromB64(r.positions), r.documents),
          };
          found.set(keyOf(r), block);
          cache?.set(keyOf(r), block);
        }
      }
      const byTerm = new Map<string, CachedBlock[]>();
      for (const r of listed) {
        // A block merged away between the two reads (an import's compaction): read the lists again.
        const block = found.get(keyOf(r));
        if (!block) return this.postings(corpusId, terms, positionsOf);
        const blocks = byTerm.get(r.term);
        if (blocks) blocks.push(block);
        else byTerm.set(r.term, [block]);
      }
      for (const [term, decoded] of byTerm) {
        const withPositions = positional.has(term);
        // Blocks are in import order and document numbers only grow, so their lists concatenate in order.
        if (decoded.length === 1) {
          const d = decoded[0] as CachedBlock;
          out.set(term, {
            docs: d.docs,
            impacts: d.impacts,
            fields: d.fields,
            positions: withPositions ? positionsRead(d, term) : NO_POSITIONS,
          });
          continue;
        }
        const count = decoded.reduce((s, d) => s + d.docs.length, 0);
        const docs = new Uint32Array(count);
        const impacts = new Uint8Array(count);
        const fields = new Uint8Array(count);
        let at = 0;
        for (const d of decoded) {
          docs.set(d.docs, at);
          impacts.set(d.impacts, at);
          fields.set(d.fields, at);
          at += d.docs.length;
        }
        const positions = withPositions ? new ConcatenatedPositions(decoded.map((d) => positionsRead(d, term))) : NO_POSITIONS;
        out.set(term, { docs, impacts, fields, positions });
      }
      return out;
    },

    async filter(corpusId, filters: SearchFilters, docNos) {
      const keys = (filters.classification ?? []).map(classificationFilterKey).filter((k): k is string => k !== null);
      if ((!filters.publishedBefore && keys.length === 0) || docNos.length === 0) return docNos;
      if (db.isTransaction) {
        // A transaction may see patents not committed yet: ask the database about these documents.
        let q = db
          .selectFrom('patents')
          .select('doc_no')
          .where('corpus_id', '=', corpusId)
          .where(sql<boolean>`doc_no = ANY(${sql.val([...docNos])}::int[])`);
        if (filters.publishedBefore) q = q.where('publication_date', '<', filters.publishedBefore);
        if (keys.length > 0) q = q.where(sql<boolean>`classification_keys && ${sql.val(keys)}::text[]`);
        const rows = await q.orderBy('doc_no').execute();
        return Uint32Array.from(rows.map((r) => r.doc_no));
      }
      const columns = await readFilterColumns(corpusId);
      let allowed: Uint8Array | null = null;
      if (keys.length > 0) {
        allowed = new Uint8Array(columns.upTo);
        for (const key of keys) for (const docNo of columns.classes.get(key) ?? []) allowed[docNo] = 1;
      }
      const before = filters.publishedBefore ? dayOf(filters.publishedBefore) : null;
      return docNos.filter(
        (docNo) =>
          docNo < columns.upTo &&
          (allowed === null || allowed[docNo] === 1) &&
          (before === null || (columns.published[docNo] as number) < before),
      );
    },

    async refine(corpusId, docNos, filters) {
      if (docNos.length === 0) return docNos;
      let q = db
        .selectFrom('patents')
        .select('doc_no')
        .where('corpus_id', '=', corpusId)
        .where(sql<boolean>`doc_no = ANY(${sql.val([...docNos])}::int[])`);
      if (filters.years?.length)
        q = q.where(sql<boolean>`extract(year from publication_date)::int = ANY(${sql.val([...filters.years])}::int[])`);
      if (filters.assignees?.length) q = q.where(sql<boolean>`(record->'assignees') ?| ${sql.val([...filters.assignees])}::text[]`);
      if (filters.legalStatuses?.length)
        q = q.where(sql<boolean>`coalesce(record->>'legalStatus', 'unknown') = ANY(${sql.val([...filters.legalStatuses])}::text[])`);
      const rows = await q.orderBy('doc_no').execute();
      return Uint32Array.from(rows.map((r) => r.doc_no));
    },

    async facetRows(corpusId, docNos) {
      if (docNos.length === 0) return [];
      const rows = await db
        .selectFrom('patents')
        .select([
          'doc_no',
          'classification_keys',
          sql<number>`extract(year from publication_date)::int`.as('year'),
          sql<unknown>`record->'assignees'`.as('assignees'),
          sql<string | null>`record->>'legalStatus'`.as('legal_status'),
        ])
        .where('corpus_id', '=', corpusId)
        .where(sql<boolean>`doc_no = ANY(${sql.val([...docNos])}::int[])`)
        .execute();
      return rows.map((r) => {
        const assignees = typeof r.assignees === 'string' ? (JSON.parse(r.assignees) as unknown) : r.assignees;
        return {
          docNo: r.doc_no,
          keys: r.classification_keys,
          year: Number(r.year),
          assignees: Array.isArray(assignees) ? assignees.filter((a): a is string => typeof a === 'string') : [],
          legalStatus: r.legal_status,
        };
      });
    },

    async documents(corpusId, docNos) {
      const out = new Map<number, PatentSummary>();
      if (docNos.length === 0) return out;
      const rows = await db
        .selectFrom('patents')
        .select(['doc_no', 'number', 'title', 'publication_date', 'priority_date', 'language'])
        .where('corpus_id', '=', corpusId)
        .where('doc_no', 'in', [...docNos])
        .execute();
      for (const r of rows)
        out.set(r.doc_no, {
          docNo: r.doc_no,
          number: r.number,
          title: r.title,
          publicationDate: r.publication_date,
          priorityDate: r.priority_date,
          language: r.language,
        });
      return out;
    },
  };
}

/** Documents per posting block when a corpus is rebuilt (decision 0009's block of 2,000). */
const REINDEX_BLOCK = 2_000;

/**
 * Rebuilds, from its stored patents, the index of every corpus built with an older INDEX_VERSION
 * (the tokens changed): each corpus in its own transaction, its row locked so that a second kpo
 * process starting at the same time waits and then finds it done. The patents keep their document
 * numbers; their lengths, the corpus's total and every posting block are written anew (replaced
 * documents' postings go with the old blocks). Returns the corpora rebuilt.
 */
export async function reindexOutdatedCorpora(db: Kysely<DB>): Promise<{ id: string; name: string; documents: number }[]> {
  const outdated = await db.selectFrom('patent_corpora').select('id').where('index_version', '<', INDEX_VERSION).execute();
  const done: { id: string; name: string; documents: number }[] = [];
  for (const { id } of outdated) {
    const rebuilt = await db.transaction().execute(async (tx) => {
      const corpus = await tx.selectFrom('patent_corpora').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!corpus || corpus.index_version >= INDEX_VERSION) return null;
      const chunk = async (after: number) =>
        (
          await tx
            .selectFrom('patents')
            .select(['doc_no', 'record'])
            .where('corpus_id', '=', id)
            .where('doc_no', '>', after)
            .orderBy('doc_no')
            .limit(REINDEX_BLOCK)
            .execute()
        ).map((r) => ({
          docNo: r.doc_no,
          record: (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as PatentRecord,
        }));
      // First pass: every patent's new length (BM25's average needs them all before any impact).
      let documents = 0;
      let totalLength = 0;
      for (let rows = await chunk(-1); rows.length > 0; rows = await chunk(rows.at(-1)?.docNo ?? -1)) {
        for (const { docNo, record } of rows) {
          const { length } = preparePatent(record, '');
          await tx.updateTable('patents').set({ length }).where('corpus_id', '=', id).where('doc_no', '=', docNo).execute();
          documents++;
          totalLength += length;
        }
      }
      // Second pass: one block per REINDEX_BLOCK documents, in document order.
      await tx.deleteFrom('patent_postings').where('corpus_id', '=', id).execute();
      const average = documents > 0 ? totalLength / documents : 1;
      let block = 0;
      for (let rows = await chunk(-1); rows.length > 0; rows = await chunk(rows.at(-1)?.docNo ?? -1)) {
        const lists = buildPostings(
          rows.map(({ docNo, record }) => ({ docNo, ...preparePatent(record, '') })),
          average,
        );
        const postings = [...lists].map(([term, list]) => {
          const encoded = encodeBlock(list);
          return {
            corpus_id: id,
            term,
            block,
            documents: encoded.count,
            postings: b64(encoded.postings),
            positions: b64(encoded.positions),
          };
        });
        for (let i = 0; i < postings.length; i += 1000)
          await tx
            .insertInto('patent_postings')
            .values(postings.slice(i, i + 1000))
            .execute();
        block++;
      }
      await tx
        .updateTable('patent_corpora')
        .set({ documents, total_length: totalLength, next_block: block, removed_doc_nos: [], index_version: INDEX_VERSION })
        .where('id', '=', id)
        .execute();
      return { id, name: corpus.name, documents };
    });
    if (rebuilt) done.push(rebuilt);
  }
  if (done.length > 0) blockCache.clear();
  return done;
}
