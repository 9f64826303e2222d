import { lazy } from 'react';
import { QueryClient } from '@tanstack/react-query';
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Resource, usePermissions } from 'react-admin';
import { Layout } from './Layout';
import { LoginPage } from './pages/LoginPage';
import { StatusPage } from './pages/StatusPage';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import { audit } from './resources/audit';
import { customers } from './resources/customers';
import { imports } from './resources/imports';
import { messages } from './resources/messages';
import { queues } from './resources/queues';
import { transfers } from './resources/transfers';
import { staff } from './resources/staff';
import { tickets } from './resources/tickets';

// react-query retries failed queries three times with back-off; an auth check that says "signed out"
// would then keep the sign-in page away for ~15 s. HTTP errors are answers, not glitches: no retries.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

// The pages load on first use (React.lazy; react-admin's layout suspends while a chunk arrives): the
// initial bundle is the shell and the sign-in page.
const LazyDashboard = lazy(() => import('./pages/Dashboard').then((m) => ({ default: m.Dashboard })));

/**
 * The dashboard once the session is confirmed. A signed-out visit to /console/ renders the dashboard
 * route while react-admin checks the session: its queries would each be refused and each refusal would
 * send the visitor to the sign-in page again (and its chunk would be fetched for nothing).
 */
const Dashboard = () => {
  // Not useAuthState: each more observer of the session check refetches it, and every failure sends
  // the visitor to the sign-in page once more. The role is known only with a session (never throws).
  const { permissions } = usePermissions();
  return permissions ? <LazyDashboard /> : null;
};

/**
 * The back-office console. Resources go here as they arrive, one folder each under resources/
 * exporting { list, show, edit, create, icon, recordRepresentation }:
 *   <Resource name="tickets" {...tickets} />
 * Who sees what is authProvider.canAccess (providers/access.ts): the menu lists only the resources the
 * signed-in role may use, and their pages refuse the others.
 * Routing is by hash (/console/#/status), so the API only has to serve /console/index.html.
 */
export const App = () => (
  <Admin
    title="ikou.app.title"
    queryClient={queryClient}
    authProvider={authProvider}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    dashboard={Dashboard}
    layout={Layout}
    disableTelemetry
  >
    <Resource name="tickets" {...tickets} />
    <Resource name="customers" {...customers} />
    <Resource name="messages" {...messages} />
    <Resource name="audit" {...audit} />
    <Resource name="staff" {...staff} />
    <Resource name="imports" {...imports} />
    <Resource name="queues" {...queues} />
    <Resource name="transfers" {...transfers} />
    <CustomRoutes>
      <Route path="/status" element={<StatusPage />} />
    </CustomRoutes>
  </Admin>
);
