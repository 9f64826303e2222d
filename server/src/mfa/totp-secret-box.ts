import type { AppConfig } from '../config/config';
import { SecretBox } from './secret-box';

/** The box for TOTP seeds: encrypts with the current key, opens rows of the keys a rotation retired. */
export function totpSecretBox(config: { secrets: Omit<AppConfig['secrets'], 'totpPreviousKeys'> & Partial<Pick<AppConfig['secrets'], 'totpPreviousKeys'>> }): SecretBox {
  const { totpKeyId, totpKey, totpPreviousKeys } = config.secrets;
  return new SecretBox({ id: totpKeyId, key: totpKey }, totpPreviousKeys ?? []);
}
