import { z } from 'zod';
import { emailField, networkIdField } from '../common/zod-fields';
import { STAFF_TICKET_CHANNELS, TOP_CRUISE_REMARK } from './inquiry';

/**
 * A request that reached the desk by the inquiry form, phone or mail, as an agent types it in or a CSV
 * row carries it: the same fields as the customer site's request (domain.md §4.4).
 */
export const staffTicketInput = z.object({
  email: emailField,
  networkId: networkIdField,
  remark: z
    .string({ message: `must be empty or ${TOP_CRUISE_REMARK}` })
    .trim()
    .refine((v) => v === '' || v === TOP_CRUISE_REMARK, `must be empty or ${TOP_CRUISE_REMARK}`)
    .default(''),
  channel: z.enum(STAFF_TICKET_CHANNELS as [string, ...string[]], { message: `must be one of ${STAFF_TICKET_CHANNELS.join(', ')}` }),
  sourceReference: z.string({ message: 'must be text' }).trim().max(200, 'must be at most 200 characters').optional(),
  receivedAt: z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-11-20T09:30:00+09:00' }).optional(),
  customerNote: z.string({ message: 'must be text' }).trim().max(2000, 'must be at most 2000 characters').optional(),
});

export type StaffTicketInput = z.infer<typeof staffTicketInput>;
