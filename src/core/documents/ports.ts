import type { Classification } from '../../shared/contracts/engagements.js';
import type { CodeNameTerm } from './pii/code-names.js';
import type { PseudonymMapping } from './pii/pseudonymise.js';
import type { PiiType } from './pii/types.js';

/**
 * What the document service needs from the vault's storage (infra/documents/vault.ts): encrypted
 * blobs under a data key per engagement. The service never sees a key or a ciphertext.
 */
export interface StoredBlob {
  blobId: string;
  sizeBytes: number;
  /** SHA-256 of the plain content, hex. */
  sha256: string;
  /** The first and last bytes of the plain content (at most SNIFF_BYTES each), for the content checks. */
  head: Uint8Array;
  tail: Uint8Array;
}

export interface VaultStorage {
  /**
   * Encrypts and stores a stream under the engagement's data key (created on first use), chunk by
   * chunk: a large file never sits whole in memory. Refuses an empty stream and one over `maxBytes`
   * (nothing is left stored). The blob is invisible until a document version names it; one that
   * never is, is removed by the clean-up.
   */
  put(engagementId: string, content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes: number): Promise<StoredBlob>;
  /** The plain content, authenticated: a changed blob is refused (`blob_tampered`), a shredded one too (`vault_key_destroyed`). */
  read(engagementId: string, blobId: string): Promise<Uint8Array>;
  /** Removes a blob that no version will name (a refused upload). */
  discard(engagementId: string, blobId: string): Promise<void>;
  /** Deletes every blob of an engagement whose data key is destroyed (they could no longer be read anyway). */
  deleteBlobsOf(engagementId: string): Promise<number>;
  /** Encrypts a small value under the engagement's data key (it is destroyed with it), bound to `purpose`. */
  seal(engagementId: string, purpose: string, plain: string): Promise<string>;
  open(engagementId: string, purpose: string, sealed: string): Promise<string>;
}

/** What a destruction certificate states (infra/documents/certificate.ts signs and lays it out). */
export interface CertificateContent {
  certificateId: string;
  engagementId: string;
  engagementName: string;
  clientOrgName: string;
  destroyedAt: string;
  destroyedBy: { name: string; email: string };
  documents: { id: string; name: string; version: number; sha256: string; classification: Classification; sizeBytes: number }[];
  dataKeyId: string | null;
  providerAttestation: { by: string; at: string; statement: string } | null;
  locale: 'ja' | 'en';
}

/** Issues the signed certificate PDF. */
export type Certifier = (content: CertificateContent) => Promise<Uint8Array>;

/** Watermarks a download (infra/documents/watermark.ts): visible mark and invisible fingerprint. */
export type Watermarker = (
  bytes: Uint8Array,
  kind: string,
  mark: { userName: string; orgName: string; at: string; documentId: string; downloadId: string; locale: 'ja' | 'en' },
) => Promise<Uint8Array>;

/** What the engagement's pseudonymisation keeps: the mapping (original ↔ token) and the code names of deal work. */
export interface PseudonymState {
  mapping: PseudonymMapping;
  codeNames: CodeNameTerm[];
}

export interface PiiFindingInPlace {
  type: PiiType;
  text: string;
  /** Offsets in the segment's text (UTF-16). */
  start: number;
  end: number;
  /** Where the segment stands: "line 3", "Sheet1!B2", "page 2". */
  where: string;
}

/** Personal data in documents (infra/documents/pii-engine.ts: the text of each format, the detector, kuromoji). */
export interface PiiEngine {
  /** The kinds whose text can be read. */
  scannable(kind: string): boolean;
  scan(bytes: Uint8Array, kind: string): Promise<PiiFindingInPlace[]>;
  /** A copy in the same format with the findings of `types` replaced by their tokens, then the code names applied. */
  pseudonymise(
    bytes: Uint8Array,
    kind: string,
    state: PseudonymState,
    types: readonly PiiType[] | null,
  ): Promise<{ bytes: Uint8Array; state: PseudonymState; replaced: number }>;
  /** The originals put back for every token and code name. */
  reidentify(bytes: Uint8Array, kind: string, state: PseudonymState): Promise<Uint8Array>;
}
