import {
  formatLegacyCsvLine,
  LEGACY_CSV_COLUMNS,
  readLegacyHeader,
  recordFromFields,
  validateLegacyRow,
  type LegacyCsvColumn,
  type LegacyCsvRecord,
} from './legacy-csv-format';
import { refuseIfNotCsvText } from './legacy-csv-source';
import { sha256Salted } from './legacy-password';

const SHA = sha256Salted('pw', '0011223344556677');
const BCRYPT = '$2b$10$' + 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0';

const good: LegacyCsvRecord = {
  network_id: 'IS00012345',
  service_type: 'fiber',
  contracted_at: '2019-04-01',
  status: 'active',
  billing_account_code: 'BA-0001',
  customer_name: '山田 太郎',
  consolidated: 'false',
  top_cruise_linked: 'false',
  contact_email: 'taro@example.jp',
  password_scheme: 'sha256_salted',
  password_hash: SHA,
};

const problemsOf = (patch: LegacyCsvRecord) => {
  const result = validateLegacyRow({ ...good, ...patch });
  return result.ok ? [] : result.problems;
};

describe('validateLegacyRow', () => {
  it('returns the stored form of a good row', () => {
    expect(validateLegacyRow(good)).toEqual({
      ok: true,
      row: {
        networkId: 'IS00012345',
        serviceType: 'fiber',
        contractedAt: '2019-04-01',
        status: 'active',
        billingAccountCode: 'BA-0001',
        customerName: '山田 太郎',
        consolidated: false,
        topCruiseLinked: false,
        contactEmail: 'taro@example.jp',
        passwordScheme: 'sha256_salted',
        passwordHash: SHA,
      },
    });
  });

  it('normalises a full-width, padded, lower-case network ID', () => {
    const result = validateLegacyRow({ ...good, network_id: ' ｉｓ０００１２３４５ ' });
    expect(result.ok && result.row.networkId).toBe('IS00012345');
  });

  it('normalises codes, flags, dates, emails and hex case', () => {
    const result = validateLegacyRow({
      ...good,
      service_type: ' Mail_Web ',
      status: 'CANCELLED',
      consolidated: '1',
      top_cruise_linked: 'TRUE',
      contracted_at: '2019/4/1',
      contact_email: ' Taro@Example.JP ',
      password_hash: SHA.toUpperCase(),
      customer_name: '  株式会社テスト\r\n  営業部 ',
    });
    expect(result.ok && result.row).toMatchObject({
      serviceType: 'mail_web',
      status: 'cancelled',
      consolidated: true,
      topCruiseLinked: true,
      contractedAt: '2019-04-01',
      contactEmail: 'Taro@example.jp',
      passwordHash: SHA,
      customerName: '株式会社テスト 営業部',
    });
  });

  it('takes an empty or absent contact email as none', () => {
    const empty = validateLegacyRow({ ...good, contact_email: '  ' });
    const absent = validateLegacyRow({ ...good, contact_email: undefined });
    expect(empty.ok && empty.row.contactEmail).toBeNull();
    expect(absent.ok && absent.row.contactEmail).toBeNull();
  });

  it('accepts a bcrypt hash by its shape', () => {
    const result = validateLegacyRow({ ...good, password_scheme: 'bcrypt', password_hash: BCRYPT });
    expect(result.ok && result.row.passwordHash).toBe(BCRYPT);
  });

  it.each<[LegacyCsvColumn, string, string]>([
    ['network_id', '', 'is empty'],
    ['network_id', 'IS 0001', 'must be 3 to 32 letters, digits or hyphens'],
    ['network_id', 'IS', 'must be 3 to 32 letters, digits or hyphens'],
    ['service_type', '', 'is empty'],
    ['service_type', 'isdn', 'must be one of fiber, adsl, dialup, mail_web, ipoe, direct_connect, mobile_standard, dedicated_line, top_cruise'],
    ['contracted_at', '', 'is empty'],
    ['contracted_at', '01/04/2019', 'must be a date YYYY-MM-DD'],
    ['contracted_at', '2019-04-01T00:00', 'must be a date YYYY-MM-DD'],
    ['contracted_at', '2019-02-29', 'is not a calendar date (2019-02-29)'],
    ['contracted_at', '2019-13-01', 'is not a calendar date (2019-13-01)'],
    ['contracted_at', '2019-04/01', 'must be a date YYYY-MM-DD'],
    ['status', 'closed', 'must be one of active, cancelled'],
    ['status', '', 'is empty'],
    ['billing_account_code', '', 'is empty'],
    ['billing_account_code', 'BA 0001', 'must be 1 to 64 letters, digits, ".", "_" or "-"'],
    ['billing_account_code', 'B'.repeat(65), 'must be 1 to 64 letters, digits, ".", "_" or "-"'],
    ['customer_name', ' ', 'is empty'],
    ['customer_name', 'x'.repeat(201), 'is longer than 200 characters'],
    ['customer_name', 'bell\u0007', 'contains control characters'],
    ['consolidated', 'yes', 'must be true, false, 1 or 0'],
    ['consolidated', '', 'must be true, false, 1 or 0'],
    ['top_cruise_linked', 'maybe', 'must be true, false, 1 or 0'],
    ['contact_email', 'taro@', 'is not a valid email address'],
    ['password_scheme', 'md5', 'must be one of bcrypt, sha256_salted'],
    ['password_hash', '', 'is empty'],
    ['password_hash', 'deadbeef', 'is not "<salt hex>:<sha-256 hex>"'],
  ])('refuses %s %j: %s', (column, value, reason) => {
    expect(problemsOf({ [column]: value })).toEqual([{ column, reason }]);
  });

  it('checks a bcrypt hash against the bcrypt shape', () => {
    expect(problemsOf({ password_scheme: 'bcrypt', password_hash: SHA })).toEqual([
      { column: 'password_hash', reason: 'is not a bcrypt hash ($2b$NN$ + 53 characters)' },
    ]);
  });

  it('refuses NUL characters and undecodable bytes in any column', () => {
    expect(problemsOf({ customer_name: 'a\u0000b' })).toEqual([{ column: 'customer_name', reason: 'contains a NUL character' }]);
    expect(problemsOf({ status: 'act\uFFFDive' })).toEqual([{ column: 'status', reason: 'contains bytes that are not valid UTF-8' }]);
  });

  it('refuses Top Cruise without a consolidated invoice, and a Top Cruise contract on an unlinked one', () => {
    expect(problemsOf({ top_cruise_linked: 'true' })).toEqual([
      { column: 'top_cruise_linked', reason: 'is true but consolidated is false: Top Cruise contracts ride on a consolidated invoice' },
    ]);
    expect(problemsOf({ service_type: 'top_cruise' })).toEqual([
      { column: 'service_type', reason: 'is top_cruise but the billing account is not Top Cruise linked (top_cruise_linked is false)' },
    ]);
    expect(problemsOf({ service_type: 'top_cruise', consolidated: 'true', top_cruise_linked: 'true' })).toEqual([]);
  });

  it('reports every bad column of a row', () => {
    expect(problemsOf({ network_id: '', status: 'x', consolidated: 'x' }).map((p) => p.column)).toEqual([
      'network_id',
      'status',
      'consolidated',
    ]);
  });
});

