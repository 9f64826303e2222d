import { Queue } from 'bullmq';
import { startApp, type RunningApp } from '../support/app-process';
import { staffSignIn } from '../support/customer';
import { TEST_REDIS_URL } from '../support/services';

/** domain.md §6.9: admins see queue counts and failed jobs, and retry one. */
describe('console: queues', () => {
  let app: RunningApp;
  let queue: Queue;
  let admin: Awaited<ReturnType<typeof staffSignIn>>;

  beforeAll(async () => {
    app = await startApp({ SEED_DEMO_ON_FIRST_START: 'true' });
    const url = new URL(TEST_REDIS_URL);
    queue = new Queue('legacy-import', { connection: { host: url.hostname, port: Number(url.port || 6379) }, prefix: app.redisPrefix });
    admin = await staffSignIn(app.baseUrl, 'admin@demo.example.jp', 'Ikou-demo-staff-2024');
  });
  afterAll(async () => {
    await queue?.close();
    await app?.stop();
  });

  it('shows counts per queue, lists a failed job and retries it', async () => {
    // A job no processor knows fails at once (UnrecoverableError).
    await queue.add('NotAJob', {}, { jobId: 'stray-1' });
    let failed: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 50 && failed.length === 0; i++) {
      failed = (await admin.client.call('GET', '/api/console/queues/legacy-import/failed')).body as unknown as Array<Record<string, unknown>>;
      if (failed.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(failed).toEqual([expect.objectContaining({ queue: 'legacy-import', jobId: 'stray-1', name: 'NotAJob', failedReason: expect.stringContaining('unknown job') })]);
    const overview = await admin.client.call('GET', '/api/console/queues');
    expect((overview.body as unknown as Array<{ name: string }>).map((q) => q.name).sort()).toEqual(['bulk-transfer', 'legacy-import', 'mail', 'sms-voice']);
    expect((overview.body as unknown as Array<{ name: string; counts: { failed: number } }>).find((q) => q.name === 'legacy-import')!.counts.failed).toBe(1);

    expect(await admin.client.post('/api/console/queues/legacy-import/jobs/stray-1/retry', {}, admin.csrf)).toMatchObject({ status: 200, body: { retried: true } });
    expect((await admin.client.post('/api/console/queues/legacy-import/jobs/nope/retry', {}, admin.csrf)).status).toBe(404);
    expect((await admin.client.call('GET', '/api/console/queues/nope/failed')).status).toBe(404);
  });
});
