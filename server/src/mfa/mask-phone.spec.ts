import { maskPhone } from './mask-phone';

describe(maskPhone.name, () => {
  it('keeps the country code and the last four digits', () => {
    expect(maskPhone('+819012345678')).toBe('+81 ••••••5678');
    expect(maskPhone('+14155552671')).toBe('+1 ••••••2671');
  });
});
