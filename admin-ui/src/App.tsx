import { QueryClient } from '@tanstack/react-query';
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes } from 'react-admin';
import { Layout } from './Layout';
import { Dashboard } from './pages/Dashboard';
import { LoginPage } from './pages/LoginPage';
import { StatusPage } from './pages/StatusPage';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';

// react-query retries failed queries three times with back-off; an auth check that says "signed out"
// would then keep the sign-in page away for ~15 s. HTTP errors are answers, not glitches: no retries.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

/**
 * The back-office console. Resources go here as they arrive, one folder each under resources/
 * exporting { list, show, edit, create, icon, recordRepresentation }:
 *   <Resource name="tickets" {...tickets} />
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
    <CustomRoutes>
      <Route path="/status" element={<StatusPage />} />
    </CustomRoutes>
  </Admin>
);
