import { lazy } from 'react';
import AssignmentIcon from '@mui/icons-material/Assignment';
import type { ResourceProps } from 'react-admin';

/** Bulk-transfer tickets (domain.md §5, §6.1): agents and supervisors. The pages load on first use. */
export const tickets: Omit<ResourceProps, 'name'> = {
  list: lazy(() => import('./TicketList').then((m) => ({ default: m.TicketList }))),
  show: lazy(() => import('./TicketShow').then((m) => ({ default: m.TicketShow }))),
  icon: AssignmentIcon,
  recordRepresentation: 'number',
};
