import { classifyContract, infosphereContracts, topCruiseFlag, type PlanContract } from './plan';

const me = '11111111-1111-4111-8111-111111111111';
const other = '22222222-2222-4222-8222-222222222222';
const fiber = (extra: Partial<PlanContract> = {}): PlanContract => ({ serviceType: 'fiber', status: 'active', contractedAt: '2015-04-01', loginAccountId: null, ...extra });

describe('plan classification (domain.md §5)', () => {
  it('links only active, InfoSphere, pre-cutover, unlinked contracts', () => {
    expect(classifyContract(fiber(), me)).toBe('to_link');
    expect(classifyContract(fiber({ contractedAt: '2023-07-31' }), me)).toBe('to_link');
    expect(classifyContract(fiber({ contractedAt: '2023-08-01' }), me)).toBe('post_cutover');
    expect(classifyContract(fiber({ status: 'cancelled' }), me)).toBe('cancelled');
    expect(classifyContract(fiber({ loginAccountId: me }), me)).toBe('linked_here');
    expect(classifyContract(fiber({ loginAccountId: other }), me)).toBe('linked_elsewhere');
  });

  it('never links an excluded type or a Top Cruise contract, whatever else holds', () => {
    expect(classifyContract(fiber({ serviceType: 'ipoe' }), me)).toBe('excluded_service');
    expect(classifyContract(fiber({ serviceType: 'dedicated_line', status: 'cancelled' }), me)).toBe('excluded_service');
    expect(classifyContract(fiber({ serviceType: 'top_cruise' }), me)).toBe('top_cruise');
  });

  it('counts active InfoSphere contracts only toward the five', () => {
    const bill = [fiber(), fiber({ status: 'cancelled' }), fiber({ serviceType: 'top_cruise' }), fiber({ serviceType: 'ipoe' }), fiber({ serviceType: 'adsl', loginAccountId: other })];
    expect(infosphereContracts(bill)).toBe(2);
  });

  it('flags a Top Cruise remark and bill that disagree', () => {
    expect(topCruiseFlag('トップクルーズ契約', false)).toBe('remark_without_link');
    expect(topCruiseFlag('', true)).toBe('link_without_remark');
    expect(topCruiseFlag('トップクルーズ契約', true)).toBeNull();
    expect(topCruiseFlag('', false)).toBeNull();
  });
});
