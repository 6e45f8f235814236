import { existsSync, readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Kysely } from 'kysely';
import { backup, restore } from '../infra/backup.js';
import { type Config, loadConfig } from '../infra/config.js';
import { loadMasterKey, MASTER_KEY_FILE } from '../infra/crypto/master-key.js';
import { cryptoRandom } from '../infra/crypto/random.js';
import { openDatabase } from '../infra/db/database.js';
import { migrate, migrationStatus } from '../infra/db/migrate.js';
import type { DB } from '../infra/db/schema.js';
import { sealedSecretKeyIds } from '../infra/db/webhook-repo.js';
import { seedDemoEngagements } from '../infra/demo/engagements.js';
import { DEFAULT_DEMO_PASSWORD, demoLogins, seedDemo } from '../infra/demo/seed.js';
import { sealedVaultKeyIds } from '../infra/documents/vault.js';
import { startJobs } from '../infra/jobs/runner.js';
import { blobStoreOn, createRuntime, databaseTarget, type Runtime } from '../runtime.js';
import { isClusterWorker, leaveCluster, reportReady, runPrimary } from '../server/cluster.js';
import { startServer } from '../server/serve.js';
import { AppError, isAppError } from '../shared/errors.js';
import { orgKindSchema, type Role, roleSchema } from '../shared/roles.js';
import { registerFmCommands } from './commands/fm.js';
import { registerIpCommands } from './commands/ip.js';
import { registerMrCommands } from './commands/mr.js';
import { registerPiiCommands } from './commands/pii.js';
import { registerQaCommands } from './commands/qa.js';
import { registerVaultCommands } from './commands/vault.js';
import { EXIT_VERIFY_FAILED, exitCodeOf } from './exit-codes.js';
import type { CliIo } from './io.js';
import { progress } from './progress.js';

