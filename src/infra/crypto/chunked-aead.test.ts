import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChunkOpener, ChunkSealer, ParallelChunkSealer } from './chunked-aead.js';

const CHUNK = 64 * 1024;
const tampered = (what: string) => new Error(`tampered: ${what}`);

function sealWithChunkSealer(key: Buffer, plain: Buffer, piece: number, chunkBytes = CHUNK): Buffer {
  const sealer = new ChunkSealer(key, chunkBytes);
  const out: Buffer[] = [];
  for (let at = 0; at < plain.length; at += piece) out.push(...sealer.push(plain.subarray(at, at + piece)));
  out.push(sealer.finish());
  return Buffer.concat(out);
}

async function sealInParallel(key: Buffer, plain: Buffer, piece: number, chunkBytes = CHUNK, inFlight?: number): Promise<Buffer> {
  const sealer = new ParallelChunkSealer(key, chunkBytes, inFlight);
  const out: Buffer[] = [];
  for (let at = 0; at < plain.length; at += piece) out.push(...(await sealer.push(plain.subarray(at, at + piece))));
  out.push(...(await sealer.finish()));
  return Buffer.concat(out);
}

function openAll(key: Buffer, sealed: Buffer, piece: number, chunkBytes = CHUNK): Buffer {
  const opener = new ChunkOpener(key, chunkBytes, tampered);
  const out: Buffer[] = [];
  for (let at = 0; at < sealed.length; at += piece) out.push(...opener.push(sealed.subarray(at, at + piece)));
  opener.finish();
  return Buffer.concat(out);
}

describe('ParallelChunkSealer', () => {
  const sizes = {
    empty: 0,
    one: 1,
    'chunk − 1': CHUNK - 1,
    chunk: CHUNK,
    'chunk + 1': CHUNK + 1,
    '3.5 chunks': 3.5 * CHUNK,
    '9 chunks': 9 * CHUNK,
  };
  for (const [name, size] of Object.entries(sizes)) {
    it(`writes exactly ChunkSealer's bytes, which ChunkOpener opens: ${name} (${size} bytes)`, async () => {
      const key = randomBytes(32);
      const plain = randomBytes(size);
      const expected = sealWithChunkSealer(key, plain, 7_001);
      // Pieces smaller than, equal to and larger than a chunk, with one or several chunks in flight.
      for (const [piece, inFlight] of [
        [7_001, undefined],
        [CHUNK, CHUNK],
        [3 * CHUNK + 5, 2 * CHUNK],
        [Math.max(1, size), undefined],
      ] as const) {
        const sealed = await sealInParallel(key, plain, piece, CHUNK, inFlight);
        expect(sealed.equals(expected), `piece ${piece}, in flight ${inFlight}`).toBe(true);
      }
      expect(openAll(key, expected, 10_007).equals(plain)).toBe(true);
    });
  }

  it('matches with the vault’s 1 MiB chunks too', async () => {
    const key = randomBytes(32);
    const plain = randomBytes(3.5 * 1024 * 1024);
    const sealed = await sealInParallel(key, plain, 64 * 1024, 1024 * 1024);
    expect(sealed.equals(sealWithChunkSealer(key, plain, 64 * 1024, 1024 * 1024))).toBe(true);
    expect(openAll(key, sealed, 256 * 1024, 1024 * 1024).equals(plain)).toBe(true);
  });

  it('keeps at most the bound in flight, returning chunks as they are sealed', async () => {
    const sealer = new ParallelChunkSealer(randomBytes(32), CHUNK, 2 * CHUNK);
    // Each chunk comes out in two pieces: its length, then its ciphertext and tag.
    let returned = 0;
    for (let i = 0; i < 8; i++) {
      returned += (await sealer.push(randomBytes(CHUNK))).length / 2;
      // Started: i + 1 chunks; at most two of them not yet returned.
      expect(i + 1 - returned).toBeLessThanOrEqual(2);
    }
    const rest = await sealer.finish();
    expect(returned + rest.length / 2).toBe(9);
  });

  it('fails its push, not the process, when it cannot seal (a key of the wrong size)', async () => {
    const sealer = new ParallelChunkSealer(randomBytes(31), CHUNK);
    await expect(sealer.push(randomBytes(CHUNK + 1))).rejects.toThrow();
  });
});
