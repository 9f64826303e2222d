import { request } from 'node:http';
import fc from 'fast-check';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { firstSignIn, registeredCustomer, staffSignIn } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';

// Every operation of the OpenAPI document, five callers, generated bodies, queries and path values: a few
// thousand requests against one app.
jest.setTimeout(300_000);

/** Runs per operation and caller: enough to reach every field check, few enough to keep the suite short. */
const RUNS = 12;
const STAFF_PASSWORD = 'Ikou-demo-staff-2024';

/** Field names our bodies and queries use, so generated objects get past "unknown shape" into each field's own check. */
const FIELDS = [
  'email', 'password', 'newPassword', 'flowToken', 'token', 'code', 'networkId', 'networkIds', 'factorId', 'pendingFactorId',
  'recorded', 'rememberDevice', 'recoveryCode', 'phone', 'channel', 'label', 'reason', 'comment', 'body', 'remark', 'category',
  'inquiryCategory', 'agreeToTerms', 'role', 'displayName', 'itemId', 'itemIds', 'excluded', 'state', 'q', 'sort', 'order',
  'page', 'perPage', 'from', 'to', 'filter', 'range', 'action', 'actor', 'target', 'id', 'ids', 'ticketId', 'legacyPassword',
];

const anyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', ' ', '0', '-1', 'IS10010001', 'a@b', 'x'.repeat(5000), '1e999', '../../etc/passwd', "' OR 1=1 --", '<script>', '\u0000', '２０２６', 'true'),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const nearBody = fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 5 });
/** A body as JSON text: near-valid objects, anything JSON, and text that is not JSON at all. */
const bodyText = fc.oneof(
  { weight: 5, arbitrary: nearBody.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);
const queryText = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String), fc.constantFrom('-1', '1e9', '[]', '{}', 'NaN')), { maxKeys: 4 });
const pathValue = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 30 }), fc.integer().map(String), fc.constantFrom('0', '-1', '00000000-0000-0000-0000-000000000000', 'IS10010001', '%', '..'));

interface Operation {
  method: string;
  path: string;
}
interface Caller {
  name: string;
  headers: () => Record<string, string>;
}

