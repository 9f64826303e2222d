import { SERVICE_TYPE_CODES, SERVICE_TYPES } from '../service-type';
import type { LegacyContractRow } from './legacy-csv-format';

/** Runs one statement and returns its rows: a TypeORM EntityManager and a pg client both fit behind it. */
export type SqlRunner = <T = Record<string, unknown>>(sql: string, params: unknown[]) => Promise<T[]>;

export interface NumberedRow {
  line: number;
  row: LegacyContractRow;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  billingAccounts: { inserted: number; updated: number };
  /** Lines whose contract is linked to a login account and would stop being an InfoSphere contract. */
  blockedLines: number[];
}

const INFOSPHERE_TYPES = SERVICE_TYPE_CODES.filter((t) => SERVICE_TYPES[t].category === 'infosphere');
const INFOSPHERE_SQL = INFOSPHERE_TYPES.map((t) => `'${t}'`).join(', ');

// Rows equal to the stored ones are left out before the INSERT: ON CONFLICT would lock (and so write) them.
// The DO UPDATE condition repeats the comparison on the row version it locks, for writers in between.
const UPSERT_BILLING_ACCOUNTS = `
  INSERT INTO billing_accounts (code, customer_name, consolidated, top_cruise_linked)
  SELECT u.* FROM unnest($1::text[], $2::text[], $3::boolean[], $4::boolean[]) AS u(code, customer_name, consolidated, top_cruise_linked)
   WHERE (SELECT (b.customer_name, b.consolidated, b.top_cruise_linked) IS NOT DISTINCT FROM (u.customer_name, u.consolidated, u.top_cruise_linked)
            FROM billing_accounts b WHERE b.code = u.code) IS NOT TRUE
   ORDER BY u.code
  ON CONFLICT (code) DO UPDATE SET
    customer_name = EXCLUDED.customer_name,
    consolidated = EXCLUDED.consolidated,
    top_cruise_linked = EXCLUDED.top_cruise_linked,
    updated_at = now()
  WHERE (billing_accounts.customer_name, billing_accounts.consolidated, billing_accounts.top_cruise_linked)
    IS DISTINCT FROM (EXCLUDED.customer_name, EXCLUDED.consolidated, EXCLUDED.top_cruise_linked)
  RETURNING (xmax = 0) AS inserted`;

// The link columns (login_account_id, linked_at, linked_via) are never in the SET list: a customer's or
// the desk's link survives every re-import. A linked contract may not turn into a non-InfoSphere one
// (the table's CHECK would fail the whole batch), so such rows are held back and reported instead.
const UPSERT_CONTRACTS = `
  WITH compared AS (
    SELECT i.*, (
      SELECT CASE
               WHEN (c.service_type, c.contracted_at, c.status, c.billing_account_id, c.legacy_password_scheme,
                     c.legacy_password_hash, c.contact_email)
                    IS NOT DISTINCT FROM (i.service_type, i.contracted_at, i.status, i.billing_account_id, i.scheme,
                     i.hash, i.contact_email) THEN 'same'
               WHEN c.login_account_id IS NOT NULL AND i.service_type NOT IN (${INFOSPHERE_SQL}) THEN 'blocked'
               ELSE 'changed'
             END
        FROM contracts c WHERE c.network_id = i.network_id) AS existing
      -- Scalar subqueries are per-row index lookups; a join may be planned as a scan of the whole growing
      -- table once per batch, which makes a large import quadratic. OFFSET 0 keeps the subquery whole, so
      -- the account is looked up once per row, not again inside the comparison above.
      FROM (SELECT t.*, (SELECT b.id FROM billing_accounts b WHERE b.code = t.billing_account_code) AS billing_account_id
              FROM unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                AS t(line, network_id, service_type, contracted_at, status, billing_account_code, scheme, hash, contact_email)
            OFFSET 0) i
  ), fresh AS (
    -- Rows new at the snapshot take a plain INSERT: ON CONFLICT's speculative insertion costs more. A
    -- network ID another import inserted since then fails the batch with unique_violation; it runs again.
    INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id,
                           legacy_password_scheme, legacy_password_hash, contact_email)
    SELECT network_id, service_type, contracted_at, status, billing_account_id, scheme, hash, contact_email
      FROM compared WHERE existing IS NULL ORDER BY network_id
    RETURNING true AS inserted
  ), written AS (
    INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id,
                           legacy_password_scheme, legacy_password_hash, contact_email)
    SELECT network_id, service_type, contracted_at, status, billing_account_id, scheme, hash, contact_email
      FROM compared WHERE existing = 'changed' ORDER BY network_id
    ON CONFLICT (network_id) DO UPDATE SET
      service_type = EXCLUDED.service_type,
      contracted_at = EXCLUDED.contracted_at,
      status = EXCLUDED.status,
      billing_account_id = EXCLUDED.billing_account_id,
      legacy_password_scheme = EXCLUDED.legacy_password_scheme,
      legacy_password_hash = EXCLUDED.legacy_password_hash,
      contact_email = EXCLUDED.contact_email,
      updated_at = now()
    -- A link made since the snapshot wins too.
    WHERE (contracts.service_type, contracts.contracted_at, contracts.status, contracts.billing_account_id,
           contracts.legacy_password_scheme, contracts.legacy_password_hash, contracts.contact_email)
      IS DISTINCT FROM (EXCLUDED.service_type, EXCLUDED.contracted_at, EXCLUDED.status, EXCLUDED.billing_account_id,
           EXCLUDED.legacy_password_scheme, EXCLUDED.legacy_password_hash, EXCLUDED.contact_email)
      AND (contracts.login_account_id IS NULL OR EXCLUDED.service_type IN (${INFOSPHERE_SQL}))
    RETURNING (xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
         count(*) FILTER (WHERE NOT inserted)::int AS updated,
         ARRAY(SELECT line FROM compared WHERE existing = 'blocked' ORDER BY line) AS blocked_lines
    FROM (SELECT inserted FROM fresh UNION ALL SELECT inserted FROM written) AS outcome`;

