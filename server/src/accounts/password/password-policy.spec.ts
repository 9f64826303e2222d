import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  const ctx = { email: 'Taro.Yamada@example.jp', networkIds: ['IS10010001'] };

  it('accepts a long passphrase with any characters, spaces and Japanese included', () => {
    expect(passwordProblem('correct horse battery', ctx)).toBeNull();
    expect(passwordProblem('春はあけぼの やうやう白く', ctx)).toBeNull();
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('あいうえおかきくけこ', ctx)).toBeNull(); // 10 characters, 30 bytes
    expect(passwordProblem('あいうえおかきくけ', ctx)).toBe('must be at least 10 characters');
  });

  it('refuses short, overlong, common and self-describing passwords', () => {
    expect(passwordProblem('short', ctx)).toBe('must be at least 10 characters');
    expect(passwordProblem('x'.repeat(129) + 'y', ctx)).toBe('must be at most 128 characters');
    expect(passwordProblem('Password123', ctx)).toBe('is too common');
    expect(passwordProblem('zzzzzzzzzzzz', ctx)).toBe('is too common');
    expect(passwordProblem('my-taro.yamada-pass', ctx)).toBe('must not contain your email address or network ID');
    expect(passwordProblem('xx is10010001 xx', ctx)).toBe('must not contain your email address or network ID');
  });
});
