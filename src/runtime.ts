import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { type RequestContext, systemContext } from './core/access/actor.js';
import { auditRecorder, type RecordAudit } from './core/audit/recorder.js';
import { auditService } from './core/audit/service.js';
import { conflictService } from './core/conflicts/service.js';
import { goldService } from './core/deliverables/gold-service.js';
import { deliverableService } from './core/deliverables/service.js';
import { closeOutService } from './core/documents/close-out.js';
import { piiReviewService } from './core/documents/pii-review.js';
import type { Certifier, PiiEngine, VaultStorage, Watermarker } from './core/documents/ports.js';
import { documentService } from './core/documents/service.js';
import { engagementServices } from './core/engagements/index.js';
import { idempotencyService } from './core/idempotency.js';
import { adminService } from './core/identity/admin.js';
import { authService } from './core/identity/auth.js';
import type { IdentityDeps } from './core/identity/deps.js';
import { apiTokenService } from './core/identity/tokens.js';
import { notificationService } from './core/notifications/service.js';
import { type WebhookService, webhookService } from './core/notifications/webhooks.js';
import type { Clock, PasswordHasher, RandomSource } from './core/ports.js';
import { calibrationService } from './core/reviews/calibration-service.js';
import type { Store } from './core/store.js';
import { capacityService } from './core/time/capacity-service.js';
import { timeService } from './core/time/service.js';
import { financialModelService } from './core/workbenches/financial-modeling/service.js';
import { codingService } from './core/workbenches/market-research/coding-service.js';
import { surveyService } from './core/workbenches/market-research/service.js';
import { marketSizingService } from './core/workbenches/market-research/sizing-service.js';
import { patentService } from './core/workbenches/patent-search/service.js';
import type { BlobStoreOn } from './infra/backup.js';
import type { Config } from './infra/config.js';
import { lazyBox, lazyMasterKey, loadMasterKey, type MasterKey, type SecretBox } from './infra/crypto/master-key.js';
import { argon2Hasher } from './infra/crypto/passwords.js';
import { AdjustableClock, cryptoRandom, systemClock } from './infra/crypto/random.js';
import { AUDIT_SEAL_INTERVAL_MS, createAuditSealer } from './infra/db/audit-sealer.js';
import { type Database, type DatabaseTarget, openDatabase } from './infra/db/database.js';
import { migrate } from './infra/db/migrate.js';
import { createStore } from './infra/db/repos.js';
import { sealLegacyWebhookSecrets } from './infra/db/webhook-repo.js';
import { localBlobStore, postgresBlobStore } from './infra/documents/blob-stores.js';
import { createVault, type Vault } from './infra/documents/vault.js';
import { readSurveyFile } from './infra/files/survey.js';
import { tableReader } from './infra/files/tables.js';
import { createLogger, type Logger } from './infra/logger.js';
import { createNotificationDelivery, type NotificationDelivery } from './infra/notify/deliver.js';
import { createWebhookCaller } from './infra/notify/webhooks.js';
import { reindexOutdatedCorpora } from './infra/patents/index-store.js';
import { readPatentUpload } from './infra/patents/upload.js';
import { readEntriesCsv } from './infra/time/entries-csv.js';
import type { DocumentKind } from './shared/contracts/documents.js';

/** The kinds whose text the PII engine reads (infra/documents/text). */
const SCANNABLE_KINDS: readonly string[] = ['txt', 'csv', 'xlsx', 'docx', 'pdf'];

/**
 * The one composition root: configuration → infrastructure → domain services. Everything a
 * server process, a CLI command or a test needs comes from here.
 */
export interface Runtime {
  config: Config;
  database: Database;
  store: Store;
  clock: Clock;
  logger: Logger;
  recordAudit: RecordAudit;
  services: Services;
  /** The same services with another clock (replaying history, as the demo loader does). */
  servicesAt(clock: Clock): Services;
  /** Organisations' webhooks: their administrators add, list, test and remove them (audited). */
  webhooks: WebhookService;
  /** Sends queued e-mails and webhook calls (the deliver-notifications job). */
  notificationDelivery: NotificationDelivery;
  /** Webhook signing secrets are sealed and opened with this (the master key, loaded on first use). */
  webhookSecrets: SecretBox;
  /** The document vault's encrypted storage (checks and clean-up; the services use it through their port). */
  vault: Vault;
  /** The master key (loaded, or created in the data directory, on first use). */
  masterKey: () => MasterKey;
  system(label: string): RequestContext;
  close(): Promise<void>;
}

