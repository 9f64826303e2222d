import { useState } from 'react';
import { Button, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/Verified';
import { DataTable, List, SelectInput, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import { StateChip, Time } from '../../components/format';
import { useRoleCan } from '../../components/useRoleCan';
import { postAction } from '../../providers/apiErrors';
import { CONSOLE_API } from '../../providers/http';

/** GET /api/console/transfers (one executed transfer). */
interface Transfer {
  id: string;
  number: string;
  state: string;
  email: string;
  receivedAt: string;
  executionStartedAt: string | null;
  closedAt: string;
  preparedBy: string | null;
  approvedBy: string | null;
  executedBy: string;
  results: { linked: number; alreadyLinked: number; conflicts: number };
  audited: { at: string; by: string | null; comment: string | null } | null;
}

const Column = DataTable.Col<Transfer>;

const filters = [
  <SelectInput
    key="audited"
    source="audited"
    alwaysOn
    choices={[
      { id: 'false', name: 'ikou.transfers.not_audited' },
      { id: 'true', name: 'ikou.transfers.audited' },
    ]}
    emptyText="ikou.common.all"
  />,
];

/** The report CSV (who prepared, approved, executed; every item's result) and the audited mark. */
const TransferActions = () => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const transfer = useRecordContext<Transfer>();
  const [open, setOpen] = useState(false);
  const mayAudit = useRoleCan('transfers', 'audit');
  if (!transfer) return null;
  return (
    <Stack direction="row" spacing={1} onClick={(event) => event.stopPropagation()}>
      <Button size="small" startIcon={<DownloadIcon />} href={`${CONSOLE_API}/transfers/${encodeURIComponent(transfer.id)}/report.csv`} data-testid="transfer-report">
        {translate('ikou.transfers.report')}
      </Button>
      {mayAudit && !transfer.audited && (
        <Button size="small" startIcon={<VerifiedIcon />} onClick={() => setOpen(true)} data-testid="transfer-audit">
          {translate('ikou.transfers.mark_audited')}
        </Button>
      )}
      <ActionDialog<{ audited: boolean }>
        open={open}
        onClose={() => setOpen(false)}
        testId="transfer-audit-dialog"
        title="ikou.transfers.mark_audited"
        intro={translate('ikou.transfers.mark_audited_title', { number: transfer.number })}
        fields={[{ name: 'comment', kind: 'textarea', label: 'ikou.transfers.comment', helper: 'ikou.transfers.comment_help', required: true, minLength: 3, maxLength: 2000 }]}
        confirmText={(values) => translate('ikou.transfers.confirm', { number: transfer.number, comment: String(values.comment ?? '') })}
        submit={(values) => postAction<{ audited: boolean }>(`${CONSOLE_API}/transfers/${encodeURIComponent(transfer.id)}/audit`, { comment: values.comment })}
        onSuccess={() => {
          setOpen(false);
          refresh();
        }}
      />
    </Stack>
  );
};

/** Executed transfers, newest first, to sample: the report of each, and the audited mark with a comment. */
export const TransferList = () => {
  const translate = useTranslate();
  return (
    <List<Transfer> filters={filters} filterDefaultValues={{ audited: 'false' }} sort={{ field: 'closedAt', order: 'DESC' }} perPage={25} exporter={false} title="ikou.transfers.title">
      <DataTable<Transfer> rowClick={false} bulkActionButtons={false}>
        <Column source="number" label="ikou.transfers.number" disableSort />
        <Column source="state" label="ikou.transfers.state" disableSort render={(t) => <StateChip group="ticket_state" value={t.state} />} />
        <Column source="email" label="ikou.transfers.customer" disableSort />
        <Column source="preparedBy" label="ikou.transfers.prepared_by" disableSort />
        <Column source="approvedBy" label="ikou.transfers.approved_by" disableSort />
        <Column
          source="results"
          label="ikou.transfers.results"
          disableSort
          render={(t) => (
            <Typography variant="body2" data-testid="transfer-results" data-linked={t.results.linked} data-conflicts={t.results.conflicts}>
              {translate('ikou.transfers.results_text', { linked: t.results.linked, already: t.results.alreadyLinked, conflicts: t.results.conflicts })}
            </Typography>
          )}
        />
        <Column source="closedAt" label="ikou.transfers.closed_at" disableSort render={(t) => <Time value={t.closedAt} />} />
        <Column
          source="audited"
          label="ikou.transfers.audited_col"
          disableSort
          render={(t) => (t.audited ? <span data-testid="transfer-audited">{`${t.audited.by ?? ''}: ${t.audited.comment ?? ''}`}</span> : '—')}
        />
        <Column label="ikou.common.actions" disableSort render={() => <TransferActions />} />
      </DataTable>
    </List>
  );
};
