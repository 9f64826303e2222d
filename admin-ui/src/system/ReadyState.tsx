import { useId } from 'react';
import { Box, Button, Chip, Stack, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useLocaleState, useTranslate } from 'react-admin';
import { useReadiness } from './readiness';

export interface ReadyStateProps {
  /** Also show each check's message, the time of the check and a refresh button. */
  detailed?: boolean;
  /** Poll /ready every this many milliseconds. */
  pollMs?: number;
}

/**
 * The API's readiness (Postgres, Redis). The `ready-state` element always carries the raw state code
 * (`ok`, `error`, or `loading` before the first answer) beside the translated label, for people and
 * for browser tests alike.
 */
export const ReadyState = ({ detailed = false, pollMs }: ReadyStateProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const headingId = useId();
  const { readiness, loading, refresh } = useReadiness(pollMs);
  const state = readiness?.status ?? 'loading';

  return (
    <Box component="section" aria-labelledby={headingId} aria-busy={loading}>
      <Typography id={headingId} component="h2" variant="subtitle1" gutterBottom>
        {translate('ikou.ready.title')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="status">
        <Chip
          color={state === 'ok' ? 'success' : state === 'error' ? 'error' : 'default'}
          icon={state === 'ok' ? <CheckCircleIcon /> : state === 'error' ? <ErrorIcon /> : undefined}
          label={
            <span data-testid="ready-state" data-state={state}>
              {translate(`ikou.ready.state.${state}`)} ({state})
            </span>
          }
        />
        {readiness?.checks.map((check) => (
          <Chip
            key={check.name}
            size="small"
            variant="outlined"
            color={check.up ? 'success' : 'error'}
            data-testid={`ready-check-${check.name}`}
            label={`${translate(`ikou.ready.component.${check.name}`, { _: check.name })}: ${translate(
              check.up ? 'ikou.ready.check.up' : 'ikou.ready.check.down',
            )}`}
          />
        ))}
      </Stack>
      {readiness && !readiness.reachable && (
        <Typography variant="body2" color="error" sx={{ mt: 1 }}>
          {translate('ikou.ready.unreachable')}
        </Typography>
      )}
      {detailed && readiness && (
        <Box sx={{ mt: 2 }}>
          {readiness.checks
            .filter((check) => check.message)
            .map((check) => (
              <Typography key={check.name} variant="body2" color="error">
                {translate(`ikou.ready.component.${check.name}`, { _: check.name })}: {check.message}
              </Typography>
            ))}
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('ikou.ready.checked_at', { time: readiness.checkedAt.toLocaleTimeString(locale) })}
          </Typography>
          <Button startIcon={<RefreshIcon />} onClick={refresh} disabled={loading} sx={{ mt: 1 }}>
            {translate('ikou.ready.refresh')}
          </Button>
        </Box>
      )}
    </Box>
  );
};
