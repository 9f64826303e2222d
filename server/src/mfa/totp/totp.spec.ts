import { createHmac } from 'node:crypto';
import { base32Decode } from './base32';
import { totpGenerate, totpVerify, type TotpAlgorithm } from './otplib.adapter';
import { checkTotpCode, newTotpSecret, normaliseOtpInput, otpauthUri, qrDataUrl, totpStep } from './totp';

// RFC 6238 Appendix B: the seeds are ASCII, 20 / 32 / 64 bytes for SHA-1 / SHA-256 / SHA-512; 8 digits, X = 30, T0 = 0.
const SEEDS: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const APPENDIX_B: Array<[number, TotpAlgorithm, string]> = [
  [59, 'sha1', '94287082'],
  [59, 'sha256', '46119246'],
  [59, 'sha512', '90693936'],
  [1111111109, 'sha1', '07081804'],
  [1111111109, 'sha256', '68084774'],
  [1111111109, 'sha512', '25091201'],
  [1111111111, 'sha1', '14050471'],
  [1111111111, 'sha256', '67062674'],
  [1111111111, 'sha512', '99943326'],
  [1234567890, 'sha1', '89005924'],
  [1234567890, 'sha256', '91819424'],
  [1234567890, 'sha512', '93441116'],
  [2000000000, 'sha1', '69279037'],
  [2000000000, 'sha256', '90698825'],
  [2000000000, 'sha512', '38618901'],
  [20000000000, 'sha1', '65353130'],
  [20000000000, 'sha256', '77737706'],
  [20000000000, 'sha512', '47863826'],
];

/** An independent RFC 6238 / RFC 4226 code, so the tests of our profile do not trust otplib. */
function referenceCode(secret: Buffer, epochSeconds: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(epochSeconds / 30)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

describe('the otplib adapter', () => {
  it.each(APPENDIX_B)('at T=%i with %s gives %s (RFC 6238 Appendix B)', async (time, algorithm, code) => {
    const params = { secret: SEEDS[algorithm], algorithm, digits: 8 as const, period: 30 };
    expect(await totpGenerate({ ...params, epochSeconds: time })).toBe(code);
    expect(await totpVerify({ ...params, code, epochSeconds: time, windowSteps: 0 })).toEqual({ valid: true, timeStep: Math.floor(time / 30) });
    expect(await totpVerify({ ...params, code, epochSeconds: time + 60, windowSteps: 1 })).toEqual({ valid: false });
  });

  it('agrees with the reference implementation for 6 digits', async () => {
    const secret = newTotpSecret().bytes;
    for (const t of [0, 29, 30, 1_700_000_000, 1_700_000_029]) {
      expect(await totpGenerate({ secret, algorithm: 'sha1', digits: 6, period: 30, epochSeconds: t })).toBe(referenceCode(secret, t));
    }
  });

  it('treats malformed codes as wrong instead of throwing', async () => {
    const base = { secret: SEEDS.sha1, algorithm: 'sha1' as const, digits: 6 as const, period: 30, epochSeconds: 59, windowSteps: 1 };
    for (const code of ['', '28708', '2870822', '28708a', ' 287082']) expect(await totpVerify({ ...base, code })).toEqual({ valid: false });
    expect(await totpVerify({ ...base, code: '287082' })).toEqual({ valid: true, timeStep: 1 });
  });

  it('refuses steps up to afterTimeStep, also when it lies beyond the window', async () => {
    const base = { secret: SEEDS.sha1, algorithm: 'sha1' as const, digits: 6 as const, period: 30, epochSeconds: 59, windowSteps: 1, code: '287082' };
    expect(await totpVerify({ ...base, afterTimeStep: 0 })).toEqual({ valid: true, timeStep: 1 });
    expect(await totpVerify({ ...base, afterTimeStep: 1 })).toEqual({ valid: false });
    expect(await totpVerify({ ...base, afterTimeStep: 2 })).toEqual({ valid: false });
    expect(await totpVerify({ ...base, afterTimeStep: 500 })).toEqual({ valid: false });
  });
});

describe('our TOTP profile', () => {
  const secret = Buffer.from('12345678901234567890');
  const t = 1_700_000_015; // the middle of step 56 666 667
  const at = (seconds: number) => new Date(seconds * 1000);

  it('makes 160-bit secrets from the CSPRNG, base32 without padding', () => {
    const a = newTotpSecret();
    expect(a.bytes).toHaveLength(20);
    expect(a.base32).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a.base32)).toEqual(a.bytes);
    expect(newTotpSecret().base32).not.toBe(a.base32);
  });

  it('builds the otpauth URI with encoded label parts', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'taro+mfa@example.jp')).toBe(
      'otpauth://totp/InfoSphere:taro%2Bmfa%40example.jp?secret=JBSWY3DPEHPK3PXP&issuer=InfoSphere&algorithm=SHA1&digits=6&period=30',
    );
    const uri = new URL(otpauthUri('JBSWY3DPEHPK3PXP', 'a:b&issuer=evil@example.jp'));
    expect(uri.searchParams.getAll('issuer')).toEqual(['InfoSphere']);
    expect(uri.host).toBe('totp');
    expect(uri.pathname).toBe('/InfoSphere:a%3Ab%26issuer%3Devil%40example.jp');
  });

  it('renders the URI as a PNG data URL', async () => {
    const url = await qrDataUrl(otpauthUri('JBSWY3DPEHPK3PXP', 'taro@example.jp'));
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('accepts the previous, current and next step, not two away', async () => {
    const step = totpStep(at(t));
    for (const d of [-1, 0, 1]) {
      expect(await checkTotpCode(secret, referenceCode(secret, t + d * 30), at(t), null)).toEqual({ result: 'ok', step: step + d });
    }
    for (const d of [-2, 2]) expect(await checkTotpCode(secret, referenceCode(secret, t + d * 30), at(t), null)).toEqual({ result: 'invalid' });
  });

  it('refuses a code whose step is at or before the last accepted one as replayed', async () => {
    const step = totpStep(at(t));
    const code = referenceCode(secret, t);
    expect(await checkTotpCode(secret, code, at(t), step)).toEqual({ result: 'replayed' });
    expect(await checkTotpCode(secret, code, at(t), step - 1)).toEqual({ result: 'ok', step });
    expect(await checkTotpCode(secret, referenceCode(secret, t - 30), at(t), step)).toEqual({ result: 'replayed' });
    expect(await checkTotpCode(secret, referenceCode(secret, t + 30), at(t), step)).toEqual({ result: 'ok', step: step + 1 });
    expect(await checkTotpCode(secret, '000000', at(t), step)).toEqual({ result: referenceCode(secret, t) === '000000' ? 'replayed' : 'invalid' });
  });

  it('takes codes as apps show them and as a Japanese IME types them', async () => {
    const code = referenceCode(secret, t);
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    const fullWidth = code.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(normaliseOtpInput(spaced)).toBe(code);
    expect(normaliseOtpInput(fullWidth)).toBe(code);
    expect(await checkTotpCode(secret, fullWidth, at(t), null)).toMatchObject({ result: 'ok' });
  });
});
