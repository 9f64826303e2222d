import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/services';
import { totp } from '../../../test/support/totp';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { dataSourceOptions } from '../database/data-source-options';
import { inTransaction } from '../database/transaction';
import type { Runtime } from '../runtime/runtime';
import { MfaService } from './mfa.service';
import { SecretBox } from './secret-box';
import { reencryptTotpSecrets } from './totp-secret-reencryption';
import { totpSecretBox } from './totp-secret-box';

jest.setTimeout(60_000);

const OLD = { id: 'k2025', key: randomBytes(32) };
const NEW = { id: 'k2026', key: randomBytes(32) };
const secretsWith = (current: typeof OLD, previous: Array<typeof OLD>) => ({ cookieSecret: 'c'.repeat(43), totpKeyId: current.id, totpKey: current.key, totpPreviousKeys: previous });
const mfaWith = (clock: Clock, current: typeof OLD, previous: Array<typeof OLD> = []) =>
  new MfaService(db, clock, new AuditService(clock), { config: { secrets: secretsWith(current, previous) } } as unknown as Runtime);

let database: TestDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 4));
  await db.initialize();
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function customerWithAuthenticator(mfa: MfaService, clock: Clock, email: string): Promise<{ id: string; seed: string }> {
  const [{ id }] = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [email]);
  const enrollment = await mfa.startTotpEnrollment(id, email);
  const seed = enrollment.secret;
  expect(await inTransaction(db, (tx) => mfa.confirmTotpEnrollment(tx, id, enrollment.factorId, totp(seed, clock.now().getTime())))).toBe(true);
  return { id, seed };
}

describe('TOTP key rotation (npm run secrets:reencrypt)', () => {
  it('re-seals every seed with the new key, after which the old key can go and sign-ins still work', async () => {
    const clock = new Clock();
    const before = mfaWith(clock, OLD);
    const customers: Array<{ id: string; seed: string }> = [];
    for (let i = 0; i < 3; i++) customers.push(await customerWithAuthenticator(before, clock, `rotate${i}@example.jp`));
    const [{ id: staffId }] = await db.query(`INSERT INTO staff_users (email, display_name, role, password_hash, totp_secret, totp_enrolled_at)
      VALUES ('rotate-staff@example.jp', 'ローテ', 'agent', 'x', 'pending', now()) RETURNING id`);
    const staffSeed = randomBytes(20);
    await db.query(`UPDATE staff_users SET totp_secret = $2 WHERE id = $1`, [staffId, new SecretBox(OLD).encrypt(staffSeed, `staff-totp:${staffId}`)]);

    // The new key alone opens nothing yet: that is why the old one stays in the ring until the re-encryption.
    clock.advance(60_000);
    const newOnly = mfaWith(clock, NEW);
    await expect(inTransaction(db, (tx) => newOnly.verifyTotp(tx, customers[0].id, totp(customers[0].seed, clock.now().getTime())))).rejects.toThrow(/unknown key id "k2025"/);

    const report = await reencryptTotpSecrets(db, totpSecretBox({ secrets: secretsWith(NEW, [OLD]) }));
    expect(report.columns.map((c) => [c.name, c.reencrypted, c.unreadable.length])).toEqual([
      ['customer factors', 3, 0],
      ['staff authenticators', 1, 0],
      ['staff enrollments in progress', 0, 0],
    ]);
    const keyIds = await db.query(`SELECT split_part(secret_encrypted, ':', 2) AS key_id FROM mfa_factors UNION ALL SELECT split_part(totp_secret, ':', 2) FROM staff_users WHERE totp_secret IS NOT NULL`);
    expect(new Set(keyIds.map((r: { key_id: string }) => r.key_id))).toEqual(new Set(['k2026']));
    expect(new SecretBox(NEW).decrypt((await db.query(`SELECT totp_secret FROM staff_users WHERE id = $1`, [staffId]))[0].totp_secret, `staff-totp:${staffId}`)).toEqual(staffSeed);

    // Old key gone from the configuration: every customer still signs in with the same authenticator app.
    for (const c of customers) {
      expect(await inTransaction(db, (tx) => newOnly.verifyTotp(tx, c.id, totp(c.seed, clock.now().getTime())))).toMatchObject({ ok: true });
    }
    // Each batch left an audit event; a second run has nothing to do.
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'secrets.reencrypted'`);
    expect(n).toBe(2);
    const again = await reencryptTotpSecrets(db, totpSecretBox({ secrets: secretsWith(NEW, [OLD]) }));
    expect(again.columns.every((c) => c.reencrypted === 0 && c.unreadable.length === 0)).toBe(true);
  });

  it('reports a seed no key of the ring opens, and leaves it untouched', async () => {
    const clock = new Clock();
    const stranger = { id: 'k1999', key: randomBytes(32) };
    const { id } = await customerWithAuthenticator(mfaWith(clock, stranger), clock, 'stranger@example.jp');
    const [{ secret_encrypted: sealed }] = await db.query(`SELECT secret_encrypted FROM mfa_factors WHERE login_account_id = $1`, [id]);
    const report = await reencryptTotpSecrets(db, totpSecretBox({ secrets: secretsWith(NEW, [OLD]) }));
    expect(report.columns[0].unreadable).toHaveLength(1);
    expect((await db.query(`SELECT secret_encrypted FROM mfa_factors WHERE login_account_id = $1`, [id]))[0].secret_encrypted).toBe(sealed);
  });
});
