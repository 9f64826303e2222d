import { parseEmail } from '../../accounts/email-address';
import type { ContractStatus } from '../contract.entity';
import { NETWORK_ID_PATTERN, parseNetworkId } from '../network-id';
import { SERVICE_TYPE_CODES, type ServiceType } from '../service-type';
import { isLegacyHashScheme, legacyHashProblem, LEGACY_HASH_SCHEMES, type LegacyHashScheme } from './legacy-password';

/**
 * The old system's contract export: one row per contract, comma-separated, UTF-8, header row first.
 * docs/legacy-import.md is the human version of this file; keep the two in step.
 */
export const LEGACY_CSV_COLUMNS = [
  'network_id',
  'service_type',
  'contracted_at',
  'status',
  'billing_account_code',
  'customer_name',
  'consolidated',
  'top_cruise_linked',
  'contact_email',
  'password_scheme',
  'password_hash',
] as const;
export type LegacyCsvColumn = (typeof LEGACY_CSV_COLUMNS)[number];

export const OPTIONAL_LEGACY_CSV_COLUMNS: readonly LegacyCsvColumn[] = ['contact_email'];
export const REQUIRED_LEGACY_CSV_COLUMNS = LEGACY_CSV_COLUMNS.filter((c) => !OPTIONAL_LEGACY_CSV_COLUMNS.includes(c));

/** One row as read, keyed by column; a missing optional column is undefined. */
export type LegacyCsvRecord = Partial<Record<LegacyCsvColumn, string>>;

/** One row after validation: the stored forms. */
export interface LegacyContractRow {
  networkId: string;
  serviceType: ServiceType;
  contractedAt: string;
  status: ContractStatus;
  billingAccountCode: string;
  customerName: string;
  consolidated: boolean;
  topCruiseLinked: boolean;
  contactEmail: string | null;
  passwordScheme: LegacyHashScheme;
  passwordHash: string;
}

export interface RowProblem {
  column: LegacyCsvColumn | 'row';
  reason: string;
}

export type LegacyRowResult = { ok: true; row: LegacyContractRow } | { ok: false; problems: RowProblem[] };

export type LegacyHeaderResult =
  | { ok: true; indexOf: Record<LegacyCsvColumn, number>; ignored: string[] }
  | { ok: false; reason: string };

/** Header names are matched trimmed and case-insensitively; unknown columns are ignored and reported. */
export function readLegacyHeader(fields: string[]): LegacyHeaderResult {
  const names = fields.map((f) => f.normalize('NFKC').trim().toLowerCase());
  const indexOf = Object.fromEntries(LEGACY_CSV_COLUMNS.map((c) => [c, -1])) as Record<LegacyCsvColumn, number>;
  const ignored: string[] = [];
  const twice = new Set<string>();
  names.forEach((name, i) => {
    if (!(LEGACY_CSV_COLUMNS as readonly string[]).includes(name)) {
      if (name) ignored.push(name);
      return;
    }
    const column = name as LegacyCsvColumn;
    if (indexOf[column] >= 0) twice.add(column);
    else indexOf[column] = i;
  });
  const missing = REQUIRED_LEGACY_CSV_COLUMNS.filter((c) => indexOf[c] < 0);
  if (missing.length) return { ok: false, reason: `missing required columns: ${missing.join(', ')}` };
  if (twice.size) return { ok: false, reason: `columns appear more than once: ${[...twice].join(', ')}` };
  return { ok: true, indexOf, ignored };
}

export function recordFromFields(fields: string[], indexOf: Record<LegacyCsvColumn, number>): LegacyCsvRecord {
  const record: LegacyCsvRecord = {};
  for (const column of LEGACY_CSV_COLUMNS) if (indexOf[column] >= 0) record[column] = fields[indexOf[column]];
  return record;
}

