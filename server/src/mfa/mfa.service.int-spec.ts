import { createHash, createHmac, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/services';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { dataSourceOptions } from '../database/data-source-options';
import { inTransaction } from '../database/transaction';
import type { Runtime } from '../runtime/runtime';
import { MFA_LIMITS, MfaService } from './mfa.service';

jest.setTimeout(60_000);

// ── An RFC 6238 authenticator of our own (node:crypto only), so these tests do not trust otplib ──────────

function fromBase32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}

/** The code an authenticator app shows at `at` (HMAC-SHA1, 6 digits, 30 s steps). */
function appCode(secret: Buffer, at: Date): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[19] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const STEP_MS = 30_000;
const DAY_MS = 86_400_000;

let database: TestDatabase;
let db: DataSource;
/** The app's Clock, held still so times compare exactly; tests move it with setClock and advance. */
class StillClock extends Clock {
  private at = new Date();
  override now(): Date {
    return new Date(this.at);
  }
  override advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  set(at: Date): void {
    this.at = new Date(at);
  }
}

let clock: StillClock;
let sut: MfaService;

const runtime = {
  config: { secrets: { cookieSecret: 'c'.repeat(43), totpKeyId: 'test1', totpKey: randomBytes(32) } },
} as unknown as Runtime;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 10));
  await db.initialize();
  clock = new StillClock();
  sut = new MfaService(db, clock, new AuditService(clock), runtime);
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

function setClock(at: Date): void {
  clock.set(at);
}

/** The middle of a step some way ahead of real time, unique per call so tests never share steps. */
let nextBase = Math.ceil(Date.now() / STEP_MS) * STEP_MS + 1000 * STEP_MS + STEP_MS / 2;
function freshTime(): Date {
  nextBase += 1000 * STEP_MS;
  return new Date(nextBase);
}

const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);

interface Account {
  id: string;
  email: string;
}

async function newAccount(): Promise<Account> {
  const email = `mfa-${randomBytes(4).toString('hex')}@example.jp`;
  const [row] = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [email]);
  return { id: row.id, email };
}

async function enrollTotp(account: Account): Promise<{ factorId: string; secret: Buffer }> {
  const enrollment = await sut.startTotpEnrollment(account.id, account.email);
  const secret = fromBase32(enrollment.secret);
  const ok = await inTransaction(db, (tx) => sut.confirmTotpEnrollment(tx, account.id, enrollment.factorId, appCode(secret, clock.now())));
  expect(ok).toBe(true);
  return { factorId: enrollment.factorId, secret };
}

function verify(account: Account, code: string) {
  return inTransaction(db, (tx) => sut.verifyTotp(tx, account.id, code));
}

/** A six-digit code that is none of the three the window accepts at `at`. */
function wrongCode(secret: Buffer, at: Date): string {
  const valid = new Set([-1, 0, 1].map((d) => appCode(secret, plus(at, d * STEP_MS))));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!;
}

async function factorRow(id: string) {
  const [row] = await db.query(`SELECT * FROM mfa_factors WHERE id = $1`, [id]);
  return row;
}

