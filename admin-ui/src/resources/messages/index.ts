import { lazy } from 'react';
import OutboxIcon from '@mui/icons-material/Outbox';
import type { ResourceProps } from 'react-admin';

/** Outgoing mail, SMS and calls (domain.md §7): every role. */
export const messages: Omit<ResourceProps, 'name'> = {
  list: lazy(() => import('./MessageList').then((m) => ({ default: m.MessageList }))),
  icon: OutboxIcon,
};
