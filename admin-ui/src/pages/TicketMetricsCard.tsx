import { useQuery } from '@tanstack/react-query';
import { Alert, Box, Card, CardContent, CardHeader, Skeleton, Stack, Tooltip, Typography } from '@mui/material';
import { useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import { failureOf } from '../providers/apiErrors';
import { apiFetch, CONSOLE_API } from '../providers/http';

/** GET /api/console/ticket-metrics (docs/api-console.md, "Ticket dashboard and transfer audit"). */
interface TicketMetrics {
  open: Record<string, number>;
  breached: number;
  closedPerDay: Array<{ day: string; state: string; count: number }>;
  medianHoursToCompletion: number | null;
  completedInPeriod: number;
  periodDays: number;
}

const OPEN_ORDER = ['received', 'validating', 'needs_review', 'approved', 'processing'];
const CLOSED_COLORS: Record<string, string> = {
  completed: 'success.main',
  partially_completed: 'warning.main',
  failed: 'error.main',
  rejected: 'grey.600',
  auto_rejected: 'grey.500',
  cancelled: 'grey.400',
};

const useTicketMetrics = () => {
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  return useQuery({
    queryKey: ['console', 'ticket-metrics'],
    queryFn: async ({ signal }): Promise<TicketMetrics> => {
      const response = await apiFetch(`${CONSOLE_API}/ticket-metrics`, { signal });
      if (!response.ok) {
        if (response.status === 401) await logoutIfAccessDenied({ status: 401 });
        throw failureOf(response);
      }
      return response.body as TicketMetrics;
    },
    refetchInterval: 60_000,
  });
};

/** Bars of plain boxes: a chart library would weigh more than the whole dashboard. */
const Bar = ({ value, max, color, label }: { value: number; max: number; color: string; label: string }) => (
  <Tooltip title={label}>
    <Box role="img" aria-label={label} sx={{ height: `${Math.max(2, (value / Math.max(1, max)) * 100)}%`, bgcolor: color, minHeight: value ? 2 : 0 }} />
  </Tooltip>
);

/** Bulk-transfer tickets (issue 7, SLA): open ones by state, SLA breaches, closures per day, median time to completion. */
export const TicketMetricsCard = () => {
  const translate = useTranslate();
  const { data, error, isPending } = useTicketMetrics();
  const days = data ? [...new Set(data.closedPerDay.map((d) => d.day))].sort() : [];
  const perDay = days.map((day) => ({ day, parts: data!.closedPerDay.filter((d) => d.day === day) }));
  const tallest = Math.max(1, ...perDay.map((d) => d.parts.reduce((n, p) => n + p.count, 0)));
  const widest = Math.max(1, ...OPEN_ORDER.map((s) => data?.open[s] ?? 0));
  const stateLabel = (state: string) => translate(`ikou.ticket_state.${state}`, { _: state });
  return (
    <Card component="section" aria-labelledby="ticket-metrics-title" data-testid="ticket-metrics">
      <CardHeader id="ticket-metrics-title" title={translate('ikou.dashboard.tickets.title')} slotProps={{ title: { component: 'h2', variant: 'h6' } }} />
      <CardContent>
        {isPending && <Skeleton variant="rectangular" height={160} />}
        {error && <Alert severity="error">{translate('ikou.dashboard.tickets.error')}</Alert>}
        {data && (
          <Stack spacing={2}>
            <Stack direction="row" spacing={3} sx={{ flexWrap: 'wrap' }}>
              <Typography variant="body1" data-testid="ticket-metrics-breached" data-breached={data.breached} color={data.breached ? 'error' : 'text.primary'}>
                {translate('ikou.dashboard.tickets.breached', { count: data.breached })}
              </Typography>
              <Typography variant="body1" data-testid="ticket-metrics-median">
                {data.medianHoursToCompletion === null
                  ? translate('ikou.dashboard.tickets.median_none', { days: data.periodDays })
                  : translate('ikou.dashboard.tickets.median', { hours: data.medianHoursToCompletion, count: data.completedInPeriod, days: data.periodDays })}
              </Typography>
            </Stack>
            <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 0.5 }} aria-label={translate('ikou.dashboard.tickets.open')}>
              {OPEN_ORDER.map((state) => (
                <Box component="li" key={state} data-testid="ticket-metrics-open" data-state={state} data-count={data.open[state] ?? 0} sx={{ display: 'grid', gridTemplateColumns: '12em 1fr 3em', alignItems: 'center', gap: 1 }}>
                  <Typography variant="body2">{stateLabel(state)}</Typography>
                  <Box sx={{ height: 8, bgcolor: 'action.hover', borderRadius: 1 }}>
                    <Box sx={{ height: 8, width: `${((data.open[state] ?? 0) / widest) * 100}%`, bgcolor: 'primary.main', borderRadius: 1 }} />
                  </Box>
                  <Typography variant="body2" sx={{ textAlign: 'right', fontWeight: 'bold' }}>
                    {data.open[state] ?? 0}
                  </Typography>
                </Box>
              ))}
            </Box>
            <Box>
              <Typography variant="body2" sx={{ mb: 1 }}>
                {translate('ikou.dashboard.tickets.closed_per_day', { days: data.periodDays })}
              </Typography>
              {perDay.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {translate('ikou.dashboard.tickets.none_closed')}
                </Typography>
              ) : (
                <Box sx={{ display: 'flex', alignItems: 'flex-end', gap: '2px', height: 120, borderBottom: 1, borderColor: 'divider' }} data-testid="ticket-metrics-closed">
                  {perDay.map(({ day, parts }) => (
                    <Box key={day} data-day={day} sx={{ flex: '1 1 0', maxWidth: 24, height: '100%', display: 'flex', flexDirection: 'column-reverse' }}>
                      {parts.map((p) => (
                        <Bar key={p.state} value={p.count} max={tallest} color={CLOSED_COLORS[p.state] ?? 'grey.500'} label={`${day} ${stateLabel(p.state)}: ${p.count}`} />
                      ))}
                    </Box>
                  ))}
                </Box>
              )}
            </Box>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
