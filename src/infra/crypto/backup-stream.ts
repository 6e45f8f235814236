import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../shared/errors.js';

/**
 * The encrypted backup format (docs/decisions/0005-encrypted-backups.md), streamed in chunks so
 * a large backup never sits whole in memory:
 *
 *   header  magic "KPOBKENC" | version 1 | kdf 1 (scrypt) | log2 N | r | p | salt (16) | chunk size (u32)
 *   mac     HMAC-SHA256 of the header under the derived MAC key (32): a wrong passphrase or a changed
 *           header is told apart from a changed body
 *   chunks  plain length (u32) | AES-256-GCM ciphertext | tag (16), nonce = chunk index (u64) | 0 0 0 | final flag
 *
 * The index and the final flag are in each chunk's nonce, so reordered, dropped, duplicated or
 * truncated chunks do not authenticate, and bytes after the final chunk are refused. Each file has
 * its own salt, hence its own key, so the counter nonces never repeat under one key.
 */
export const ENCRYPTED_MAGIC = Buffer.from('KPOBKENC');
const VERSION = 1;
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const HEADER_BYTES = ENCRYPTED_MAGIC.length + 1 + 1 + 3 + SALT_BYTES + 4;
const MAC_BYTES = 32;
const TAG_BYTES = 16;
const CHUNK_BYTES = 64 * 1024;
/** OWASP's scrypt setting: 128 MiB and about half a second per backup or restore. */
const SCRYPT = { log2N: 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 12;

const tampered = (message: string) =>
  new AppError('invalid_input', `The backup was changed after it was written (${message}). Nothing was restored.`, {
    reason: 'backup_tampered',
  });

function deriveKeys(passphrase: string, salt: Buffer, params: { log2N: number; r: number; p: number }) {
  const N = 2 ** params.log2N;
  const keys = scryptSync(passphrase.normalize('NFC'), salt, 64, { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 });
  return { enc: keys.subarray(0, 32), mac: keys.subarray(32) };
}

function nonce(index: number, final: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 0);
  n[11] = final ? 1 : 0;
  return n;
}

export function encryptStream(passphrase: string): Transform {
  const salt = randomBytes(SALT_BYTES);
  const header = Buffer.alloc(HEADER_BYTES);
  let at = ENCRYPTED_MAGIC.copy(header, 0);
  at = header.writeUInt8(VERSION, at);
  at = header.writeUInt8(KDF_SCRYPT, at);
  at = header.writeUInt8(SCRYPT.log2N, at);
  at = header.writeUInt8(SCRYPT.r, at);
  at = header.writeUInt8(SCRYPT.p, at);
  at += salt.copy(header, at);
  header.writeUInt32BE(CHUNK_BYTES, at);
  const keys = deriveKeys(passphrase, salt, SCRYPT);
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const seal = (plain: Buffer, final: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', keys.enc, nonce(index++, final));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(plain.length);
    return Buffer.concat([length, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };
  return new Transform({
    construct(callback) {
      this.push(Buffer.concat([header, createHmac('sha256', keys.mac).update(header).digest()]));
      callback();
    },
    transform(data: Buffer, _enc, callback: TransformCallback) {
      pending.push(data);
      pendingBytes += data.length;
      if (pendingBytes >= CHUNK_BYTES) {
        const all = Buffer.concat(pending);
        let start = 0;
        // A full chunk is never the last one: the final chunk is written at the end (possibly empty).
        for (; all.length - start >= CHUNK_BYTES; start += CHUNK_BYTES) this.push(seal(all.subarray(start, start + CHUNK_BYTES), false));
        pending = [all.subarray(start)];
        pendingBytes = all.length - start;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      this.push(seal(Buffer.concat(pending), true));
      callback();
    },
  });
}

/** Checks and decrypts; a chunk's plain text is passed on only once its tag verified. */
export function decryptStream(passphrase: string): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let keys: { enc: Buffer; mac: Buffer } | null = null;
  let chunkBytes = 0;
  let index = 0;
  let ended = false;
  const readHeader = () => {
    const header = buffered.subarray(0, HEADER_BYTES);
    const mac = buffered.subarray(HEADER_BYTES, HEADER_BYTES + MAC_BYTES);
    if (!header.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC))
      throw new AppError('invalid_input', 'This is not an encrypted kpo backup.', { reason: 'bad_backup' });
    let at = ENCRYPTED_MAGIC.length;
    const version = header.readUInt8(at++);
    const kdf = header.readUInt8(at++);
    const params = { log2N: header.readUInt8(at++), r: header.readUInt8(at++), p: header.readUInt8(at++) };
    const salt = header.subarray(at, at + SALT_BYTES);
    chunkBytes = header.readUInt32BE(at + SALT_BYTES);
    if (version !== VERSION || kdf !== KDF_SCRYPT)
      throw new AppError('invalid_input', `Encrypted backup format ${version} is not supported by this kpo.`, { reason: 'bad_backup' });
    // Bounds before any work: a changed header must not make scrypt take all memory or forever.
    if (
      params.log2N < 10 ||
      params.log2N > 20 ||
      params.r < 1 ||
      params.r > 32 ||
      params.p < 1 ||
      params.p > 16 ||
      chunkBytes > 16 * 1024 * 1024
    )
      throw tampered('its header holds impossible key-derivation settings');
    keys = deriveKeys(passphrase, salt, params);
    if (!timingSafeEqual(createHmac('sha256', keys.mac).update(header).digest(), mac)) {
      throw new AppError('invalid_input', 'The backup passphrase is wrong (or the file header was changed). Nothing was restored.', {
        reason: 'backup_wrong_passphrase',
      });
    }
    buffered = buffered.subarray(HEADER_BYTES + MAC_BYTES);
  };
  const openChunk = (final: boolean, body: Buffer): Buffer => {
    const decipher = createDecipheriv('aes-256-gcm', (keys as { enc: Buffer }).enc, nonce(index, final));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  };
  return new Transform({
    transform(data: Buffer, _enc, callback: TransformCallback) {
      try {
        if (ended) throw tampered('there are bytes after its last chunk');
        buffered = buffered.length ? Buffer.concat([buffered, data]) : data;
        if (!keys) {
          if (buffered.length < HEADER_BYTES + MAC_BYTES) return callback();
          readHeader();
        }
        while (buffered.length >= 4) {
          const length = buffered.readUInt32BE(0);
          if (length > chunkBytes) throw tampered(`chunk ${index} has an impossible length`);
          const total = 4 + length + TAG_BYTES;
          if (buffered.length < total) break;
          const body = buffered.subarray(4, total);
          // Only the writer's last chunk authenticates with the final flag set.
          let plain: Buffer;
          try {
            plain = openChunk(false, body);
          } catch {
            try {
              plain = openChunk(true, body);
            } catch {
              throw tampered(`chunk ${index} does not authenticate`);
            }
            ended = true;
          }
          index++;
          buffered = buffered.subarray(total);
          if (plain.length) this.push(plain);
          if (ended && buffered.length) throw tampered('there are bytes after its last chunk');
        }
        callback();
      } catch (e) {
        callback(e as Error);
      }
    },
    flush(callback: TransformCallback) {
      if (!keys) return callback(new AppError('invalid_input', 'The backup is too short to be a kpo backup.', { reason: 'bad_backup' }));
      if (!ended || buffered.length) return callback(tampered('it ends before its last chunk: truncated'));
      callback();
    },
  });
}
