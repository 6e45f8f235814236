import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors.js';

/**
 * PGlite has no lock between processes: two kpo processes on one data directory would corrupt
 * it. This lock file names the holder (pid, host, and the process's start time so that a reused
 * pid is not mistaken for the holder) and is touched every few seconds while held. A lock whose
 * holder is gone — a dead process on this host, or no heartbeat for a while from another host
 * (a container that was replaced) — is stale and is taken over, by one process at a time.
 */
interface LockOwner {
  pid: number;
  host: string;
  processStart: string | null;
  since: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

const HEARTBEAT_MS = 10_000;
/** A lock from another host without a heartbeat for this long is stale. */
const STALE_AFTER_MS = 60_000;
/** A takeover marker older than this was left by a process that died mid-takeover. */
const TAKEOVER_STALE_MS = 10_000;

function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) follows the parenthesised command name, which may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function isAlive(owner: LockOwner, path: string): boolean {
  if (owner.host !== hostname()) return ageMs(path) < STALE_AFTER_MS;
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = processStartTime(owner.pid);
  return owner.processStart === null || start === null || start === owner.processStart;
}

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function createExclusive(path: string, content: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, content);
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

function lockedError(dataDir: string, owner: LockOwner | null): AppError {
  const who = owner ? `pid ${owner.pid} on ${owner.host}, since ${owner.since}` : 'another process';
  return new AppError(
    'unavailable',
    `Another kpo process (${who}) is using the data directory ${dataDir}. Stop it first, or set KPO_DATA_DIR to another directory. ` +
      'The embedded database cannot be shared between processes; use DATABASE_URL for several processes.',
    { reason: 'data_dir_locked' },
  );
}

/** Replaces a stale lock, unless another process is doing the same at this moment. */
function takeOver(path: string, stale: LockOwner | null, me: LockOwner): boolean {
  const marker = `${path}.takeover`;
  if (ageMs(marker) > TAKEOVER_STALE_MS) removeIfPresent(marker);
  if (!createExclusive(marker, String(process.pid))) return false;
  try {
    // Still the same stale lock? (Someone may have taken it over just before us.)
    const now = readOwner(path);
    if (now && (now.pid !== stale?.pid || now.host !== stale?.host || now.since !== stale?.since)) return false;
    removeIfPresent(path);
    return createExclusive(path, JSON.stringify(me));
  } finally {
    removeIfPresent(marker);
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'kpo.lock');
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    processStart: processStartTime(process.pid),
    since: new Date().toISOString(),
  };
  if (!createExclusive(path, JSON.stringify(me))) {
    const owner = readOwner(path);
    if (owner && isAlive(owner, path)) throw lockedError(dataDir, owner);
    if (!takeOver(path, owner, me)) throw lockedError(dataDir, readOwner(path));
  }
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // The directory went away; release() will say nothing either.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    const owner = readOwner(path);
    if (owner?.pid === me.pid && owner.host === me.host && owner.since === me.since) removeIfPresent(path);
    process.off('exit', release);
  };
  process.on('exit', release);
  return { path, release };
}
