import { startApp, type RunningApp } from '../support/app-process';
import { registrationClient } from '../support/legacy-api';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * An attacker must not learn which network IDs exist: not from the body, not from the time.
 * The visible lock is raised for this app so that 200 tries per kind reach the hash every time.
 */
// 400 bcrypt comparisons in a row take ~30 s alone and twice that when the other e2e files share the
// two cores: this file gets three minutes instead of the e2e default of one.
jest.setTimeout(180_000);

describe('unknown network ID vs wrong password', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ SEED_DEMO_ON_FIRST_START: 'true', LEGACY_LOCK_FAILURES: '1000', LEGACY_IP_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers byte-identically, with medians within 20 % over 200 tries each', async () => {
    const api = registrationClient(app.baseUrl);
    // 10 IDs of each kind, 20 tries each: the hidden cap of 100 consecutive failures is never reached.
    const known = Array.from({ length: 10 }, (_, i) => `IS1006${String(i + 1).padStart(4, '0')}`);
    const unknown = Array.from({ length: 10 }, (_, i) => `ZZ5555${String(i + 1).padStart(4, '0')}`);
    const times = { known: [] as number[], unknown: [] as number[] };
    const bodies = { known: new Set<string>(), unknown: new Set<string>() };
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 10; i++) {
        for (const kind of round % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
          const id = (kind === 'known' ? known : unknown)[i];
          const started = process.hrtime.bigint();
          const res = await api.legacyCheck(id, `wrong-${round}-${i}`);
          times[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
          expect(res.status).toBe(401);
          bodies[kind].add(res.text);
        }
      }
    }
    expect([...bodies.known]).toEqual([...bodies.unknown]);
    expect(bodies.known.size).toBe(1);
    const [k, u] = [median(times.known), median(times.unknown)];
    const difference = Math.abs(k - u) / Math.min(k, u);
    expect({ known: k, unknown: u, withinTolerance: difference < 0.2 }).toEqual({ known: k, unknown: u, withinTolerance: true });
  });

  it('stops a network ID for good after 100 consecutive failures, however long one waits', async () => {
    const api = registrationClient(app.baseUrl);
    for (let i = 0; i < 100; i++) expect((await api.legacyCheck('IS10060099', `wrong-${i}`)).status).toBe(401);
    await api.advanceClock(24 * 3_600_000);
    const right = await api.legacyCheck('IS10060099', 'demo-legacy-2023');
    expect(right).toMatchObject({ status: 423, body: { code: 'locked_contact_support' } });
  });
});
