import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const positiveInt = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be above 0');

/**
 * Every environment variable the processes read, with its default. Secrets have no default here:
 * in development they are generated once under DATA_DIR (see secrets.ts), in production they are required.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: url(['http:', 'https:'], 'https://ikou.example.jp').optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be a pino level' }).default('info'),

  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://user:pass@host:5432/ikou').optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATABASE_MIGRATE_ON_START: bool.optional(),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379').optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -').default('ikou'),

  SMTP_URL: url(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.jp:587').optional(),
  MAIL_FROM: z.email({ message: 'must be an email address' }).default('no-reply@nttpc.co.jp'),
  // Messaging: a mail is retried this many times in all, the n-th retry after MAIL_RETRY_BASE_MS × 2^(n-1)
  // (10 × 5 s covers about 43 minutes of SMTP outage), then it is marked failed for a human.
  MAIL_SEND_ATTEMPTS: positiveInt.default(10),
  MAIL_RETRY_BASE_MS: positiveInt.default(5000),

  // SMS and voice codes (domain.md §4.2 methods 1, 2) through a Twilio-compatible REST API. All four or
  // none: unset, texts and calls are written to the outbox and only logged (development gateway).
  SMS_GATEWAY_URL: url(['http:', 'https:'], 'https://api.twilio.com').optional(),
  SMS_ACCOUNT_SID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be letters, digits, _ or -').optional(),
  SMS_AUTH_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  SMS_FROM_NUMBER: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 number like +815012345678').optional(),

  RUN_WORKER: bool.optional(),
  SEED_DEMO_ON_FIRST_START: bool.optional(),
  SERVE_UI: bool.default(true),

  COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOTP_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/, 'must be "<key id>:<32 bytes in base64>"')
    .optional(),
  // Keys retired by a rotation, still needed to open rows not yet re-encrypted (`npm run secrets:reencrypt`).
  TOTP_PREVIOUS_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, 'must be "<key id>:<32 bytes in base64>" entries separated by commas')
    .optional(),

  LEGACY_LOCK_FAILURES: positiveInt.default(3),
  LEGACY_LOCK_MINUTES: positiveInt.default(10),
  LEGACY_IP_LIMIT_PER_MINUTE: positiveInt.default(30),
  PASSWORD_LINK_HOURS: positiveInt.default(24),
  BULK_TRANSFER_SLA_DAYS: positiveInt.default(14),
  BULK_EXECUTION_BATCH: positiveInt.default(500),
});

export type Env = z.infer<typeof envSchema>;
