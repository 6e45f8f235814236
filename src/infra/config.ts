import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultIdentityConfig, type IdentityConfig } from '../core/identity/config.js';
import { AppError, issuesFromZod } from '../shared/errors.js';

/** Every setting kpo reads from the environment, with its default. README lists them. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  KPO_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'Must be a postgres:// URL.' })
    .optional(),
  KPO_DB_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('true'),
  KPO_PUBLIC_URL: z.url().optional(),
  KPO_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  KPO_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  KPO_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  KPO_UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  KPO_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(defaultIdentityConfig.sessionIdleMinutes),
  KPO_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(9600, { message: 'Browsers keep a cookie at most 400 days (9600 hours).' })
    .default(defaultIdentityConfig.sessionMaxHours),
  // Sign-in throttling (core/identity/throttle.ts; README, "Sign-in throttling").
  KPO_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(defaultIdentityConfig.loginMaxFailuresPerPair),
  /** Unset: four times KPO_LOGIN_MAX_FAILURES. */
  KPO_LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).optional(),
  KPO_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(defaultIdentityConfig.loginMaxFailuresPerIp),
  KPO_LOGIN_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(defaultIdentityConfig.loginDelaySeconds),
  KPO_LOGIN_MAX_DELAY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(defaultIdentityConfig.loginMaxDelaySeconds),
  KPO_DEMO: z.enum(['true', 'false', '1', '0']).default('false'),
  KPO_DEMO_PASSWORD: z.string().min(12).optional(),
  KPO_TEST_CLOCK: z.enum(['true', 'false']).default('false'),
  KPO_SMTP_URL: z
    .url({ message: 'Must be an smtp:// or smtps:// URL.' })
    .regex(/^smtps?:\/\//, { message: 'Must be an smtp:// or smtps:// URL.' })
    .optional(),
  KPO_MAIL_FROM: z.string().min(3).max(320).optional(),
  KPO_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  KPO_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32 && Buffer.from(v, 'base64').toString('base64') === v, {
      message: 'Must be 32 bytes in base64 (openssl rand -base64 32).',
    })
    .optional(),
  KPO_VAULT_STORE: z.enum(['local', 'postgres']).default('local'),
  KPO_VAULT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(8 * 1024 * 1024 * 1024)
    .default(200 * 1024 * 1024),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** PostgreSQL: each query planned once per connection (docs/decisions/0017); false behind a transaction-mode pooler. */
  dbPreparedStatements: boolean;
  publicUrl: string | null;
  /** Serve with Secure cookies and HSTS: the public URL is https. */
  secure: boolean;
  /** Reverse proxies in front of kpo that append to X-Forwarded-For (0: none, use the socket address). */
  trustedProxies: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  bodyLimitBytes: number;
  /** For the routes that take a file (base64 in JSON): statement tables to import. */
  uploadLimitBytes: number;
  identity: IdentityConfig;
  demo: boolean;
  demoPassword: string | null;
  /** End-to-end tests only: a clock the platform admin can move forward through the API. */
  testClock: boolean;
  /** E-mail notifications through SMTP, when KPO_SMTP_URL is set. The URL may hold a password: never log it. */
  mail: { smtpUrl: string; from: string } | null;
  /** Webhooks may call loopback and private-network addresses (off by default: SSRF protection). */
  webhookAllowPrivate: boolean;
  /** KPO_MASTER_KEY (base64); null: the data directory's master.key. Never log it. */
  masterKey: string | null;
  /** Where the vault keeps its encrypted blobs: the data directory, or PostgreSQL rows (several processes, one database). */
  vaultStore: 'local' | 'postgres';
  /** The largest document the vault takes. */
  vaultMaxBytes: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new AppError('invalid_input', 'The configuration in the environment is not valid.', {
      reason: 'bad_config',
      issues: issuesFromZod(parsed.error),
    });
  }
  const e = parsed.data;
  if (e.KPO_LOGIN_MAX_DELAY_SECONDS < e.KPO_LOGIN_DELAY_SECONDS) {
    throw new AppError('invalid_input', 'The configuration in the environment is not valid.', {
      reason: 'bad_config',
      issues: [
        {
          path: ['KPO_LOGIN_MAX_DELAY_SECONDS'],
          code: 'too_small',
          message: 'The longest sign-in delay cannot be shorter than the first (KPO_LOGIN_DELAY_SECONDS).',
        },
      ],
    });
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.KPO_DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    dbPreparedStatements: e.KPO_DB_PREPARED_STATEMENTS === 'true',
    publicUrl: e.KPO_PUBLIC_URL ?? null,
    secure: e.KPO_PUBLIC_URL?.startsWith('https://') ?? false,
    trustedProxies: e.KPO_TRUSTED_PROXIES,
    logLevel: e.KPO_LOG_LEVEL,
    bodyLimitBytes: e.KPO_BODY_LIMIT_BYTES,
    uploadLimitBytes: e.KPO_UPLOAD_LIMIT_BYTES,
    identity: {
      ...defaultIdentityConfig,
      sessionIdleMinutes: e.KPO_SESSION_IDLE_MINUTES,
      sessionMaxHours: e.KPO_SESSION_MAX_HOURS,
      loginMaxFailuresPerPair: e.KPO_LOGIN_MAX_FAILURES,
      loginMaxFailuresPerAccount: e.KPO_LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 4 * e.KPO_LOGIN_MAX_FAILURES,
      loginMaxFailuresPerIp: e.KPO_LOGIN_MAX_FAILURES_PER_IP,
      loginDelaySeconds: e.KPO_LOGIN_DELAY_SECONDS,
      loginMaxDelaySeconds: e.KPO_LOGIN_MAX_DELAY_SECONDS,
    },
    demo: e.KPO_DEMO === 'true' || e.KPO_DEMO === '1',
    demoPassword: e.KPO_DEMO_PASSWORD ?? null,
    testClock: e.KPO_TEST_CLOCK === 'true',
    mail: e.KPO_SMTP_URL ? { smtpUrl: e.KPO_SMTP_URL, from: mailFrom(e.KPO_MAIL_FROM) } : null,
    webhookAllowPrivate: e.KPO_WEBHOOK_ALLOW_PRIVATE === 'true',
    masterKey: e.KPO_MASTER_KEY ?? null,
    vaultStore: e.KPO_VAULT_STORE,
    vaultMaxBytes: e.KPO_VAULT_MAX_BYTES,
  };
}

function mailFrom(from: string | undefined): string {
  if (from) return from;
  throw new AppError('invalid_input', 'The configuration in the environment is not valid.', {
    reason: 'bad_config',
    issues: [{ path: ['KPO_MAIL_FROM'], code: 'required', message: 'Set KPO_MAIL_FROM (the sender address) when KPO_SMTP_URL is set.' }],
  });
}
