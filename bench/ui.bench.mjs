// The user interfaces: the initial JavaScript of the console and of the customer site next to a bare
// react-admin app and a bare React page built by the same Vite, and the console's ticket page with a
// 10,000-item ticket next to the same page with a 10-item one, in Chromium.
// Usage: npm run build:server && node bench/ui.bench.mjs [--quick]   (it builds the UIs itself: npm run build:ui)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startApi } from './support/api-process.mjs';
import { buildBareApps } from './support/bare-apps.mjs';
import { writeBenchmarkSection } from './support/benchmarks-doc.mjs';
import { consoleContext, launchChromium, timeConsolePage } from './support/console-page-timing.mjs';
import { distModule, ROOT } from './support/dist.mjs';
import { initialJs } from './support/initial-js.mjs';
import { describeMachine } from './support/machine.mjs';
import { reportRow } from './support/rows.mjs';
import { seedTickets, staffSession } from './support/ticket-fixtures.mjs';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;
const BIG = 10_000;
const SMALL = 10;
const WATCH_MS = quick ? 2000 : 5000;
const TARGET = { consoleKb: 450, portalKb: 150, ticketPageMs: 1000 };
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const { migrateDatabase } = await distModule('database/migrate.js');
const databaseUrl = (name) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const kb = (bytes) => (bytes / 1000).toFixed(1);
const verdict = (ok, miss) => (ok ? 'met' : `missed (${miss})`);

