import { createCipheriv, createDecipheriv, webcrypto } from 'node:crypto';

/**
 * Streaming authenticated encryption in chunks (AES-256-GCM), used by encrypted backups and the
 * document vault so that a large file never sits whole in memory:
 *
 *   chunk = plain length (u32) | ciphertext | tag (16), nonce = chunk index (u64) | 0 0 0 | final flag
 *
 * The index and the final flag are in each chunk's nonce, so reordered, dropped, duplicated or
 * truncated chunks do not authenticate, and bytes after the final chunk are refused. Each key must
 * encrypt one stream only (the counter nonces restart with every stream): callers derive a key per
 * file.
 */
export const TAG_BYTES = 16;

function nonce(index: number, final: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 0);
  n[11] = final ? 1 : 0;
  return n;
}

export class ChunkSealer {
  private index = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly key: Buffer,
    readonly chunkBytes: number,
  ) {}

  private seal(plain: Buffer, final: boolean): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.index++, final));
    const out = Buffer.allocUnsafe(4 + plain.length + TAG_BYTES);
    out.writeUInt32BE(plain.length, 0);
    const body = cipher.update(plain);
    body.copy(out, 4);
    cipher.final();
    cipher.getAuthTag().copy(out, 4 + plain.length);
    return out;
  }

  /** The sealed chunks that `data` completes. A full chunk is never the last one: `finish` writes that (possibly empty). */
  push(data: Uint8Array): Buffer[] {
    this.pending.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    this.pendingBytes += data.byteLength;
    if (this.pendingBytes < this.chunkBytes) return [];
    const all = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    const out: Buffer[] = [];
    let start = 0;
    for (; all.length - start >= this.chunkBytes; start += this.chunkBytes)
      out.push(this.seal(all.subarray(start, start + this.chunkBytes), false));
    this.pending = [all.subarray(start)];
    this.pendingBytes = all.length - start;
    return out;
  }

  /** The final chunk (possibly empty). */
  finish(): Buffer {
    return this.seal(Buffer.concat(this.pending), true);
  }
}

type Sealing = { sealed: Promise<Buffer[]>; done: Buffer[] | null };

/**
 * The same bytes as `ChunkSealer`, with the encryption off the calling thread: each chunk is one
 * WebCrypto AES-GCM operation, which Node runs on libuv's thread pool, so the caller's own work
 * (the vault hashes the plain text meanwhile) and the encryption of other chunks run on other
 * cores. At most `maxInFlightBytes` of plain text (at least one chunk) is being sealed at a time:
 * `push` waits for the oldest chunk when more would be. The sealed stream comes out in order, each
 * chunk in two pieces (its length, then its ciphertext and tag: no copy to join them); a chunk that
 * fails fails the `push` or `finish` that would have returned it. Calls must not overlap (await
 * each one).
 */
export class ParallelChunkSealer {
  private index = 0;
  private readonly staging: Buffer;
  private filled = 0;
  private readonly maxInFlight: number;
  private readonly queue: Sealing[] = [];
  private readonly key: Promise<webcrypto.CryptoKey>;

  constructor(
    key: Buffer,
    readonly chunkBytes: number,
    maxInFlightBytes = 4 * 1024 * 1024,
  ) {
    if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`not a chunk size: ${chunkBytes}`);
    this.key = webcrypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
    // A key that does not import fails the first push, not the process.
    this.key.catch(() => {});
    this.maxInFlight = Math.max(1, Math.floor(maxInFlightBytes / chunkBytes));
    this.staging = Buffer.allocUnsafe(chunkBytes);
  }

  /** Starts sealing the staged bytes. WebCrypto copies the data and the iv before `encrypt` returns (as the standard says), so the staging buffer is free again at once. */
  private start(key: webcrypto.CryptoKey, final: boolean): void {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(this.filled, 0);
    const entry: Sealing = { sealed: Promise.resolve([]), done: null };
    entry.sealed = webcrypto.subtle
      .encrypt({ name: 'AES-GCM', iv: nonce(this.index++, final), tagLength: TAG_BYTES * 8 }, key, this.staging.subarray(0, this.filled))
      .then((body) => {
        entry.done = [length, Buffer.from(body)];
        return entry.done;
      });
    // Reported by the push or finish that reaches this chunk; never an unhandled rejection meanwhile.
    entry.sealed.catch(() => {});
    this.queue.push(entry);
    this.filled = 0;
  }

  /** Takes the sealed chunks off the front of the queue, in order: those done, and any more that leave at most `bound` in flight. */
  private async take(out: Buffer[], bound: number): Promise<Buffer[]> {
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      if (head.done === null && this.queue.length <= bound) break;
      out.push(...(head.done ?? (await head.sealed)));
      this.queue.shift();
    }
    return out;
  }

  /** The sealed stream's next pieces, as far as it is ready (chunks of earlier pushes too). A full chunk is never the last one: `finish` seals that (possibly empty). */
  async push(data: Uint8Array): Promise<Buffer[]> {
    const key = await this.key;
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const out: Buffer[] = [];
    for (let at = 0; at < bytes.length; ) {
      const n = bytes.copy(this.staging, this.filled, at, Math.min(bytes.length, at + this.chunkBytes - this.filled));
      this.filled += n;
      at += n;
      if (this.filled === this.chunkBytes) {
        this.start(key, false);
        await this.take(out, this.maxInFlight);
      }
    }
    return this.take(out, this.maxInFlight);
  }

  /** The rest of the sealed stream, ending with the final chunk (possibly empty). */
  async finish(): Promise<Buffer[]> {
    this.start(await this.key, true);
    return this.take([], 0);
  }
}

export class ChunkOpener {
  private buffered: Buffer = Buffer.alloc(0);
  private index = 0;
  private ended = false;

  constructor(
    private readonly key: Buffer,
    private readonly maxChunkBytes: number,
    private readonly tampered: (what: string) => Error,
  ) {}

  private open(final: boolean, body: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce(this.index, final));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  }

  /** The plain text of every chunk `data` completes, each passed on only once its tag verified. */
  push(data: Uint8Array): Buffer[] {
    if (this.ended && data.byteLength) throw this.tampered('there are bytes after its last chunk');
    const incoming = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, incoming]) : incoming;
    const out: Buffer[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUInt32BE(0);
      if (length > this.maxChunkBytes) throw this.tampered(`chunk ${this.index} has an impossible length`);
      const total = 4 + length + TAG_BYTES;
      if (this.buffered.length < total) break;
      const body = this.buffered.subarray(4, total);
      // Only the writer's last chunk authenticates with the final flag set.
      let plain: Buffer;
      try {
        plain = this.open(false, body);
      } catch {
        try {
          plain = this.open(true, body);
        } catch {
          throw this.tampered(`chunk ${this.index} does not authenticate`);
        }
        this.ended = true;
      }
      this.index++;
      this.buffered = this.buffered.subarray(total);
      if (plain.length) out.push(plain);
      if (this.ended && this.buffered.length) throw this.tampered('there are bytes after its last chunk');
    }
    return out;
  }

  /** Refuses a stream that stopped before its final chunk. */
  finish(): void {
    if (!this.ended || this.buffered.length) throw this.tampered('it ends before its last chunk: truncated');
  }
}
