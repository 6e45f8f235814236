import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyBox, lazyMasterKey, loadMasterKey, MASTER_KEY_FILE, masterKeyFrom } from './master-key.js';

const dir = () => mkdtempSync(join(tmpdir(), 'kpo-key-'));
const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { reason?: string }).reason;
  }
  return 'no error';
};

describe('master key', () => {
  it('seals a value so the stored text is not the value, and opens it only in its own context and purpose', () => {
    const key = masterKeyFrom(randomBytes(32));
    const box = key.box('webhook-secrets');
    const sealed = box.seal('whsec_abc123', 'webhook:1');
    expect(sealed).not.toContain('whsec_abc123');
    expect(sealed.startsWith(`v1.${key.id}.`)).toBe(true);
    expect(box.seal('whsec_abc123', 'webhook:1')).not.toBe(sealed);
    expect(box.open(sealed, 'webhook:1')).toBe('whsec_abc123');
    expect(reasonOf(() => box.open(sealed, 'webhook:2'))).toBe('sealed_value_corrupt');
    expect(reasonOf(() => key.box('vault').open(sealed, 'webhook:1'))).toBe('sealed_value_corrupt');
    // The second-to-last character carries six bits of the tag (the last one may carry padding bits).
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(flipped).not.toBe(sealed);
    expect(reasonOf(() => box.open(flipped, 'webhook:1'))).toBe('sealed_value_corrupt');
  });

  it('names both keys when a value was sealed with another master key', () => {
    const a = masterKeyFrom(randomBytes(32));
    const b = masterKeyFrom(randomBytes(32));
    const sealed = a.box('webhook-secrets').seal('s', 'webhook:1');
    expect(() => b.box('webhook-secrets').open(sealed, 'webhook:1')).toThrow(
      new RegExp(`master key ${a.id}, but this kpo runs with master key ${b.id}`),
    );
    expect(reasonOf(() => b.box('webhook-secrets').open(sealed, 'webhook:1'))).toBe('master_key_mismatch');
  });

  it('takes KPO_MASTER_KEY when given (and writes no file), refusing a value that is not 32 bytes of base64', () => {
    const d = dir();
    const raw = randomBytes(32);
    const key = loadMasterKey({ envKey: raw.toString('base64'), dataDir: d, create: true });
    expect(key?.id).toBe(masterKeyFrom(raw).id);
    expect(() => statSync(join(d, MASTER_KEY_FILE))).toThrow();
    expect(reasonOf(() => loadMasterKey({ envKey: randomBytes(16).toString('base64'), dataDir: d, create: true }))).toBe('bad_master_key');
  });

  it('creates the key file once with mode 0600 and reads the same key back; refuses a file others can read', () => {
    const d = dir();
    expect(loadMasterKey({ envKey: null, dataDir: d, create: false })).toBeNull();
    const first = loadMasterKey({ envKey: null, dataDir: d, create: true });
    const path = join(d, MASTER_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(loadMasterKey({ envKey: null, dataDir: d, create: true })?.id).toBe(first?.id);
    chmodSync(path, 0o644);
    expect(reasonOf(() => loadMasterKey({ envKey: null, dataDir: d, create: true }))).toBe('master_key_exposed');
    const garbled = dir();
    writeFileSync(join(garbled, MASTER_KEY_FILE), 'not a key', { mode: 0o600 });
    expect(reasonOf(() => loadMasterKey({ envKey: null, dataDir: garbled, create: true }))).toBe('bad_master_key');
  });

  it('a lazy box loads nothing until used, and says so when there is no key to load', () => {
    let loads = 0;
    const box = lazyBox(
      lazyMasterKey(() => {
        loads++;
        return null;
      }),
      'webhook-secrets',
    );
    expect(loads).toBe(0);
    expect(reasonOf(() => box.seal('x', 'c'))).toBe('master_key_missing');
    expect(loads).toBe(1);
  });
});
