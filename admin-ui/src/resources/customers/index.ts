import { lazy } from 'react';
import PeopleIcon from '@mui/icons-material/People';
import type { ResourceProps } from 'react-admin';

/** Customers (domain.md §6.2–6.6): agents and supervisors. The pages load on first use. */
export const customers: Omit<ResourceProps, 'name'> = {
  list: lazy(() => import('./CustomerList').then((m) => ({ default: m.CustomerList }))),
  show: lazy(() => import('./CustomerShow').then((m) => ({ default: m.CustomerShow }))),
  icon: PeopleIcon,
  recordRepresentation: 'email',
};