const BOOLEANS: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };
const STATUSES: readonly ContractStatus[] = ['active', 'cancelled'];
const BILLING_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DATE_PATTERN = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MAX_NAME_LENGTH = 200;
const ASCII = /^[^\u0080-\uffff]*$/;
const CONTROL = /\p{Cc}/u;

// The checks below first try the form a clean export has: a value that is already its own stored form
// skips NFKC and the rest, which cost more than everything else a row needs (100,000 rows per import).

/** NFKC and trimmed; ASCII is its own NFKC form. */
function normalised(raw: string): string {
  return (ASCII.test(raw) ? raw : raw.normalize('NFKC')).trim();
}

/** Pure: validates one row and returns its stored form, or every problem found (one per column). */
export function validateLegacyRow(record: LegacyCsvRecord): LegacyRowResult {
  const problems: RowProblem[] = [];
  const bad: Bad = (column, reason) => {
    problems.push({ column, reason });
    return undefined;
  };
  const networkId = parseNetworkIdField(field(record, 'network_id', bad), bad);
  const serviceType = oneOf(record, 'service_type', SERVICE_TYPE_CODES, bad);
  const contractedAt = parseDateField(field(record, 'contracted_at', bad), bad);
  const status = oneOf(record, 'status', STATUSES, bad);
  const billingAccountCode = parseBillingCode(field(record, 'billing_account_code', bad), bad);
  const customerName = parseCustomerName(field(record, 'customer_name', bad), bad);
  const consolidated = flag(record, 'consolidated', bad);
  const topCruiseLinked = flag(record, 'top_cruise_linked', bad);
  const contactEmail = parseContactEmail(field(record, 'contact_email', bad), bad);
  const passwordScheme = oneOf(record, 'password_scheme', LEGACY_HASH_SCHEMES, bad);
  const passwordHash = parsePasswordHash(passwordScheme, field(record, 'password_hash', bad), bad);

  if (topCruiseLinked === true && consolidated === false) {
    bad('top_cruise_linked', 'is true but consolidated is false: Top Cruise contracts ride on a consolidated invoice');
  }
  if (serviceType === 'top_cruise' && topCruiseLinked === false) {
    bad('service_type', 'is top_cruise but the billing account is not Top Cruise linked (top_cruise_linked is false)');
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    row: {
      networkId: networkId!,
      serviceType: serviceType!,
      contractedAt: contractedAt!,
      status: status!,
      billingAccountCode: billingAccountCode!,
      customerName: customerName!,
      consolidated: consolidated!,
      topCruiseLinked: topCruiseLinked!,
      contactEmail: contactEmail ?? null,
      passwordScheme: passwordScheme!,
      passwordHash: passwordHash!,
    },
  };
}

type Bad = (column: LegacyCsvColumn, reason: string) => undefined;

function field(record: LegacyCsvRecord, column: LegacyCsvColumn, bad: Bad): string | undefined {
  const raw = record[column];
  if (raw === undefined) return undefined;
  // Postgres text cannot hold NUL, and U+FFFD is what a non-UTF-8 byte decodes to.
  if (raw.includes('\u0000')) return bad(column, 'contains a NUL character');
  if (raw.includes('\uFFFD')) return bad(column, 'contains bytes that are not valid UTF-8');
  return raw;
}

function code(record: LegacyCsvRecord, column: LegacyCsvColumn, bad: Bad): string | undefined {
  const raw = field(record, column, bad);
  return raw === undefined ? undefined : normalised(raw).toLowerCase();
}

/** Returns the allowed value itself, not the field's text: a batch then holds no slice of the file per code. */
function oneOf<T extends string>(record: LegacyCsvRecord, column: LegacyCsvColumn, allowed: readonly T[], bad: Bad): T | undefined {
  const raw = record[column];
  const exact = raw === undefined ? -1 : (allowed as readonly string[]).indexOf(raw);
  if (exact >= 0) return allowed[exact];
  const value = code(record, column, bad);
  if (value === undefined) return undefined;
  if (value === '') return bad(column, 'is empty');
  const found = (allowed as readonly string[]).indexOf(value);
  return found >= 0 ? allowed[found] : bad(column, `must be one of ${allowed.join(', ')}`);
}

