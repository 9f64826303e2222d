import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Box, Button, Card, CardContent, CardHeader, Chip, Skeleton, Stack, Typography } from '@mui/material';
import ReplayIcon from '@mui/icons-material/Replay';
import RefreshIcon from '@mui/icons-material/Refresh';
import { Title, useLogoutIfAccessDenied, useNotify, useTranslate } from 'react-admin';
import { Mono, Time } from '../../components/format';
import { SimpleTable } from '../../components/SimpleTable';
import { useRoleCan } from '../../components/useRoleCan';
import { failureOf, postAction, type ApiFailure } from '../../providers/apiErrors';
import { apiFetch, CONSOLE_API } from '../../providers/http';

/** GET /api/console/queues (one queue). */
interface QueueOverview {
  name: string;
  counts: Record<'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'prioritized', number>;
}

/** GET /api/console/queues/{name}/failed (one job). */
interface FailedJob {
  id: string;
  queue: string;
  jobId: string;
  name: string;
  attemptsMade: number;
  failedReason: string;
  timestamp: string;
  finishedOn: string | null;
}

const COUNTS = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;
/** The failed jobs shown per queue (the newest; the API pages them). */
const FAILED_SHOWN = 50;

const useConsoleGet = <T,>(key: unknown[], path: string, refetchInterval: number | false) => {
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  return useQuery({
    queryKey: ['console', ...key],
    queryFn: async ({ signal }): Promise<{ body: T; total: number }> => {
      const response = await apiFetch(`${CONSOLE_API}${path}`, { signal });
      if (!response.ok) {
        if (response.status === 401) await logoutIfAccessDenied({ status: 401 });
        throw failureOf(response);
      }
      return { body: response.body as T, total: Number(response.headers.get('X-Total-Count') ?? 0) };
    },
    refetchInterval,
  });
};

const FailedJobs = ({ queue }: { queue: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const mayRetry = useRoleCan('queues', 'retry');
  const [retrying, setRetrying] = useState<string>();
  const { data, error } = useConsoleGet<FailedJob[]>(['queues', queue, 'failed'], `/queues/${encodeURIComponent(queue)}/failed?_start=0&_end=${FAILED_SHOWN}`, 10_000);
  if (error) return <Alert severity="error">{(error as unknown as ApiFailure).message}</Alert>;
  if (!data) return <Skeleton variant="rectangular" height={40} />;

  const retry = async (job: FailedJob) => {
    setRetrying(job.jobId);
    const answer = await postAction(`${CONSOLE_API}/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(job.jobId)}/retry`);
    setRetrying(undefined);
    if (answer.ok) notify('ikou.queues.retried', { type: 'success' });
    else
      notify(answer.failure.key ?? 'ikou.api_error.other', { type: 'error', messageArgs: { message: answer.failure.message, _: answer.failure.message } });
    await client.invalidateQueries({ queryKey: ['console', 'queues'] });
  };

  return (
    <Box>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {translate('ikou.queues.failed_jobs', { total: data.total })}
      </Typography>
      <SimpleTable
        testId={`queue-failed-${queue}`}
        empty="ikou.queues.no_failed"
        rows={data.body}
        rowKey={(j) => j.jobId}
        columns={[
          { label: 'ikou.queues.job.id', render: (j) => <Mono>{j.jobId}</Mono> },
          { label: 'ikou.queues.job.name', render: (j) => <Mono>{j.name}</Mono> },
          { label: 'ikou.queues.job.attempts', render: (j) => j.attemptsMade },
          { label: 'ikou.queues.job.reason', render: (j) => j.failedReason },
          { label: 'ikou.queues.job.failed_at', render: (j) => <Time value={j.finishedOn ?? j.timestamp} seconds /> },
          ...(mayRetry
            ? [
                {
                  label: 'ikou.common.actions',
                  render: (j: FailedJob) => (
                    <Button size="small" startIcon={<ReplayIcon />} disabled={retrying !== undefined} onClick={() => retry(j)} data-testid="queue-job-retry">
                      {translate('ikou.queues.retry')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Box>
  );
};

/**
 * The queues (docs/api-console.md, "Queues"): job counts per queue, refreshed every 5 s, and each queue's
 * failed jobs with a retry. Postgres stays the truth; the reconcilers re-enqueue unfinished work anyway.
 */
export const QueueList = () => {
  const translate = useTranslate();
  const client = useQueryClient();
  const { data, error, isPending } = useConsoleGet<QueueOverview[]>(['queues'], '/queues', 5_000);
  return (
    <Box sx={{ mt: 2 }} data-testid="queue-list">
      <Title title="resources.queues.name" />
      <Stack direction="row" sx={{ justifyContent: 'flex-end', mb: 1 }}>
        <Button size="small" startIcon={<RefreshIcon />} onClick={() => client.invalidateQueries({ queryKey: ['console', 'queues'] })} data-testid="queue-refresh">
          {translate('ra.action.refresh')}
        </Button>
      </Stack>
      {isPending && <Skeleton variant="rectangular" height={160} />}
      {error && (
        <Alert severity="error" data-testid="queue-error">
          {translate('ikou.queues.error')}
        </Alert>
      )}
      <Stack spacing={2}>
        {data?.body.map((queue) => (
          <Card key={queue.name} component="section" data-testid="queue" data-queue={queue.name}>
            <CardHeader title={<Mono>{queue.name}</Mono>} subheader={translate(`ikou.queues.name.${queue.name}`, { _: '' })} />
            <CardContent>
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
                {COUNTS.map((count) => (
                  <Chip
                    key={count}
                    variant="outlined"
                    color={count === 'failed' && queue.counts.failed > 0 ? 'error' : 'default'}
                    label={`${translate(`ikou.queues.count.${count}`)}: ${queue.counts[count] ?? 0}`}
                    data-testid={`queue-count-${count}`}
                    data-count={queue.counts[count] ?? 0}
                  />
                ))}
              </Stack>
              {queue.counts.failed > 0 ? (
                <FailedJobs queue={queue.name} />
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {translate('ikou.queues.no_failed')}
                </Typography>
              )}
            </CardContent>
          </Card>
        ))}
      </Stack>
    </Box>
  );
};
