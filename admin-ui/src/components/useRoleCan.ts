import { usePermissions } from 'react-admin';
import { roleCan } from '../providers/access';

/**
 * Whether the signed-in staff member's role may do `action` on `resource` (the role table of access.ts),
 * for buttons inside a page; false while the role is not known yet.
 */
export const useRoleCan = (resource: string, action: string): boolean => {
  const { permissions } = usePermissions();
  return roleCan(permissions, resource, action);
};
