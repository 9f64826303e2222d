/**
 * Every HTTP route of the app and who may call it: the one table the abuse tests are generated from
 * (test/api/abuse-route-access.e2e-spec.ts walks it with every caller, abuse-sessions.e2e-spec.ts sends
 * its cookie-authenticated writes without a CSRF token). The console part is the role table of
 * docs/security.md ("Console roles"). Paths are written as Fastify registers them (`:id`); `example`
 * fills the parameters with ids no one has, so an allowed call changes nothing.
 *
 * - `public`: anyone; each step refuses without its own proof (a flow token, a password, a link).
 * - `customer`: a customer session (`ikou_session`); a staff session does not count.
 * - a list of roles: a staff session (`ikou_staff`) of one of them; deny by default.
 */
export type StaffRole = 'agent' | 'supervisor' | 'admin';
export type Caller = 'anonymous' | 'customer' | StaffRole;
export type Access = 'public' | 'customer' | StaffRole[];
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteRow {
  method: Method;
  path: string;
  access: Access;
  example?: string;
  /** Registered only when NODE_ENV=test (moves the clock, lists these routes). */
  testOnly?: boolean;
}

export const CALLERS: Caller[] = ['anonymous', 'customer', 'agent', 'supervisor', 'admin'];

/** An id no one has: an allowed call answers 400 or 404, never 401/403. */
export const ZERO = '00000000-0000-4000-8000-000000000000';
const NOBODY = `/api/console/customers/${ZERO}`;
const DESK: StaffRole[] = ['agent', 'supervisor'];
const ALL_STAFF: StaffRole[] = ['agent', 'supervisor', 'admin'];

