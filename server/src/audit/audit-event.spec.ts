import { AUDIT_LIMITS, AuditEventError, isSecretKey, normaliseAuditEvent, type AuditEventInput } from './audit-event';

const base: AuditEventInput = { actor: { type: 'customer', id: 'acc-1' }, action: 'registration.completed' };

describe('normaliseAuditEvent', () => {
  it('fills absent fields with null', () => {
    expect(normaliseAuditEvent(base)).toEqual({
      actorType: 'customer',
      actorId: 'acc-1',
      action: 'registration.completed',
      targetType: null,
      targetId: null,
      ip: null,
      userAgent: null,
      reason: null,
      requestId: null,
      before: null,
      after: null,
    });
  });

  it.each<[string, AuditEventInput]>([
    ['an unknown actor type', { ...base, actor: { type: 'robot' as never, id: 'x' } }],
    ['a customer without id', { ...base, actor: { type: 'customer' } }],
    ['a staff actor with an empty id', { ...base, actor: { type: 'staff', id: '' } }],
    ['an anonymous actor with an id', { ...base, actor: { type: 'anonymous', id: 'x' } }],
    ['an undotted action', { ...base, action: 'completed' }],
    ['an action in capitals', { ...base, action: 'Registration.Completed' }],
    ['an action with spaces', { ...base, action: 'registration. completed' }],
    ['an over-long action', { ...base, action: `a.${'b'.repeat(AUDIT_LIMITS.action)}` }],
    ['a target type with a dot', { ...base, target: { type: 'login.account', id: '1' } }],
    ['an over-long target id', { ...base, target: { type: 'contract', id: 'x'.repeat(AUDIT_LIMITS.id + 1) } }],
    ['an address that is none', { ...base, ip: '999.1.1.1' }],
    ['an address with a mask', { ...base, ip: '10.0.0.0/8' }],
    ['an over-long reason', { ...base, reason: 'x'.repeat(AUDIT_LIMITS.reason + 1) }],
    ['a request id with a newline', { ...base, requestId: 'a\nb' }],
    ['details with a cycle', { ...base, after: (() => { const a: Record<string, unknown> = {}; a.self = a; return a; })() }],
    ['details with a bigint', { ...base, before: { n: 1n } }],
    ['too large details', { ...base, after: { blob: 'x'.repeat(AUDIT_LIMITS.details) } }],
  ])('refuses %s', (_name, event) => {
    expect(() => normaliseAuditEvent(event)).toThrow(AuditEventError);
  });

  it('accepts system actors with or without id, and IPv6 with a zone', () => {
    expect(normaliseAuditEvent({ ...base, actor: { type: 'system' } }).actorId).toBeNull();
    expect(normaliseAuditEvent({ ...base, actor: { type: 'system', id: 'outbox-worker' } }).actorId).toBe('outbox-worker');
    expect(normaliseAuditEvent({ ...base, ip: 'fe80::1%eth0' }).ip).toBe('fe80::1');
  });

  it('cuts long user agents without splitting a character, and stores text Postgres can hold', () => {
    const agent = `${'a'.repeat(AUDIT_LIMITS.userAgent - 1)}😀tail`;
    expect(normaliseAuditEvent({ ...base, userAgent: agent }).userAgent).toBe('a'.repeat(AUDIT_LIMITS.userAgent - 1));
    expect(normaliseAuditEvent({ ...base, userAgent: 'a\u0000b\uD800c' }).userAgent).toBe('a\uFFFDb\uFFFDc');
  });

  it('stores details as plain JSON', () => {
    const after = normaliseAuditEvent({ ...base, after: { at: new Date('2025-01-02T03:04:05.678Z'), gone: undefined, n: 1.5, list: [1, 'two'] } }).after;
    expect(after).toEqual({ at: '2025-01-02T03:04:05.678Z', n: 1.5, list: [1, 'two'] });
    expect(Object.keys(after as object)).not.toContain('gone');
  });

  it('redacts secret-looking keys at any depth, keeping nulls and everything else', () => {
    const { before, after } = normaliseAuditEvent({
      ...base,
      before: { passwordHash: null, email: 'a@example.jp' },
      after: {
        password: 'hunter2',
        code: '123456',
        token: 'abc',
        secret: 's',
        recoveryCode: 'r',
        nested: { totp_secret: 'JBSWY3DP', list: [{ access_token: 't', keep: 1 }], recovery_codes: ['x'] },
        networkId: 'IS10000001',
        billingAccountCode: 'BA-1',
      },
    });
    expect(before).toEqual({ passwordHash: null, email: 'a@example.jp' });
    expect(after).toEqual({
      password: '[redacted]',
      code: '[redacted]',
      token: '[redacted]',
      secret: '[redacted]',
      recoveryCode: '[redacted]',
      nested: { totp_secret: '[redacted]', list: [{ access_token: '[redacted]', keep: 1 }], recovery_codes: '[redacted]' },
      networkId: 'IS10000001',
      billingAccountCode: 'BA-1',
    });
    expect(JSON.stringify(after)).not.toMatch(/hunter2|123456|JBSWY3DP/);
  });

  it('keeps a "__proto__" key as a plain key', () => {
    const after = normaliseAuditEvent({ ...base, after: JSON.parse('{"__proto__": {"x": 1}}') }).after as Record<string, unknown>;
    expect(Object.keys(after)).toEqual(['__proto__']);
    expect(JSON.stringify(after)).toBe('{"__proto__":{"x":1}}');
  });
});

describe('isSecretKey', () => {
  it.each(['password', 'newPassword', 'password_hash', 'code', 'Code', 'otp', 'recoveryCode', 'recovery-code', 'secret', 'totpSecret', 'token', 'flowToken'])(
    '%s is secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  );
  it.each(['email', 'networkId', 'billingAccountCode', 'codeSentAt', 'phone'])('%s is not', (key) => expect(isSecretKey(key)).toBe(false));
});
