import { createHash } from 'node:crypto';
import { formatRecoveryCode, hashRecoveryCode, newRecoveryCode, normaliseRecoveryCode, RECOVERY_CODE_LENGTH, sameHash } from './recovery-code';

describe('recovery code', () => {
  it('has 28 base32 characters (140 bits) in groups of four, and the SHA-256 of its normal form', () => {
    const { code, hash } = newRecoveryCode();
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){6}$/);
    expect(RECOVERY_CODE_LENGTH * 5).toBeGreaterThanOrEqual(128);
    const plain = code.replace(/-/g, '');
    expect(hash).toBe(createHash('sha256').update(plain).digest('hex'));
    expect(hashRecoveryCode(normaliseRecoveryCode(code)!)).toBe(hash);
  });

  it('is different every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newRecoveryCode().code));
    expect(codes.size).toBe(200);
  });

  it.each([
    ['abcd-efgh-ijkl-mnop-qrst-uvwx-yz23', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ23'],
    ['  ABCD EFGH IJKL MNOP QRST UVWX YZ23 ', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ23'],
    ['ＡＢＣＤ－ＥＦＧＨ－ＩＪＫＬ－ＭＮＯＰ－ＱＲＳＴ－ＵＶＷＸ－ＹＺ２３', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ23'],
    ['ABCDーEFGH—IJKL–MNOP-QRST-UVWX-YZ23', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ23'],
    ['ABCD-EFGH-1JKL-MN0P-QRST-UVWX-YZ28', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ2B'],
  ])('normalises %j', (input, normal) => {
    expect(normaliseRecoveryCode(input)).toBe(normal);
  });

  it.each(['', 'ABCD', 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ2', 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ234', 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ2!', 'A'.repeat(500)])(
    'refuses %j',
    (input) => {
      expect(normaliseRecoveryCode(input)).toBeNull();
    },
  );

  it('formats in groups of four', () => {
    expect(formatRecoveryCode('ABCDEFGHIJKLMNOPQRSTUVWXYZ23')).toBe('ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23');
  });

  it('compares hashes in constant time, refusing anything that is not a SHA-256', () => {
    const h = hashRecoveryCode('X');
    expect(sameHash(h, h)).toBe(true);
    expect(sameHash(h, hashRecoveryCode('Y'))).toBe(false);
    expect(sameHash('', '')).toBe(false);
  });
});
