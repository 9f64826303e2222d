import { execFileSync } from 'node:child_process';

// The init script and the evaluate below run in the page, not in Node.
/* global document, window, MutationObserver, requestAnimationFrame, performance */

/** Debian's Chromium (never playwright's own download), with the flags the browser tests use. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH ?? execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A browser context signed in to the console by a staff session cookie: its own, empty HTTP cache. */
export async function consoleContext(browser, baseUrl, cookie) {
  const context = await browser.newContext();
  await context.addCookies([{ ...cookie, url: baseUrl }]);
  return context;
}

/**
 * Loads `route` of the console as a new document in `context` (a fresh context: a first visit, cold
 * cache; a used one: a returning agent, the console's files cached) and answers how long after the
 * navigation started every one of `selectors` was on the page. The time is taken in the page
 * (performance.now() in the animation frame that paints them), so Playwright's polling adds nothing.
 * Also counts the API answers under `apiPath` and their bytes, during the load and for `watchMs` after
 * it (what the page keeps asking while it sits open).
 */
export async function timeConsolePage(context, { baseUrl, route, selectors, apiPath, watchMs = 0 }) {
  const page = await context.newPage();
  try {
    await page.addInitScript((wanted) => {
      const shown = () => wanted.every((s) => document.querySelector(s));
      new MutationObserver((_changes, observer) => {
        if (!shown()) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          window.__benchShownMs = performance.now();
        });
      }).observe(document, { childList: true, subtree: true });
    }, selectors);
    const answers = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith(apiPath)) answers.push({ at: Date.now(), bytes: response.body().then((b) => b.length, () => 0) });
    });
    await page.goto(`${baseUrl}/console/#${route}`, { waitUntil: 'commit' });
    for (const selector of selectors) await page.locator(selector).first().waitFor({ timeout: 30_000 });
    let ms;
    while ((ms = await page.evaluate(() => window.__benchShownMs)) === undefined) await new Promise((r) => setTimeout(r, 10));
    const shownAt = Date.now();
    if (watchMs) await new Promise((r) => setTimeout(r, watchMs));
    const sum = async (list) => (await Promise.all(list.map((a) => a.bytes))).reduce((s, b) => s + b, 0);
    const loading = answers.filter((a) => a.at <= shownAt);
    const watching = answers.filter((a) => a.at > shownAt);
    return { ms, loadCalls: loading.length, loadBytes: await sum(loading), watchCalls: watching.length, watchBytes: await sum(watching) };
  } finally {
    await page.close();
  }
}
