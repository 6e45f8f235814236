import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { masterKeyFrom } from '../infra/crypto/master-key.js';
import { PGLITE_EXTENSIONS } from '../infra/db/pglite-extensions.js';
import { kpo } from '../testing/cli.js';
import { makeTestDataDir } from '../testing/db.js';
import { startServerProcess } from '../testing/server-process.js';
import { EXIT_VERIFY_FAILED, exitCodeOf } from './exit-codes.js';

/**
 * Every `kpo` call here opens the embedded database from disk (PGlite: about a second on a quiet
 * machine, several on a busy one), and a test makes up to a dozen such calls or starts a server
 * process: the time-out fits that, not a quiet machine. No test here measures speed.
 */
const CLI_TEST_TIMEOUT = 240_000;
const PASSPHRASE = 'a long backup passphrase 2026';

/** Direct SQL on a stopped kpo's data directory: what someone with file access could do. */
async function withSql<T>(dataDir: string, fn: (db: PGlite) => Promise<T>): Promise<T> {
  const db = await PGlite.create(join(dataDir, 'pg'), { extensions: PGLITE_EXTENSIONS });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('kpo CLI on an embedded data directory', { timeout: CLI_TEST_TIMEOUT }, () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await makeTestDataDir();
    env = { KPO_DATA_DIR: dataDir };
  });
  // The demo's vault keys are sealed by the master key kpo created in the data directory: a restore elsewhere needs it.
  const dataDirKey = () => readFileSync(join(dataDir, 'master.key'), 'utf8').trim();

  it('db status and db migrate report the schema', async () => {
    const status = await kpo(['db', 'status', '--json'], env);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.out) as { applied: { name: string }[]; pending: unknown[] };
    expect(parsed.applied.map((m) => m.name)).toContain('0001_identity_and_audit.sql');
    expect(parsed.pending).toEqual([]);
    expect((await kpo(['db', 'migrate'], env)).out).toMatch(/up to date/);
  });

  it('user create makes an organisation and an account that can sign in', async () => {
    const created = await kpo(
      [
        'user',
        'create',
        '--email',
        'Founder@Example.test',
        '--name',
        '山田 花子',
        '--org',
        '株式会社テスト',
        '--org-kind',
        'client',
        '--roles',
        'client_admin,engagement_owner',
        '--json',
      ],
      env,
    );
    expect(created.code).toBe(0);
    const body = JSON.parse(created.out) as { email: string; password: string };
    expect(body.email).toBe('founder@example.test');
    expect(body.password.length).toBeGreaterThanOrEqual(20);

    const again = await kpo(
      ['user', 'create', '--email', 'founder@example.test', '--name', 'X', '--org', '株式会社テスト', '--roles', 'reviewer'],
      env,
    );
    expect(again.code).toBe(exitCodeOf.conflict);
    expect(again.err).toMatch(/already exists/);

    const badRole = await kpo(
      ['user', 'create', '--email', 'a@example.test', '--name', 'A', '--org', '株式会社テスト', '--roles', 'analyst,wizard'],
      env,
    );
    expect(badRole.code).toBe(exitCodeOf.invalid_input);
    expect(badRole.err).toMatch(/wizard/);

    const viaStdin = await kpo(
      ['user', 'create', '--email', 'b@example.test', '--name', 'B', '--org', '株式会社テスト', '--roles', 'analyst', '--password-stdin'],
      env,
      'short\n',
    );
    expect(viaStdin.code).toBe(exitCodeOf.invalid_input);
    // Every problem at once: the password is too short, and an analyst is not a client role.
    expect(viaStdin.err).toMatch(/password: A password needs at least 12 characters/);
    expect(viaStdin.err).toMatch(/roles\.0: A client organisation has no role "analyst"/);
  });

  it('seed demo is idempotent', async () => {
    const first = await kpo(['seed', 'demo', '--json'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ organizations: 6, users: 25, engagements: 3 });
    const second = await kpo(['seed', 'demo', '--json'], env);
    expect(JSON.parse(second.out)).toEqual({ organizations: 0, users: 0, engagements: 0 });
  });

  it('audit verify passes on an untouched log', async () => {
    const result = await kpo(['audit', 'verify', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ ok: true });
  });

  it('backup and restore round-trip into an empty data directory with a chain that verifies', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kpo-backup-')), 'kpo.backup');
    const protectedEnv = { ...env, KPO_BACKUP_PASSPHRASE: PASSPHRASE };
    const backup = await kpo(['backup', file, '--json'], protectedEnv);
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.out)).toMatchObject({ encrypted: true });
    expect(readFileSync(file).subarray(0, 8).toString()).toBe('KPOBKENC');

    const target = mkdtempSync(join(tmpdir(), 'kpo-restore-'));
    const restored = await kpo(['restore', file, '--json'], {
      KPO_DATA_DIR: target,
      KPO_BACKUP_PASSPHRASE: PASSPHRASE,
      KPO_MASTER_KEY: dataDirKey(),
    });
    expect(restored.code, restored.err).toBe(0);
    expect(JSON.parse(restored.out)).toMatchObject({ auditChain: { ok: true, unsealedRestored: 0 }, vaultFiles: 4 });

    const dump = (dir: string) =>
      withSql(dir, async (db) => {
        const tables: Record<string, unknown[]> = {};
        for (const t of ['organizations', 'users', 'memberships', 'invitations', 'api_tokens']) {
          tables[t] = (await db.query(`SELECT * FROM ${t} ORDER BY 1, 2`)).rows;
        }
        tables.audit = (await db.query('SELECT seq, hash FROM audit_events ORDER BY seq')).rows;
        return tables;
      });
    const before = await dump(dataDir);
    const after = await dump(target);
    expect(after.organizations).toEqual(before.organizations);
    expect(after.users).toEqual(before.users);
    expect(after.memberships).toEqual(before.memberships);
    // The backup was audited after it was taken (system.backup_created, not in the file); the
    // restore appends its own event (system.restored) to the restored chain.
    const backedUp = (before.audit?.length ?? 0) - 1;
    expect(after.audit?.slice(0, backedUp)).toEqual(before.audit?.slice(0, backedUp));
    expect(after.audit?.length).toBe(backedUp + 1);

    const intoFull = await kpo(['restore', file], { KPO_DATA_DIR: target, KPO_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(intoFull.code).toBe(exitCodeOf.invalid_state);
    expect(intoFull.err).toMatch(/not empty/);
  });

  it('an encrypted backup with one changed byte, cut short or under a wrong passphrase restores nothing, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpo-backup-'));
    const file = join(dir, 'kpo.backup');
    expect((await kpo(['backup', file], { ...env, KPO_BACKUP_PASSPHRASE: PASSPHRASE })).code).toBe(0);
    const target = await makeTestDataDir();
    const restoreInto = (f: string, extra: Record<string, string> = { KPO_BACKUP_PASSPHRASE: PASSPHRASE }) =>
      kpo(['restore', f], { KPO_DATA_DIR: target, KPO_MASTER_KEY: dataDirKey(), ...extra });

    const changed = Buffer.from(readFileSync(file));
    const at = Math.floor(changed.length / 2);
    changed[at] = (changed[at] as number) ^ 0x01;
    writeFileSync(join(dir, 'changed'), changed);
    const refused = await restoreInto(join(dir, 'changed'));
    expect(refused.code).toBe(exitCodeOf.invalid_input);
    expect(refused.err).toMatch(
      /^kpo: The backup was changed after it was written \(chunk \d+ does not authenticate\)\. Nothing was restored\.\n$/,
    );

    writeFileSync(join(dir, 'short'), readFileSync(file).subarray(0, readFileSync(file).length - 20));
    expect((await restoreInto(join(dir, 'short'))).err).toMatch(/changed after it was written.*Nothing was restored/);

    const wrong = await restoreInto(file, { KPO_BACKUP_PASSPHRASE: `${PASSPHRASE}?` });
    expect(wrong.code).toBe(exitCodeOf.invalid_input);
    expect(wrong.err).toMatch(/passphrase is wrong/);
    const none = await restoreInto(file, {});
    expect(none.err).toMatch(/is encrypted: give its passphrase/);

    // Nothing was half-restored: the same directory takes the good backup (from a passphrase file).
    writeFileSync(join(dir, 'pass'), `${PASSPHRASE}\n`, { mode: 0o600 });
    const good = await kpo(['restore', file, '--passphrase-file', join(dir, 'pass'), '--json'], {
      KPO_DATA_DIR: target,
      KPO_MASTER_KEY: dataDirKey(),
    });
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out)).toMatchObject({ auditChain: { ok: true } });
  });

  it('writes an unencrypted backup only when asked, and restores one only when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpo-backup-'));
    const file = join(dir, 'plain.backup.gz');
    const refusedWrite = await kpo(['backup', file], env);
    expect(refusedWrite.code).toBe(exitCodeOf.invalid_input);
    expect(refusedWrite.err).toMatch(/KPO_BACKUP_PASSPHRASE.*--unencrypted/);
    expect(existsSync(file)).toBe(false);
    const short = await kpo(['backup', file], { ...env, KPO_BACKUP_PASSPHRASE: 'too short' });
    expect(short.err).toMatch(/at least 12 characters/);
    expect(existsSync(file)).toBe(false);
    expect((await kpo(['backup', file, '--unencrypted'], env)).code).toBe(0);

    const refusedRead = await kpo(['restore', file], { KPO_DATA_DIR: await makeTestDataDir(), KPO_MASTER_KEY: dataDirKey() });
    expect(refusedRead.code).toBe(exitCodeOf.invalid_input);
    expect(refusedRead.err).toMatch(/unencrypted backup.*--unencrypted/);

    // A plain backup has no authentication: the audit chain is what catches an edit, and restores nothing.
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const auditLine = lines.findIndex((l) => l.includes('"t":"audit_events"'));
    const edited = lines.map((l, i) => {
      if (i !== auditLine) return l;
      const row = JSON.parse(l) as { t: string; r: { actor_label: string } };
      row.r.actor_label = `${row.r.actor_label} (edited)`;
      return JSON.stringify(row);
    });
    expect(edited).not.toEqual(lines);
    const tampered = join(dir, 'tampered.gz');
    writeFileSync(tampered, gzipSync(edited.join('\n')));
    const cleanTarget = await makeTestDataDir();
    const refused = await kpo(['restore', tampered, '--unencrypted'], { KPO_DATA_DIR: cleanTarget, KPO_MASTER_KEY: dataDirKey() });
    expect(refused.code).toBe(exitCodeOf.invalid_input);
    expect(refused.err).toMatch(/does not verify.*Nothing was restored/);
    expect((await kpo(['restore', file, '--unencrypted'], { KPO_DATA_DIR: cleanTarget, KPO_MASTER_KEY: dataDirKey() })).code).toBe(0);

    const truncated = join(dir, 'truncated.gz');
    writeFileSync(truncated, readFileSync(file).subarray(0, 200));
    const bad = await kpo(['restore', truncated, '--unencrypted'], { KPO_DATA_DIR: await makeTestDataDir(), KPO_MASTER_KEY: dataDirKey() });
    expect(bad.code).toBe(exitCodeOf.invalid_input);
  });

  it('webhook secrets travel sealed in a backup: restored only where the same master key is given', async () => {
    const key = randomBytes(32);
    const source = await makeTestDataDir();
    const keyed = { KPO_DATA_DIR: source, KPO_MASTER_KEY: key.toString('base64') };
    expect(
      (
        await kpo(
          [
            'user',
            'create',
            '--email',
            'a@example.test',
            '--name',
            'A',
            '--org',
            'Hooks',
            '--org-kind',
            'client',
            '--roles',
            'client_admin',
          ],
          keyed,
        )
      ).code,
    ).toBe(0);
    const id = randomUUID();
    const sealed = masterKeyFrom(key).box('webhook-secrets').seal('whsec_travels', `webhook:${id}`);
    await withSql(source, (db) =>
      db.query(
        `INSERT INTO webhooks (id, org_id, url, secret_sealed, kinds, created_at) SELECT $1, id, 'https://hooks.example.com/k', $2, '{sla.breached}', now() FROM organizations WHERE name = 'Hooks'`,
        [id, sealed],
      ),
    );
    const file = join(mkdtempSync(join(tmpdir(), 'kpo-backup-')), 'hooks.backup');
    expect((await kpo(['backup', file], { ...keyed, KPO_BACKUP_PASSPHRASE: PASSPHRASE })).code).toBe(0);

    const target = await makeTestDataDir();
    const withoutKey = await kpo(['restore', file], { KPO_DATA_DIR: target, KPO_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(withoutKey.code).toBe(exitCodeOf.invalid_state);
    expect(withoutKey.err).toMatch(/encrypted with master key [0-9a-f]{16}; this kpo has no master key.*Nothing was restored/);
    const otherKey = randomBytes(32).toString('base64');
    const withOther = await kpo(['restore', file], { KPO_DATA_DIR: target, KPO_BACKUP_PASSPHRASE: PASSPHRASE, KPO_MASTER_KEY: otherKey });
    expect(withOther.err).toMatch(/this kpo has master key [0-9a-f]{16}/);
    const restored = await kpo(['restore', file], {
      KPO_DATA_DIR: target,
      KPO_BACKUP_PASSPHRASE: PASSPHRASE,
      KPO_MASTER_KEY: key.toString('base64'),
    });
    expect(restored.code).toBe(0);
    const row = await withSql(target, (db) =>
      db.query<{ secret: string | null; secret_sealed: string }>('SELECT secret, secret_sealed FROM webhooks'),
    );
    expect(row.rows).toEqual([{ secret: null, secret_sealed: sealed }]);
    expect(masterKeyFrom(key).box('webhook-secrets').open(sealed, `webhook:${id}`)).toBe('whsec_travels');
  });

  it('an anchor kept outside the database catches a log cut short and re-chained', async () => {
    const anchor = (await kpo(['audit', 'anchor'], env)).out.trim();
    expect(anchor).toMatch(/^\d+:[0-9a-f]{64}$/);
    const [seq] = anchor.split(':').map(Number);
    await kpo(['seed', 'demo'], env); // nothing new, but the log goes on with later events
    await kpo(['user', 'create', '--email', 'late@example.test', '--name', 'Late', '--org', '株式会社テスト', '--roles', 'reviewer'], env);
    // Someone with the database in hand removes the anchored event and everything after it, and moves the head back.
    await withSql(dataDir, (db) =>
      db.exec(`ALTER TABLE audit_events DISABLE TRIGGER USER;
               DELETE FROM audit_events WHERE seq >= ${seq};
               UPDATE audit_head SET seq = ${(seq ?? 1) - 1}, hash = (SELECT hash FROM audit_events WHERE seq = ${(seq ?? 1) - 1});
               ALTER TABLE audit_events ENABLE TRIGGER USER;`),
    );
    expect((await kpo(['audit', 'verify', '--json'], env)).code).toBe(0); // the chain alone cannot tell
    const anchored = await kpo(['audit', 'verify', '--json', '--anchor', anchor], env);
    expect(anchored.code).toBe(EXIT_VERIFY_FAILED);
    expect(JSON.parse(anchored.out)).toMatchObject({ ok: false, broken: { seq, problem: 'anchor_mismatch' } });
    expect((await kpo(['audit', 'verify', '--anchor', 'nonsense'], env)).code).toBe(exitCodeOf.invalid_input);
  });

  it('audit verify names the first changed event, then the first deleted one', async () => {
    await withSql(dataDir, (db) =>
      db.exec(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
               UPDATE audit_events SET data = '{"name":"forged","kind":"client"}' WHERE seq = 3;`),
    );
    await withSql(dataDir, (db) =>
      db.exec('TRUNCATE audit_events').then(
        () => expect.fail('TRUNCATE must be refused'),
        (e: Error) => expect(e.message).toMatch(/append-only/),
      ),
    );
    const changed = await kpo(['audit', 'verify', '--json'], env);
    expect(changed.code).toBe(EXIT_VERIFY_FAILED);
    expect(JSON.parse(changed.out)).toMatchObject({ ok: false, broken: { seq: 3, problem: 'content_changed' } });
    const text = await kpo(['audit', 'verify'], env);
    expect(text.out).toMatch(/BROKEN at event #3/);

    await withSql(dataDir, (db) => db.exec('DELETE FROM audit_events WHERE seq IN (2, 3);'));
    const deleted = await kpo(['audit', 'verify', '--json'], env);
    expect(deleted.code).toBe(EXIT_VERIFY_FAILED);
    expect(JSON.parse(deleted.out)).toMatchObject({ ok: false, broken: { seq: 2, problem: 'missing_event' } });
  });

  it('refuses bad configuration with the variable named', async () => {
    const result = await kpo(['db', 'status'], { ...env, PORT: 'eighty' });
    expect(result.code).toBe(exitCodeOf.invalid_input);
    expect(result.err).toMatch(/PORT/);
  });
});

describe('the data directory lock', { timeout: CLI_TEST_TIMEOUT }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await makeTestDataDir();
  });

  it('refuses a second process on the same data directory, and a killed holder does not block a restart', async () => {
    const { child } = await startServerProcess({ KPO_DATA_DIR: dataDir, KPO_LOG_LEVEL: 'silent' });
    const refused = await kpo(['db', 'status'], { KPO_DATA_DIR: dataDir });
    expect(refused.code).toBe(exitCodeOf.unavailable);
    expect(refused.err).toMatch(new RegExp(`pid ${child.pid}`));

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(join(dataDir, 'kpo.lock'))).toBe(true); // left behind by the killed process
    const after = await kpo(['db', 'status', '--json'], { KPO_DATA_DIR: dataDir });
    expect(after.code).toBe(0);
  });
});