/** `npm run build:ui`: the console and the customer site as they ship (dist/admin-ui, dist/portal). */
function buildUis() {
  const started = performance.now();
  execFileSync('npm', ['run', '--silent', 'build:ui', '--', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - started;
}

async function bundles() {
  const buildMs = buildUis();
  const started = performance.now();
  const bare = await buildBareApps();
  const bareMs = performance.now() - started;
  try {
    return {
      console: initialJs(join(ROOT, 'dist', 'admin-ui'), '/console/'),
      portal: initialJs(join(ROOT, 'dist', 'portal'), '/'),
      bareAdmin: initialJs(bare.reactAdmin),
      bareReact: initialJs(bare.react),
      buildMs,
      bareMs,
    };
  } finally {
    rmSync(bare.dir, { recursive: true, force: true });
  }
}

async function ticketPages() {
  const name = `ikou_bench_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = new pg.Client({ connectionString: url });
  let api;
  let browser;
  try {
    await migrateDatabase(url);
    await db.connect();
    process.stdout.write(`seeding tickets of ${BIG.toLocaleString('en-US')} and ${SMALL} items… `);
    const seeded = performance.now();
    const { staffUserId, token } = await staffSession(db);
    const big = await seedTickets(url, db, staffUserId, BIG);
    const small = await seedTickets(url, db, staffUserId, SMALL);
    console.log(`${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    [api, browser] = await Promise.all([startApi(url, REDIS_URL), launchChromium()]);
    const cookie = { name: 'ikou_staff', value: token };

    // The first rows of the plan and the counts per class; in execution, the progress card too.
    const rows = '[data-testid="plan-row"]';
    const totals = '[data-testid="ticket-to-link"]';
    const progress = '[data-testid="ticket-progress"]';
    /** A first visit: a fresh browser context each time, nothing cached. */
    const visit = async (id, selectors, watchMs = 0) => {
      const context = await consoleContext(browser, api.baseUrl, cookie);
      try {
        return await timeConsolePage(context, { baseUrl: api.baseUrl, route: `/tickets/${id}/show`, selectors, apiPath: '/api/console/tickets', watchMs });
      } finally {
        await context.close();
      }
    };
    await visit(small.review, [rows, totals]); // warms the API, the database and Chromium's processes

    const cases = [
      { label: 'in review (3 items excluded)', state: 'review', selectors: [rows, totals] },
      { label: 'executing (half linked; the page polls)', state: 'processing', selectors: [rows, totals, progress] },
      { label: 'completed', state: 'completed', selectors: [rows, totals, progress] },
    ];
    const results = [];
    for (const c of cases) {
      const bigMs = [];
      const smallMs = [];
      let load;
      for (let run = 0; run < RUNS; run++) {
        // The first load of the executing ticket stays open a while: what does the page keep asking?
        const watch = c.state === 'processing' && run === 0;
        load = await visit(big[c.state], c.selectors, watch ? WATCH_MS : 0);
        bigMs.push(load.ms);
        smallMs.push((await visit(small[c.state], c.selectors)).ms);
        if (watch) Object.assign(c, { pollCallsPerS: load.watchCalls / (WATCH_MS / 1000), pollBytesPerS: load.watchBytes / (WATCH_MS / 1000) });
      }
      const result = { ...c, big: median(bigMs), small: median(smallMs), loadCalls: load.loadCalls, loadBytes: load.loadBytes };
      results.push(result);
      console.log(
        `ticket page ${c.state.padEnd(10)} ${BIG} items ${result.big.toFixed(0)} ms | ${SMALL} items ${result.small.toFixed(0)} ms | ${result.loadCalls} ticket API answers, ${kb(result.loadBytes)} kB` +
          (result.pollCallsPerS !== undefined ? ` | polling ${result.pollCallsPerS.toFixed(1)} answers/s, ${kb(result.pollBytesPerS)} kB/s` : ''),
      );
    }
    return results;
  } finally {
    await browser?.close();
    await api?.stop();
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

// Measured with this bench before the ticket page was changed (same machine, as loaded as it was then).
const BEFORE = `
Before (2026-11-25, commit b99309d, 5 loads, load average ≈ 14): the ticket page fetched the whole ticket
with all its items (\`GET /tickets/{id}\`: 2,125 kB in review, 2,257 kB executing, 2,377 kB completed) and paged
and sorted them in the browser; while the ticket executed, it fetched all of it again every second (0.8
answers/s, 1,805 kB/s). 10,000 items: in review 1513 ms (10-item ticket 1207 ms, ×1.25), executing 1856 ms
(1273 ms, ×1.46), completed 1985 ms (1473 ms, ×1.35): all missed. Since: the ticket carries the counts of
its items from one summary query, \`GET /tickets/{id}/items\` sends one page of rows (asked for alongside the
ticket), and the page polls \`GET /tickets/{id}/progress\` instead of the ticket.`;

async function main() {
  const started = performance.now();
  const b = await bundles();
  for (const [what, m] of Object.entries({ console: b.console, portal: b.portal, 'bare react-admin': b.bareAdmin, 'bare React': b.bareReact })) {
    console.log(`${what.padEnd(17)} initial JS ${kb(m.gzip)} kB gz (${kb(m.raw)} kB raw, ${m.files.length} files)`);
  }
  console.log(`UI builds ${(b.buildMs / 1000).toFixed(1)} s, bare apps ${(b.bareMs / 1000).toFixed(1)} s`);
  const pages = await ticketPages();
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const m = describeMachine();
  const bundleRow = (what, mine, bare, bareWhat, target) =>
    `| ${what} | ${kb(mine.gzip)} kB gz (${mine.files.length} file${mine.files.length === 1 ? '' : 's'}) | ${bareWhat}: ${kb(bare.gzip)} kB gz | ×${(mine.gzip / bare.gzip).toFixed(2)} | ≤ ${target} kB gz: ${verdict(mine.gzip / 1000 <= target, `${kb(mine.gzip)} kB`)} |`;
  const pageRow = (p) =>
    `| ticket page, ${BIG.toLocaleString('en-US')} items, ${p.label} | ${p.big.toFixed(0)} ms | same page, ${SMALL}-item ticket: ${p.small.toFixed(0)} ms | ×${(p.big / p.small).toFixed(2)} | < ${TARGET.ticketPageMs} ms: ${verdict(p.big < TARGET.ticketPageMs, `${p.big.toFixed(0)} ms`)} |`;
  const polling = pages.find((p) => p.pollCallsPerS !== undefined);
  const bundleReport = (what, mine, bare, bareWhat, target) =>
    reportRow('ui', { what, figure: `${kb(mine.gzip)} kB gz`, limit: `${bareWhat}: ${kb(bare.gzip)} kB gz`, ratio: `×${(mine.gzip / bare.gzip).toFixed(2)}`, target: `≤ ${target} kB gz`, met: mine.gzip / 1000 <= target });
  bundleReport('console: initial JS', b.console, b.bareAdmin, 'bare react-admin app', TARGET.consoleKb);
  bundleReport('customer site: initial JS', b.portal, b.bareReact, 'bare React page', TARGET.portalKb);
  for (const p of pages) {
    reportRow('ui', {
      what: `ticket page, ${BIG.toLocaleString('en-US')} items, ${p.label}`,
      figure: `${p.big.toFixed(0)} ms`,
      limit: `${SMALL}-item ticket: ${p.small.toFixed(0)} ms`,
      ratio: `×${(p.big / p.small).toFixed(2)}`,
      target: `< ${TARGET.ticketPageMs} ms`,
      met: p.big < TARGET.ticketPageMs,
    });
  }
  const body = `\`node bench/ui.bench.mjs\` (part of \`npm run bench\`; it runs \`npm run build:ui\` itself, ${(b.buildMs / 1000).toFixed(1)} s here).

**Bundles.** The initial JavaScript of each built \`index.html\`: its module entry script and the chunks it
modulepreloads (lazy page chunks excluded), gzipped with node:zlib at level 9; kB = 1,000 bytes. The limits
are built in the same run by the same Vite and React plugin in a temp directory: a bare react-admin app (an
\`<Admin>\` with one \`<Resource>\` list, a fake dataProvider) and a bare React page (a React 19 root rendering
one component).

**Ticket page.** The built API (no queue workers) on a scratch database, tickets planned and executed by
the built services; the console's ticket URL loaded in Debian's Chromium (headless) in a fresh browser
context each time, signed in by a staff session cookie: a first visit, so the console's JavaScript is
fetched and compiled too (a context that had the files cached measured no faster: the load is CPU-bound).
The time runs from the navigation's start to the animation frame that paints the first rows of the plan
and the counts (in execution, the progress card too), taken in the page. Medians of ${RUNS} loads after
one warm-up load.

- date: ${m.date}; commit: ${m.commit}
- machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB; load average at the end: ${m.load}
- Node ${m.node}${quick ? '; **quick mode** (2 runs)' : ''}

| what | figure | limit measured in the same run | ratio | target |
|---|---:|---|---:|---|
${bundleRow('console: initial JS', b.console, b.bareAdmin, 'bare react-admin app', TARGET.consoleKb)}
${bundleRow('customer site: initial JS', b.portal, b.bareReact, 'bare React page', TARGET.portalKb)}
${pages.map(pageRow).join('\n')}

What the ticket page fetches from \`/api/console/tickets…\` with ${BIG.toLocaleString('en-US')} items: ${pages.map((p) => `${p.state} ${p.loadCalls} answers, ${kb(p.loadBytes)} kB`).join('; ')}.
While the ticket executes, the open page asks ${polling.pollCallsPerS.toFixed(1)} times a second for ${kb(polling.pollBytesPerS)} kB/s (watched ${WATCH_MS / 1000} s).
The 10-item page is the floor: most of either load is the console starting (its ${kb(b.console.raw)} kB of JavaScript
compiled and run, the session check, the page's chunk), CPU-bound, on 2 cores shared with whatever else runs
(see the load average); a CPU profile of one load shows no hotspot in the ticket page's own code.
${BEFORE}`;
  if (!quick) writeBenchmarkSection('User interfaces', body);
  console.log(quick ? 'quick mode: docs/benchmarks.md left alone' : 'written to docs/benchmarks.md');
}


await main();
