import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { distModule } from './dist.mjs';

const { formatLegacyCsvLine, LEGACY_CSV_COLUMNS } = await distModule('contracts/legacy-import/legacy-csv-format.js');
const { sha256Salted } = await distModule('contracts/legacy-import/legacy-password.js');

// Customers of every size the ISP has: mostly 1–3 contracts, some large consolidated ones.
const GROUP_SIZES = [1, 1, 2, 1, 3, 1, 1, 5, 2, 1, 7, 1, 1, 4, 1, 12];
const TYPES = ['fiber', 'fiber', 'fiber', 'adsl', 'mail_web', 'dialup', 'fiber', 'mail_web', 'ipoe', 'fiber', 'direct_connect'];
const B64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A bcrypt-shaped string: the import only checks the shape, and real bcrypt would dominate generation time. */
function fakeBcrypt(seed) {
  const digest = createHash('sha512').update(seed).digest();
  let s = '';
  for (let i = 0; i < 53; i++) s += B64[digest[i % digest.length] % 64];
  return `$2b$10$${s}`;
}

/**
 * Writes `rows` contract rows. `variant` changes every row's contact email, so importing variant 1 over
 * variant 0 exercises the update path on every row.
 */
export async function writeLegacyCsv(path, rows, { variant = 0 } = {}) {
  const out = createWriteStream(path);
  const write = async (line) => {
    if (!out.write(line + '\n')) await once(out, 'drain');
  };
  await write(LEGACY_CSV_COLUMNS.join(','));
  let n = 0;
  for (let customer = 1; n < rows; customer++) {
    const size = GROUP_SIZES[customer % GROUP_SIZES.length];
    const consolidated = size >= 4 || customer % 9 === 0;
    const topCruise = consolidated && customer % 5 === 0;
    for (let c = 0; c < size && n < rows; c++, n++) {
      const networkId = `IS${String(20_000_000 + n).padStart(8, '0')}`;
      const type = topCruise && c === size - 1 ? 'top_cruise' : TYPES[n % TYPES.length];
      const scheme = n % 2 ? 'sha256_salted' : 'bcrypt';
      const salt = createHash('md5').update(networkId).digest('hex');
      await write(
        formatLegacyCsvLine({
          network_id: networkId,
          service_type: type,
          contracted_at: `20${String(5 + (n % 18)).padStart(2, '0')}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
          status: n % 17 === 0 ? 'cancelled' : 'active',
          billing_account_code: `BA${String(customer).padStart(8, '0')}`,
          customer_name: customer % 7 === 0 ? `株式会社テスト${customer}, 本社` : `顧客 ${customer}`,
          consolidated: String(consolidated),
          top_cruise_linked: String(topCruise),
          contact_email: n % 4 === 3 ? '' : `user${n}${variant ? `.v${variant}` : ''}@example.jp`,
          password_scheme: scheme,
          password_hash: scheme === 'bcrypt' ? fakeBcrypt(networkId) : sha256Salted(`pw-${n}`, salt),
        }),
      );
    }
  }
  out.end();
  await once(out, 'finish');
}