/** The domain services over a store, with a given clock (the demo loader replays history with its own). */
export function buildServices(base: {
  store: Store;
  clock: Clock;
  random: RandomSource;
  hasher: PasswordHasher;
  identity: Config['identity'];
  vault: VaultStorage;
  watermark: Watermarker;
  certify: Certifier;
  pii: PiiEngine;
  maxUploadBytes: number;
  /** The patent corpora a patent report's checks look its citations up in. */
}) {
  const { store, clock, random } = base;
  const deps: IdentityDeps = { store, clock, random, hasher: base.hasher, audit: auditRecorder({ clock, random }), config: base.identity };
  const auth = authService(deps);
  const engagements = engagementServices({ store, clock, random, audit: deps.audit });
  const documents = documentService({
    store,
    clock,
    random,
    audit: deps.audit,
    vault: base.vault,
    watermark: base.watermark,
    maxUploadBytes: base.maxUploadBytes,
  });
  const surveys = surveyService({ store, clock, random, audit: deps.audit, vault: base.vault, readSurveyFile });
  return {
    recordAudit: deps.audit,
    services: {
      auth,
      admin: adminService(deps, auth),
      tokens: apiTokenService(deps),
      audit: auditService({ store }),
      engagements,
      financialModels: financialModelService({ store, clock, random, audit: deps.audit, tables: tableReader }),
      notifications: notificationService({ store, clock }),
      idempotency: idempotencyService({ store, clock }),
      documents,
      piiReview: piiReviewService({
        store,
        clock,
        random,
        audit: deps.audit,
        vault: base.vault,
        pii: base.pii,
        maxUploadBytes: base.maxUploadBytes,
        storeCopy: (...args) => documents.storeCopy(...args),
      }),
      conflicts: conflictService({ store, clock, random, audit: deps.audit }),
      time: timeService({ store, clock, random, audit: deps.audit, readEntriesCsv }),
      capacity: capacityService({ store, clock, random, audit: deps.audit }),
      deliverables: deliverableService({
        store,
        clock,
        random,
        audit: deps.audit,
        surveyEvidence: surveys.reportEvidence,
      }),
      gold: goldService({ store, clock, random, audit: deps.audit }),
      calibration: calibrationService({ store, clock, random, audit: deps.audit }),
      surveys,
      coding: codingService({
        store,
        clock,
        random,
        audit: deps.audit,
        vault: base.vault,
        // The survey service's reads (policy, vault, cached dataset) are reused, not copied.
        surveys: { openAnswers: (...args) => surveys.openAnswers(...args) },
        tokenizer: () => import('./infra/documents/coding-tokenizer.js').then((m) => m.loadCodingTokenizer()),
      }),
      marketSizing: marketSizingService({ store, clock, random, audit: deps.audit }),
      patents: patentService({
        store,
        clock,
        random,
        audit: deps.audit,
        readPatentFile: readPatentUpload,
        maxImportBytes: base.maxUploadBytes,
        // As `kpo ip import` fingerprints records: a file imported through either is unchanged through the other.
        fingerprint: (record) => createHash('sha256').update(JSON.stringify(record)).digest('hex'),
      }),
      closeOut: closeOutService({ store, clock, random, audit: deps.audit, vault: base.vault, certify: base.certify }),
    },
  };
}

export type Services = ReturnType<typeof buildServices>['services'];

/** The vault's blob store as configured, on a connection (backups read and restores write inside their transaction). */
export const blobStoreOn =
  (config: Config): BlobStoreOn =>
  (db) =>
    config.vaultStore === 'postgres' ? postgresBlobStore(db) : localBlobStore(join(config.dataDir, 'vault'));

export function databaseTarget(config: Config): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, preparedStatements: config.dbPreparedStatements }
    : { kind: 'pglite', dataDir: config.dataDir };
}