/** Requests that would end the callers' own sessions or move the test clock: their refusals are tested elsewhere. */
const SKIPPED = [/\/logout$/, /\/auth\/sign-out$/, /\/auth\/logout$/, /^\/api\/test\//];

describe('bad input, generated (fast-check)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let operations: Operation[];
  const callers: Caller[] = [{ name: 'anonymous', headers: () => ({}) }];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '100000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const doc = (await (await fetch(`${app.baseUrl}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })))
      .filter((op) => !SKIPPED.some((re) => re.test(op.path)));

    await registeredCustomer(app.baseUrl, sink, 'IS10020001', 'fuzz-customer@example.jp', 'fuzzing all day 2026');
    const customer = await firstSignIn(app.baseUrl, 'fuzz-customer@example.jp', 'fuzzing all day 2026');
    callers.push({ name: 'customer', headers: () => ({ cookie: customer.client.jar.header(), ...customer.csrf }) });
    for (const role of ['agent', 'supervisor', 'admin']) {
      const staff = await staffSignIn(app.baseUrl, `${role}@demo.example.jp`, STAFF_PASSWORD);
      callers.push({ name: role, headers: () => ({ cookie: staff.client.jar.header(), ...staff.csrf }) });
    }
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  /** What a refused request must not have changed: every state change is audited, mail is queued, rows are made. */
  async function fingerprint(): Promise<string> {
    const { rows } = await db.query(`SELECT (SELECT count(*) FROM audit_events) AS audit, (SELECT count(*) FROM outgoing_messages) AS outbox,
      (SELECT count(*) FROM login_accounts) AS accounts, (SELECT count(*) FROM contracts WHERE login_account_id IS NOT NULL) AS linked,
      (SELECT count(*) FROM mfa_factors) AS factors, (SELECT count(*) FROM bulk_transfer_tickets) AS tickets, (SELECT count(*) FROM staff_users) AS staff`);
    return JSON.stringify(rows[0]);
  }

  function checkAnswer(what: string, status: number, text: string): void {
    expect({ what, status: status >= 500 ? status : 'below 500', text: status >= 500 ? text : '' }).toEqual({ what, status: 'below 500', text: '' });
    if (status < 400) return;
    let body: { message?: unknown; code?: unknown; errors?: Array<{ field?: unknown; message?: unknown }> };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${what}: ${status} answered without a JSON body: ${text.slice(0, 200)}`);
    }
    expect({ what, message: typeof body.message === 'string' && body.message.length > 0 }).toEqual({ what, message: true });
    if (body.code === 'invalid_input') {
      expect(Array.isArray(body.errors) && body.errors.length > 0).toBe(true);
      for (const e of body.errors!) {
        expect({ what, field: typeof e.field === 'string' && e.field.length > 0 }).toEqual({ what, field: true });
        expect(String(body.message)).toContain(String(e.field));
      }
    }
  }

  it('answers every operation, for every caller, with a 4xx naming the field or a success: never a 5xx, never a write on a 400', async () => {
    expect(operations.length).toBeGreaterThan(60);
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const op of operations) {
      for (const caller of callers) {
        await fc.assert(
          fc.asyncProperty(bodyText, queryText, fc.array(pathValue, { minLength: 3, maxLength: 3 }), async (body, query, params) => {
            let i = 0;
            const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[i++ % params.length]));
            const qs = new URLSearchParams(query).toString();
            const url = `${app.baseUrl}${path}${qs ? `?${qs}` : ''}`;
            const withBody = op.method !== 'GET' && op.method !== 'DELETE' && op.method !== 'HEAD';
            const before = await fingerprint();
            const res = await fetch(url, {
              method: op.method,
              headers: { ...caller.headers(), ...(withBody ? { 'content-type': 'application/json' } : {}) },
              body: withBody ? body : undefined,
            });
            const text = await res.text();
            requests++;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const what = `${caller.name} ${op.method} ${path}${qs ? `?${qs}` : ''} ${withBody ? body.slice(0, 300) : ''}`;
            checkAnswer(what, res.status, text);
            if (res.status === 400) expect({ what, after: await fingerprint() }).toEqual({ what, after: before });
          }),
          { numRuns: RUNS, seed: 20261125 + requests },
        );
      }
    }
    // The callers were still signed in at the end (a generated request that signed them out would hollow the run).
    for (const caller of callers.slice(1)) {
      const who = await fetch(`${app.baseUrl}${caller.name === 'customer' ? '/api/customer/session' : '/api/console/auth/me'}`, { headers: caller.headers() });
      expect({ caller: caller.name, status: who.status }).toEqual({ caller: caller.name, status: 200 });
    }
    expect(requests).toBe(operations.length * callers.length * RUNS);
    // Most answers must be refusals of the input, not of the caller: else the fields were never reached.
    expect((statuses.get(400) ?? 0) + (statuses.get(404) ?? 0) + (statuses.get(409) ?? 0) + (statuses.get(410) ?? 0)).toBeGreaterThan(requests / 4);
  });

  /** Announces `declared` bytes, sends 1 KB of them and waits: an early refusal answers before the rest ever comes. */
  function announceHugeBody(path: string, contentType: string, declared: number, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(`${app.baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-type': contentType, 'content-length': String(declared) } });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`${path}: no answer while the body was incomplete (read to the end before refusing?)`));
      }, 10_000);
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => undefined);
      req.write(Buffer.alloc(1024, 0x61));
    });
  }

  it('refuses oversized bodies and uploads from their announced size, before reading them', async () => {
    const admin = callers.find((c) => c.name === 'admin')!;
    const supervisor = callers.find((c) => c.name === 'supervisor')!;
    expect(await announceHugeBody('/api/customer/login/password', 'application/json', 2 * 1024 * 1024, {})).toBe(413);
    expect(await announceHugeBody('/api/console/tickets/import', 'text/csv', 6 * 1024 * 1024, supervisor.headers())).toBe(413);
    expect(await announceHugeBody('/api/console/imports?fileName=big.csv', 'text/csv', 65 * 1024 * 1024, admin.headers())).toBe(413);
  });

  it('answers generated CSV files to both importers with a 4xx naming the problem, or a report: never a 5xx', async () => {
    const supervisor = callers.find((c) => c.name === 'supervisor')!;
    const admin = callers.find((c) => c.name === 'admin')!;
    const cell = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('IS10010001', 'bcrypt', 'sha256_salted', '"', '""', ',', '\n', '\r\n', '=1+1', '２０１５-01-01', ''));
    const csv = fc.oneof(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 12 }), { minLength: 0, maxLength: 8 }).map((rows) => rows.map((r) => r.join(',')).join('\n')),
      fc.string({ maxLength: 400 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const targets = [
      { caller: admin, path: '/api/console/imports' },
      { caller: supervisor, path: '/api/console/tickets/import' },
      { caller: { name: 'agent', headers: callers.find((c) => c.name === 'agent')!.headers }, path: '/api/console/tickets/import' },
    ];
    for (const target of targets) {
      await fc.assert(
        fc.asyncProperty(csv, async (file) => {
          const res = await fetch(`${app.baseUrl}${target.path}`, { method: 'POST', headers: { ...target.caller.headers(), 'content-type': 'text/csv' }, body: file });
          checkAnswer(`${target.caller.name} POST ${target.path} ${JSON.stringify(file.slice(0, 200))}`, res.status, await res.text());
        }),
        { numRuns: 40, seed: 4242 },
      );
    }
  });
});
