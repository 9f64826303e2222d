import { lazy } from 'react';
import BadgeIcon from '@mui/icons-material/Badge';
import type { ResourceProps } from 'react-admin';

const pages = () => import('./StaffPages');

/** Staff accounts (domain.md §6.10): admins. */
export const staff: Omit<ResourceProps, 'name'> = {
  list: lazy(() => pages().then((m) => ({ default: m.StaffList }))),
  create: lazy(() => pages().then((m) => ({ default: m.StaffCreate }))),
  edit: lazy(() => pages().then((m) => ({ default: m.StaffEdit }))),
  icon: BadgeIcon,
  recordRepresentation: 'email',
};
