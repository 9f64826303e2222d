import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/services';
import { Clock } from '../../common/clock';
import { dataSourceOptions } from '../../database/data-source-options';
import { inTransaction } from '../../database/transaction';
import { AuditService } from '../audit.service';
import type { AuditFilter } from './audit-filter';
import { AuditLogService, type AuditPage } from './audit-log.service';

jest.setTimeout(30_000);

const STAFF = '5b0f2a52-3c3e-4e0b-9f0e-2a7d5c1e9a01';
const CUSTOMERS = ['0c6f6f9e-5d2a-4a39-a0a4-6f0b2e9d1c11', '7d1c1b38-95a4-4f8e-8f53-3a1a2b9c0d22'];
const HOUR = 3_600_000;

let database: TestDatabase;
let db: DataSource;
let sut: AuditLogService;
/** When the first event was recorded; event i (from 0) happened about i hours later. */
let start: number;

/**
 * 60 events an hour apart, except that every tenth is stamped two and a half hours early (a writer that
 * read the clock, then waited for the chain): ids and times rise together, but not strictly.
 */
beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 4));
  await db.initialize();
  sut = new AuditLogService(db);
  const clock = new Clock();
  const audit = new AuditService(clock);
  start = clock.now().getTime();
  for (let i = 0; i < 60; i++) {
    const early = i % 10 === 9 ? -2.5 * HOUR : 0;
    clock.advance(early);
    const customer = CUSTOMERS[i % 2];
    await inTransaction(db, (tx) =>
      audit.record(
        tx,
        i % 3 === 0
          ? { actor: { type: 'staff', id: STAFF }, action: i % 6 === 0 ? 'support.mfa_reset' : 'support_desk.noted', target: { type: 'login_account', id: customer }, reason: 'at the desk' }
          : { actor: { type: 'customer', id: customer }, action: 'login.signed_in', target: { type: i % 4 === 0 ? 'contract' : 'login_account', id: customer } },
      ),
    );
    clock.advance(HOUR - early);
  }
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const at = (hours: number) => new Date(start + hours * HOUR).toISOString();

/** The same question asked the plain way: every matching id, in order, then the page. */
async function expected(filter: AuditFilter, page: AuditPage): Promise<number[]> {
  const rows = (await db.query(`SELECT id, occurred_at, actor_type, actor_id, action, target_type, target_id FROM audit_events ORDER BY id`)) as Array<{
    id: string;
    occurred_at: Date;
    actor_type: string;
    actor_id: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
  }>;
  const matching = rows.filter(
    (r) =>
      (!filter.actorType || r.actor_type === filter.actorType) &&
      (!filter.actorId || r.actor_id === filter.actorId) &&
      (!filter.action || (filter.action.endsWith('.') ? r.action.startsWith(filter.action) : r.action === filter.action)) &&
      (!filter.targetType || r.target_type === filter.targetType) &&
      (!filter.targetId || r.target_id === filter.targetId) &&
      (!filter.from || r.occurred_at.getTime() >= Date.parse(filter.from)) &&
      (!filter.to || r.occurred_at.getTime() <= Date.parse(filter.to)),
  );
  const ids = matching.map((r) => Number(r.id));
  if (page.order === 'DESC') ids.reverse();
  return ids.slice(page.start, page.end);
}

async function listed(filter: AuditFilter, page: AuditPage) {
  const result = await sut.list(filter, page);
  return { ...result, ids: result.items.map((e) => e.id) };
}

describe(AuditLogService.name, () => {
  it('pages the whole log by id, newest or oldest first, the last page as any other', async () => {
    for (const page of [
      { start: 0, end: 7, order: 'DESC' },
      { start: 50, end: 60, order: 'DESC' },
      { start: 55, end: 70, order: 'DESC' },
      { start: 0, end: 7, order: 'ASC' },
      { start: 56, end: 70, order: 'ASC' },
      { start: 60, end: 70, order: 'ASC' },
    ] as AuditPage[]) {
      const result = await listed({}, page);
      expect(result.ids).toEqual(await expected({}, page));
      expect(result).toMatchObject({ total: 60, capped: false });
    }
  });

  it('finds an actor by id alone, a target by id alone, and a family of actions with an underscore in it', async () => {
    const page: AuditPage = { start: 0, end: 50, order: 'DESC' };
    for (const filter of [
      { actorId: STAFF },
      { actorId: CUSTOMERS[0] },
      { targetId: CUSTOMERS[1] },
      { targetType: 'contract', targetId: CUSTOMERS[0] },
      { action: 'support.' },
      { action: 'support_desk.' },
      { action: 'support.mfa_reset' },
    ] as AuditFilter[]) {
      const result = await listed(filter, page);
      expect(result.ids.length).toBeGreaterThan(0);
      expect(result.ids).toEqual(await expected(filter, page));
      expect(result.total).toBe((await expected(filter, { start: 0, end: 1000, order: 'DESC' })).length);
    }
  });

  it('lists a time range exactly, whether it is read from the range or by walking the log from either end', async () => {
    // Ranges at the start, the middle and the end of the log, each paged both ways; the events stamped
    // early sit next to the range edges.
    const ranges: Array<[number | undefined, number | undefined]> = [
      [undefined, 6.5],
      [0, 9],
      [6.5, 12],
      [28, 40],
      [40, 52],
      [50, undefined],
      [56.5, 70],
    ];
    for (const [from, to] of ranges) {
      const filter: AuditFilter = { from: from === undefined ? undefined : at(from), to: to === undefined ? undefined : at(to) };
      for (const page of [
        { start: 0, end: 4, order: 'DESC' },
        { start: 3, end: 8, order: 'DESC' },
        { start: 0, end: 4, order: 'ASC' },
        { start: 2, end: 30, order: 'ASC' },
      ] as AuditPage[]) {
        expect({ range: [from, to], page, ids: (await listed(filter, page)).ids }).toEqual({ range: [from, to], page, ids: await expected(filter, page) });
      }
    }
  });
});
