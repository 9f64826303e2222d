import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

export type PhoneChannel = 'sms' | 'voice';

export type PhoneNumberProblem =
  /** Nothing usable was typed. */
  | 'empty'
  /** Not a phone number we can read (letters, too short or too long, not a Japanese number plan). */
  | 'invalid'
  /** A valid number outside Japan (+81): we neither text nor call abroad (toll fraud, domain.md §4.2). */
  | 'not_japan'
  /** SMS: not a mobile number. Voice: neither mobile nor fixed (toll-free, 0570, IP phones, pagers…). */
  | 'unsupported_type';

export type PhoneKind = 'mobile' | 'fixed';

export type ParsedPhone =
  | {
      ok: true;
      /** `+819012345678`: what is stored and dialled. */
      e164: string;
      /** `+81 90-1234-5678`: what the page shows before sending. */
      display: string;
      kind: PhoneKind;
    }
  | { ok: false; reason: PhoneNumberProblem };

/** Characters people type between digits: hyphens and dashes of every width, spaces, dots, brackets. */
const SEPARATORS = /[\s\-‐‑‒–—―−ーｰ.()（）/]/g;
/** 070/080/090 without the 0: mobile by allocation, even for numbers the metadata calls unallocated (the guide's 9000000000). */
const JP_MOBILE_BLOCK = /^[789]0\d{8}$/;

/**
 * Reads a phone number as customers type it (domain.md §4.2): the guide's form without the leading 0 and
 * hyphens (`9000000000`), the usual written forms (`090-0000-0000`, `+81 90 0000 0000`, `+819000000000`,
 * `819000000000`), full-width digits and dashes (`０９０－００００－００００`). Japanese numbers only;
 * mobile for SMS, mobile or fixed line for voice.
 */
export function parsePhoneInput(input: string, channel: PhoneChannel): ParsedPhone {
  if (typeof input !== 'string') return { ok: false, reason: 'empty' };
  // NFKC turns full-width digits, ＋ and － into their ASCII forms.
  const cleaned = input.normalize('NFKC').replace(SEPARATORS, '');
  if (cleaned === '') return { ok: false, reason: 'empty' };
  let candidate: string;
  if (/^\+\d{6,15}$/.test(cleaned)) candidate = cleaned;
  else if (/^00\d{6,15}$/.test(cleaned)) candidate = `+${cleaned.slice(2)}`;
  else if (/^0\d{8,10}$/.test(cleaned)) candidate = `+81${cleaned.slice(1)}`;
  // The guide's form: the national number without its 0 (9 digits fixed, 10 mobile/IP).
  else if (/^[1-9]\d{8,9}$/.test(cleaned)) candidate = `+81${cleaned}`;
  // 81 and the national number, the + forgotten.
  else if (/^81[1-9]\d{8,9}$/.test(cleaned)) candidate = `+${cleaned}`;
  else return { ok: false, reason: 'invalid' };

  const parsed = parsePhoneNumberFromString(candidate);
  if (!parsed) return { ok: false, reason: 'invalid' };
  if (parsed.countryCallingCode !== '81') return { ok: false, reason: parsed.isValid() ? 'not_japan' : 'invalid' };
  const kind = kindOf(parsed);
  if (kind === 'invalid') return { ok: false, reason: 'invalid' };
  if (kind === 'other' || (channel === 'sms' && kind !== 'mobile')) return { ok: false, reason: 'unsupported_type' };
  return { ok: true, e164: parsed.number, display: displayPhone(parsed), kind };
}

/** `+819012345678` → `+81 90-1234-5678` (the national format without its trunk 0). */
export function formatPhoneDisplay(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? displayPhone(parsed) : e164;
}

function displayPhone(parsed: PhoneNumber): string {
  const national = parsed.formatNational().replace(/^0/, '');
  return `+${parsed.countryCallingCode} ${national}`;
}

function kindOf(parsed: PhoneNumber): PhoneKind | 'other' | 'invalid' {
  if (parsed.isValid()) {
    const type = parsed.getType();
    if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return 'mobile';
    if (type === 'FIXED_LINE') return 'fixed';
    return 'other';
  }
  return JP_MOBILE_BLOCK.test(String(parsed.nationalNumber)) ? 'mobile' : 'invalid';
}
