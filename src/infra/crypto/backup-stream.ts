import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../shared/errors.js';
import { ChunkOpener, ChunkSealer } from './chunked-aead.js';

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
  const sealer = new ChunkSealer(keys.enc, CHUNK_BYTES);
  return new Transform({
    construct(callback) {
      this.push(Buffer.concat([header, createHmac('sha256', keys.mac).update(header).digest()]));
      callback();
    },
    transform(data: Buffer, _enc, callback: TransformCallback) {
      for (const chunk of sealer.push(data)) this.push(chunk);
      callback();
    },
    flush(callback: TransformCallback) {
      this.push(sealer.finish());
      callback();
    },
  });
}

/** Checks and decrypts; a chunk's plain text is passed on only once its tag verified. */
export function decryptStream(passphrase: string): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let opener: ChunkOpener | null = null;
  const readHeader = (): ChunkOpener => {
    const header = buffered.subarray(0, HEADER_BYTES);
    const mac = buffered.subarray(HEADER_BYTES, HEADER_BYTES + MAC_BYTES);
    if (!header.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC))
      throw new AppError('invalid_input', 'This is not an encrypted kpo backup.', { reason: 'bad_backup' });
    let at = ENCRYPTED_MAGIC.length;
    const version = header.readUInt8(at++);
    const kdf = header.readUInt8(at++);
    const params = { log2N: header.readUInt8(at++), r: header.readUInt8(at++), p: header.readUInt8(at++) };
    const salt = header.subarray(at, at + SALT_BYTES);
    const chunkBytes = header.readUInt32BE(at + SALT_BYTES);
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
    const keys = deriveKeys(passphrase, salt, params);
    if (!timingSafeEqual(createHmac('sha256', keys.mac).update(header).digest(), mac)) {
      throw new AppError('invalid_input', 'The backup passphrase is wrong (or the file header was changed). Nothing was restored.', {
        reason: 'backup_wrong_passphrase',
      });
    }
    const rest = buffered.subarray(HEADER_BYTES + MAC_BYTES);
    buffered = Buffer.alloc(0);
    const o = new ChunkOpener(keys.enc, chunkBytes, tampered);
    return Object.assign(o, { first: rest });
  };
  return new Transform({
    transform(data: Buffer, _enc, callback: TransformCallback) {
      try {
        if (!opener) {
          buffered = buffered.length ? Buffer.concat([buffered, data]) : data;
          if (buffered.length < HEADER_BYTES + MAC_BYTES) return callback();
          const o = readHeader() as ChunkOpener & { first: Buffer };
          opener = o;
          for (const plain of o.push(o.first)) this.push(plain);
        } else {
          for (const plain of opener.push(data)) this.push(plain);
        }
        callback();
      } catch (e) {
        callback(e as Error);
      }
    },
    flush(callback: TransformCallback) {
      if (!opener) return callback(new AppError('invalid_input', 'The backup is too short to be a kpo backup.', { reason: 'bad_backup' }));
      try {
        opener.finish();
        callback();
      } catch (e) {
        callback(e as Error);
      }
    },
  });
}
