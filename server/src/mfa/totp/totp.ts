import { randomBytes } from 'node:crypto';
import { toDataURL } from 'qrcode';
import { base32Encode } from './base32';
import { totpVerify, type TotpParameters } from './otplib.adapter';

/**
 * Our TOTP profile (RFC 6238): what Google and Microsoft Authenticator and the browser extensions all
 * support. ±1 step absorbs clock drift and typing time; a code is accepted once (see checkTotpCode).
 */
export const TOTP = {
  issuer: 'InfoSphere',
  algorithm: 'sha1',
  digits: 6,
  periodSeconds: 30,
  windowSteps: 1,
  /** 160 bits, RFC 4226 §4's recommended length. */
  secretBytes: 20,
} as const;

/** A fresh shared secret from the CSPRNG: the bytes to store (encrypted) and the base32 to show. */
export function newTotpSecret(): { bytes: Buffer; base32: string } {
  const bytes = randomBytes(TOTP.secretBytes);
  return { bytes, base32: base32Encode(bytes) };
}

/**
 * The Key Uri Format authenticator apps read from the QR code. Label parts are percent-encoded, so a
 * `:` or `&` in an address cannot split the label or inject a parameter.
 */
export function otpauthUri(secretBase32: string, accountName: string): string {
  const issuer = encodeURIComponent(TOTP.issuer);
  return (
    `otpauth://totp/${issuer}:${encodeURIComponent(accountName)}` +
    `?secret=${secretBase32}&issuer=${issuer}&algorithm=${TOTP.algorithm.toUpperCase()}&digits=${TOTP.digits}&period=${TOTP.periodSeconds}`
  );
}

/** The URI as a PNG QR code in a data URL, ready for an <img src>. */
export function qrDataUrl(uri: string): Promise<string> {
  return toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}

/** The RFC 6238 step number that holds `at`. */
export function totpStep(at: Date): number {
  return Math.floor(Math.floor(at.getTime() / 1000) / TOTP.periodSeconds);
}

/** What a customer typed, as digits: full-width digits (Japanese IME) become ASCII; spaces go ("123 456" as apps show it). */
export function normaliseOtpInput(input: string): string {
  return typeof input === 'string' ? input.normalize('NFKC').replace(/[\s-]/g, '') : '';
}

export type TotpCodeCheck = { result: 'ok'; step: number } | { result: 'replayed' } | { result: 'invalid' };

/**
 * Checks a code at `now` within ±1 step. A code whose step is ≤ `lastAcceptedStep` is refused as
 * 'replayed' (ASVS 4 2.8.4): told apart from 'invalid' only by a second check without the bound.
 */
export async function checkTotpCode(secret: Uint8Array, code: string, now: Date, lastAcceptedStep: number | null): Promise<TotpCodeCheck> {
  const params: TotpParameters = { secret, algorithm: TOTP.algorithm, digits: TOTP.digits, period: TOTP.periodSeconds };
  const base = { ...params, code: normaliseOtpInput(code), epochSeconds: Math.floor(now.getTime() / 1000), windowSteps: TOTP.windowSteps };
  const fresh = await totpVerify({ ...base, afterTimeStep: lastAcceptedStep });
  if (fresh.valid) return { result: 'ok', step: fresh.timeStep };
  if (lastAcceptedStep != null && (await totpVerify(base)).valid) return { result: 'replayed' };
  return { result: 'invalid' };
}
