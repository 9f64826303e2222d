import type { Page } from 'playwright-core';

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
