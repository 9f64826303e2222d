import type { Browser } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';

describe('the two UIs in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await startAppAndBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(path: string) {
    const page = await browser.newPage();
    const errors: string[] = [];
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${app.baseUrl}${path}`);
    return { page, errors, navigations };
  }

  it('renders the customer site in Japanese, with the live system state from /ready', async () => {
    const { page, errors } = await open('/');
    await page.getByTestId('ready-state').filter({ hasText: 'ok' }).waitFor({ timeout: 15_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.textContent('body')).toContain('申込/契約確認サイト');
    expect(errors).toEqual([]);
  });

  it('renders the console sign-in page, with the live system state from /ready', async () => {
    const { page, errors, navigations } = await open('/console/');
    await page.getByTestId('ready-state').filter({ hasText: 'ok' }).waitFor({ timeout: 15_000 });
    expect(page.url()).toMatch(/\/console\/#\/login$/);
    // A signed-out visitor is sent to the sign-in page once, not bounced between routes.
    expect(navigations.length).toBeLessThanOrEqual(4);
    expect(await page.locator('input[type=password]').count()).toBeGreaterThan(0);
    expect(errors.filter((e) => !/401|404|Failed to load resource/.test(e))).toEqual([]);
  });
});