export const ROUTES: RouteRow[] = [
  // Operations, API docs, the two UIs
  { method: 'GET', path: '/health', access: 'public' },
  { method: 'GET', path: '/ready', access: 'public' },
  { method: 'GET', path: '/metrics', access: 'public' },
  { method: 'GET', path: '/api/docs', access: 'public' },
  { method: 'GET', path: '/api/docs/', access: 'public' },
  { method: 'GET', path: '/api/docs/*', access: 'public', example: '/api/docs/swagger-ui.css' },
  { method: 'GET', path: '/api/docs/LICENSE', access: 'public' },
  { method: 'GET', path: '/api/docs/docs/*', access: 'public', example: '/api/docs/docs/swagger-ui.css' },
  { method: 'GET', path: '/api/docs/docs/swagger-ui-init.js', access: 'public' },
  { method: 'GET', path: '/api/docs/index.html', access: 'public' },
  { method: 'GET', path: '/api/docs/swagger-ui-init.js', access: 'public' },
  { method: 'GET', path: '/api/docs-json', access: 'public' },
  { method: 'GET', path: '/api/docs-yaml', access: 'public' },
  { method: 'GET', path: '/*', access: 'public', example: '/contracts' },
  { method: 'GET', path: '/console/*', access: 'public', example: '/console/tickets' },
  { method: 'POST', path: '/api/test/clock/advance', access: 'public', testOnly: true },
  { method: 'POST', path: '/api/test/clock/reset', access: 'public', testOnly: true },
  { method: 'GET', path: '/api/test/routes', access: 'public', testOnly: true },

  // Customer site: registration, password links, sign-in steps (public), then the signed-in pages
  { method: 'GET', path: '/api/customer/registration/terms', access: 'public' },
  { method: 'POST', path: '/api/customer/registration/legacy-check', access: 'public' },
  { method: 'POST', path: '/api/customer/registration/complete', access: 'public' },
  { method: 'POST', path: '/api/customer/password/token-status', access: 'public' },
  { method: 'POST', path: '/api/customer/password/set', access: 'public' },
  { method: 'POST', path: '/api/customer/password/request-link', access: 'public' },
  { method: 'POST', path: '/api/customer/login/password', access: 'public' },
  { method: 'POST', path: '/api/customer/login/enroll/totp/start', access: 'public' },
  { method: 'POST', path: '/api/customer/login/enroll/totp/confirm', access: 'public' },
  { method: 'POST', path: '/api/customer/login/enroll/phone/start', access: 'public' },
  { method: 'POST', path: '/api/customer/login/enroll/email/start', access: 'public' },
  { method: 'POST', path: '/api/customer/login/enroll/code/resend', access: 'public' },
  { method: 'POST', path: '/api/customer/login/enroll/code/confirm', access: 'public' },
  { method: 'POST', path: '/api/customer/login/challenge/totp', access: 'public' },
  { method: 'POST', path: '/api/customer/login/challenge/send', access: 'public' },
  { method: 'POST', path: '/api/customer/login/challenge/code', access: 'public' },
  { method: 'POST', path: '/api/customer/login/challenge/recovery', access: 'public' },
  { method: 'POST', path: '/api/customer/login/recovery-ack', access: 'public' },
  { method: 'GET', path: '/api/customer/session', access: 'customer' },
  { method: 'POST', path: '/api/customer/logout', access: 'customer' },
  { method: 'GET', path: '/api/customer/contracts', access: 'customer' },
  { method: 'GET', path: '/api/customer/contracts/attach', access: 'customer' },
  { method: 'POST', path: '/api/customer/contracts/attach/verify', access: 'customer' },
  { method: 'POST', path: '/api/customer/contracts/attach/confirm', access: 'customer' },
  { method: 'DELETE', path: '/api/customer/contracts/attach/items/:networkId', access: 'customer', example: '/api/customer/contracts/attach/items/ZZ00000000' },
  { method: 'GET', path: '/api/customer/bulk-transfer', access: 'customer' },
  { method: 'POST', path: '/api/customer/bulk-transfer', access: 'customer' },
  { method: 'GET', path: '/api/customer/mfa', access: 'customer' },
  { method: 'POST', path: '/api/customer/mfa/step-up', access: 'customer' },
  { method: 'POST', path: '/api/customer/mfa/step-up/send', access: 'customer' },
  { method: 'POST', path: '/api/customer/mfa/totp/start', access: 'customer' },
  { method: 'POST', path: '/api/customer/mfa/totp/confirm', access: 'customer' },
  { method: 'POST', path: '/api/customer/mfa/code/start', access: 'customer' },
  { method: 'POST', path: '/api/customer/mfa/code/confirm', access: 'customer' },
  { method: 'DELETE', path: '/api/customer/mfa/factors/:id', access: 'customer', example: `/api/customer/mfa/factors/${ZERO}` },
  { method: 'POST', path: '/api/customer/mfa/recovery-code', access: 'customer' },
  { method: 'DELETE', path: '/api/customer/mfa/devices/:id', access: 'customer', example: `/api/customer/mfa/devices/${ZERO}` },
  { method: 'POST', path: '/api/customer/mfa/sessions/end-others', access: 'customer' },

  // Console: the sign-in steps are public (each needs its own proof), everything else names its roles
  { method: 'POST', path: '/api/console/auth/password', access: 'public' },
  { method: 'POST', path: '/api/console/auth/totp/enroll', access: 'public' },
  { method: 'POST', path: '/api/console/auth/totp/challenge', access: 'public' },
  { method: 'GET', path: '/api/console/auth/me', access: ALL_STAFF },
  { method: 'POST', path: '/api/console/auth/logout', access: ALL_STAFF },
  { method: 'POST', path: '/api/console/tickets', access: DESK },
  { method: 'POST', path: '/api/console/tickets/import', access: DESK },
  { method: 'GET', path: '/api/console/tickets', access: DESK },
  { method: 'GET', path: '/api/console/tickets/:id', access: DESK, example: `/api/console/tickets/${ZERO}` },
  { method: 'GET', path: '/api/console/tickets/:id/items', access: DESK, example: `/api/console/tickets/${ZERO}/items` },
  { method: 'GET', path: '/api/console/tickets/:id/progress', access: DESK, example: `/api/console/tickets/${ZERO}/progress` },
  { method: 'POST', path: '/api/console/tickets/:id/assign', access: DESK, example: `/api/console/tickets/${ZERO}/assign` },
  { method: 'POST', path: '/api/console/tickets/:id/notes', access: DESK, example: `/api/console/tickets/${ZERO}/notes` },
  { method: 'POST', path: '/api/console/tickets/:id/items/:itemId/exclusion', access: DESK, example: `/api/console/tickets/${ZERO}/items/1/exclusion` },
  { method: 'POST', path: '/api/console/tickets/:id/submit', access: DESK, example: `/api/console/tickets/${ZERO}/submit` },
  { method: 'POST', path: '/api/console/tickets/:id/approve', access: ['supervisor'], example: `/api/console/tickets/${ZERO}/approve` },
  { method: 'POST', path: '/api/console/tickets/:id/reject', access: DESK, example: `/api/console/tickets/${ZERO}/reject` },
  { method: 'GET', path: '/api/console/customers', access: DESK },
  { method: 'GET', path: '/api/console/customers/:id', access: DESK, example: NOBODY },
  { method: 'POST', path: '/api/console/customers/:id/contracts', access: DESK, example: `${NOBODY}/contracts` },
  { method: 'POST', path: '/api/console/customers/:id/contracts/:networkId/unlink', access: ['supervisor'], example: `${NOBODY}/contracts/IS10010001/unlink` },
  { method: 'POST', path: '/api/console/customers/:id/mfa-reset', access: DESK, example: `${NOBODY}/mfa-reset` },
  { method: 'POST', path: '/api/console/customers/:id/recovery-code', access: DESK, example: `${NOBODY}/recovery-code` },
  { method: 'POST', path: '/api/console/customers/:id/lockouts/:networkId/clear', access: DESK, example: `${NOBODY}/lockouts/IS10010001/clear` },
  { method: 'POST', path: '/api/console/customers/:id/password-link', access: DESK, example: `${NOBODY}/password-link` },
  { method: 'GET', path: '/api/console/audit', access: ['supervisor', 'admin'] },
  { method: 'GET', path: '/api/console/audit/export.csv', access: ['supervisor', 'admin'], example: '/api/console/audit/export.csv?action=nothing.matches' },
  { method: 'POST', path: '/api/console/audit/verification', access: ['supervisor', 'admin'] },
  { method: 'GET', path: '/api/console/messages', access: ALL_STAFF },
  { method: 'POST', path: '/api/console/messages/:id/retry', access: ALL_STAFF, example: `/api/console/messages/${ZERO}/retry` },
  { method: 'GET', path: '/api/console/ticket-metrics', access: ALL_STAFF },
  { method: 'GET', path: '/api/console/transfers', access: ['supervisor'] },
  { method: 'GET', path: '/api/console/transfers/:id', access: ['supervisor'], example: `/api/console/transfers/${ZERO}` },
  { method: 'GET', path: '/api/console/transfers/:id/report.csv', access: ['supervisor'], example: `/api/console/transfers/${ZERO}/report.csv` },
  { method: 'POST', path: '/api/console/transfers/:id/audit', access: ['supervisor'], example: `/api/console/transfers/${ZERO}/audit` },
  { method: 'GET', path: '/api/console/funnel', access: ALL_STAFF },
  { method: 'GET', path: '/api/console/funnel/stuck', access: ALL_STAFF },
  { method: 'GET', path: '/api/console/imports', access: ['supervisor', 'admin'] },
  { method: 'POST', path: '/api/console/imports', access: ['supervisor', 'admin'] },
  { method: 'GET', path: '/api/console/imports/:id', access: ['supervisor', 'admin'], example: `/api/console/imports/${ZERO}` },
  { method: 'GET', path: '/api/console/queues', access: ['admin'] },
  { method: 'GET', path: '/api/console/queues/:name/failed', access: ['admin'], example: '/api/console/queues/mail/failed' },
  { method: 'POST', path: '/api/console/queues/:name/jobs/:jobId/retry', access: ['admin'], example: '/api/console/queues/mail/jobs/none/retry' },
  { method: 'GET', path: '/api/console/staff', access: ['admin'] },
  { method: 'POST', path: '/api/console/staff', access: ['admin'] },
  { method: 'GET', path: '/api/console/staff/:id', access: ['admin'], example: `/api/console/staff/${ZERO}` },
  { method: 'PATCH', path: '/api/console/staff/:id', access: ['admin'], example: `/api/console/staff/${ZERO}` },
  { method: 'POST', path: '/api/console/staff/:id/totp-reset', access: ['admin'], example: `/api/console/staff/${ZERO}/totp-reset` },
];

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** Whether `caller` may call a route of this access (the guard lets it through). */
export function allows(access: Access, caller: Caller): boolean {
  if (access === 'public') return true;
  if (access === 'customer') return caller === 'customer';
  return (access as string[]).includes(caller);
}

/** The guard's refusal a denied caller gets: 401 without the right kind of session, 403 for a wrong role. */
export function denial(access: Exclude<Access, 'public'>, caller: Caller): { status: number; code: string } {
  if (access === 'customer') return { status: 401, code: 'not_signed_in' };
  if (caller === 'anonymous' || caller === 'customer') return { status: 401, code: 'staff_not_signed_in' };
  return { status: 403, code: 'forbidden_role' };
}

/** Writes that a session cookie authenticates: each must refuse a request without its session's CSRF token. */
export const COOKIE_WRITES = ROUTES.filter((r) => r.access !== 'public' && r.method !== 'GET');
