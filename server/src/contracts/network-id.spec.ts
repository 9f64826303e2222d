import { normaliseNetworkId, parseNetworkId } from './network-id';

describe('parseNetworkId', () => {
  it.each([
    ['IS00012345', 'IS00012345'],
    ['  is00012345 ', 'IS00012345'],
    ['ＩＳ０００１２３４５', 'IS00012345'],
    ['ｉｓ－0001', 'IS-0001'],
    ['\u3000IS00012345\u3000', 'IS00012345'],
  ])('normalises %j to %s', (input, expected) => {
    expect(parseNetworkId(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['IS 0001', 'must be 3 to 32 letters, digits or hyphens'],
    ['-IS0001', 'must be 3 to 32 letters, digits or hyphens'],
    ['AB', 'must be 3 to 32 letters, digits or hyphens'],
    ['A'.repeat(33), 'must be 3 to 32 letters, digits or hyphens'],
    ['IS0001;DROP', 'must be 3 to 32 letters, digits or hyphens'],
  ])('refuses %j: %s', (input, reason) => {
    expect(parseNetworkId(input)).toEqual({ ok: false, reason });
  });

  it('refuses what is not a string', () => {
    expect(parseNetworkId(12345)).toEqual({ ok: false, reason: 'must be a string' });
    expect(parseNetworkId(undefined)).toEqual({ ok: false, reason: 'must be a string' });
  });

  it('is idempotent', () => {
    const once = normaliseNetworkId(' ｉｓ０１ ');
    expect(normaliseNetworkId(once)).toBe(once);
  });
});