export type { CliIo } from './io.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Thrown to end a command with a given exit code once its output is written. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('kpo')
    .description('kpo: run outsourced knowledge work with its risks measured')
    .version(pkg.version)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  const config = (): Config => loadConfig(io.env);
  const cliContext = () => `cli:${safeUser()}@${hostname()}`;
  const print = (json: boolean, value: unknown, text: string) => io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

  async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
    const rt = await createRuntime(config(), { migrate: options.migrate ?? true });
    try {
      return await fn(rt);
    } finally {
      await rt.close();
    }
  }

  program
    .command('serve')
    .description('run the kpo server (API and web UI)')
    .addOption(new Option('--port <port>', 'port to listen on (PORT)').argParser((v) => Number.parseInt(v, 10)))
    .option('--host <host>', 'address to listen on (HOST)')
    .option('--demo', 'seed the demo organisations and users when missing (KPO_DEMO)')
    .addOption(
      new Option('--workers <n>', 'server processes sharing the port (PostgreSQL only; default 1)')
        .argParser((v) => {
          const n = /^\d{1,2}$/.test(v) ? Number(v) : 0;
          if (n < 1 || n > 64) throw new InvalidArgumentError('Give a whole number from 1 to 64.');
          return n;
        })
        .default(1),
    )
    .action(async (opts: { port?: number; host?: string; demo?: boolean; workers: number }) => {
      const cfg = config();
      const started = performance.now();
      const demo = (opts.demo || cfg.demo) && !isClusterWorker(); // the primary seeds the demo once
      const reportSeeded = (seeded: { organizations: number; users: number; engagements: number }) => {
        if (seeded.organizations + seeded.users + seeded.engagements > 0)
          io.stderr(`Seeded demo data: ${seeded.organizations} organisations, ${seeded.users} users, ${seeded.engagements} engagements.\n`);
      };
      const printDemoLogins = () => {
        io.stdout(`\nDemo sign-ins — every demo user's password is: ${cfg.demoPassword ?? DEFAULT_DEMO_PASSWORD}\n`);
        for (const login of demoLogins())
          io.stdout(`  ${login.email.padEnd(40)} ${login.roles.join(', ').padEnd(28)} ${login.organization}\n`);
        io.stdout('\nThese accounts are for trying kpo. Do not expose a demo instance to a network.\n');
      };
      if (opts.workers > 1 && !isClusterWorker()) {
        if (!cfg.databaseUrl)
          throw new AppError(
            'invalid_input',
            '--workers needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process. Run without --workers, or set DATABASE_URL.',
            { reason: 'invalid_option' },
          );
        // Migrate (and seed the demo) once, before the workers start.
        const rt = await createRuntime(cfg);
        try {
          if (demo) reportSeeded(await loadDemo(rt, cfg.demoPassword ?? DEFAULT_DEMO_PASSWORD));
        } finally {
          await rt.close();
        }
        const code = await runPrimary({
          workers: opts.workers,
          log: (line) => io.stderr(`kpo: ${line}\n`),
          onReady: (r, ms) => {
            io.stdout(`kpo ${pkg.version} is ready at ${r.url} (${r.kind}: ${r.location}; ${opts.workers} workers; ${ms} ms)\n`);
            if (demo) printDemoLogins();
          },
        });
        if (code !== 0) throw new AppError('internal', 'A server worker ended before the server was ready (its output is above).');
        return;
      }
      // The first start creates the embedded database (and replays the demo history): say so, it takes longest.
      const firstStart = !cfg.databaseUrl && !existsSync(join(cfg.dataDir, 'pg'));
      if (firstStart) io.stderr(`First start: creating the database in ${cfg.dataDir}${demo ? ' and loading the demo' : ''}…\n`);
      const rt = await createRuntime(cfg);
      let server: Awaited<ReturnType<typeof startServer>> | null = null;
      let jobs: Awaited<ReturnType<typeof startJobs>>;
      try {
        if (demo) reportSeeded(await loadDemo(rt, cfg.demoPassword ?? DEFAULT_DEMO_PASSWORD));
        server = await startServer(rt, { port: opts.port ?? cfg.port, host: opts.host ?? cfg.host });
        jobs = await startJobs(
          rt.database,
          {
            'sla-check': () => rt.services.engagements.oversight.checkSlas(),
            'deliver-notifications': ({ signal }) => rt.notificationDelivery.run(signal),
            'vault-cleanup': async () => {
              const { removed } = await rt.vault.cleanup(rt.clock.now());
              if (removed > 0) rt.logger.info('vault clean-up', { removed });
            },
          },
          { logger: rt.logger, connectionString: cfg.databaseUrl },
        );
      } catch (e) {
        // Nothing left open; a cluster worker leaves its primary, which would otherwise keep it running.
        await server?.close().catch(() => undefined);
        await rt.close().catch(() => undefined);
        leaveCluster();
        throw e;
      }
      const listening = server;
      const ms = Math.round(performance.now() - started);
      if (isClusterWorker()) reportReady({ url: listening.url, kind: rt.database.kind, location: rt.database.location });
      else io.stdout(`kpo ${pkg.version} is ready at ${listening.url} (${rt.database.kind}: ${rt.database.location}; ${ms} ms)\n`);
      if (demo) printDemoLogins();
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = async (signal: string) => {
          // A cluster worker may hear both the terminal's SIGINT and its primary's SIGTERM.
          if (stopping) return;
          stopping = true;
          if (!isClusterWorker()) io.stderr(`\n${signal}: shutting down…\n`);
          await listening.close();
          await jobs.stop();
          await rt.close();
          // A worker's channel to its primary would keep it running.
          leaveCluster();
          resolve();
        };
        process.once('SIGINT', () => void stop('SIGINT'));
        process.once('SIGTERM', () => void stop('SIGTERM'));
      });
    });

  const db = program.command('db').description('the database');
  db.command('migrate')
    .description('apply pending migrations')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const database = await openDatabase(databaseTarget(config()));
      try {
        const result = await migrate(database.db);
        print(!!opts.json, result, result.applied.length ? `Applied: ${result.applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
      }
    });
  db.command('status')
    .description('applied and pending migrations')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const database = await openDatabase(databaseTarget(config()));
      try {
        const status = await migrationStatus(database.db);
        const text = [
          `Database: ${database.kind} (${database.location})`,
          ...status.applied.map((m) => `  applied  ${m.name}  ${m.appliedAt}`),
          ...status.pending.map((m) => `  pending  ${m.name}`),
        ].join('\n');
        print(!!opts.json, { database: database.kind, ...status }, text);
      } finally {
        await database.close();
      }
    });

  const user = program.command('user').description('accounts');
  user
    .command('create')
    .description('create an account with roles in an organisation (creating the organisation with --org-kind)')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--org <org>', 'organisation name or id')
    .requiredOption('--roles <roles>', 'comma-separated roles, e.g. client_admin,engagement_owner')
    .option('--org-kind <kind>', 'create the organisation if missing: client, provider or operator')
    .option('--password-stdin', 'read the password from standard input (otherwise one is generated and printed once)')
    .option('--locale <locale>', 'ja or en', 'ja')
    .option('--json', 'machine-readable output')
    .action(
      async (opts: {
        email: string;
        name: string;
        org: string;
        roles: string;
        orgKind?: string;
        passwordStdin?: boolean;
        locale: string;
        json?: boolean;
      }) => {
        const roles = opts.roles.split(',').map((r) => r.trim());
        const badRoles = roles.filter((r) => !roleSchema.safeParse(r).success);
        if (badRoles.length > 0) {
          throw new AppError('invalid_input', `Unknown role(s): ${badRoles.join(', ')}. Roles: ${roleSchema.options.join(', ')}.`, {
            issues: badRoles.map((r) => ({ path: ['roles'], code: 'unknown_role', message: `Unknown role ${r}.` })),
          });
        }
        const generated = !opts.passwordStdin;
        const password = opts.passwordStdin ? (io.readStdin?.() ?? '').replace(/\r?\n$/, '') : cryptoRandom.secret(15);
        await withRuntime(async (rt) => {
          const ctx = rt.system(cliContext());
          let org = (await rt.store.read.orgs.list()).find((o) => o.id === opts.org || o.name === opts.org) ?? null;
          if (!org && opts.orgKind) {
            const kind = orgKindSchema.parse(opts.orgKind);
            org = await rt.services.admin.ensureOrganization(ctx, { name: opts.org, kind });
          }
          if (!org)
            throw new AppError('not_found', `No organisation "${opts.org}". Give --org-kind to create it.`, {
              reason: 'organization_not_found',
            });
          const created = await rt.services.admin.createUser(ctx, {
            email: opts.email,
            displayName: opts.name,
            password,
            orgId: org.id,
            roles: roles as Role[],
            locale: opts.locale === 'en' ? 'en' : 'ja',
          });
          print(
            !!opts.json,
            { ...created, orgId: org.id, roles, ...(generated && { password }) },
            `Created ${created.email} in ${org.name} as ${roles.join(', ')}.${generated ? `\nPassword (shown once): ${password}` : ''}`,
          );
        });
      },
    );

  program
    .command('seed')
    .description('load data')
    .command('demo')
    .description('the demo organisations and users (idempotent)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const cfg = config();
      await withRuntime(async (rt) => {
        const result = await loadDemo(rt, cfg.demoPassword ?? DEFAULT_DEMO_PASSWORD);
        print(
          !!opts.json,
          result,
          `Demo data: ${result.organizations} organisations, ${result.users} users and ${result.engagements} engagements added.`,
        );
      });
    });

  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description('check the hash chain of the whole audit log and name the first broken event')
    .option('--anchor <seq:hash...>', 'also check links recorded earlier with `kpo audit anchor` (outside the database)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean; anchor?: string[] }) => {
      const anchors = (opts.anchor ?? []).map(parseAnchor);
      await withRuntime(async (rt) => {
        const bar = progress('Verifying audit chain', !opts.json);
        const result = await rt.services.audit.verify(rt.system(cliContext()), (done, total) => bar.update(done, total), anchors);
        bar.stop();
        if (result.ok) {
          const checked = anchors.length ? `, ${anchors.length} anchor(s) match` : '';
          const waiting = result.unsealed.count
            ? ` ${result.unsealed.count} event(s) written while it ran are being sealed into the chain (checked next time).`
            : '';
          print(
            !!opts.json,
            result,
            `The audit chain is intact: ${result.count} events${checked}, last #${result.lastSeq} ${result.lastHash}.${waiting}`,
          );
        } else {
          print(
            !!opts.json,
            result,
            `The audit chain is BROKEN at event #${result.broken.seq}: ${result.broken.message} (${result.count} events before it verified).`,
          );
          throw new Exit(EXIT_VERIFY_FAILED);
        }
      });
    });
  audit
    .command('anchor')
    .description('print the current end of the chain as seq:hash, to keep outside the database (a ticket, an e-mail, a WORM store)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withRuntime(async (rt) => {
        // Events written a moment ago are sealed first, so that the anchor covers them.
        await rt.store.sealAudit();
        const head = await rt.store.read.audit.head();
        const at = rt.clock.now().toISOString();
        print(!!opts.json, { ...head, at }, `${head.seq}:${head.hash}`);
      });
    });

  /** The backup passphrase: the first line of --passphrase-file, else KPO_BACKUP_PASSPHRASE. */
  const passphraseOf = (opts: { passphraseFile?: string }): string | null => {
    if (opts.passphraseFile) {
      try {
        return readFileSync(opts.passphraseFile, 'utf8').split(/\r?\n/)[0] ?? '';
      } catch (e) {
        throw new AppError('invalid_input', `Cannot read the passphrase file ${opts.passphraseFile}: ${(e as Error).message}.`, {
          reason: 'file_unreadable',
        });
      }
    }
    return io.env.KPO_BACKUP_PASSPHRASE || null;
  };

  program
    .command('backup <file>')
    .description('write a consistent snapshot of the database to a file (gzip JSON lines, encrypted with a passphrase)')
    .option('--passphrase-file <file>', 'read the passphrase from this file (else KPO_BACKUP_PASSPHRASE)')
    .option('--unencrypted', 'write a backup that is neither encrypted nor authenticated')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean; passphraseFile?: string; unencrypted?: boolean }) => {
      const passphrase = passphraseOf(opts);
      if (passphrase && opts.unencrypted)
        throw new AppError('invalid_input', 'Give a passphrase or --unencrypted, not both.', { reason: 'invalid_option' });
      if (!passphrase && !opts.unencrypted)
        throw new AppError(
          'invalid_input',
          'Backups are encrypted: set KPO_BACKUP_PASSPHRASE or give --passphrase-file FILE (or --unencrypted to write a plain backup).',
          { reason: 'backup_passphrase_required' },
        );
      await withRuntime(async (rt) => {
        const bar = progress('Backing up', !opts.json);
        let done = 0;
        const result = await backup(rt.database.db, file, {
          source: `${rt.database.kind}:${rt.database.location}`,
          protection: passphrase ? { passphrase } : { unencrypted: true },
          onProgress: (p) => bar.update(++done, done, `${p.table} ${p.rows}`),
          blobs: blobStoreOn(rt.config),
        });
        bar.stop();
        await rt.store.transaction((tx) =>
          rt.recordAudit(tx, rt.system(cliContext()), {
            type: 'system.backup_created',
            orgId: null,
            resource: { type: 'system', id: 'backup' },
            data: { rows: result.rows, tables: Object.keys(result.tables).length },
          }),
        );
        print(
          !!opts.json,
          { file, ...result },
          `Backed up ${result.rows} rows from ${Object.keys(result.tables).length} tables and ${result.blobs} vault files to ${file} (${result.encrypted ? 'encrypted' : 'NOT encrypted'}).`,
        );
      });
    });

  program
    .command('restore <file>')
    .description('restore a backup into an empty data directory or database')
    .option('--passphrase-file <file>', 'read the passphrase from this file (else KPO_BACKUP_PASSPHRASE)')
    .option('--unencrypted', 'accept a backup that is not encrypted (one written with --unencrypted, or by an older kpo)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean; passphraseFile?: string; unencrypted?: boolean }) => {
      const passphrase = passphraseOf(opts);
      await withRuntime(
        async (rt) => {
          const bar = progress('Restoring', !opts.json);
          let done = 0;
          const result = await restore(rt.database.db, file, {
            passphrase,
            allowUnencrypted: !!opts.unencrypted,
            onProgress: (p) => bar.update(++done, done, `${p.table} ${p.rows}`),
            beforeCommit: (tx) => checkMasterKeyFor(tx, rt.config),
            blobs: blobStoreOn(rt.config),
          });
          bar.stop();
          await rt.store.transaction((tx) =>
            rt.recordAudit(tx, rt.system(cliContext()), {
              type: 'system.restored',
              orgId: null,
              resource: { type: 'system', id: 'backup' },
              data: { fromCreatedAt: result.header.createdAt, rows: result.rows },
            }),
          );
          // Events that travelled unsealed join the chain now, after the ones the restore checked.
          if (result.unsealedEvents > 0) await rt.store.sealAudit();
          print(
            !!opts.json,
            {
              rows: result.rows,
              vaultFiles: result.blobs,
              backupCreatedAt: result.header.createdAt,
              auditChain: { ...result.auditChain, unsealedRestored: result.unsealedEvents },
            },
            `Restored ${result.rows} rows and ${result.blobs} vault files from a backup of ${result.header.createdAt}. Audit chain: intact (${result.auditChain.count} events)${
              result.unsealedEvents > 0
                ? `; ${result.unsealedEvents} event(s) written while the backup ran came unsealed and are now sealed onto it.`
                : '.'
            }`,
          );
        },
        { migrate: false },
      );
    });

  registerFmCommands(program, io);
  registerPiiCommands(program, io);
  registerQaCommands(program, io);
  registerMrCommands(program, io);
  registerIpCommands(program, { withRuntime: (fn) => withRuntime(fn), print, actor: cliContext });
  registerVaultCommands(program, {
    config,
    withRuntime: (fn) => withRuntime(fn),
    print,
    exit: (code) => {
      throw new Exit(code);
    },
  });
  return program;
}

