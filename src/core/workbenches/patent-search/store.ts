import type { PatentImportReason, PatentRecord } from '../../../shared/contracts/patents.js';
import type { SavedSearchStep } from '../../../shared/contracts/patents-api.js';
import type { PatentEvidence } from '../../deliverables/checks/patent-research.js';
import type { PatentIndexPort, PreparedPatent } from './search.js';

/** The persistence port of the patent workbench (migrations 0023 and 0024). Instants are ISO 8601. */

export interface PatentCorpusRecord {
  id: string;
  name: string;
  /** Null: a platform corpus, shared by every patent engagement and imported by the platform only. */
  engagementId: string | null;
  documents: number;
}

export interface SavedSearchRecord {
  id: string;
  engagementId: string;
  title: string;
  latestVersion: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SavedSearchVersionRecord {
  searchId: string;
  version: number;
  steps: SavedSearchStep[];
  note: string | null;
  savedBy: string;
  savedAt: string;
}

export interface PatentRepo {
  /** The search index, on this repository's connection or transaction. */
  readonly index: PatentIndexPort;
  /** The engagement's corpora, then the platform's, by name. */
  corporaFor(engagementId: string): Promise<PatentCorpusRecord[]>;
  corpus(id: string): Promise<PatentCorpusRecord | null>;
  findCorpus(name: string, engagementId: string | null): Promise<PatentCorpusRecord | null>;
  /** False when a corpus of that name (case aside) is already there. */
  insertCorpus(c: { id: string; name: string; engagementId: string; createdBy: string; at: string }): Promise<boolean>;
  /** In a transaction: writes a batch (new, replaced, unchanged as in infra/patents/index-store.ts). */
  importBatch(
    corpusId: string,
    batch: readonly PreparedPatent[],
    at: string,
  ): Promise<{ added: number; replaced: number; unchanged: number; block: number | null }>;
  /** In the import's transaction: merges each term's blocks from `fromBlock` on (the import's) into one. */
  compactBlocks(corpusId: string, fromBlock: number): Promise<unknown>;
  records(corpusId: string, numbers: readonly string[]): Promise<Map<string, PatentRecord>>;
  /** What the corpora a report names (the engagement's or the platform's, by name) hold about the numbers it cites. */
  evidence(engagementId: string, corpora: readonly string[], numbers: readonly string[]): Promise<Map<string, PatentEvidence>>;

  savedSearches(engagementId: string): Promise<(SavedSearchRecord & { steps: number })[]>;
  savedSearch(id: string, forUpdate?: boolean): Promise<SavedSearchRecord | null>;
  insertSavedSearch(s: SavedSearchRecord): Promise<void>;
  setLatestVersion(id: string, version: number, at: string): Promise<void>;
  insertSavedSearchVersion(v: SavedSearchVersionRecord): Promise<void>;
  savedSearchVersion(id: string, version: number): Promise<SavedSearchVersionRecord | null>;
}

/** One record an importer read from an uploaded file, or why it refused it (infra/patents). */
export type PatentReadItem =
  | { ok: true; record: PatentRecord; duplicate: boolean }
  | {
      ok: false;
      reason: PatentImportReason;
      message: string;
      number?: string;
      position: { line?: number; document?: number };
    };

export type PatentFileFormat = 'uspto-xml' | 'jsonl' | 'csv';

/** Reads a file's records as they stream in; the format is detected from the first bytes when not given. */
export type ReadPatentFile = (
  chunks: AsyncIterable<Uint8Array>,
  options: { format?: PatentFileFormat | undefined; source?: string | undefined },
) => AsyncIterable<PatentReadItem>;
