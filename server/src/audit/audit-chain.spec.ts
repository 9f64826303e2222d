import { AUDIT_HASH_VERSION, auditRowHash, canonicalAuditRow, canonicalJson, type AuditChainRow } from './audit-chain';

const row: AuditChainRow = {
  id: 7,
  occurredAt: '2025-11-26T01:02:03.456Z',
  actorType: 'customer',
  actorId: '4f5c7a52-0d1e-4a53-9a3c-0f7c1d2e3b4a',
  action: 'registration.completed',
  targetType: 'login_account',
  targetId: '4f5c7a52-0d1e-4a53-9a3c-0f7c1d2e3b4a',
  ip: '203.0.113.9',
  userAgent: 'Mozilla/5.0',
  reason: null,
  requestId: 'req-1',
  before: null,
  after: { email: 'taro@example.jp', consent: { terms: '2025-04', privacy: '2025-04' }, contracts: ['IS1', 'IS2'] },
  prevHash: 'a'.repeat(64),
};

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: undefined } as never)).toThrow(TypeError);
  });
});

describe('auditRowHash', () => {
  it('is a SHA-256 hex over a versioned, fixed-order array', () => {
    expect(auditRowHash(row)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(canonicalAuditRow(row))[0]).toBe(AUDIT_HASH_VERSION);
  });

  it('does not depend on the key order of before/after', () => {
    const reordered = { ...row, after: { contracts: ['IS1', 'IS2'], consent: { privacy: '2025-04', terms: '2025-04' }, email: 'taro@example.jp' } };
    expect(auditRowHash(reordered)).toBe(auditRowHash(row));
  });

  const changes: Array<[keyof AuditChainRow, unknown]> = [
    ['id', 8],
    ['occurredAt', '2025-11-26T01:02:03.457Z'],
    ['actorType', 'staff'],
    ['actorId', 'someone-else'],
    ['action', 'registration.started'],
    ['targetType', 'contract'],
    ['targetId', null],
    ['ip', '203.0.113.10'],
    ['userAgent', null],
    ['reason', 'typed by hand'],
    ['requestId', 'req-2'],
    ['before', {}],
    ['after', { email: 'taro@example.jp', consent: { terms: '2025-04', privacy: '2025-05' }, contracts: ['IS1', 'IS2'] }],
    ['after', { email: 'taro@example.jp', consent: { terms: '2025-04', privacy: '2025-04' }, contracts: ['IS2', 'IS1'] }],
    ['prevHash', 'b'.repeat(64)],
    ['prevHash', null],
  ];
  it.each(changes)('changes when %s changes', (field, value) => {
    expect(auditRowHash({ ...row, [field]: value })).not.toBe(auditRowHash(row));
  });

  it('keeps fields apart: moving text from one field to the next changes the hash', () => {
    expect(auditRowHash({ ...row, userAgent: 'a', reason: 'b' })).not.toBe(auditRowHash({ ...row, userAgent: 'ab', reason: null }));
    expect(auditRowHash({ ...row, before: null, after: {} })).not.toBe(auditRowHash({ ...row, before: {}, after: null }));
  });
});
