import { parseEmail } from '../../accounts/email-address';
import type { ContractStatus } from '../contract.entity';
import { parseNetworkId } from '../network-id';
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
const MAX_NAME_LENGTH = 200;

/** Pure: validates one row and returns its stored form, or every problem found (one per column). */
export function validateLegacyRow(record: LegacyCsvRecord): LegacyRowResult {
  const problems: RowProblem[] = [];
  const bad = (column: LegacyCsvColumn, reason: string) => {
    problems.push({ column, reason });
    return undefined;
  };
  const field = (column: LegacyCsvColumn): string | undefined => {
    const raw = record[column];
    if (raw === undefined) return undefined;
    // Postgres text cannot hold NUL, and U+FFFD is what a non-UTF-8 byte decodes to.
    if (raw.includes('\u0000')) return bad(column, 'contains a NUL character');
    if (raw.includes('\uFFFD')) return bad(column, 'contains bytes that are not valid UTF-8');
    return raw;
  };
  const code = (column: LegacyCsvColumn) => {
    const raw = field(column);
    return raw === undefined ? undefined : raw.normalize('NFKC').trim().toLowerCase();
  };
  const oneOf = <T extends string>(column: LegacyCsvColumn, allowed: readonly T[]): T | undefined => {
    const value = code(column);
    if (value === undefined) return undefined;
    if (value === '') return bad(column, 'is empty');
    return (allowed as readonly string[]).includes(value) ? (value as T) : bad(column, `must be one of ${allowed.join(', ')}`);
  };
  const flag = (column: LegacyCsvColumn): boolean | undefined => {
    const value = code(column);
    if (value === undefined) return undefined;
    return Object.hasOwn(BOOLEANS, value) ? BOOLEANS[value] : bad(column, 'must be true, false, 1 or 0');
  };

  const networkId = parseNetworkIdField(field('network_id'), bad);
  const serviceType = oneOf('service_type', SERVICE_TYPE_CODES);
  const contractedAt = parseDateField(field('contracted_at'), bad);
  const status = oneOf('status', STATUSES);
  const billingAccountCode = parseBillingCode(field('billing_account_code'), bad);
  const customerName = parseCustomerName(field('customer_name'), bad);
  const consolidated = flag('consolidated');
  const topCruiseLinked = flag('top_cruise_linked');
  const contactEmail = parseContactEmail(field('contact_email'), bad);
  const passwordScheme = oneOf('password_scheme', LEGACY_HASH_SCHEMES);
  const passwordHash = parsePasswordHash(passwordScheme, field('password_hash'), bad);

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

function parseNetworkIdField(raw: string | undefined, bad: Bad): string | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseNetworkId(raw);
  return parsed.ok ? parsed.value : bad('network_id', parsed.reason);
}

function parseDateField(raw: string | undefined, bad: Bad): string | undefined {
  if (raw === undefined) return undefined;
  const value = raw.normalize('NFKC').trim();
  if (value === '') return bad('contracted_at', 'is empty');
  const m = DATE_PATTERN.exec(value);
  if (!m) return bad('contracted_at', 'must be a date YYYY-MM-DD');
  const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return bad('contracted_at', `is not a calendar date (${value})`);
  }
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parseBillingCode(raw: string | undefined, bad: Bad): string | undefined {
  if (raw === undefined) return undefined;
  const value = raw.normalize('NFKC').trim();
  if (value === '') return bad('billing_account_code', 'is empty');
  return BILLING_CODE_PATTERN.test(value) ? value : bad('billing_account_code', 'must be 1 to 64 letters, digits, ".", "_" or "-"');
}

function parseCustomerName(raw: string | undefined, bad: Bad): string | undefined {
  if (raw === undefined) return undefined;
  // A line break inside a quoted name is layout from the old system, not part of the name.
  const value = raw.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\t/g, ' ').trim();
  // Any control character left was never part of a name a person typed.
  if (/\p{Cc}/u.test(value)) return bad('customer_name', 'contains control characters');
  if (value === '') return bad('customer_name', 'is empty');
  return value.length <= MAX_NAME_LENGTH ? value : bad('customer_name', `is longer than ${MAX_NAME_LENGTH} characters`);
}

function parseContactEmail(raw: string | undefined, bad: Bad): string | null | undefined {
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = parseEmail(raw);
  return parsed.ok ? parsed.value : bad('contact_email', parsed.reason);
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
