import type { Page } from 'playwright-core';
import { totp } from './totp';

/** The demo staff (SEED_DEMO_ON_FIRST_START): one per role, all with the same password. */
export const DEMO_STAFF_PASSWORD = 'Ikou-demo-staff-2024';
export const DEMO_STAFF = {
  agent: { email: 'agent@demo.example.jp', displayName: 'デモ 窓口担当' },
  supervisor: { email: 'supervisor@demo.example.jp', displayName: 'デモ 主任' },
  admin: { email: 'admin@demo.example.jp', displayName: 'デモ 管理者' },
} as const;

/** A console route (hash routing: /console/#/login, /console/#/status, ...). */
export const consoleUrl = (baseUrl: string, route = '/') => `${baseUrl}/console/#${route}`;

/** The password step of the console's sign-in page. */
export async function enterStaffPassword(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('staff-email').fill(email);
  await page.getByTestId('staff-password').fill(password);
  await page.getByTestId('staff-submit').click();
}

/**
 * The setup key of the enrollment step as a person reads it off the page (shown in blocks of four),
 * checked against the exact value the element carries.
 */
export async function shownTotpSecret(page: Page): Promise<string> {
  const element = page.getByTestId('staff-totp-secret');
  await element.waitFor();
  const shown = ((await element.textContent()) ?? '').replace(/\s/g, '');
  const exact = await element.getAttribute('data-secret');
  if (!/^[A-Z2-7]{16,}$/.test(shown) || shown !== exact) {
    throw new Error(`no usable setup key on the enrollment step: shown "${shown}", data-secret "${exact}"`);
  }
  return shown;
}

/** The code step (enrollment or challenge). */
export async function enterStaffCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('staff-code').fill(code);
  await page.getByTestId('staff-code-submit').click();
}

/**
 * Signs a staff member in on the console's pages: the password, then the enrollment (first time; the
 * setup key read off the page) or the challenge with `secret`. The code is the one the authenticator
 * shows at `atMs` (the server's clock), so it must be a 30-s step this member has not used yet. Resolves
 * on the dashboard with the member's TOTP secret.
 */
export async function signInToConsole(page: Page, baseUrl: string, email: string, atMs: number, secret?: string): Promise<string> {
  await page.goto(consoleUrl(baseUrl, '/login'));
  await enterStaffPassword(page, email, DEMO_STAFF_PASSWORD);
  const enrollment = page.getByTestId('staff-totp-secret');
  const code = page.getByTestId('staff-code');
  await code.waitFor();
  const key = (await enrollment.count()) > 0 ? await shownTotpSecret(page) : secret;
  if (!key) throw new Error(`${email} is enrolled already: pass the secret`);
  await enterStaffCode(page, totp(key, atMs));
  await page.waitForURL(/\/console\/#\/$/);
  await page.getByTestId('staff-display-name').waitFor();
  return key;
}

/**
 * Uncaught errors of a page, and what it logged as errors except the browser's own line for an HTTP
 * error answer ("Failed to load resource": a refusal the page shows is not a fault).
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * The entries of the console's side menu, by their route (`#/customers`, ...). Every role has the
 * messages entry; the others appear with it (one role check answers them all).
 */
export async function menuRoutes(page: Page): Promise<string[]> {
  const menu = page.locator('.RaMenu-open, .RaMenu-closed').first();
  await menu.locator('a[href="#/messages"]').waitFor();
  await page.waitForTimeout(300);
  return menu.locator('a[href^="#/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
}

/**
 * Polls `check` until it answers true (page.waitForFunction cannot take a string expression on the
 * console: its Content-Security-Policy forbids eval, rightly).
 */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
