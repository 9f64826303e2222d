import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Skeleton,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import {
  DataTable,
  Link,
  ListBase,
  Pagination,
  Title,
  useCreatePath,
  useListContext,
  useLogoutIfAccessDenied,
  useTranslate,
} from 'react-admin';
import { StateChip, Time } from '../components/format';
import { useRoleCan } from '../components/useRoleCan';
import { failureOf } from '../providers/apiErrors';
import { apiFetch, CONSOLE_API } from '../providers/http';
import { PasswordLinkButton } from '../resources/customers/CustomerActions';
import { ReadyState } from '../system/ReadyState';
import { TicketMetricsCard } from './TicketMetricsCard';

const Column = DataTable.Col<StuckCustomer>;

/** GET /api/console/funnel (docs/api-console.md, "Dashboard: migration funnel"). */
interface Funnel {
  contracts: { eligible: number; linked: number };
  stages: Array<{ stage: string; customers: number }>;
  stuck: { no_password: number; no_mfa: number };
  stuckAfterDays: number;
}

/** GET /api/console/funnel/stuck (one customer). */
interface StuckCustomer {
  id: string;
  email: string;
  state: string;
  kind: 'no_password' | 'no_mfa';
  createdAt: string;
  lastPasswordMailAt: string | null;
}

const useFunnel = () => {
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  return useQuery({
    queryKey: ['console', 'funnel'],
    queryFn: async ({ signal }): Promise<Funnel> => {
      const response = await apiFetch(`${CONSOLE_API}/funnel`, { signal });
      if (!response.ok) {
        if (response.status === 401) await logoutIfAccessDenied({ status: 401 });
        throw failureOf(response);
      }
      return response.body as Funnel;
    },
    refetchInterval: 60_000,
  });
};

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** The migration funnel: how many customers reached each stage, and the contracts linked so far. */
const FunnelCard = () => {
  const translate = useTranslate();
  const { data: funnel, error, isPending } = useFunnel();
  const widest = Math.max(1, ...(funnel?.stages.map((s) => s.customers) ?? []));
  return (
    <Card component="section" aria-labelledby="funnel-title" data-testid="funnel">
      <CardHeader id="funnel-title" title={translate('ikou.dashboard.funnel.title')} slotProps={{ title: { component: 'h2', variant: 'h6' } }} />
      <CardContent>
        {isPending && <Skeleton variant="rectangular" height={160} />}
        {error && (
          <Alert severity="error" data-testid="funnel-error">
            {translate('ikou.dashboard.funnel.error')}
          </Alert>
        )}
        {funnel && (
          <Stack spacing={2}>
            <Box data-testid="funnel-contracts" data-eligible={funnel.contracts.eligible} data-linked={funnel.contracts.linked}>
              <Typography variant="body1">
                {translate('ikou.dashboard.funnel.contracts', {
                  linked: funnel.contracts.linked.toLocaleString(),
                  eligible: funnel.contracts.eligible.toLocaleString(),
                  percent: percent(funnel.contracts.linked, funnel.contracts.eligible),
                })}
              </Typography>
              <LinearProgress
                variant="determinate"
                value={percent(funnel.contracts.linked, funnel.contracts.eligible)}
                sx={{ height: 10, borderRadius: 5, mt: 1 }}
                aria-label={translate('ikou.dashboard.funnel.contracts_label')}
              />
            </Box>
            <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
              {funnel.stages.map((stage) => (
                <Box component="li" key={stage.stage} data-testid="funnel-stage" data-stage={stage.stage} data-customers={stage.customers}>
                  <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
                    <Typography variant="body2">{translate(`ikou.dashboard.stage.${stage.stage}`, { _: stage.stage })}</Typography>
                    <Typography variant="body2" sx={{ fontWeight: 'bold' }}>
                      {stage.customers.toLocaleString()}
                    </Typography>
                  </Stack>
                  <LinearProgress variant="determinate" value={(stage.customers / widest) * 100} sx={{ height: 6, borderRadius: 3 }} color="secondary" />
                </Box>
              ))}
            </Box>
            <Typography variant="body2" color="text.secondary" data-testid="funnel-stuck" data-no-password={funnel.stuck.no_password} data-no-mfa={funnel.stuck.no_mfa}>
              {translate('ikou.dashboard.funnel.stuck', {
                days: funnel.stuckAfterDays,
                no_password: funnel.stuck.no_password,
                no_mfa: funnel.stuck.no_mfa,
              })}
            </Typography>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};

const KindFilter = () => {
  const translate = useTranslate();
  const { filterValues, setFilters } = useListContext();
  const kind = typeof filterValues.kind === 'string' ? filterValues.kind : '';
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={kind}
      onChange={(_event, value: string | null) => setFilters(value ? { kind: value } : {}, {})}
      aria-label={translate('ikou.dashboard.stuck.kind')}
    >
      <ToggleButton value="" data-testid="stuck-kind-all">
        {translate('ikou.common.all')}
      </ToggleButton>
      <ToggleButton value="no_password" data-testid="stuck-kind-no_password">
        {translate('ikou.stuck_kind.no_password')}
      </ToggleButton>
      <ToggleButton value="no_mfa" data-testid="stuck-kind-no_mfa">
        {translate('ikou.stuck_kind.no_mfa')}
      </ToggleButton>
    </ToggleButtonGroup>
  );
};

const StuckEmail = ({ customer }: { customer: StuckCustomer }) => {
  const createPath = useCreatePath();
  const mayOpen = useRoleCan('customers', 'show');
  return mayOpen ? <Link to={createPath({ resource: 'customers', id: customer.id, type: 'show' })}>{customer.email}</Link> : <>{customer.email}</>;
};

/** Customers stuck for a week or more: no password yet (a resend helps), or no second factor. */
const StuckCard = () => {
  const translate = useTranslate();
  return (
    <Card component="section" aria-labelledby="stuck-title" data-testid="stuck">
      <CardHeader id="stuck-title" title={translate('ikou.dashboard.stuck.title')} slotProps={{ title: { component: 'h2', variant: 'h6' } }} />
      <CardContent>
        <ListBase<StuckCustomer> resource="funnel/stuck" disableSyncWithLocation storeKey={false} perPage={10} sort={{ field: 'createdAt', order: 'ASC' }}>
          <KindFilter />
          <DataTable<StuckCustomer> rowClick={false} bulkActionButtons={false} empty={<StuckEmpty />} sx={{ mt: 1 }}>
            <Column source="email" label="resources.customers.fields.email" disableSort render={(c) => <StuckEmail customer={c} />} />
            <Column source="kind" label="ikou.dashboard.stuck.kind" disableSort render={(c) => <StateChip group="stuck_kind" value={c.kind} />} />
            <Column source="createdAt" label="resources.customers.fields.createdAt" disableSort render={(c) => <Time value={c.createdAt} />} />
            <Column source="lastPasswordMailAt" label="ikou.dashboard.stuck.last_mail" disableSort render={(c) => <Time value={c.lastPasswordMailAt} />} />
            <Column
              label="ikou.common.actions"
              disableSort
              render={(c) => (c.kind === 'no_password' ? <PasswordLinkButton customerId={c.id} email={c.email} testId={`stuck-password-link-${c.id}`} /> : null)}
            />
          </DataTable>
          <Pagination rowsPerPageOptions={[10, 25, 50]} />
        </ListBase>
      </CardContent>
    </Card>
  );
};

const StuckEmpty = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 2 }} data-testid="stuck-empty">
      {translate('ikou.dashboard.stuck.empty')}
    </Typography>
  );
};

/** The console's start page: the migration funnel, who is stuck, the tickets' SLA, and the system's state. */
export const Dashboard = () => {
  const translate = useTranslate();
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 2 }}>
      <Title title="ikou.dashboard.title" />
      <Card>
        <CardHeader title={translate('ikou.dashboard.title')} slotProps={{ title: { component: 'h1' } }} />
        <CardContent>
          <Typography sx={{ mb: 2 }}>{translate('ikou.dashboard.intro')}</Typography>
          <ReadyState pollMs={30_000} />
        </CardContent>
      </Card>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: 'minmax(320px, 2fr) 3fr' }, alignItems: 'start' }}>
        <FunnelCard />
        <StuckCard />
      </Box>
      <TicketMetricsCard />
    </Stack>
  );
};

