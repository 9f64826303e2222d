import { lazy } from 'react';
import PolicyIcon from '@mui/icons-material/Policy';
import type { ResourceProps } from 'react-admin';

/** The audit log (domain.md §6.7): supervisors and admins. */
export const audit: Omit<ResourceProps, 'name'> = {
  list: lazy(() => import('./AuditList').then((m) => ({ default: m.AuditList }))),
  icon: PolicyIcon,
};
