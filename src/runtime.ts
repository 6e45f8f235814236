import { type RequestContext, systemContext } from './core/access/actor.js';
import { auditRecorder, type RecordAudit } from './core/audit/recorder.js';
import { auditService } from './core/audit/service.js';
import { bidding } from './core/engagements/bidding.js';
import { oversight } from './core/engagements/oversight.js';
import { engagementCore } from './core/engagements/service.js';
import { sowService } from './core/engagements/sow.js';
import { workService } from './core/engagements/work.js';
import { adminService } from './core/identity/admin.js';
import { authService } from './core/identity/auth.js';
import type { IdentityDeps } from './core/identity/deps.js';
import { apiTokenService } from './core/identity/tokens.js';
import { notificationService } from './core/notifications/service.js';
import type { Clock, PasswordHasher, RandomSource } from './core/ports.js';
import type { Store } from './core/store.js';
import type { Config } from './infra/config.js';
import { argon2Hasher } from './infra/crypto/passwords.js';
import { AdjustableClock, cryptoRandom, systemClock } from './infra/crypto/random.js';
import { type Database, type DatabaseTarget, openDatabase } from './infra/db/database.js';
import { migrate } from './infra/db/migrate.js';
import { createStore } from './infra/db/repos.js';
import { createLogger, type Logger } from './infra/logger.js';

export type EngagementServices = ReturnType<typeof engagementCore> & {
  proposals: ReturnType<typeof bidding>;
  sow: ReturnType<typeof sowService>;
  work: ReturnType<typeof workService>;
  oversight: ReturnType<typeof oversight>;
};

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
  services: {
    auth: ReturnType<typeof authService>;
    admin: ReturnType<typeof adminService>;
    tokens: ReturnType<typeof apiTokenService>;
    audit: ReturnType<typeof auditService>;
    engagements: EngagementServices;
    notifications: ReturnType<typeof notificationService>;
  };
  system(label: string): RequestContext;
  close(): Promise<void>;
}

export function databaseTarget(config: Config): DatabaseTarget {
  return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir };
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
  try {
    if (options.migrate !== false) await migrate(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  const clock = options.clock ?? (config.testClock ? new AdjustableClock() : systemClock);
  const random = options.random ?? cryptoRandom;
  const store = createStore(database.db);
  const deps: IdentityDeps = {
    store,
    clock,
    random,
    hasher: options.hasher ?? argon2Hasher,
    audit: auditRecorder({ clock, random }),
    config: config.identity,
  };
  const auth = authService(deps);
  const engagementDeps = { store, clock, random, audit: deps.audit };
  const core = engagementCore(engagementDeps);
  const engagements: EngagementServices = {
    ...core,
    proposals: bidding(engagementDeps, core),
    sow: sowService(engagementDeps),
    work: workService(engagementDeps),
    oversight: oversight(engagementDeps),
  };
  return {
    recordAudit: deps.audit,
    config,
    database,
    store,
    clock,
    logger: options.logger ?? createLogger(config.logLevel),
    services: {
      auth,
      admin: adminService(deps, auth),
      tokens: apiTokenService(deps),
      audit: auditService({ store }),
      engagements,
      notifications: notificationService({ store, clock }),
    },
    system: systemContext,
    close: () => database.close(),
  };
}
