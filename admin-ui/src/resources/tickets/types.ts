/** The ticket states (domain.md §5). */
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

/** The states in which the desk still owes the customer an answer. */
export const OPEN_STATES: readonly TicketState[] = ['received', 'validating', 'needs_review', 'approved', 'processing'];
/** The states a page keeps watching (every second): the workers move the ticket on by themselves. */
export const MOVING_STATES: readonly TicketState[] = ['received', 'validating', 'approved', 'processing'];
/** After approval the execution worker links the contracts: the page shows how far it got. */
export const EXECUTION_STATES: readonly TicketState[] = ['approved', 'processing', 'completed', 'partially_completed', 'failed'];
/** Staff may reject (with a reason for the customer) in these states. */
export const REJECTABLE_STATES: readonly TicketState[] = ['received', 'validating', 'needs_review', 'approved'];

/** The classes of a plan's items (server: bulk-transfer/plan.ts), in the order the page shows them. */
export const ITEM_CLASSES = ['to_link', 'linked_here', 'linked_elsewhere', 'excluded_service', 'cancelled', 'post_cutover', 'top_cruise'] as const;

export type TopCruiseFlag = 'remark_without_link' | 'link_without_remark';

/** GET /api/console/tickets (one row). */
export interface TicketRow {
  id: string;
  number: string;
  state: TicketState;
  open: boolean;
  email: string;
  networkId: string;
  remark: string;
  channel: string;
  topCruiseFlag: TopCruiseFlag | null;
  autoRejectReason: string | null;
  receivedAt: string;
  dueAt: string;
  ageDays: number;
  breached: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
  submitted: boolean;
  preparedBy: string | null;
  approvedBy: string | null;
  toLink: number;
}

/** GET /api/console/tickets/{id}/items (one row). */
export interface TicketItem {
  id: number;
  networkId: string;
  serviceType: string;
  serviceName: { ja: string; en: string };
  class: string;
  excludedReason: string | null;
  result: string | null;
  resultAt: string | null;
}

export interface TicketProgress {
  planned: number;
  done: number;
  linked: number;
  alreadyLinked: number;
  conflicts: number;
}

/** GET /api/console/tickets/{id}: the counts of its items, never the items (GET …/items, a page at a time). */
export interface Ticket extends TicketRow {
  billingAccount: { code: string; customerName: string; consolidated: boolean; topCruiseLinked: boolean } | null;
  preparedByName: string | null;
  approvedByName: string | null;
  customerReason: string | null;
  progress: TicketProgress;
  classes: Record<string, number>;
  history: Array<{ from: string | null; to: string; actor: { type: string; id: string | null; name: string | null }; reason: string | null; at: string }>;
  notes: Array<{ id: number; body: string; by: string; at: string }>;
}

/** GET /api/console/tickets/{id}/progress: what the page polls while a worker moves the ticket on. */
export interface TicketProgressAnswer {
  id: string;
  state: TicketState;
  open: boolean;
  updatedAt: string;
  toLink: number;
  progress: TicketProgress;
  classes: Record<string, number>;
}

/** Coming from the list, react-admin shows the row while the page loads: only a record with a history is the ticket page. */
export const isTicket = (record: unknown): record is Ticket => Array.isArray((record as Partial<Ticket> | undefined)?.history);
