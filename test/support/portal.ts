import type { Page } from 'playwright-core';
import { totp } from './totp';

/**
 * Signs a registered customer in on the customer site's pages, as a first login: email and password,
 * enrolling an authenticator app (the code computed from the shown secret), recording the recovery code.
 * Leaves the page on /account and answers the TOTP secret.
 */
export async function signInOnPages(page: Page, baseUrl: string, email: string, password: string, now = Date.now): Promise<string> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();

  const secretKey = page.getByTestId('totp-secret');
  await secretKey.waitFor();
  const secret = (await secretKey.getAttribute('data-secret')) ?? '';
  if (!/^[A-Z2-7]{32,}$/.test(secret)) throw new Error(`no TOTP secret on the enrollment page: "${secret}"`);
  await page.getByTestId('totp-code').fill(totp(secret, now()));
  await page.getByTestId('totp-submit').click();

  await page.getByTestId('recovery-code').waitFor();
  await page.getByTestId('recovery-recorded').check();
  await page.getByTestId('recovery-continue').click();
  await page.waitForURL(`${baseUrl}/account`);
  const shown = await page.getByTestId('signed-in-email').textContent();
  if (shown !== email) throw new Error(`signed in as "${shown}", expected ${email}`);
  return secret;
}
