import { normaliseEmail, parseEmail } from './email-address';

describe('parseEmail', () => {
  it('trims, folds full-width characters and lower-cases the domain only', () => {
    expect(parseEmail('  Taro.Yamada@Example.CO.JP ')).toEqual({ ok: true, value: 'Taro.Yamada@example.co.jp' });
    expect(parseEmail('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ')).toEqual({ ok: true, value: 'taro@example.jp' });
  });

  it.each(['', 'taro', 'taro@', '@example.jp', 'taro@example', 'ta ro@example.jp', 'a@b@example.jp', `${'x'.repeat(65)}@example.jp`])(
    'refuses %j',
    (input) => {
      expect(parseEmail(input).ok).toBe(false);
    },
  );

  it('refuses what is not a string', () => {
    expect(parseEmail(null)).toEqual({ ok: false, reason: 'must be a string' });
  });

  it('leaves an address without @ alone for the validator to refuse', () => {
    expect(normaliseEmail(' nobody ')).toBe('nobody');
  });
});
