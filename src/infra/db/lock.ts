import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors.js';

/**
 * PGlite has no lock between processes: two kpo processes on one data directory would corrupt
 * it. This lock file names the holder (pid, host, and the process's start time so that a reused
 * pid is not mistaken for the holder); a lock whose holder is gone is stale and is taken over.
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

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot see another host's processes: assume it holds the lock
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

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'kpo.lock');
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    processStart: processStartTime(process.pid),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const owner = readOwner(path);
        if (owner?.pid === me.pid && owner.host === me.host) unlinkSync(path);
        process.off('exit', release);
      };
      process.on('exit', release);
      return { path, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(path);
      if (owner && isAlive(owner)) {
        throw new AppError(
          'unavailable',
          `Another kpo process (pid ${owner.pid} on ${owner.host}, since ${owner.since}) is using the data directory ${dataDir}. ` +
            'Stop it first, or set KPO_DATA_DIR to another directory. The embedded database cannot be shared between processes; use DATABASE_URL for several processes.',
          { reason: 'data_dir_locked' },
        );
      }
      // The holder is gone (killed or crashed): the lock is stale.
      try {
        unlinkSync(path);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
    }
  }
  throw new AppError('unavailable', `Could not lock the data directory ${dataDir}; another process is starting on it.`, {
    reason: 'data_dir_locked',
  });
}
