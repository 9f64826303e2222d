import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './config.schema';

interface StoredSecrets {
  cookieSecret: string;
  totpKeyId: string;
  totpKey: string;
}

/**
 * In development a fresh clone must start without configuration, yet sessions and encrypted TOTP
 * secrets must survive restarts: so secrets are generated once and kept in DATA_DIR/secrets.json.
 * In production they must come from the environment (checked by the caller).
 */
export function loadOrCreateSecrets(e: Env, isProduction: boolean) {
  let stored: StoredSecrets | undefined;
  if (!isProduction && (!e.COOKIE_SECRET || !e.TOTP_ENCRYPTION_KEY)) {
    const file = join(e.DATA_DIR, 'secrets.json');
    if (existsSync(file)) {
      stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
    } else {
      stored = {
        cookieSecret: randomBytes(32).toString('base64url'),
        totpKeyId: 'dev1',
        totpKey: randomBytes(32).toString('base64'),
      };
      mkdirSync(e.DATA_DIR, { recursive: true });
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
  const [keyId, keyB64] = e.TOTP_ENCRYPTION_KEY ? e.TOTP_ENCRYPTION_KEY.split(':') : [stored!.totpKeyId, stored!.totpKey];
  return {
    cookieSecret: e.COOKIE_SECRET ?? stored!.cookieSecret,
    totpKeyId: keyId,
    totpKey: Buffer.from(keyB64, 'base64'),
    totpPreviousKeys: (e.TOTP_PREVIOUS_KEYS ? e.TOTP_PREVIOUS_KEYS.split(',') : []).map((entry) => {
      const [id, b64] = entry.split(':');
      return { id, key: Buffer.from(b64, 'base64') };
    }),
  };
}
