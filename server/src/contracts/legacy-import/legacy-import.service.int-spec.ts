import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/services';
import { dataSourceOptions } from '../../database/data-source-options';
import { formatLegacyCsvLine, LEGACY_CSV_COLUMNS, type LegacyCsvRecord } from './legacy-csv-format';
import { LegacyImportRefusedError } from './legacy-import.report';
import { LegacyImportService } from './legacy-import.service';
import { sha256Salted } from './legacy-password';

jest.setTimeout(30_000);

let database: TestDatabase;
let db: DataSource;
let service: LegacyImportService;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 2));
  await db.initialize();
  service = new LegacyImportService(db);
  dir = mkdtempSync(join(tmpdir(), 'legacy-import-'));
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await db.query('TRUNCATE contracts, billing_accounts, login_accounts CASCADE');
});

/** 20 contracts on 6 billing accounts; row i is on physical line i + 2. */
function goodRecords(): LegacyCsvRecord[] {
  return Array.from({ length: 20 }, (_, i) => {
    const account = i % 6;
    return {
      network_id: `IS${String(10_000_000 + i)}`,
      service_type: i === 7 ? 'ipoe' : i % 3 === 0 ? 'mail_web' : 'fiber',
      contracted_at: `2015-0${1 + (i % 9)}-1${i % 10}`,
      status: i === 5 ? 'cancelled' : 'active',
      billing_account_code: `BA-${account}`,
      customer_name: `顧客 ${account}`,
      consolidated: account === 1 ? 'true' : 'false',
      top_cruise_linked: 'false',
      contact_email: i % 4 ? `c${i}@example.jp` : '',
      password_scheme: 'sha256_salted',
      password_hash: sha256Salted(`pw${i}`, 'a1b2c3d4e5f60718'),
    };
  });
}

