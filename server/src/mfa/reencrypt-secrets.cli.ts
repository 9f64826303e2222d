import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from '../database/data-source-options';
import { runCli } from '../runtime/cli';
import { resolveServices } from '../runtime/resolve-services';
import { reencryptTotpSecrets } from './totp-secret-reencryption';
import { totpSecretBox } from './totp-secret-box';

/**
 * `npm run secrets:reencrypt`: after a TOTP key rotation, seals every stored seed with the current key
 * (docs/security.md, "Key rotation"). Exit 1 when a row opens with no key of the ring.
 */
runCli(async (log) => {
  const config = loadConfig();
  const services = await resolveServices(config, log, { redis: false });
  try {
    const db = new DataSource(dataSourceOptions(services.databaseUrl, 1));
    await db.initialize();
    try {
      const report = await reencryptTotpSecrets(db, totpSecretBox(config));
      for (const c of report.columns) log(`${c.name}: ${c.reencrypted} re-encrypted with key "${report.keyId}"${c.unreadable.length ? `, ${c.unreadable.length} unreadable (ids: ${c.unreadable.join(', ')})` : ''}`);
      const unreadable = report.columns.reduce((n, c) => n + c.unreadable.length, 0);
      if (unreadable > 0) throw new Error(`${unreadable} sealed value(s) open with no key of the ring: add the key that made them to TOTP_PREVIOUS_KEYS, or reset those authenticators`);
    } finally {
      await db.destroy();
    }
  } finally {
    await services.stop();
  }
});
