import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decryptStream, ENCRYPTED_MAGIC, encryptStream } from './backup-stream.js';

const PASS = 'correct horse battery staple';
const HEADER = ENCRYPTED_MAGIC.length + 1 + 1 + 3 + 16 + 4 + 32;

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
/** Feeds `input` in pieces of `piece` bytes, as a file read would. */
const feed = (input: Buffer, piece = 10_000) =>
  Readable.from(Array.from({ length: Math.ceil(input.length / piece) }, (_, i) => input.subarray(i * piece, (i + 1) * piece)));
const encrypt = (plain: Buffer) => collect(feed(plain).pipe(encryptStream(PASS)));
const decrypt = (file: Buffer, passphrase = PASS) => {
  const out = decryptStream(passphrase);
  const source = feed(file);
  source.on('error', (e) => out.destroy(e));
  return collect(source.pipe(out));
};
const reasonOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: { reason?: string }) => e.reason,
  );

/** The chunks of an encrypted file: [start, end) of each, after the header. */
function chunks(file: Buffer): [number, number][] {
  const out: [number, number][] = [];
  for (let at = HEADER; at < file.length; ) {
    const end = at + 4 + file.readUInt32BE(at) + 16;
    out.push([at, end]);
    at = end;
  }
  return out;
}

describe('encrypted backup stream', () => {
  // 2.5 chunks of 64 KiB: two full chunks and a short final one.
  const plain = randomBytes(160 * 1024);
  let file: Buffer;

  it('round-trips in chunks and hides the plain text', { timeout: 30_000 }, async () => {
    file = await encrypt(plain);
    expect(file.subarray(0, 8).equals(ENCRYPTED_MAGIC)).toBe(true);
    expect(chunks(file)).toHaveLength(3);
    expect(file.includes(plain.subarray(1000, 1032))).toBe(false);
    expect((await decrypt(file)).equals(plain)).toBe(true);
    // Same input, new salt: a different file.
    expect((await encrypt(plain)).equals(file)).toBe(false);
    // An exact multiple of the chunk size ends with an empty final chunk.
    const even = randomBytes(128 * 1024);
    const evenFile = await encrypt(even);
    expect(chunks(evenFile).map(([s]) => evenFile.readUInt32BE(s))).toEqual([65536, 65536, 0]);
    expect((await decrypt(evenFile)).equals(even)).toBe(true);
  });

  it('refuses a wrong passphrase before any plain text comes out', { timeout: 30_000 }, async () => {
    expect(await reasonOf(decrypt(file, `${PASS}!`))).toBe('backup_wrong_passphrase');
  });

  it('refuses any changed byte: in the header, its MAC, a length, a ciphertext or a tag', { timeout: 60_000 }, async () => {
    const [first, , last] = chunks(file) as [[number, number], [number, number], [number, number]];
    const positions = {
      salt: 14,
      mac: HEADER - 1,
      length: first[0] + 1,
      ciphertext: first[0] + 4 + 500,
      lastTag: last[1] - 1,
    };
    for (const [where, at] of Object.entries(positions)) {
      const changed = Buffer.from(file);
      changed[at] = (changed[at] as number) ^ 0x01;
      expect([where, await reasonOf(decrypt(changed))]).toEqual([where, expect.stringMatching(/^backup_(tampered|wrong_passphrase)$/)]);
    }
    const kdf = Buffer.from(file);
    kdf[10] = 30; // log2 N out of bounds: refused before scrypt runs
    expect(await reasonOf(decrypt(kdf))).toBe('backup_tampered');
  });

  it('refuses reordered chunks, a dropped last chunk, and bytes appended after the end', { timeout: 60_000 }, async () => {
    const [a, b, c] = chunks(file) as [[number, number], [number, number], [number, number]];
    const head = file.subarray(0, HEADER);
    const part = ([s, e]: [number, number]) => file.subarray(s, e);
    expect(await reasonOf(decrypt(Buffer.concat([head, part(b), part(a), part(c)])))).toBe('backup_tampered');
    expect(await reasonOf(decrypt(Buffer.concat([head, part(a), part(b)])))).toBe('backup_tampered');
    expect(await reasonOf(decrypt(Buffer.concat([head, part(a), part(c)])))).toBe('backup_tampered');
    expect(await reasonOf(decrypt(file.subarray(0, file.length - 7)))).toBe('backup_tampered');
    expect(await reasonOf(decrypt(Buffer.concat([file, Buffer.from([0])])))).toBe('backup_tampered');
    expect(await reasonOf(decrypt(Buffer.concat([file, part(c)])))).toBe('backup_tampered');
    expect(await reasonOf(decrypt(file.subarray(0, 20)))).toBe('bad_backup');
  });
});