describe('readLegacyHeader', () => {
  it('maps columns in any order and case, ignoring unknown ones', () => {
    const header = readLegacyHeader([' Password_Hash ', ...LEGACY_CSV_COLUMNS.filter((c) => c !== 'password_hash'), 'note']);
    expect(header.ok).toBe(true);
    if (!header.ok) return;
    expect(header.indexOf.password_hash).toBe(0);
    expect(header.indexOf.network_id).toBe(1);
    expect(header.ignored).toEqual(['note']);
    const fields = ['h', 'IS1', 'fiber'];
    expect(recordFromFields(fields, header.indexOf)).toMatchObject({ password_hash: 'h', network_id: 'IS1', service_type: 'fiber' });
  });

  it('does not need the optional contact_email column', () => {
    const header = readLegacyHeader(LEGACY_CSV_COLUMNS.filter((c) => c !== 'contact_email'));
    expect(header.ok && header.indexOf.contact_email).toBe(-1);
  });

  it('names the missing required columns', () => {
    expect(readLegacyHeader(['network_id', 'service_type', 'foo'])).toEqual({
      ok: false,
      reason:
        'missing required columns: contracted_at, status, billing_account_code, customer_name, consolidated, top_cruise_linked, password_scheme, password_hash',
    });
  });

  it('refuses a column given twice', () => {
    expect(readLegacyHeader([...LEGACY_CSV_COLUMNS, 'STATUS'])).toEqual({ ok: false, reason: 'columns appear more than once: status' });
  });
});

describe('refuseIfNotCsvText', () => {
  const header = Buffer.from(LEGACY_CSV_COLUMNS.join(',') + '\n');

  it('accepts UTF-8 text with or without a BOM', () => {
    expect(() => refuseIfNotCsvText(header)).not.toThrow();
    expect(() => refuseIfNotCsvText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), header]))).not.toThrow();
  });

  it('accepts a sample that ends inside a multi-byte character', () => {
    const text = Buffer.from('network_id,山田');
    expect(() => refuseIfNotCsvText(text.subarray(0, text.length - 1))).not.toThrow();
  });

  it.each([
    ['empty', Buffer.alloc(0), 'the file is empty'],
    ['a BOM and blank lines only', Buffer.from('\uFEFF\r\n \n'), 'the file is empty'],
    ['NUL bytes', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'the file is not a CSV text file (it contains NUL bytes)'],
    ['UTF-16', Buffer.from('\uFEFFnetwork_id', 'utf16le'), 'the file is UTF-16 text: save it as UTF-8 CSV'],
    ['Shift_JIS', Buffer.from([0x6e, 0x2c, 0x8e, 0x52, 0x93, 0x63, 0x0a]), 'the file is not UTF-8 text (a Shift_JIS export must be converted to UTF-8 first)'],
  ])('refuses %s', (_name, bytes, message) => {
    expect(() => refuseIfNotCsvText(bytes)).toThrow(message);
  });
});

describe('formatLegacyCsvLine', () => {
  it('quotes what needs quoting and nothing else', () => {
    expect(formatLegacyCsvLine({ network_id: 'IS1', customer_name: 'a, "b"\nc' }, ['network_id', 'customer_name'])).toBe(
      'IS1,"a, ""b""\nc"',
    );
  });
});
