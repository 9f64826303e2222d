/**
 * The bulk-transfer ticket's states and transitions (domain.md §5), in one place: the intake here, the
 * engine (validation, review, approval, execution) and the console all go through `assertTransition`.
 */
export const TICKET_STATES = [
  'received',
  'validating',
  'needs_review',
  'auto_rejected',
  'approved',
  'processing',
  'completed',
  'partially_completed',
  'failed',
  'rejected',
  'cancelled',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** States in which the desk still owes the customer an answer; one such ticket per login account. */
export const OPEN_TICKET_STATES: readonly TicketState[] = ['received', 'validating', 'needs_review', 'approved', 'processing'];

export const isOpenState = (state: TicketState): boolean => OPEN_TICKET_STATES.includes(state);

/** Who may move a ticket: the queue workers (`system`), desk agents, supervisors (who may also do what agents do). */
export type TicketActor = 'system' | 'agent' | 'supervisor';

interface Transition {
  from: readonly TicketState[];
  to: TicketState;
  by: readonly TicketActor[];
}

const STAFF: readonly TicketActor[] = ['agent', 'supervisor'];

export const TICKET_TRANSITIONS: readonly Transition[] = [
  { from: ['received'], to: 'validating', by: ['system'] },
  { from: ['validating'], to: 'needs_review', by: ['system'] },
  { from: ['validating'], to: 'auto_rejected', by: ['system'] },
  // Re-validation on approval when the data changed since the plan.
  { from: ['needs_review'], to: 'validating', by: ['system', ...STAFF] },
  { from: ['needs_review'], to: 'approved', by: ['supervisor'] },
  { from: ['approved'], to: 'processing', by: ['system'] },
  { from: ['processing'], to: 'completed', by: ['system'] },
  { from: ['processing'], to: 'partially_completed', by: ['system'] },
  { from: ['processing'], to: 'failed', by: ['system'] },
  { from: ['received', 'validating', 'needs_review', 'approved'], to: 'rejected', by: STAFF },
  { from: OPEN_TICKET_STATES, to: 'cancelled', by: STAFF },
];

export class TicketTransitionError extends Error {
  constructor(
    readonly from: TicketState,
    readonly to: TicketState,
    readonly by: TicketActor,
  ) {
    super(`a ticket cannot go from ${from} to ${to} by ${by}`);
  }
}

export function canTransition(from: TicketState, to: TicketState, by: TicketActor): boolean {
  return TICKET_TRANSITIONS.some((t) => t.to === to && t.from.includes(from) && t.by.includes(by));
}

export function assertTransition(from: TicketState, to: TicketState, by: TicketActor): void {
  if (!canTransition(from, to, by)) throw new TicketTransitionError(from, to, by);
}
