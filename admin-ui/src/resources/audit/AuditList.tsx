import { useState } from 'react';
import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/Verified';
import {
  DataTable,
  DateTimeInput,
  FilterButton,
  List,
  SelectInput,
  TextInput,
  TopToolbar,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Mono, Time } from '../../components/format';
import { useRoleCan } from '../../components/useRoleCan';
import { postAction, type ApiFailure } from '../../providers/apiErrors';
import { CONSOLE_API } from '../../providers/http';
import { AuditAction } from '../../components/records';

const Column = DataTable.Col<AuditEvent>;

/** GET /api/console/audit (one event). */
interface AuditEvent {
  id: number;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  reason: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

const ACTOR_TYPES = ['customer', 'staff', 'system', 'anonymous'];

/** The filters the list and the CSV export share (docs/api-console.md, "Audit log"). */
export const AUDIT_FILTERS = ['actorType', 'actorId', 'action', 'targetType', 'targetId', 'from', 'to'] as const;

// <input type="datetime-local"> gives the reader's local time without an offset; the API wants one.
const fromLocal = (value: string) => (value ? new Date(value).toISOString() : null);
// "to" names a minute: everything within it is included.
const toLocal = (value: string) => (value ? new Date(new Date(value).getTime() + 59_999).toISOString() : null);

const auditFilters = [
  <SelectInput
    key="actorType"
    source="actorType"
    alwaysOn
    choices={ACTOR_TYPES.map((id) => ({ id, name: `ikou.actor_type.${id}` }))}
    emptyText="ikou.common.all"
  />,
  <TextInput key="action" source="action" alwaysOn helperText="ikou.audit.action_help" />,
  <TextInput key="targetId" source="targetId" alwaysOn />,
  <DateTimeInput key="from" source="from" alwaysOn parse={fromLocal} />,
  <DateTimeInput key="to" source="to" alwaysOn parse={toLocal} />,
  <TextInput key="actorId" source="actorId" />,
  <TextInput key="targetType" source="targetType" helperText="ikou.audit.target_type_help" />,
];

/** The export of what the list shows: the same filters, every matching event, oldest first. */
export const exportHref = (filterValues: Record<string, unknown>): string => {
  const query = new URLSearchParams();
  for (const name of AUDIT_FILTERS) {
    const value = filterValues[name];
    if (typeof value === 'string' && value.trim()) query.set(name, value.trim());
  }
  const search = query.toString();
  return `${CONSOLE_API}/audit/export.csv${search ? `?${search}` : ''}`;
};

/**
 * A plain link: the browser streams the file (the API sends it as an attachment) with the session
 * cookie, however large; nothing goes through the console's memory.
 */
const ExportCsvButton = () => {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  if (!useRoleCan('audit', 'export')) return null;
  return (
    <Button size="small" component="a" href={exportHref(filterValues)} download startIcon={<DownloadIcon />} data-testid="audit-export">
      {translate('ikou.audit.export')}
    </Button>
  );
};

type Verification =
  | { ok: true; rows: number; head: { id: number; hash: string } | null }
  | { ok: false; rowsChecked: number; firstBrokenId: number; reason: string; detail: string; event: { id: number; action: string; occurredAt: string } | null };

/** POST /api/console/audit/verification: walks the hash chain now and says whether it is intact. */
const VerifyChainButton = () => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Verification>();
  const [failure, setFailure] = useState<ApiFailure>();
  const allowed = useRoleCan('audit', 'verify');
  if (!allowed) return null;
  const verify = async () => {
    setOpen(true);
    setPending(true);
    setResult(undefined);
    setFailure(undefined);
    const answer = await postAction<Verification>(`${CONSOLE_API}/audit/verification`);
    setPending(false);
    if (answer.ok) setResult(answer.body);
    else setFailure(answer.failure);
  };
  return (
    <>
      <Button size="small" startIcon={<VerifiedIcon />} onClick={verify} disabled={pending} data-testid="audit-verify">
        {translate('ikou.audit.verify')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} data-testid="audit-verify-dialog" fullWidth maxWidth="sm">
        <DialogTitle>{translate('ikou.audit.verify_title')}</DialogTitle>
        <DialogContent dividers>
          {pending && (
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <CircularProgress size={20} />
              <Typography>{translate('ikou.audit.verifying')}</Typography>
            </Stack>
          )}
          {failure && (
            <Alert severity="error" data-testid="audit-verify-result" data-ok="error">
              {failure.key ? translate(failure.key, { _: failure.message }) : translate('ikou.api_error.other', { message: failure.message })}
            </Alert>
          )}
          {result?.ok === true && (
            <Alert severity="success" data-testid="audit-verify-result" data-ok="true" data-rows={result.rows}>
              {translate('ikou.audit.verify_ok', { rows: result.rows, head: result.head?.id ?? 0 })}
              {result.head && (
                <Typography variant="caption" component="div" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', mt: 1 }}>
                  {result.head.hash}
                </Typography>
              )}
            </Alert>
          )}
          {result?.ok === false && (
            <Alert severity="error" data-testid="audit-verify-result" data-ok="false" data-first-broken-id={result.firstBrokenId}>
              {translate('ikou.audit.verify_broken', {
                id: result.firstBrokenId,
                rows: result.rowsChecked,
                reason: translate(`ikou.audit.break.${result.reason.replace(/ /g, '_')}`, { _: result.reason }),
              })}
              <Typography variant="body2" sx={{ mt: 1 }}>
                {result.detail}
              </Typography>
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={pending} data-testid="audit-verify-close">
            {translate('ra.action.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

const AuditActions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportCsvButton />
    <VerifyChainButton />
  </TopToolbar>
);

const json = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

/** An event's details: before and after, the client, the chain hash. */
const AuditDetails = () => {
  const translate = useTranslate();
  const event = useRecordContext<AuditEvent>();
  if (!event) return null;
  const block = { m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: '0.75rem' } as const;
  return (
    <Stack spacing={1} data-testid="audit-details">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="caption">{translate('ikou.audit.before')}</Typography>
          <Box component="pre" sx={block}>
            {json(event.before)}
          </Box>
        </Box>
        <Box sx={{ flex: 1 }}>
          <Typography variant="caption">{translate('ikou.audit.after')}</Typography>
          <Box component="pre" sx={block}>
            {json(event.after)}
          </Box>
        </Box>
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {translate('ikou.audit.user_agent')}: {event.userAgent ?? '—'} · {translate('ikou.audit.request_id')}: {event.requestId ?? '—'}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {translate('ikou.audit.hash')}: {event.hash}
      </Typography>
    </Stack>
  );
};

/**
 * The audit log (docs/api-console.md, "Audit log"): newest first, filtered by actor, action (or a family
 * such as `support.`), target and time; exported as CSV with the same filters; the hash chain checked on
 * demand. A filtered total stops counting at 10,001.
 */
export const AuditList = () => {
  const translate = useTranslate();
  return (
    <List filters={auditFilters} actions={<AuditActions />} sort={{ field: 'id', order: 'DESC' }} perPage={50} exporter={false}>
      <DataTable<AuditEvent> rowClick="expand" expand={<AuditDetails />} bulkActionButtons={false}>
        <Column source="id" sx={{ whiteSpace: 'nowrap' }} render={(e) => <Mono>{String(e.id)}</Mono>} />
        <Column source="occurredAt" disableSort render={(e) => <Time value={e.occurredAt} seconds />} />
        <Column
          source="actorType"
          disableSort
          render={(e) => (
            <>
              {translate(`ikou.actor_type.${e.actorType}`, { _: e.actorType })}
              {e.actorId && (
                <Typography variant="caption" color="text.secondary" component="div" sx={{ fontFamily: 'monospace' }}>
                  {e.actorId}
                </Typography>
              )}
            </>
          )}
        />
        <Column source="action" disableSort render={(e) => <AuditAction action={e.action} />} />
        <Column
          source="targetType"
          disableSort
          render={(e) =>
            e.targetType ? (
              <>
                {e.targetType}
                {e.targetId && (
                  <Typography variant="caption" color="text.secondary" component="div" sx={{ fontFamily: 'monospace' }}>
                    {e.targetId}
                  </Typography>
                )}
              </>
            ) : (
              '—'
            )
          }
        />
        <Column source="reason" disableSort render={(e) => e.reason ?? '—'} />
        <Column source="ip" disableSort render={(e) => <Mono>{e.ip?.replace(/\/(32|128)$/, '') /* the API sends inet as text: 127.0.0.1/32 */}</Mono>} />
      </DataTable>
    </List>
  );
};
