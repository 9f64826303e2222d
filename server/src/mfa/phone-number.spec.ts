import { formatPhoneDisplay, parsePhoneInput } from './phone-number';

describe('parsePhoneInput', () => {
  const mobile = { ok: true, e164: '+819000000000', display: '+81 90-0000-0000', kind: 'mobile' };

  it.each([
    ['the guide form without 0 and hyphens', '9000000000'],
    ['national with hyphens', '090-0000-0000'],
    ['national without hyphens', '09000000000'],
    ['international with spaces', '+81 90 0000 0000'],
    ['international with hyphens', '+81-90-0000-0000'],
    ['E.164', '+819000000000'],
    ['81 without the plus', '819000000000'],
    ['international prefix 00', '00819000000000'],
    ['full-width digits and dashes', '０９０－００００－００００'],
    ['full-width plus and spaces', '＋８１　９０　００００　００００'],
    ['katakana long mark as hyphen', '090ー0000ー0000'],
    ['surrounding spaces and brackets', ' (090) 0000-0000 '],
  ])('reads %s (%s) as +81 90-0000-0000 for SMS and voice', (_what, input) => {
    expect(parsePhoneInput(input, 'sms')).toEqual(mobile);
    expect(parsePhoneInput(input, 'voice')).toEqual(mobile);
  });

  it('reads an allocated mobile number', () => {
    expect(parsePhoneInput('080-1234-5678', 'sms')).toEqual({ ok: true, e164: '+818012345678', display: '+81 80-1234-5678', kind: 'mobile' });
  });

  it.each([
    ['03-1234-5678', '+81312345678', '+81 3-1234-5678'],
    ['312345678', '+81312345678', '+81 3-1234-5678'],
    ['+81 6 1234 5678', '+81612345678', '+81 6-1234-5678'],
    ['0467-12-3456', '+81467123456', '+81 467-12-3456'],
  ])('a fixed line %s is fine for voice, refused for SMS', (input, e164, display) => {
    expect(parsePhoneInput(input, 'voice')).toEqual({ ok: true, e164, display, kind: 'fixed' });
    expect(parsePhoneInput(input, 'sms')).toEqual({ ok: false, reason: 'unsupported_type' });
  });

  it.each([
    ['toll free', '0120-123-456'],
    ['navi dial', '0570-123-456'],
    ['IP phone', '050-1234-5678'],
  ])('refuses %s for both channels', (_what, input) => {
    expect(parsePhoneInput(input, 'voice')).toEqual({ ok: false, reason: 'unsupported_type' });
    expect(parsePhoneInput(input, 'sms')).toEqual({ ok: false, reason: 'unsupported_type' });
  });

  it.each([
    ['', 'empty'],
    ['  - ', 'empty'],
    ['abc', 'invalid'],
    ['090-0000', 'invalid'],
    ['090-0000-0000-0', 'invalid'],
    ['+1 202 555 0143', 'not_japan'],
    ['+44 7911 123456', 'not_japan'],
    ['090-0000-000x', 'invalid'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parsePhoneInput(input, 'sms')).toEqual({ ok: false, reason });
  });

  it('formats a stored number for display', () => {
    expect(formatPhoneDisplay('+819012345678')).toBe('+81 90-1234-5678');
  });
});
