import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Runtime } from '../../runtime.js';
import { AppError } from '../../shared/errors.js';
import { EXIT_VERIFY_FAILED } from '../exit-codes.js';
import { progress } from '../progress.js';

export interface VaultCommandDeps {
  withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T>;
  print(json: boolean, value: unknown, text: string): void;
  /** Ends the command with an exit code once its output is written. */
  exit(code: number): never;
}

function readFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AppError('not_found', `No file at ${path}.`, { reason: 'file_not_found' });
    throw new AppError('invalid_input', `Cannot read ${path}: ${(e as Error).message}`, { reason: 'file_unreadable' });
  }
}

/** `kpo vault …`: the document vault's integrity, clean-up and leak tracing. */
export function registerVaultCommands(program: Command, deps: VaultCommandDeps): void {
  const vault = program.command('vault').description('the document vault: check its files, clean up, trace a leaked copy');

  vault
    .command('check')
    .description('read and authenticate every stored document version (a changed or missing file is named)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const result = await deps.withRuntime(async (rt) => {
        const bar = progress('Checking the vault', !opts.json);
        const r = await rt.vault.check((done, total) => bar.update(done, total));
        bar.stop();
        return r;
      });
      const lines = result.problems.map((p) => `  ${p.reason}: document ${p.documentId} version ${p.version} (blob ${p.blobId})`);
      deps.print(
        !!opts.json,
        result,
        result.problems.length === 0
          ? `Vault intact: ${result.checked} document versions read and authenticated.`
          : [`Vault NOT intact: ${result.problems.length} of ${result.checked} document versions fail:`, ...lines].join('\n'),
      );
      if (result.problems.length > 0) deps.exit(EXIT_VERIFY_FAILED);
    });

  vault
    .command('cleanup')
    .description('remove stored files of uploads that never completed (older than an hour)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const result = await deps.withRuntime((rt) => rt.vault.cleanup(rt.clock.now()));
      deps.print(!!opts.json, result, `Removed ${result.removed} abandoned upload${result.removed === 1 ? '' : 's'}.`);
    });

  vault
    .command('trace <file>')
    .description('name the download a leaked copy came from: the fingerprint in the file, who downloaded it and when')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }) => {
      const bytes = readFile(file);
      const traced = await deps.withRuntime(async (rt) => {
        const { readFingerprints } = await import('../../infra/documents/watermark.js');
        const found = await readFingerprints(bytes, rt.masterKey().derive('download-fingerprints'));
        const downloads = [];
        for (const f of found) {
          const access = f.valid ? await rt.store.read.documents.access(f.downloadId) : null;
          const [user, org, doc] = access
            ? await Promise.all([
                access.userId ? rt.store.read.users.get(access.userId) : null,
                access.orgId ? rt.store.read.orgs.get(access.orgId) : null,
                rt.store.read.documents.get(access.documentId),
              ])
            : [null, null, null];
          downloads.push({
            where: f.where,
            downloadId: f.downloadId,
            valid: f.valid,
            download: access && {
              at: access.at,
              mode: access.mode,
              user: user ? { id: user.id, name: user.displayName, email: user.email } : null,
              organisation: org ? { id: org.id, name: org.name } : null,
              document: doc ? { id: doc.id, name: doc.name, version: access.version } : { id: access.documentId, version: access.version },
              engagementId: access.engagementId,
            },
          });
        }
        return downloads;
      });
      const known = traced.filter((t) => t.download);
      const text =
        traced.length === 0
          ? `No kpo fingerprint found in ${file}.`
          : traced
              .map((t) =>
                t.download
                  ? `${t.where}: download ${t.downloadId} by ${t.download.user?.name ?? '?'} <${t.download.user?.email ?? '?'}> of ${t.download.organisation?.name ?? '?'}, ${t.download.at} (${t.download.mode}), document ${t.download.document.name ?? t.download.document.id} version ${t.download.document.version}`
                  : `${t.where}: fingerprint ${t.downloadId} ${t.valid ? 'names no recorded download' : 'is forged or altered (its MAC does not match)'}`,
              )
              .join('\n');
      deps.print(!!opts.json, { file, fingerprints: traced }, text);
      if (known.length === 0) deps.exit(EXIT_VERIFY_FAILED);
    });
}