function flag(record: LegacyCsvRecord, column: LegacyCsvColumn, bad: Bad): boolean | undefined {
  const raw = record[column];
  if (raw !== undefined && Object.hasOwn(BOOLEANS, raw)) return BOOLEANS[raw];
  const value = code(record, column, bad);
  if (value === undefined) return undefined;
  return Object.hasOwn(BOOLEANS, value) ? BOOLEANS[value] : bad(column, 'must be true, false, 1 or 0');
}

function parseNetworkIdField(raw: string | undefined, bad: Bad): string | undefined {
  if (raw === undefined) return undefined;
  if (NETWORK_ID_PATTERN.test(raw)) return raw;
  const parsed = parseNetworkId(raw);
  return parsed.ok ? parsed.value : bad('network_id', parsed.reason);
}

function parseDateField(raw: string | undefined, bad: Bad): string | undefined {
  if (raw === undefined) return undefined;
  const value = normalised(raw);
  if (value === '') return bad('contracted_at', 'is empty');
  const m = DATE_PATTERN.exec(value);
  if (!m) return bad('contracted_at', 'must be a date YYYY-MM-DD');
  const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return bad('contracted_at', `is not a calendar date (${value})`);
  }
  if (m[2] === '-' && m[3].length === 2 && m[4].length === 2) return value;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Gregorian, as Date counts. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function parseBillingCode(raw: string | undefined, bad: Bad): string | undefined {
  if (raw === undefined) return undefined;
  if (BILLING_CODE_PATTERN.test(raw)) return raw;
  const value = normalised(raw);
  if (value === '') return bad('billing_account_code', 'is empty');
  return BILLING_CODE_PATTERN.test(value) ? value : bad('billing_account_code', 'must be 1 to 64 letters, digits, ".", "_" or "-"');
}

function parseCustomerName(raw: string | undefined, bad: Bad): string | undefined {
  if (raw === undefined) return undefined;
  // A line break inside a quoted name is layout from the old system, not part of the name.
  const value = CONTROL.test(raw) ? raw.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\t/g, ' ').trim() : raw.trim();
  // Any control character left was never part of a name a person typed.
  if (CONTROL.test(value)) return bad('customer_name', 'contains control characters');
  if (value === '') return bad('customer_name', 'is empty');
  return value.length <= MAX_NAME_LENGTH ? value : bad('customer_name', `is longer than ${MAX_NAME_LENGTH} characters`);
}

function parseContactEmail(raw: string | undefined, bad: Bad): string | null | undefined {
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = parseEmail(raw);
  if (!parsed.ok) return bad('contact_email', parsed.reason);
  // The same text, but one string rather than the pieces normalising joined.
  return parsed.value === raw ? raw : parsed.value;
}

function parsePasswordHash(scheme: LegacyHashScheme | undefined, raw: string | undefined, bad: Bad): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '') return bad('password_hash', 'is empty');
  if (scheme === undefined || !isLegacyHashScheme(scheme)) return undefined;
  // Hex case carries no meaning; the verifier compares lower-case hex.
  const value = scheme === 'sha256_salted' ? trimmed.toLowerCase() : trimmed;
  const problem = legacyHashProblem(scheme, value);
  return problem ? bad('password_hash', problem) : value;
}

/** The CSV text of one row in LEGACY_CSV_COLUMNS order, quoted where needed (for tests and benches). */
export function formatLegacyCsvLine(record: LegacyCsvRecord, columns: readonly LegacyCsvColumn[] = LEGACY_CSV_COLUMNS): string {
  return columns.map((c) => quoteCsvField(record[c] ?? '')).join(',');
}

function quoteCsvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
