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
  /** Crypto-shredding: destroys the engagement's data key, then deletes its blobs. */
  shred(engagementId: string, by: string | null, at: string): Promise<{ keyId: string | null; blobsDeleted: number }>;
}

/** Watermarks a download (infra/documents/watermark.ts): visible mark and invisible fingerprint. */
export type Watermarker = (
  bytes: Uint8Array,
  kind: string,
  mark: { userName: string; orgName: string; at: string; documentId: string; downloadId: string; locale: 'ja' | 'en' },
) => Promise<Uint8Array>;
