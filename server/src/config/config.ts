import { existsSync } from 'node:fs';
import { envSchema, type Env } from './config.schema';
import { loadOrCreateSecrets } from './secrets';

export interface AppConfig {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  /** publicUrl: where customers and staff reach us; links in mail start with it. */
  http: { host: string; port: number; publicUrl: string; serveUi: boolean };
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  /** Absent means "start an embedded Postgres" (development only). */
  databaseUrl?: string;
  databasePoolSize: number;
  migrateOnStart: boolean;
  /** Absent means "find or start a local Redis" (development only). */
  redisUrl?: string;
  redisPrefix: string;
  smtpUrl?: string;
  mailFrom: string;
  /** Messaging: sends in all (first try included) and the base of the exponential backoff between them. */
  mailRetry: { attempts: number; baseDelayMs: number };
  /** SMS/voice gateway (Twilio-compatible). Absent: the development gateway only logs (the outbox keeps the text). */
  smsGateway?: { url: string; accountSid: string; authToken: string; fromNumber: string };
  runWorker: boolean;
  seedDemoOnFirstStart: boolean;
  /** totpPreviousKeys: retired TOTP keys that still open rows not yet re-encrypted after a rotation. */
  secrets: { cookieSecret: string; totpKeyId: string; totpKey: Buffer; totpPreviousKeys: Array<{ id: string; key: Buffer }> };
  legacyLock: { failures: number; minutes: number };
  /** Legacy network-ID checks per client IP per minute, enforced before any hashing. */
  legacyIpLimitPerMinute: number;
  passwordLinkHours: number;
  bulkTransferSlaDays: number;
  /** Items linked per transaction by the bulk-transfer execution. */
  bulkExecutionBatch: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error: ${problems.join('; ')}`);
  }
}

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // A developer's ./.env fills in what the real environment does not set (Node's own loader; it never overrides).
  if (source === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const raw = source[name];
        const shown = raw === undefined || /SECRET|KEY|PASSWORD|TOKEN/.test(name) ? '' : ` (got "${raw.slice(0, 60)}")`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  if (isProduction) {
    const missing = ['DATABASE_URL', 'REDIS_URL', 'COOKIE_SECRET', 'TOTP_ENCRYPTION_KEY', 'PUBLIC_URL'].filter(
      (name) => !(e as Record<string, unknown>)[name],
    );
    if (missing.length) throw new ConfigError(missing.map((name) => `${name} is required when NODE_ENV=production`));
  }
  const smsVars = ['SMS_GATEWAY_URL', 'SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM_NUMBER'] as const;
  const smsSet = smsVars.filter((name) => e[name] !== undefined);
  if (smsSet.length > 0 && smsSet.length < smsVars.length) {
    throw new ConfigError(smsVars.filter((name) => e[name] === undefined).map((name) => `${name} is required when any SMS_* variable is set`));
  }
  const secrets = loadOrCreateSecrets(e, isProduction);
  return {
    env: e.NODE_ENV,
    isProduction,
    http: { host: e.HOST, port: e.PORT, publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''), serveUi: e.SERVE_UI },
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    migrateOnStart: e.DATABASE_MIGRATE_ON_START ?? !isProduction,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailRetry: { attempts: e.MAIL_SEND_ATTEMPTS, baseDelayMs: e.MAIL_RETRY_BASE_MS },
    smsGateway:
      e.SMS_GATEWAY_URL && e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM_NUMBER
        ? { url: e.SMS_GATEWAY_URL.replace(/\/+$/, ''), accountSid: e.SMS_ACCOUNT_SID, authToken: e.SMS_AUTH_TOKEN, fromNumber: e.SMS_FROM_NUMBER }
        : undefined,
    runWorker: e.RUN_WORKER ?? !isProduction,
    seedDemoOnFirstStart: e.SEED_DEMO_ON_FIRST_START ?? e.NODE_ENV === 'development',
    secrets,
    legacyLock: { failures: e.LEGACY_LOCK_FAILURES, minutes: e.LEGACY_LOCK_MINUTES },
    legacyIpLimitPerMinute: e.LEGACY_IP_LIMIT_PER_MINUTE,
    passwordLinkHours: e.PASSWORD_LINK_HOURS,
    bulkTransferSlaDays: e.BULK_TRANSFER_SLA_DAYS,
    bulkExecutionBatch: e.BULK_EXECUTION_BATCH,
  };
}