/**
 * Upserts one batch with two set-based statements; call it inside a transaction. Rows must have distinct
 * network IDs, and rows sharing a billing account code must agree on its fields (the importer sees to both).
 */
export async function upsertLegacyBatch(sql: SqlRunner, rows: NumberedRow[]): Promise<BatchOutcome> {
  const accounts = new Map<string, LegacyContractRow>();
  for (const { row } of rows) accounts.set(row.billingAccountCode, row);
  const account = [...accounts.values()];
  const billing = await sql<{ inserted: boolean }>(UPSERT_BILLING_ACCOUNTS, [
    textArray(account, (r) => r.billingAccountCode),
    textArray(account, (r) => r.customerName),
    booleanArray(account, (r) => r.consolidated),
    booleanArray(account, (r) => r.topCruiseLinked),
  ]);
  const [result] = await sql<{ inserted: number; updated: number; blocked_lines: number[] }>(UPSERT_CONTRACTS, [
    `{${rows.map((r) => r.line).join(',')}}`,
    textArray(rows, (r) => r.row.networkId),
    textArray(rows, (r) => r.row.serviceType),
    textArray(rows, (r) => r.row.contractedAt),
    textArray(rows, (r) => r.row.status),
    textArray(rows, (r) => r.row.billingAccountCode),
    textArray(rows, (r) => r.row.passwordScheme),
    textArray(rows, (r) => r.row.passwordHash),
    textArray(rows, (r) => r.row.contactEmail),
  ]);
  return {
    inserted: result.inserted,
    updated: result.updated,
    billingAccounts: {
      inserted: billing.filter((b) => b.inserted).length,
      updated: billing.filter((b) => !b.inserted).length,
    },
    blockedLines: result.blocked_lines,
  };
}

// Array literals written here rather than by pg: its generic serialiser inspects and escapes every element,
// which cost more than the rest of the batch's JavaScript. JSON quotes a string as an array literal does
// ("…", with \" and \\), and its null reads as NULL; any other JSON escape (a control character) takes the
// slow way.
const OTHER_JSON_ESCAPE = /\\[^"\\]/;

function textArray<T>(items: readonly T[], pick: (item: T) => string | null): string {
  const values = new Array<string | null>(items.length);
  for (let i = 0; i < items.length; i++) values[i] = pick(items[i]);
  const json = JSON.stringify(values);
  if (!OTHER_JSON_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

function booleanArray<T>(items: readonly T[], pick: (item: T) => boolean): string {
  let out = '{';
  for (let i = 0; i < items.length; i++) out += (i ? ',' : '') + (pick(items[i]) ? 't' : 'f');
  return out + '}';
}