export async function createRuntime(
  config: Config,
  options: {
    database?: Database;
    clock?: Clock;
    random?: RandomSource;
    hasher?: PasswordHasher;
    logger?: Logger;
    /** Apply pending migrations on start (the server and most commands do). */
    migrate?: boolean;
  } = {},
): Promise<Runtime> {
  const database = options.database ?? (await openDatabase(databaseTarget(config)));
  const masterKey = lazyMasterKey(() => loadMasterKey({ envKey: config.masterKey, dataDir: config.dataDir, create: true }));
  const webhookSecrets = lazyBox(masterKey, 'webhook-secrets');
  const vault = createVault(database.db, blobStoreOn(config)(database.db), lazyBox(masterKey, 'vault-data-keys'));
  try {
    if (options.migrate !== false) {
      await migrate(database.db);
      // Patent corpora indexed with older tokens are rebuilt from their patents (migration 0029).
      await reindexOutdatedCorpora(database.db);
      await sealLegacyWebhookSecrets(database.db, webhookSecrets);
      await vault.assertMasterKey();
    }
  } catch (e) {
    await database.close();
    throw e;
  }
  const clock = options.clock ?? (config.testClock ? new AdjustableClock() : systemClock);
  const random = options.random ?? cryptoRandom;
  const logger = options.logger ?? createLogger(config.logLevel);
  // On PostgreSQL many connections write at once: their audit events are sealed into the chain after
  // they commit (docs/decisions/0012-audit-sealing.md). PGlite's one connection seals them in the writing transaction.
  const auditSealer =
    database.kind === 'postgres'
      ? createAuditSealer(database.db, {
          intervalMs: AUDIT_SEAL_INTERVAL_MS,
          onError: (e) => logger.warn('audit: sealing failed; the next attempt retries', { error: (e as Error).message }),
        })
      : undefined;
  const store = createStore(database.db, {
    notificationEmail: config.mail !== null,
    webhookSecrets,
    ...(auditSealer && { auditSealer }),
  });
  const notificationDelivery = createNotificationDelivery(database.db, { config, clock, logger, webhookSecrets });
  const hasher = options.hasher ?? argon2Hasher;
  // The watermarking code (PDF, spreadsheet and zip libraries) loads with the first download.
  const watermark: Watermarker = async (bytes, kind, mark) =>
    (await import('./infra/documents/watermark.js')).watermark(
      bytes,
      kind as DocumentKind,
      mark,
      masterKey().derive('download-fingerprints'),
    );
  // The detector, the format readers and kuromoji load with the first scan.
  const piiEngine = () => import('./infra/documents/pii-engine.js').then((m) => m.createPiiEngine());
  let engine: ReturnType<typeof piiEngine> | null = null;
  const loaded = () => {
    engine ??= piiEngine();
    return engine;
  };
  const lazyPiiEngine: PiiEngine = {
    scannable: (kind) => SCANNABLE_KINDS.includes(kind),
    scan: async (...args) => (await loaded()).scan(...args),
    pseudonymise: async (...args) => (await loaded()).pseudonymise(...args),
    reidentify: async (...args) => (await loaded()).reidentify(...args),
  };
  const certify: Certifier = async (content) => {
    const { createDestructionCertificate, platformSigningKey } = await import('./infra/documents/certificate.js');
    return createDestructionCertificate(content, platformSigningKey(masterKey().derive('certificate-signing')));
  };
  const servicesAt = (at: Clock) =>
    buildServices({
      store,
      clock: at,
      random,
      hasher,
      identity: config.identity,
      vault,
      watermark,
      certify,
      pii: lazyPiiEngine,
      maxUploadBytes: config.vaultMaxBytes,
    });
  const services = servicesAt(clock);
  return {
    recordAudit: services.recordAudit,
    config,
    database,
    store,
    clock,
    logger,
    services: services.services,
    webhooks: webhookService({
      store,
      clock,
      random,
      audit: services.recordAudit,
      caller: createWebhookCaller({
        db: database.db,
        clock,
        random,
        logger,
        allowPrivate: config.webhookAllowPrivate,
        secrets: webhookSecrets,
      }),
    }),
    notificationDelivery,
    webhookSecrets,
    vault,
    masterKey,
    servicesAt: (at) => servicesAt(at).services,
    system: systemContext,
    async close() {
      notificationDelivery.close();
      await auditSealer?.close();
      await database.close();
    },
  };
}
