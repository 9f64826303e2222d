import { DEMO_LEGACY_PASSWORD, registrationClient } from '../../support/legacy-api';

/**
 * Registers demo contract `networkId` under `email` over HTTP: one real customer flow that commits a
 * mail (the password-set link) to the outbox. Returns as soon as the API answered, before any sending.
 */
export async function register(baseUrl: string, networkId: string, email: string): Promise<void> {
  const api = registrationClient(baseUrl);
  const check = await api.legacyCheck(networkId, DEMO_LEGACY_PASSWORD);
  if (check.status !== 200) throw new Error(`legacy check of ${networkId}: ${check.status} ${check.text}`);
  const done = await api.complete(check.body.flowToken, email);
  if (done.status !== 200) throw new Error(`registration of ${networkId}: ${done.status} ${done.text}`);
}

/** Demo customer 6 has 150 contracts; the n-th (1–24) is active and free for a registration of its own. */
export const demoNetworkId = (n: number) => `IS1006${String(n).padStart(4, '0')}`;
