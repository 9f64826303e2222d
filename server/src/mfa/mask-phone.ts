import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** `+819012345678` → `+81 ••••••5678`: enough for the customer to recognise the number, useless to anyone else. */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed ? String(parsed.nationalNumber) : e164.replace(/\D/g, '');
  const visible = Math.min(4, Math.max(0, national.length - 4));
  const masked = '•'.repeat(national.length - visible) + national.slice(national.length - visible);
  return parsed ? `+${parsed.countryCallingCode} ${masked}` : masked;
}
