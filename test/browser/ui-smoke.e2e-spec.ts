import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app-process';
import { launchChromium } from '../support/browser';

describe('the two UIs in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(path: string) {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${app.baseUrl}${path}`);
    return { page, errors };
  }

  it('renders the customer site in Japanese, with the live system state from /ready', async () => {
    const { page, errors } = await open('/');
    await page.getByTestId('ready-state').filter({ hasText: 'ok' }).waitFor({ timeout: 15_000 });
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.textContent('body')).toContain('申込/契約確認サイト');
    expect(errors).toEqual([]);
  });

  it('renders the console sign-in page, with the live system state from /ready', async () => {
    const { page, errors } = await open('/console/');
    await page.getByTestId('ready-state').filter({ hasText: 'ok' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('input[type=password]').count()).toBeGreaterThan(0);
    expect(errors.filter((e) => !/401|404|Failed to load resource/.test(e))).toEqual([]);
  });
});
