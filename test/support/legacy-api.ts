import { json, type Json } from './http';

/** Thin client for the registration endpoints, as the customer site calls them. */
export function registrationClient(baseUrl: string) {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Json = {};
    try {
      parsed = JSON.parse(text) as Json;
    } catch {
      // not JSON: keep the raw text for the assertion message
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  return {
    post,
    legacyCheck: (networkId: string, password: string) => post('/api/customer/registration/legacy-check', { networkId, password }),
    complete: (flowToken: string, email: string, agreeToTerms: unknown = true) =>
      post('/api/customer/registration/complete', { flowToken, email, agreeToTerms }),
    tokenStatus: (token: string) => post('/api/customer/password/token-status', { token }),
    setPassword: (token: string, password: string) => post('/api/customer/password/set', { token, password }),
    requestLink: (email: string) => post('/api/customer/password/request-link', { email }),
    advanceClock: async (ms: number) => json(await fetch(`${baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) })),
  };
}

export const DEMO_LEGACY_PASSWORD = 'demo-legacy-2023';

/** The token in a password-set link (`…/password/set#token=…`) found in a mail body. */
export function passwordLinkToken(text: string): string {
  const match = /\/password\/set#token=([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no password-set link in:\n${text}`);
  return match[1];
}