async function events(account: Account): Promise<Array<{ action: string; actor_type: string; actor_id: string; after: Record<string, unknown> | null }>> {
  return db.query(`SELECT action, actor_type, actor_id, after FROM audit_events WHERE target_type = 'login_account' AND target_id = $1 ORDER BY id`, [
    account.id,
  ]);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(MfaService.name, () => {
  describe('TOTP enrollment', () => {
    it('keeps the factor pending until a code confirms it; stores the secret encrypted; audits without secrets', async () => {
      const account = await newAccount();
      const t = freshTime();
      setClock(t);
      expect(await sut.hasActiveFactor(account.id)).toBe(false);

      const enrollment = await sut.startTotpEnrollment(account.id, account.email);
      expect(enrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(enrollment.otpauthUri).toBe(
        `otpauth://totp/InfoSphere:${encodeURIComponent(account.email)}?secret=${enrollment.secret}&issuer=InfoSphere&algorithm=SHA1&digits=6&period=30`,
      );
      expect(enrollment.qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
      expect(await sut.listFactors(account.id)).toEqual([]);
      expect(await sut.listFactors(account.id, { includePending: true })).toEqual([
        { id: enrollment.factorId, type: 'totp', state: 'pending', label: null, createdAt: t, confirmedAt: null, lastUsedAt: null },
      ]);

      const secret = fromBase32(enrollment.secret);
      const stored = await factorRow(enrollment.factorId);
      expect(stored.secret_encrypted).toMatch(/^v1:test1:/);
      expect(stored.secret_encrypted).not.toContain(enrollment.secret);
      expect(stored.secret_encrypted).not.toContain(secret.toString('base64'));

      const confirm = (code: string) => inTransaction(db, (tx) => sut.confirmTotpEnrollment(tx, account.id, enrollment.factorId, code));
      expect(await confirm(wrongCode(secret, t))).toBe(false);
      expect((await factorRow(enrollment.factorId)).consecutive_failures).toBe(1);
      expect(await sut.hasActiveFactor(account.id)).toBe(false);

      expect(await confirm(appCode(secret, t))).toBe(true);
      const active = await factorRow(enrollment.factorId);
      expect(active).toMatchObject({ state: 'active', consecutive_failures: 0, last_accepted_step: String(Math.floor(t.getTime() / STEP_MS)) });
      expect(await sut.hasActiveFactor(account.id)).toBe(true);
      expect(await sut.listFactors(account.id)).toEqual([
        { id: enrollment.factorId, type: 'totp', state: 'active', label: null, createdAt: t, confirmedAt: t, lastUsedAt: null },
      ]);

      // Confirmed once: nothing left to confirm, and the enrollment code's step is spent for sign-in too.
      expect((await refusal(confirm(appCode(secret, t)))).code).toBe('enrollment_not_found');
      expect(await verify(account, appCode(secret, t))).toEqual({ ok: false, reason: 'replayed' });

      const log = await events(account);
      expect(log.map((e) => e.action)).toEqual(['mfa.totp_enrollment_started', 'mfa.enrollment_failed', 'mfa.factor_enrolled', 'mfa.challenge_failed']);
      expect(log.every((e) => e.actor_type === 'customer' && e.actor_id === account.id)).toBe(true);
      expect(log[2].after).toEqual({ factorId: enrollment.factorId, type: 'totp' });
      const everything = JSON.stringify(await db.query(`SELECT * FROM audit_events WHERE target_id = $1`, [account.id]));
      expect(everything).not.toContain(enrollment.secret);
      expect(everything).not.toContain(stored.secret_encrypted);
    });

    it('replaces an earlier pending enrollment, and refuses one older than an hour', async () => {
      const account = await newAccount();
      setClock(freshTime());
      const first = await sut.startTotpEnrollment(account.id, account.email);
      const second = await sut.startTotpEnrollment(account.id, account.email, { label: 'Authenticator' });
      expect((await sut.listFactors(account.id, { includePending: true })).map((f) => [f.id, f.label])).toEqual([[second.factorId, 'Authenticator']]);
      const secret = fromBase32(first.secret);
      const stale = await refusal(inTransaction(db, (tx) => sut.confirmTotpEnrollment(tx, account.id, first.factorId, appCode(secret, clock.now()))));
      expect([stale.code, stale.status]).toEqual(['enrollment_not_found', 404]);

      clock.advance((MFA_LIMITS.pendingEnrollmentMinutes + 1) * 60_000);
      const code = appCode(fromBase32(second.secret), clock.now());
      const expired = await refusal(inTransaction(db, (tx) => sut.confirmTotpEnrollment(tx, account.id, second.factorId, code)));
      expect([expired.code, expired.status]).toEqual(['enrollment_expired', 410]);
    });

    it("cannot confirm another account's enrollment", async () => {
      const [owner, other] = [await newAccount(), await newAccount()];
      setClock(freshTime());
      const enrollment = await sut.startTotpEnrollment(owner.id, owner.email);
      const code = appCode(fromBase32(enrollment.secret), clock.now());
      expect((await refusal(inTransaction(db, (tx) => sut.confirmTotpEnrollment(tx, other.id, enrollment.factorId, code)))).code).toBe(
        'enrollment_not_found',
      );
      expect((await refusal(inTransaction(db, (tx) => sut.confirmTotpEnrollment(tx, owner.id, 'not-a-uuid', code)))).code).toBe('enrollment_not_found');
    });
  });

  describe('TOTP sign-in', () => {
    it('refuses a wrong code, accepts the previous and next step, refuses two steps away and any replay', async () => {
      const account = await newAccount();
      const t = freshTime();
      setClock(t);
      const { factorId, secret } = await enrollTotp(account);

      // Server clock 30 s behind the app (the app's code is for the next step): accepted.
      const d1 = plus(t, 10 * STEP_MS);
      setClock(plus(d1, -STEP_MS));
      expect(await verify(account, wrongCode(secret, clock.now()))).toEqual({ ok: false, reason: 'invalid' });
      expect((await factorRow(factorId)).consecutive_failures).toBe(1);
      expect(await verify(account, appCode(secret, d1))).toEqual({ ok: true, factorId });
      expect(await factorRow(factorId)).toMatchObject({ consecutive_failures: 0, last_accepted_step: String(Math.floor(d1.getTime() / STEP_MS)) });

      // The same code again, even a moment later, is a replay.
      setClock(d1);
      expect(await verify(account, appCode(secret, d1))).toEqual({ ok: false, reason: 'replayed' });

      // Server clock 30 s ahead of the app (the code is for the previous step): accepted.
      const d2 = plus(d1, 10 * STEP_MS);
      setClock(plus(d2, STEP_MS));
      expect(await verify(account, appCode(secret, d2))).toEqual({ ok: true, factorId });
      // The server's current step is still after the last accepted one: accepted.
      expect(await verify(account, appCode(secret, plus(d2, STEP_MS)))).toEqual({ ok: true, factorId });
      // Back to the step before: spent.
      expect(await verify(account, appCode(secret, d2))).toEqual({ ok: false, reason: 'replayed' });

      // Two steps away either way: refused.
      const d3 = plus(d2, 10 * STEP_MS);
      setClock(plus(d3, 2 * STEP_MS));
      expect(await verify(account, appCode(secret, d3))).toEqual({ ok: false, reason: 'invalid' });
      setClock(plus(d3, -2 * STEP_MS));
      expect(await verify(account, appCode(secret, d3))).toEqual({ ok: false, reason: 'invalid' });
      setClock(d3);
      expect(await verify(account, appCode(secret, d3))).toEqual({ ok: true, factorId });
      expect((await factorRow(factorId)).last_used_at).toEqual(d3);

      const challenges = (await events(account)).filter((e) => e.action.startsWith('mfa.challenge_'));
      expect(challenges.map((e) => [e.action, e.after?.reason ?? null])).toEqual([
        ['mfa.challenge_failed', 'invalid'],
        ['mfa.challenge_succeeded', null],
        ['mfa.challenge_failed', 'replayed'],
        ['mfa.challenge_succeeded', null],
        ['mfa.challenge_succeeded', null],
        ['mfa.challenge_failed', 'replayed'],
        ['mfa.challenge_failed', 'invalid'],
        ['mfa.challenge_failed', 'invalid'],
        ['mfa.challenge_succeeded', null],
      ]);
      expect(challenges[1].after).toEqual({ method: 'totp', factorId });
    });

    it('accepts one code submitted twice at the same moment only once', async () => {
      const account = await newAccount();
      const t = freshTime();
      setClock(t);
      const { secret } = await enrollTotp(account);
      setClock(plus(t, 5 * STEP_MS));
      const code = appCode(secret, clock.now());
      const results = await Promise.all([verify(account, code), verify(account, code), verify(account, code)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([
        { ok: false, reason: 'replayed' },
        { ok: false, reason: 'replayed' },
      ]);
    });

    it('checks every active TOTP factor of the account and no one else’s', async () => {
      const [account, other] = [await newAccount(), await newAccount()];
      const t = freshTime();
      setClock(t);
      const a = await enrollTotp(account);
      const b = await enrollTotp(account);
      const o = await enrollTotp(other);
      setClock(plus(t, 3 * STEP_MS));
      expect(await verify(account, appCode(b.secret, clock.now()))).toEqual({ ok: true, factorId: b.factorId });
      expect(await verify(account, appCode(a.secret, clock.now()))).toEqual({ ok: true, factorId: a.factorId });
      setClock(plus(t, 6 * STEP_MS));
      expect(await verify(account, appCode(o.secret, clock.now()))).toEqual({ ok: false, reason: 'invalid' });
      expect((await factorRow(a.factorId)).consecutive_failures).toBe(1);
      expect((await factorRow(b.factorId)).consecutive_failures).toBe(1);
      expect((await factorRow(o.factorId)).consecutive_failures).toBe(0);
      // No factor at all: just invalid.
      expect(await verify(await newAccount(), '123456')).toEqual({ ok: false, reason: 'invalid' });
    });

    it('caps a factor at 100 consecutive failures, which waiting does not clear; a success before that resets the count', async () => {
      const account = await newAccount();
      const t = freshTime();
      setClock(t);
      const { factorId, secret } = await enrollTotp(account);
      setClock(plus(t, 10 * STEP_MS));

      for (let i = 0; i < MFA_LIMITS.failureCap - 1; i++) expect(await verify(account, wrongCode(secret, clock.now()))).toMatchObject({ ok: false });
      expect((await factorRow(factorId)).consecutive_failures).toBe(99);
      expect(await verify(account, appCode(secret, clock.now()))).toEqual({ ok: true, factorId });
      expect((await factorRow(factorId)).consecutive_failures).toBe(0);

      for (let i = 0; i < MFA_LIMITS.failureCap; i++) {
        expect(await verify(account, wrongCode(secret, clock.now()))).toEqual({ ok: false, reason: 'invalid' });
      }
      expect((await factorRow(factorId)).consecutive_failures).toBe(100);
      const locked = (await events(account)).filter((e) => e.action === 'mfa.factor_locked');
      expect(locked.map((e) => e.after)).toEqual([{ factorId, type: 'totp', consecutiveFailures: 100 }]);

      // The right code is not even tried now, a day later too.
      clock.advance(DAY_MS);
      expect(await verify(account, appCode(secret, clock.now()))).toEqual({ ok: false, reason: 'capped' });
      expect((await factorRow(factorId)).consecutive_failures).toBe(100);
      expect((await events(account)).at(-1)).toMatchObject({ action: 'mfa.challenge_failed', after: { method: 'totp', reason: 'capped' } });
    });

    it('rolls the failure count back with the caller’s transaction (so callers must commit failures)', async () => {
      const account = await newAccount();
      setClock(freshTime());
      const { factorId, secret } = await enrollTotp(account);
      await expect(
        inTransaction(db, async (tx) => {
          await sut.verifyTotp(tx, account.id, wrongCode(secret, clock.now()));
          throw new Error('caller failed');
        }),
      ).rejects.toThrow('caller failed');
      expect((await factorRow(factorId)).consecutive_failures).toBe(0);
    });
  });

  describe('recovery code', () => {
    it('works once, in any reasonable typing; a new one replaces the old; nothing secret is logged', async () => {
      const account = await newAccount();
      setClock(freshTime());
      expect(await sut.hasRecoveryCode(account.id)).toBe(false);
      const code = await inTransaction(db, (tx) => sut.issueRecoveryCode(tx, account.id));
      expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){6}$/);
      expect(await sut.hasRecoveryCode(account.id)).toBe(true);
      const [stored] = await db.query(`SELECT code_hash FROM mfa_recovery_codes WHERE login_account_id = $1`, [account.id]);
      expect(stored.code_hash).toBe(createHash('sha256').update(code.replace(/-/g, '')).digest('hex'));

      const use = (typed: string, id = account.id) => inTransaction(db, (tx) => sut.useRecoveryCode(tx, id, typed));
      expect(await use('AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA')).toBe(false);
      expect(await use('')).toBe(false);
      expect(await use(code, (await newAccount()).id)).toBe(false);
      expect(await use(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(true);
      expect(await use(code)).toBe(false);
      expect(await sut.hasRecoveryCode(account.id)).toBe(false);

      const first = await inTransaction(db, (tx) => sut.issueRecoveryCode(tx, account.id));
      const second = await inTransaction(db, (tx) => sut.issueRecoveryCode(tx, account.id));
      expect(second).not.toBe(first);
      expect(await use(first)).toBe(false);
      expect(await use(second)).toBe(true);

      const log = await events(account);
      expect(log.map((e) => [e.action, e.after])).toEqual([
        ['mfa.recovery_code_issued', { replaced: false }],
        ['mfa.recovery_code_failed', null],
        ['mfa.recovery_code_failed', null],
        ['mfa.recovery_code_used', null],
        ['mfa.recovery_code_failed', null],
        ['mfa.recovery_code_issued', { replaced: false }],
        ['mfa.recovery_code_issued', { replaced: true }],
        ['mfa.recovery_code_failed', null],
        ['mfa.recovery_code_used', null],
      ]);
      const everything = JSON.stringify(await db.query(`SELECT * FROM audit_events WHERE target_id = $1`, [account.id]));
      for (const c of [code, first, second]) {
        expect(everything).not.toContain(c);
        expect(everything).not.toContain(c.replace(/-/g, ''));
      }
    });
  });

  describe('remembered devices', () => {
    it('are valid on day 29 and not on day 31, for their own account only, stored as hashes', async () => {
      const [account, other] = [await newAccount(), await newAccount()];
      const t = freshTime();
      setClock(t);
      const device = await inTransaction(db, (tx) => sut.rememberDevice(tx, account.id, 'Chrome on Windows', { ip: '192.0.2.7', requestId: 'r-1' }));
      expect(device.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(device.expiresAt).toEqual(plus(t, 30 * DAY_MS));
      const [row] = await db.query(`SELECT * FROM remembered_devices WHERE id = $1`, [device.id]);
      expect(row.token_hash).toBe(createHash('sha256').update(device.token).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(device.token);

      expect(await sut.isRememberedDevice(account.id, device.token)).toBe(true);
      expect(await sut.isRememberedDevice(other.id, device.token)).toBe(false);
      expect(await sut.isRememberedDevice(account.id, 'x'.repeat(43))).toBe(false);
      expect(await sut.isRememberedDevice(account.id, '')).toBe(false);

      setClock(plus(t, 29 * DAY_MS));
      expect(await sut.isRememberedDevice(account.id, device.token)).toBe(true);
      expect(await sut.listDevices(account.id)).toEqual([
        { id: device.id, label: 'Chrome on Windows', createdAt: t, expiresAt: device.expiresAt, lastUsedAt: clock.now() },
      ]);
      setClock(plus(t, 31 * DAY_MS));
      expect(await sut.isRememberedDevice(account.id, device.token)).toBe(false);
      expect(await sut.listDevices(account.id)).toEqual([]);

      const [remembered] = (await events(account)).filter((e) => e.action === 'mfa.device_remembered');
      expect(remembered.after).toEqual({ deviceId: device.id, label: 'Chrome on Windows', expiresAt: device.expiresAt.toISOString() });
    });

    it('are invalid once revoked, one by one or all at once', async () => {
      const [account, other] = [await newAccount(), await newAccount()];
      setClock(freshTime());
      const remember = (label: string) => inTransaction(db, (tx) => sut.rememberDevice(tx, account.id, label));
      const [a, b, c] = [await remember('a'), await remember('b'), await remember('c')];

      await inTransaction(db, (tx) => sut.revokeDevice(tx, account.id, a.id));
      expect(await sut.isRememberedDevice(account.id, a.token)).toBe(false);
      expect(await sut.isRememberedDevice(account.id, b.token)).toBe(true);
      await inTransaction(db, (tx) => sut.revokeDevice(tx, account.id, a.id)); // again: nothing to do
      expect((await refusal(inTransaction(db, (tx) => sut.revokeDevice(tx, other.id, b.id)))).code).toBe('device_not_found');
      expect((await refusal(inTransaction(db, (tx) => sut.revokeDevice(tx, account.id, 'nope')))).code).toBe('device_not_found');
      expect((await sut.listDevices(account.id)).map((d) => d.label).sort()).toEqual(['b', 'c']);

      expect(await inTransaction(db, (tx) => sut.revokeAllDevices(tx, account.id))).toBe(2);
      expect(await sut.isRememberedDevice(account.id, b.token)).toBe(false);
      expect(await sut.isRememberedDevice(account.id, c.token)).toBe(false);
      expect(await sut.listDevices(account.id)).toEqual([]);
      expect(await inTransaction(db, (tx) => sut.revokeAllDevices(tx, account.id))).toBe(0);

      const log = (await events(account)).filter((e) => e.action.startsWith('mfa.device'));
      expect(log.map((e) => [e.action, e.after])).toEqual([
        ['mfa.device_remembered', expect.objectContaining({ deviceId: a.id })],
        ['mfa.device_remembered', expect.objectContaining({ deviceId: b.id })],
        ['mfa.device_remembered', expect.objectContaining({ deviceId: c.id })],
        ['mfa.device_revoked', { deviceId: a.id }],
        ['mfa.devices_revoked', { count: 2 }],
      ]);
    });
  });

  describe('removing factors', () => {
    it('never removes the last active factor; removes others and pending enrollments', async () => {
      const account = await newAccount();
      setClock(freshTime());
      const a = await enrollTotp(account);
      const last = await refusal(inTransaction(db, (tx) => sut.removeFactor(tx, account.id, a.factorId)));
      expect([last.code, last.status]).toEqual(['last_factor', 409]);

      const b = await enrollTotp(account);
      const pending = await sut.startTotpEnrollment(account.id, account.email);
      await inTransaction(db, (tx) => sut.removeFactor(tx, account.id, pending.factorId, { actor: { type: 'staff', id: 'agent-7' } }));
      await inTransaction(db, (tx) => sut.removeFactor(tx, account.id, a.factorId));
      expect((await sut.listFactors(account.id, { includePending: true })).map((f) => f.id)).toEqual([b.factorId]);
      expect((await refusal(inTransaction(db, (tx) => sut.removeFactor(tx, account.id, b.factorId)))).code).toBe('last_factor');
      expect((await refusal(inTransaction(db, (tx) => sut.removeFactor(tx, account.id, a.factorId)))).code).toBe('factor_not_found');

      const other = await newAccount();
      expect((await refusal(inTransaction(db, (tx) => sut.removeFactor(tx, other.id, b.factorId)))).code).toBe('factor_not_found');

      const removed = (await events(account)).filter((e) => e.action === 'mfa.factor_removed');
      expect(removed.map((e) => [e.actor_type, e.actor_id, e.after])).toEqual([
        ['staff', 'agent-7', { factorId: pending.factorId, type: 'totp', state: 'pending' }],
        ['customer', account.id, { factorId: a.factorId, type: 'totp', state: 'active' }],
      ]);
    });

    it('keeps one factor when two removals race for the last two', async () => {
      const account = await newAccount();
      setClock(freshTime());
      const a = await enrollTotp(account);
      const b = await enrollTotp(account);
      const results = await Promise.allSettled([
        inTransaction(db, (tx) => sut.removeFactor(tx, account.id, a.factorId)),
        inTransaction(db, (tx) => sut.removeFactor(tx, account.id, b.factorId)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as AppError).code)).toEqual(['last_factor']);
      expect(await sut.listFactors(account.id)).toHaveLength(1);
    });
  });

  it('deletes every MFA row with the login account', async () => {
    const account = await newAccount();
    setClock(freshTime());
    await enrollTotp(account);
    await inTransaction(db, async (tx) => {
      await sut.issueRecoveryCode(tx, account.id);
      await sut.rememberDevice(tx, account.id, 'phone');
    });
    await db.query(`DELETE FROM login_accounts WHERE id = $1`, [account.id]);
    for (const table of ['mfa_factors', 'mfa_recovery_codes', 'remembered_devices']) {
      const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE login_account_id = $1`, [account.id]);
      expect(row.n).toBe(0);
    }
  });
});
