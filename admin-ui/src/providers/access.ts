import type { StaffRole } from './authProvider';

const ALL: readonly StaffRole[] = ['agent', 'supervisor', 'admin'];
const DESK: readonly StaffRole[] = ['agent', 'supervisor'];
const SUPERVISOR: readonly StaffRole[] = ['supervisor'];
const AUDITORS: readonly StaffRole[] = ['supervisor', 'admin'];
const ADMIN: readonly StaffRole[] = ['admin'];

/**
 * Who may do what in the console: the role table of docs/security.md ("Console: staff sign-in and roles"),
 * by react-admin resource and action. The API enforces it; the console uses it to show only what a role
 * may use (menu entries, pages, buttons). Anything not listed is refused (deny by default, as the API).
 *
 * Besides react-admin's own actions (list, show, create, edit), the support actions have their own names.
 */
export const ACCESS: Readonly<Record<string, Readonly<Record<string, readonly StaffRole[]>>>> = {
  customers: {
    list: DESK,
    show: DESK,
    link: DESK,
    unlink: SUPERVISOR,
    'mfa-reset': DESK,
    'recovery-code': DESK,
    'clear-lockout': DESK,
    'password-link': DESK,
  },
  audit: { list: AUDITORS, export: AUDITORS, verify: AUDITORS },
  messages: { list: ALL, retry: ALL },
  staff: { list: ADMIN, show: ADMIN, create: ADMIN, edit: ADMIN, 'totp-reset': ADMIN },
  imports: { list: AUDITORS, show: AUDITORS, create: AUDITORS },
  queues: { list: ADMIN, retry: ADMIN },
  transfers: { list: SUPERVISOR, audit: SUPERVISOR },
  tickets: {
    list: DESK,
    show: DESK,
    assign: DESK,
    note: DESK,
    exclude: DESK,
    submit: DESK,
    approve: SUPERVISOR,
    reject: DESK,
  },
  // The dashboard's stuck-customer list (GET /api/console/funnel/stuck).
  'funnel/stuck': { list: ALL },
};

/** Whether `role` may do `action` on `resource`; false for an unknown role, resource or action. */
export const roleCan = (role: unknown, resource: string, action: string): boolean => {
  const roles = ACCESS[resource]?.[action];
  return roles !== undefined && typeof role === 'string' && roles.includes(role as StaffRole);
};
