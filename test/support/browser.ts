import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { startApp, type RunningApp } from './app-process';

/** Debian's Chromium, driven by playwright-core (its own browser downloads do not work here). */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium is required for browser tests: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * The app and Chromium started side by side. If either fails, the other is stopped before the error
 * surfaces: a Chromium left running keeps Jest alive after the run (a hung CI instead of a red one).
 */
export async function startAppAndBrowser(env: Record<string, string> = {}): Promise<[RunningApp, Browser]> {
  const [app, browser] = await Promise.allSettled([startApp(env), launchChromium()]);
  if (app.status === 'fulfilled' && browser.status === 'fulfilled') return [app.value, browser.value];
  if (app.status === 'fulfilled') await app.value.stop();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw app.status === 'rejected' ? app.reason : (browser as PromiseRejectedResult).reason;
}
