import { lazy } from 'react';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import type { ResourceProps } from 'react-admin';

/** Executed bulk transfers for supervisors to sample and mark audited (issue 7, "Transfer audit"). */
export const transfers: Omit<ResourceProps, 'name'> = {
  list: lazy(() => import('./TransferList').then((m) => ({ default: m.TransferList }))),
  icon: FactCheckIcon,
};
