import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors.js';

/**
 * The master key encrypts secrets kpo must read back (webhook signing secrets; later the document
 * vault's keys). It comes from KPO_MASTER_KEY (base64, 32 bytes) or, when that is unset, from the
 * file `master.key` in the data directory, created on first use with mode 0600. It is never
 * stored in the database and never logged: a copy of the database (or a backup) without the key
 * does not reveal the secrets. Several processes on one PostgreSQL need the same key.
 */
export const MASTER_KEY_FILE = 'master.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_PREFIX = 'v1';

export interface SecretBox {
  /** Encrypts `plain`, bound to `context` (e.g. the row it belongs to): a value moved to another row does not open. */
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

export interface MasterKey {
  /** A fingerprint of the key (not the key): names which key sealed a value, for clear errors. */
  readonly id: string;
  /** A box with its own key derived for one purpose, so one purpose's values never open as another's. */
  box(purpose: string): SecretBox;
  /** A key of its own for one purpose (32 bytes), e.g. to sign or to mark; never the master key itself. */
  derive(purpose: string): Buffer;
}

export function decodeMasterKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== text.trim()) {
    throw new AppError('invalid_input', `${source} must be ${KEY_BYTES} bytes in base64 (generate one with: openssl rand -base64 32).`, {
      reason: 'bad_master_key',
    });
  }
  return key;
}

export function masterKeyFrom(key: Buffer): MasterKey {
  const id = createHmac('sha256', key).update('kpo master key id').digest('hex').slice(0, 16);
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `kpo/${purpose}`, KEY_BYTES));
  return {
    id,
    derive,
    box(purpose) {
      const sub = derive(purpose);
      return {
        seal(plain, context) {
          const iv = randomBytes(IV_BYTES);
          const cipher = createCipheriv('aes-256-gcm', sub, iv);
          cipher.setAAD(Buffer.from(context));
          const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
          return `${SEALED_PREFIX}.${id}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
        },
        open(sealed, context) {
          const [version, sealedBy, data] = sealed.split('.');
          if (version !== SEALED_PREFIX || !sealedBy || !data)
            throw new AppError('internal', 'A sealed value is not in a format this kpo knows.', { reason: 'sealed_value_corrupt' });
          if (sealedBy !== id) {
            throw new AppError(
              'invalid_state',
              `A secret was encrypted with master key ${sealedBy}, but this kpo runs with master key ${id}. ` +
                `Start kpo with the original key (KPO_MASTER_KEY, or the ${MASTER_KEY_FILE} file of the data directory it was created in).`,
              { reason: 'master_key_mismatch' },
            );
          }
          const raw = Buffer.from(data, 'base64url');
          try {
            const decipher = createDecipheriv('aes-256-gcm', sub, raw.subarray(0, IV_BYTES));
            decipher.setAAD(Buffer.from(context));
            decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
            return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
          } catch {
            throw new AppError('invalid_state', `A secret encrypted with master key ${id} does not decrypt: it was altered or moved.`, {
              reason: 'sealed_value_corrupt',
            });
          }
        },
      };
    },
  };
}

function readKeyFile(path: string): Buffer {
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) {
    throw new AppError('invalid_state', `${path} can be read by other users (mode ${mode.toString(8)}); run: chmod 600 ${path}`, {
      reason: 'master_key_exposed',
    });
  }
  return decodeMasterKey(readFileSync(path, 'utf8'), path);
}

/**
 * The master key: KPO_MASTER_KEY when given, else the data directory's key file. With `create`, a
 * missing file is made (exclusively: of two processes starting at once, both end with the same key);
 * without it, a missing key is null.
 */
export function loadMasterKey(options: { envKey: string | null; dataDir: string; create: boolean }): MasterKey | null {
  if (options.envKey) return masterKeyFrom(decodeMasterKey(options.envKey, 'KPO_MASTER_KEY'));
  const path = join(options.dataDir, MASTER_KEY_FILE);
  try {
    return masterKeyFrom(readKeyFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (!options.create) return null;
  mkdirSync(options.dataDir, { recursive: true });
  // Written whole under a temporary name, then linked into place: a process that loses the race
  // reads the winner's complete file, never a half-written one.
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return masterKeyFrom(readKeyFile(path));
}

/** The master key when first needed (commands that never need it never create it), or a clear refusal. */
export function lazyMasterKey(load: () => MasterKey | null): () => MasterKey {
  let key: MasterKey | null = null;
  return () => {
    key ??= load();
    if (!key) {
      throw new AppError(
        'invalid_state',
        `No master key: set KPO_MASTER_KEY, or put the original ${MASTER_KEY_FILE} in the data directory.`,
        {
          reason: 'master_key_missing',
        },
      );
    }
    return key;
  };
}

/** A box for one purpose that loads the master key when first used. */
export function lazyBox(masterKey: () => MasterKey, purpose: string): SecretBox {
  let box: SecretBox | null = null;
  const get = () => {
    box ??= masterKey().box(purpose);
    return box;
  };
  return { seal: (plain, context) => get().seal(plain, context), open: (sealed, context) => get().open(sealed, context) };
}
