import { lazy } from 'react';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import type { ResourceProps } from 'react-admin';

const pages = () => import('./ImportPages');

/** Legacy contract CSV imports (domain.md §6.8): supervisors and admins. The pages load on first use. */
export const imports: Omit<ResourceProps, 'name'> = {
  list: lazy(() => pages().then((m) => ({ default: m.ImportList }))),
  show: lazy(() => pages().then((m) => ({ default: m.ImportShow }))),
  icon: UploadFileIcon,
  recordRepresentation: 'fileName',
};
