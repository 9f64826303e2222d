import { useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { Alert, Box, Button, CircularProgress, LinearProgress, Stack, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  DataTable,
  List,
  ListButton,
  Show,
  TopToolbar,
  useCreatePath,
  useLogoutIfAccessDenied,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { Mono, StateChip, Time } from '../../components/format';
import { SimpleTable } from '../../components/SimpleTable';
import { useRoleCan } from '../../components/useRoleCan';
import { failureOf, type ApiFailure } from '../../providers/apiErrors';
import { apiFetch, CONSOLE_API } from '../../providers/http';

/** docs/legacy-import.md's per-row report. */
interface ImportReport {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejectedRows: number;
  rejected: Array<{ line: number; column: string; reason: string }>;
  rejectedTruncated: boolean;
  billingAccounts: { inserted: number; updated: number };
  ignoredColumns: string[];
  durationMs: number;
}

/** GET /api/console/imports/{id} (docs/api-console.md, "Legacy import"). */
interface ImportRun {
  id: string;
  fileName: string;
  sizeBytes: number;
  state: 'queued' | 'running' | 'done' | 'refused' | 'failed';
  rowsRead: number;
  report: ImportReport | null;
  error: string | null;
  uploadedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const RUNNING = new Set(['queued', 'running']);
const Column = DataTable.Col<ImportRun>;
const NumberColumn = DataTable.NumberCol<ImportRun>;

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** POST /imports?fileName= with the file itself as a text/csv body; then the run's page. */
const UploadButton = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const allowed = useRoleCan('imports', 'create');
  if (!allowed) return null;

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPending(true);
    setFailure(undefined);
    try {
      const response = await apiFetch(`${CONSOLE_API}/imports?fileName=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        raw: { data: file, contentType: 'text/csv' },
      });
      if (response.ok) {
        navigate(createPath({ resource: 'imports', id: (response.body as ImportRun).id, type: 'show' }));
        return;
      }
      if (response.status === 401) await logoutIfAccessDenied({ status: 401 });
      setFailure(failureOf(response));
    } catch {
      setFailure({ status: 0, code: 'network', key: 'ikou.api_error.network', message: 'network', fields: {} });
    } finally {
      setPending(false);
    }
  };

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      {failure && (
        <Alert severity="error" data-testid="import-upload-error" data-code={failure.code} sx={{ py: 0 }}>
          {failure.key ? translate(failure.key, { message: failure.message, _: failure.message }) : translate('ikou.api_error.other', { message: failure.message })}
        </Alert>
      )}
      <input ref={input} type="file" accept=".csv,text/csv" hidden onChange={upload} data-testid="import-file" />
      <Button
        variant="contained"
        size="small"
        startIcon={pending ? <CircularProgress size={16} color="inherit" /> : <UploadFileIcon />}
        disabled={pending}
        onClick={() => input.current?.click()}
        data-testid="import-upload"
      >
        {translate('ikou.imports.upload')}
      </Button>
    </Stack>
  );
};

const ListActions = () => (
  <TopToolbar>
    <UploadButton />
  </TopToolbar>
);

/** The runs, newest first (docs/api-console.md, "Legacy import"), with the upload. */
export const ImportList = () => {
  const translate = useTranslate();
  return (
    // empty={false}: without runs, react-admin would replace the list (and its upload button) by its empty page.
    <List actions={<ListActions />} empty={false} perPage={25} exporter={false} sort={{ field: 'createdAt', order: 'DESC' }} data-testid="import-list">
      <DataTable<ImportRun> rowClick="show" bulkActionButtons={false}>
        <Column source="createdAt" disableSort render={(r) => <Time value={r.createdAt} />} />
        <Column source="fileName" disableSort />
        <Column source="sizeBytes" disableSort render={(r) => sizeText(r.sizeBytes)} />
        <Column source="state" disableSort render={(r) => <StateChip group="import_state" value={r.state} testId="import-row-state" />} />
        <NumberColumn source="rowsRead" disableSort />
        <Column source="uploadedBy" disableSort />
        <Column source="finishedAt" disableSort render={(r) => <Time value={r.finishedAt} />} />
        <Column label="ikou.imports.result" disableSort render={(r) => (r.report ? translate('ikou.imports.result_summary', { ...r.report }) : r.error ?? '—')} />
      </DataTable>
    </List>
  );
};

const isRun = (record: unknown): record is ImportRun => typeof (record as ImportRun | undefined)?.state === 'string' && 'rowsRead' in (record as object);

const Count = ({ label, value, testId }: { label: string; value: ReactNode; testId: string }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 120 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Typography variant="h6" component="div" data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
};

const Report = ({ report }: { report: ImportReport }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={2} data-testid="import-report">
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Count label="ikou.imports.report.rows_read" value={report.rowsRead} testId="import-report-rows-read" />
        <Count label="ikou.imports.report.inserted" value={report.inserted} testId="import-report-inserted" />
        <Count label="ikou.imports.report.updated" value={report.updated} testId="import-report-updated" />
        <Count label="ikou.imports.report.unchanged" value={report.unchanged} testId="import-report-unchanged" />
        <Count label="ikou.imports.report.rejected_rows" value={report.rejectedRows} testId="import-report-rejected-rows" />
        <Count
          label="ikou.imports.report.billing_accounts"
          value={translate('ikou.imports.report.billing_accounts_value', report.billingAccounts)}
          testId="import-report-billing-accounts"
        />
      </Stack>
      {report.ignoredColumns.length > 0 && (
        <Alert severity="info" data-testid="import-report-ignored">
          {translate('ikou.imports.report.ignored_columns', { columns: report.ignoredColumns.join(', ') })}
        </Alert>
      )}
      <Typography variant="subtitle2" component="h3">
        {translate('ikou.imports.report.rejected')}
      </Typography>
      <SimpleTable
        testId="import-rejected"
        empty="ikou.imports.report.no_rejected"
        rows={report.rejected}
        rowKey={(r) => `${r.line}:${r.column}`}
        columns={[
          { label: 'ikou.imports.report.line', render: (r) => r.line, nowrap: true },
          { label: 'ikou.imports.report.column', render: (r) => <Mono>{r.column}</Mono> },
          { label: 'ikou.imports.report.reason', render: (r) => r.reason },
        ]}
      />
      {report.rejectedTruncated && (
        <Alert severity="warning" data-testid="import-rejected-truncated">
          {translate('ikou.imports.report.truncated', { count: report.rejected.length })}
        </Alert>
      )}
    </Stack>
  );
};

const ImportRunPage = () => {
  const translate = useTranslate();
  const run = useRecordContext();
  if (!isRun(run)) return <LinearProgress sx={{ m: 2 }} />;
  const running = RUNNING.has(run.state);
  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="import-run" data-state={run.state}>
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <Count label="resources.imports.fields.state" value={<StateChip group="import_state" value={run.state} testId="import-state" />} testId="import-state-cell" />
        <Count label="resources.imports.fields.rowsRead" value={run.rowsRead} testId="import-rows-read" />
        <Count label="resources.imports.fields.sizeBytes" value={sizeText(run.sizeBytes)} testId="import-size" />
        <Count label="resources.imports.fields.uploadedBy" value={<Typography variant="body2">{run.uploadedBy}</Typography>} testId="import-uploaded-by" />
        <Count label="resources.imports.fields.createdAt" value={<Time value={run.createdAt} />} testId="import-created-at" />
        <Count label="resources.imports.fields.finishedAt" value={<Time value={run.finishedAt} />} testId="import-finished-at" />
      </Stack>
      {running && (
        <Box>
          <LinearProgress data-testid="import-running" />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('ikou.imports.running', { rows: run.rowsRead })}
          </Typography>
        </Box>
      )}
      {run.error && (
        <Alert severity="error" data-testid="import-error">
          {translate(run.state === 'refused' ? 'ikou.imports.refused' : 'ikou.imports.failed', { error: run.error })}
        </Alert>
      )}
      {run.report && <Report report={run.report} />}
    </Stack>
  );
};

const ImportTitle = () => {
  const translate = useTranslate();
  const run = useRecordContext<ImportRun>();
  return <>{run ? translate('ikou.imports.title', { name: run.fileName }) : ''}</>;
};

/** One run: progress (rowsRead, polled every second while queued or running), then the report or the refusal. */
export const ImportShow = () => (
  <Show
    title={<ImportTitle />}
    actions={
      <TopToolbar>
        <ListButton />
      </TopToolbar>
    }
    queryOptions={{ refetchInterval: (query) => (RUNNING.has(String((query.state.data as ImportRun | undefined)?.state)) ? 1000 : false) }}
  >
    <ImportRunPage />
  </Show>
);