function csv(records: LegacyCsvRecord[], newline = '\n'): string {
  return [LEGACY_CSV_COLUMNS.join(','), ...records.map((r) => formatLegacyCsvLine(r))].join(newline) + newline;
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function counts() {
  const [row] = await db.query(
    `SELECT (SELECT count(*) FROM contracts)::int AS contracts, (SELECT count(*) FROM billing_accounts)::int AS accounts`,
  );
  return row as { contracts: number; accounts: number };
}

/**
 * Every column of every row, updated_at included, and the row versions' xmin/xmax: equal checksums mean
 * nothing was written, not even a row lock.
 */
async function checksum(): Promise<string> {
  const [row] = await db.query(`
    SELECT md5((SELECT coalesce(string_agg(c::text || c.xmin || c.xmax, '|' ORDER BY c.id), '') FROM contracts c) ||
               (SELECT coalesce(string_agg(b::text || b.xmin || b.xmax, '|' ORDER BY b.id), '') FROM billing_accounts b)) AS sum`);
  return row.sum;
}

describe('LegacyImportService.importCsv', () => {
  it('imports a good file', async () => {
    const report = await service.importCsv(file('good.csv', csv(goodRecords())));
    expect(report).toMatchObject({ rowsRead: 20, inserted: 20, updated: 0, unchanged: 0, rejectedRows: 0, rejected: [] });
    expect(report.billingAccounts).toEqual({ inserted: 6, updated: 0 });
    expect(await counts()).toEqual({ contracts: 20, accounts: 6 });
    const [c] = await db.query(
      `SELECT c.service_type, c.status, c.contact_email, b.code, b.consolidated
         FROM contracts c JOIN billing_accounts b ON b.id = c.billing_account_id WHERE c.network_id = 'IS10000007'`,
    );
    expect(c).toEqual({ service_type: 'ipoe', status: 'active', contact_email: 'c7@example.jp', code: 'BA-1', consolidated: true });
  });

  it('changes nothing when the same file is imported again', async () => {
    const path = file('again.csv', csv(goodRecords()));
    await service.importCsv(path);
    const before = await checksum();
    const report = await service.importCsv(path);
    expect(report).toMatchObject({ rowsRead: 20, inserted: 0, updated: 0, unchanged: 20, rejectedRows: 0 });
    expect(report.billingAccounts).toEqual({ inserted: 0, updated: 0 });
    expect(await checksum()).toBe(before);
  });

  it('updates only the rows that changed', async () => {
    const records = goodRecords();
    await service.importCsv(Readable.from([csv(records)]));
    records[3].status = 'cancelled';
    for (const r of records.filter((r) => r.billing_account_code === 'BA-4')) r.customer_name = '顧客 4 (改称)';
    const report = await service.importCsv(Readable.from([csv(records)]));
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 19, billingAccounts: { inserted: 0, updated: 1 } });
  });

  it('reports exactly the broken rows, by physical line, and imports the rest', async () => {
    const records = goodRecords();
    records[2].network_id = 'IS 123'; // line 4
    records[9].contracted_at = '2015-02-30'; // line 11
    records[15].password_hash = 'not-a-hash'; // line 17
    const report = await service.importCsv(file('broken.csv', csv(records)));
    expect(report).toMatchObject({ rowsRead: 20, inserted: 17, rejectedRows: 3 });
    expect(report.rejected).toEqual([
      { line: 4, column: 'network_id', reason: 'must be 3 to 32 letters, digits or hyphens' },
      { line: 11, column: 'contracted_at', reason: 'is not a calendar date (2015-02-30)' },
      { line: 17, column: 'password_hash', reason: 'is not "<salt hex>:<sha-256 hex>"' },
    ]);
    expect((await counts()).contracts).toBe(17);
  });

  it('keeps physical line numbers across quoted commas and line breaks', async () => {
    const records = goodRecords().slice(0, 4);
    records[0].customer_name = '株式会社テスト, 本社\n経理部';
    Object.assign(records[1], { billing_account_code: 'BA-0', customer_name: records[0].customer_name, consolidated: 'false' });
    records[2].customer_name = '"引用" 商事\r\n大阪\r\n支店';
    records[3].status = 'open';
    const text = csv(records, '\r\n');
    const report = await service.importCsv(file('quoted.csv', text));
    // header 1; row 1 on lines 2-3; row 2 on 4-5; row 3 on 6-8; row 4 on 9
    expect(report.rejected).toEqual([{ line: 9, column: 'status', reason: 'must be one of active, cancelled' }]);
    expect(report.inserted).toBe(3);
    const names = await db.query(`SELECT code, customer_name FROM billing_accounts ORDER BY code`);
    expect(names).toEqual([
      { code: 'BA-0', customer_name: '株式会社テスト, 本社 経理部' },
      { code: 'BA-2', customer_name: '"引用" 商事 大阪 支店' },
    ]);
  });

  it('stores text exactly, whatever characters it holds', async () => {
    const records = goodRecords().slice(0, 2);
    records[0].customer_name = 'C:\\顧客\\ "引用" \\';
    records[1].contact_email = 'tab\u0001ok\\"x"@example.jp';
    const report = await service.importCsv(Readable.from([csv(records)]));
    expect(report).toMatchObject({ inserted: 2, rejectedRows: 0 });
    const [account] = await db.query(`SELECT customer_name FROM billing_accounts WHERE code = 'BA-0'`);
    const [contract] = await db.query(`SELECT contact_email FROM contracts WHERE network_id = 'IS10000001'`);
    expect([account.customer_name, contract.contact_email]).toEqual(['C:\\顧客\\ "引用" \\', 'tab\u0001ok\\"x"@example.jp']);
  });

  it('accepts a UTF-8 BOM, CRLF line ends, blank lines and a full-width network ID', async () => {
    const records = goodRecords().slice(0, 2);
    records[1].network_id = 'ｉｓ１２３４５６７８';
    const text = '\uFEFF' + csv(records, '\r\n').replace(/\r\n$/, '\r\n\r\n,,,,,,,,,,\r\n');
    const report = await service.importCsv(file('bom.csv', text));
    expect(report).toMatchObject({ rowsRead: 2, inserted: 2, rejectedRows: 0 });
    const ids = await db.query(`SELECT network_id FROM contracts ORDER BY network_id`);
    expect(ids.map((r: { network_id: string }) => r.network_id)).toEqual(['IS10000000', 'IS12345678']);
  });

  it('imports the first row of a network ID and reports the later ones', async () => {
    const records = goodRecords().slice(0, 3);
    records.push({ ...records[1], network_id: 'is10000001', status: 'cancelled' });
    const report = await service.importCsv(Readable.from([csv(records)]));
    expect(report.rejected).toEqual([{ line: 5, column: 'network_id', reason: 'duplicates line 3 (the first row of a network ID is imported)' }]);
    const [row] = await db.query(`SELECT status FROM contracts WHERE network_id = 'IS10000001'`);
    expect(row.status).toBe('active');
  });

  it('reports a row that disagrees with an earlier row about its billing account', async () => {
    const records = goodRecords().slice(0, 7); // rows 0 and 6 share BA-0
    records[6].consolidated = 'true';
    const report = await service.importCsv(Readable.from([csv(records)]));
    expect(report.rejected).toEqual([
      { line: 8, column: 'consolidated', reason: 'differs from line 2, which has the same billing_account_code' },
    ]);
  });

  it('refuses a row with the wrong number of fields', async () => {
    const text = csv(goodRecords().slice(0, 2)) + 'IS99999999,fiber\n';
    const report = await service.importCsv(Readable.from([text]));
    expect(report.rejected).toEqual([{ line: 4, column: 'row', reason: 'has 2 fields, the header has 11' }]);
  });

  it('never unlinks a contract linked to a login account', async () => {
    const records = goodRecords();
    await service.importCsv(Readable.from([csv(records)]));
    const [account] = await db.query(`INSERT INTO login_accounts (email) VALUES ('taro@example.jp') RETURNING id`);
    await db.query(
      `UPDATE contracts SET login_account_id = $1, linked_at = '2024-01-02T03:04:05Z', linked_via = 'self_service'
        WHERE network_id IN ('IS10000001', 'IS10000002')`,
      [account.id],
    );
    records[1].status = 'cancelled';
    records[1].password_hash = sha256Salted('new', 'ffeeddccbbaa9988');
    records[2].service_type = 'ipoe'; // line 4: a linked contract cannot leave InfoSphere
    const report = await service.importCsv(Readable.from([csv(records)]));
    expect(report).toMatchObject({ updated: 1, unchanged: 18, rejectedRows: 1 });
    expect(report.rejected).toEqual([
      {
        line: 4,
        column: 'service_type',
        reason: 'cannot become ipoe: the contract is linked to a login account, and only InfoSphere contracts can be linked',
      },
    ]);
    const linked = await db.query(
      `SELECT network_id, status, service_type, login_account_id, linked_at, linked_via FROM contracts
        WHERE login_account_id IS NOT NULL ORDER BY network_id`,
    );
    expect(linked).toEqual([
      { network_id: 'IS10000001', status: 'cancelled', service_type: 'fiber', login_account_id: account.id, linked_at: new Date('2024-01-02T03:04:05Z'), linked_via: 'self_service' },
      { network_id: 'IS10000002', status: 'active', service_type: 'fiber', login_account_id: account.id, linked_at: new Date('2024-01-02T03:04:05Z'), linked_via: 'self_service' },
    ]);
  });

  it('reports a row the database refuses without losing the rest of its batch', async () => {
    // Stands in for any rule the validation does not know about yet.
    await db.query(`
      CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.network_id = 'IS10000003' THEN RAISE EXCEPTION 'IS10000003 is frozen' USING ERRCODE = 'check_violation'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_one BEFORE INSERT ON contracts FOR EACH ROW EXECUTE FUNCTION refuse_one();`);
    try {
      const report = await service.importCsv(Readable.from([csv(goodRecords())]));
      expect(report).toMatchObject({ inserted: 19, rejectedRows: 1 });
      expect(report.rejected).toEqual([{ line: 5, column: 'row', reason: 'refused by the database: IS10000003 is frozen' }]);
    } finally {
      await db.query('DROP TRIGGER refuse_one ON contracts; DROP FUNCTION refuse_one()');
    }
  });

  it('writes in batches and reports progress', async () => {
    const records = Array.from({ length: 25 }, (_, i) => ({ ...goodRecords()[0], network_id: `IS2${String(i).padStart(7, '0')}` }));
    const progress: number[] = [];
    const report = await service.importCsv(Readable.from([csv(records)]), {
      batchSize: 10,
      onProgress: ({ rowsRead }) => {
        progress.push(rowsRead);
      },
    });
    expect(report.inserted).toBe(25);
    expect(progress).toEqual([10, 20, 25]);
  });

  it('counts each billing account once when batches written at the same time share it', async () => {
    const records = goodRecords(); // every batch of 3 names accounts the others name too
    const report = await service.importCsv(Readable.from([csv(records)]), { batchSize: 3, writers: 2 });
    expect(report).toMatchObject({ inserted: 20, rejectedRows: 0, billingAccounts: { inserted: 6, updated: 0 } });
    expect(await counts()).toEqual({ contracts: 20, accounts: 6 });
    for (const r of records.filter((r) => r.billing_account_code === 'BA-4')) r.customer_name = '顧客 4 (改称)';
    const again = await service.importCsv(Readable.from([csv(records)]), { batchSize: 3, writers: 2 });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 20, billingAccounts: { inserted: 0, updated: 1 } });
  });

  it('updates a contract another import inserts while this one runs', async () => {
    const records = goodRecords();
    const [account] = await db.query(`INSERT INTO billing_accounts (code, customer_name) VALUES ('BA-4', '顧客 4') RETURNING id`);
    const other = new Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
         VALUES ('IS10000004', 'fiber', '2015-05-14', 'cancelled', $1, 'sha256_salted', 'x')`,
        [account.id],
      );
      const importing = service.importCsv(Readable.from([csv(records)]));
      // The import's INSERT of IS10000004 waits for the other transaction, which then commits it first.
      for (let i = 0; i < 200; i++) {
        const [{ waiting }] = await db.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (waiting) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await other.query('COMMIT');
      const report = await importing;
      expect(report).toMatchObject({ inserted: 19, updated: 1, rejectedRows: 0, billingAccounts: { inserted: 5, updated: 0 } });
    } finally {
      await other.end();
    }
    const [row] = await db.query(`SELECT status, legacy_password_hash FROM contracts WHERE network_id = 'IS10000004'`);
    expect(row).toEqual({ status: 'active', legacy_password_hash: records[4].password_hash });
  });

  describe('refuses the whole file and writes nothing', () => {
    it.each([
      ['binary', () => Buffer.concat([Buffer.from([0x00, 0xff, 0x00]), randomBytes(4096)]), 'the file is not a CSV text file (it contains NUL bytes)'],
      ['empty', () => Buffer.alloc(0), 'the file is empty'],
      [
        'missing columns',
        () => csv(goodRecords()).replace('password_scheme', 'scheme').replace('status', 'state'),
        'the file cannot be imported: missing required columns: status, password_scheme',
      ],
    ])('%s', async (name, content, message) => {
      const attempt = service.importCsv(file(`${name}.csv`, content()));
      await expect(attempt).rejects.toThrow(LegacyImportRefusedError);
      await expect(service.importCsv(file(`${name}.csv`, content()))).rejects.toThrow(message);
      expect(await counts()).toEqual({ contracts: 0, accounts: 0 });
    });
  });
});
