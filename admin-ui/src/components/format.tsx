import { Box, Chip, Typography, type ChipProps } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';

const intlLocale = (locale: string) => (locale === 'ja' ? 'ja-JP' : 'en-GB');

/** An ISO time as the reader's local date and time (minutes), or a dash. */
export const useFormatTime = () => {
  const [locale] = useLocaleState();
  return (iso: string | null | undefined, withSeconds = false): string => {
    if (!iso) return '—';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toLocaleString(intlLocale(locale), {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
    });
  };
};

/** A calendar date (`2016-01-15`) as the reader writes dates. */
export const useFormatDate = () => {
  const [locale] = useLocaleState();
  return (value: string | null | undefined): string => {
    if (!value) return '—';
    const date = new Date(value.length === 10 ? `${value}T00:00:00` : value);
    if (Number.isNaN(date.getTime())) return value;
    return date.toLocaleDateString(intlLocale(locale), { year: 'numeric', month: '2-digit', day: '2-digit' });
  };
};

export const Time = ({ value, seconds }: { value: string | null | undefined; seconds?: boolean }) => {
  const format = useFormatTime();
  return (
    <Box component="time" dateTime={value ?? undefined} sx={{ whiteSpace: 'nowrap' }}>
      {format(value, seconds)}
    </Box>
  );
};

type ChipColor = ChipProps['color'];

const COLORS: Record<string, ChipColor> = {
  active: 'success',
  sent: 'success',
  completed: 'success',
  pending_password: 'warning',
  pending: 'warning',
  sending: 'info',
  failed: 'error',
  disabled: 'default',
  cancelled: 'default',
};

/**
 * A state (`failed`, `pending_password`, ...) as a chip with its translated label; `data-state` keeps
 * the code, for tests and for people who compare with the API.
 */
export const StateChip = ({ group, value, testId }: { group: string; value: string | null | undefined; testId?: string }) => {
  const translate = useTranslate();
  if (!value) return <>—</>;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={COLORS[value] ?? 'default'}
      label={translate(`ikou.${group}.${value}`, { _: value })}
      data-state={value}
      data-testid={testId}
    />
  );
};

/** A yes/no cell. */
export const YesNo = ({ value }: { value: boolean | null | undefined }) => {
  const translate = useTranslate();
  return <>{value === null || value === undefined ? '—' : translate(value ? 'ra.boolean.true' : 'ra.boolean.false')}</>;
};

/** A monospace identifier (network ID, code). */
export const Mono = ({ children }: { children: string | null | undefined }) => (
  <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
    {children ?? '—'}
  </Typography>
);
