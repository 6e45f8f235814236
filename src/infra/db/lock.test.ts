import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'kpo-lock-'));
const writeLock = (d: string, owner: object, ageSeconds = 0) => {
  const path = join(d, 'kpo.lock');
  writeFileSync(path, JSON.stringify(owner));
  const t = new Date(Date.now() - ageSeconds * 1000);
  utimesSync(path, t, t);
};

describe('the data directory lock', () => {
  it('refuses a second holder while the first lives, and frees the directory on release', () => {
    const d = dir();
    const first = lockDataDir(d);
    expect(() => lockDataDir(d)).toThrowError(expect.objectContaining({ code: 'unavailable', reason: 'data_dir_locked' }));
    first.release();
    lockDataDir(d).release();
  });

  it('takes over a lock left by a process that died', () => {
    const d = dir();
    writeLock(d, { pid: 2 ** 22 + 17, host: hostname(), processStart: null, since: '2026-01-01T00:00:00Z' });
    const lock = lockDataDir(d);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('respects a live lock from another host, and takes over one whose heartbeat stopped', () => {
    const fresh = dir();
    writeLock(fresh, { pid: 1, host: 'another-container', processStart: null, since: '2026-01-01T00:00:00Z' }, 5);
    expect(() => lockDataDir(fresh)).toThrowError(expect.objectContaining({ reason: 'data_dir_locked' }));
    const silent = dir();
    writeLock(silent, { pid: 1, host: 'another-container', processStart: null, since: '2026-01-01T00:00:00Z' }, 300);
    lockDataDir(silent).release();
  });

  it('lets only one process take over a stale lock at a time', () => {
    const d = dir();
    writeLock(d, { pid: 2 ** 22 + 19, host: hostname(), processStart: null, since: '2026-01-01T00:00:00Z' });
    writeFileSync(join(d, 'kpo.lock.takeover'), '12345'); // another process is taking over right now
    expect(() => lockDataDir(d)).toThrowError(expect.objectContaining({ reason: 'data_dir_locked' }));
  });
});