/** The demo organisations and people, then the three seed cases with their history. */
async function loadDemo(rt: Runtime, password: string) {
  const people = await seedDemo({ admin: rt.services.admin, store: rt.store, audit: rt.recordAudit }, rt.system('seed'), password);
  const engagements = await seedDemoEngagements((clock) => rt.servicesAt(clock), rt.store, rt.clock.now());
  return { ...people, engagements };
}

/**
 * Webhook secrets travel in a backup sealed under the master key, which the backup does not hold:
 * restore only when this kpo has that key, or the restored webhooks could never sign again.
 */
async function checkMasterKeyFor(tx: Kysely<DB>, cfg: Config): Promise<void> {
  const sealedWith = [...new Set([...(await sealedSecretKeyIds(tx)), ...(await sealedVaultKeyIds(tx))])];
  if (sealedWith.length === 0) return;
  const key = loadMasterKey({ envKey: cfg.masterKey, dataDir: cfg.dataDir, create: false });
  const wrong = sealedWith.filter((id) => id !== key?.id);
  if (wrong.length === 0) return;
  throw new AppError(
    'invalid_state',
    `The backup's webhook secrets or vault keys are encrypted with master key ${wrong.join(', ')}; this kpo has ${key ? `master key ${key.id}` : 'no master key'}. ` +
      `Set KPO_MASTER_KEY to the original key (or put the original ${MASTER_KEY_FILE} in ${cfg.dataDir}) and restore again. Nothing was restored.`,
    { reason: key ? 'master_key_mismatch' : 'master_key_missing' },
  );
}

function parseAnchor(text: string): { seq: number; hash: string } {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!m?.[1] || !m[2]) {
    throw new AppError('invalid_input', `"${text}" is not an anchor: write it as seq:hash, as \`kpo audit anchor\` prints it.`, {
      reason: 'bad_anchor',
    });
  }
  return { seq: Number(m[1]), hash: m[2] };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Runs the CLI and returns its exit code; errors are printed once, without a stack. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : exitCodeOf.invalid_input;
    if (isAppError(e)) {
      io.stderr(`kpo: ${e.message}\n`);
      for (const issue of e.issues ?? []) io.stderr(`  - ${issue.path.join('.') || '(input)'}: ${issue.message}\n`);
      return exitCodeOf[e.code];
    }
    io.stderr(`kpo: unexpected error: ${(e as Error).message}\n`);
    return exitCodeOf.internal;
  }
}
