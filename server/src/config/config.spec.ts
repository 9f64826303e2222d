import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'ikou-config-'));

describe('loadConfig', () => {
  it('starts with no configuration at all, on development defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.http.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.runWorker).toBe(true);
    expect(config.mailFrom).toBe('no-reply@nttpc.co.jp');
    expect(config.legacyLock).toEqual({ failures: 3, minutes: 10 });
  });

  it('generates development secrets once and keeps them private under DATA_DIR', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.secrets.totpKey).toHaveLength(32);
    expect(second.secrets).toEqual(first.secrets);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).totpKeyId).toBe('dev1');
  });

  it('names the variable and what is wrong, without echoing secrets', () => {
    expect(() => loadConfig({ DATABASE_URL: 'nonsense', DATA_DIR: dataDir() })).toThrow(
      'DATABASE_URL must be a URL like postgres://user:pass@host:5432/ikou (got "nonsense")',
    );
    expect(() => loadConfig({ PORT: 'eighty', DATA_DIR: dataDir() })).toThrow('PORT must be a number');
    try {
      loadConfig({ COOKIE_SECRET: 'short-secret-value', DATA_DIR: dataDir() });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('COOKIE_SECRET must be at least 32 characters');
      expect((error as Error).message).not.toContain('short-secret-value');
    }
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '70000', LEGACY_LOCK_FAILURES: '0', DATA_DIR: dataDir() })).toThrow(
      /PORT must be between 0 and 65535.*LEGACY_LOCK_FAILURES must be above 0/,
    );
  });

  it('requires real services and secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL is required when NODE_ENV=production; REDIS_URL is required.*COOKIE_SECRET.*TOTP_ENCRYPTION_KEY.*PUBLIC_URL/,
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/ikou',
      REDIS_URL: 'redis://redis:6379',
      PUBLIC_URL: 'https://ikou.example.jp',
      COOKIE_SECRET: 'x'.repeat(32),
      TOTP_ENCRYPTION_KEY: `k2026:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    expect(config.secrets.totpKeyId).toBe('k2026');
    expect(config.secrets.totpPreviousKeys).toEqual([]);
    expect(config.runWorker).toBe(false);
    expect(config.migrateOnStart).toBe(false);
  });

  it('reads the TOTP keys a rotation retired, and refuses a malformed list without echoing it', () => {
    const old1 = Buffer.alloc(32, 1).toString('base64');
    const old2 = Buffer.alloc(32, 2).toString('base64');
    const config = loadConfig({ DATA_DIR: dataDir(), TOTP_ENCRYPTION_KEY: `k3:${Buffer.alloc(32, 3).toString('base64')}`, TOTP_PREVIOUS_KEYS: `k1:${old1},k2:${old2}` });
    expect(config.secrets.totpPreviousKeys).toEqual([
      { id: 'k1', key: Buffer.alloc(32, 1) },
      { id: 'k2', key: Buffer.alloc(32, 2) },
    ]);
    expect(() => loadConfig({ DATA_DIR: dataDir(), TOTP_PREVIOUS_KEYS: `k1:${old1};k2` })).toThrow(/TOTP_PREVIOUS_KEYS must be "<key id>:<32 bytes in base64>" entries separated by commas/);
    try {
      loadConfig({ DATA_DIR: dataDir(), TOTP_PREVIOUS_KEYS: `k1:${old1};k2` });
    } catch (error) {
      expect((error as Error).message).not.toContain(old1);
    }
  });
});
