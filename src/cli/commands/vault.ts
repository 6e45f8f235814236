import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Command } from 'commander';
import type { Config } from '../../infra/config.js';
import { loadMasterKey } from '../../infra/crypto/master-key.js';
import type { Runtime } from '../../runtime.js';
import { AppError } from '../../shared/errors.js';
import { EXIT_VERIFY_FAILED } from '../exit-codes.js';
import { readFileBytes } from '../files.js';
import { progress } from '../progress.js';

export interface VaultCommandDeps {
  config(): Config;
  withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T>;
  print(json: boolean, value: unknown, text: string): void;
  /** Ends the command with an exit code once its output is written. */
  exit(code: number): never;
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
      const bytes = readFileBytes(file);
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

  /** This kpo's certificate-signing key, from its master key (never created here). */
  const platformKey = async () => {
    const cfg = deps.config();
    const master = loadMasterKey({ envKey: cfg.masterKey, dataDir: cfg.dataDir, create: false });
    if (!master) return null;
    const { platformSigningKey } = await import('../../infra/documents/certificate.js');
    return platformSigningKey(master.derive('certificate-signing'));
  };

  vault
    .command('public-key')
    .description("print this kpo's certificate-signing public key (PEM), for checking certificates elsewhere")
    .action(async () => {
      const key = await platformKey();
      if (!key)
        throw new AppError('invalid_state', 'No master key: set KPO_MASTER_KEY or run in the data directory kpo uses.', {
          reason: 'master_key_missing',
        });
      deps.print(false, null, `${String(key.publicKey.export({ type: 'spki', format: 'pem' })).trim()}\nkey id ${key.keyId}`);
    });

  vault
    .command('verify-certificate <file>')
    .description('check a destruction certificate offline: its signature, and that this kpo (or --public-key) signed it')
    .option('--public-key <file>', "trust this Ed25519 public key (PEM, as `kpo vault public-key` prints it) instead of this kpo's own")
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { publicKey?: string; json?: boolean }) => {
      const bytes = readFileBytes(file);
      let trusted: KeyObject[] = [];
      if (opts.publicKey) {
        try {
          trusted = [createPublicKey(Buffer.from(readFileBytes(opts.publicKey)))];
        } catch (e) {
          if (e instanceof AppError) throw e;
          throw new AppError('invalid_input', `${opts.publicKey} is not a public key in PEM form.`, { reason: 'file_unreadable' });
        }
      } else {
        const own = await platformKey();
        if (own) trusted = [own.publicKey];
      }
      const { verifyDestructionCertificate } = await import('../../infra/documents/certificate.js');
      const result = await verifyDestructionCertificate(bytes, trusted.length ? { publicKeys: trusted } : undefined);
      const ok = result.valid && result.signedByTrustedKey !== false;
      const d = result.data;
      const text = ok
        ? [
            `Certificate valid${result.signedByTrustedKey ? ' and signed by this kpo' : ' (no trusted key given: the signature holds, the signer is not checked)'} (key ${result.keyId}).`,
            d &&
              `  certificate ${d.certificateId}: ${d.documents.length} document versions of ${d.engagementName} (${d.clientOrgName}) destroyed ${d.destroyedAt} by ${d.destroyedBy.name} <${d.destroyedBy.email}>; data key ${d.dataKeyId ?? 'none'}`,
            d &&
              `  provider's statement: ${d.providerAttestation ? `${d.providerAttestation.by}, ${d.providerAttestation.at}` : 'not received when issued'}`,
          ]
            .filter(Boolean)
            .join('\n')
        : `Certificate NOT valid: ${result.problems.join(', ')}.`;
      deps.print(!!opts.json, { file, ...result }, text);
      if (!ok) deps.exit(EXIT_VERIFY_FAILED);
    });
}
