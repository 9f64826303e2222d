import { lazy } from 'react';
import QueueIcon from '@mui/icons-material/Queue';
import type { ResourceProps } from 'react-admin';

/** Queue health (domain.md §6.9): admins. */
export const queues: Omit<ResourceProps, 'name'> = {
  list: lazy(() => import('./QueueList').then((m) => ({ default: m.QueueList }))),
  icon: QueueIcon,
};
