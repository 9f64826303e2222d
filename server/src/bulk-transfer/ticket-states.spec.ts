import { assertTransition, canTransition, isOpenState, OPEN_TICKET_STATES, TICKET_STATES, TicketTransitionError } from './ticket-states';

describe('the bulk-transfer ticket state machine (domain.md §5)', () => {
  it('walks the happy path only by the actors allowed', () => {
    expect(canTransition('received', 'validating', 'system')).toBe(true);
    expect(canTransition('validating', 'needs_review', 'system')).toBe(true);
    expect(canTransition('needs_review', 'approved', 'supervisor')).toBe(true);
    expect(canTransition('needs_review', 'approved', 'agent')).toBe(false);
    expect(canTransition('approved', 'processing', 'system')).toBe(true);
    expect(canTransition('processing', 'completed', 'system')).toBe(true);
    expect(canTransition('processing', 'completed', 'supervisor')).toBe(false);
  });

  it('lets staff cancel any open ticket but nothing leave a closed one', () => {
    for (const state of OPEN_TICKET_STATES) expect(canTransition(state, 'cancelled', 'agent')).toBe(true);
    const closed = TICKET_STATES.filter((s) => !isOpenState(s));
    expect(closed.sort()).toEqual(['auto_rejected', 'cancelled', 'completed', 'failed', 'partially_completed', 'rejected']);
    for (const from of closed) for (const to of TICKET_STATES) for (const by of ['system', 'agent', 'supervisor'] as const) expect(canTransition(from, to, by)).toBe(false);
  });

  it('never skips validation or approval', () => {
    expect(canTransition('received', 'approved', 'supervisor')).toBe(false);
    expect(canTransition('received', 'processing', 'system')).toBe(false);
    expect(canTransition('needs_review', 'processing', 'system')).toBe(false);
    expect(() => assertTransition('processing', 'rejected', 'supervisor')).toThrow(TicketTransitionError);
  });
});
