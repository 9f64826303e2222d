import { useMemo, useState } from 'react';
import { Box, Button, Tab, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, TableSortLabel, Tabs, Typography } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import UndoIcon from '@mui/icons-material/Undo';
import { useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ActionDialog, reasonField } from '../../components/ActionDialog';
import { Mono, Time } from '../../components/format';
import { postAction } from '../../providers/apiErrors';
import { ticketUrl, useNotifyFailure } from './TicketActions';
import { ITEM_CLASSES, type Ticket, type TicketItem } from './types';

const PAGE_SIZES = [25, 50, 100, 200];

/**
 * The plan (every contract of the bill), one class at a time: a bill may hold thousands of contracts, so
 * the rows are paged here in the browser (the page holds them all) and sorted by network ID. In review,
 * an item to link can be excluded with a reason, or taken back into the plan.
 */
export const PlanTable = ({ ticket, mayExclude }: { ticket: Ticket; mayExclude: boolean }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const refresh = useRefresh();
  const notify = useNotify();
  const notifyFailure = useNotifyFailure();
  const known = ITEM_CLASSES as readonly string[];
  const classes = [...ITEM_CLASSES.filter((c) => ticket.classes[c]), ...Object.keys(ticket.classes).filter((c) => !known.includes(c))];
  const [chosen, setChosen] = useState<string>();
  const current = chosen && classes.includes(chosen) ? chosen : classes[0];
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(50);
  const [excluding, setExcluding] = useState<TicketItem>();
  const [pending, setPending] = useState<number>();

  const rows = useMemo(() => {
    const list = ticket.items.filter((i) => i.class === current);
    list.sort((a, b) => (order === 'asc' ? 1 : -1) * a.networkId.localeCompare(b.networkId));
    return list;
  }, [ticket.items, current, order]);
  const lastPage = Math.max(0, Math.ceil(rows.length / perPage) - 1);
  const shownPage = Math.min(page, lastPage);
  const shown = rows.slice(shownPage * perPage, (shownPage + 1) * perPage);
  const editable = mayExclude && ticket.state === 'needs_review';

  const include = async (item: TicketItem) => {
    setPending(item.id);
    const answer = await postAction(ticketUrl(ticket.id, `items/${item.id}/exclusion`), { excluded: false });
    setPending(undefined);
    if (answer.ok) notify('ikou.tickets.plan.included', { type: 'success', messageArgs: { networkId: item.networkId } });
    else notifyFailure(answer.failure);
    refresh();
  };

  if (classes.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="plan-empty">
        {translate('ikou.tickets.plan.empty')}
      </Typography>
    );
  }

  return (
    <Box data-testid="plan">
      <Tabs
        value={current}
        onChange={(_event, value: string) => {
          setChosen(value);
          setPage(0);
        }}
        variant="scrollable"
        scrollButtons="auto"
      >
        {classes.map((c) => (
          <Tab
            key={c}
            value={c}
            label={`${translate(`ikou.item_class.${c}`, { _: c })} (${ticket.classes[c]})`}
            data-testid={`plan-class-${c}`}
            data-count={ticket.classes[c]}
          />
        ))}
      </Tabs>
      <TableContainer>
        <Table size="small" data-testid="plan-table" data-class={current}>
          <TableHead>
            <TableRow>
              <TableCell sortDirection={order}>
                <TableSortLabel active direction={order} onClick={() => setOrder(order === 'asc' ? 'desc' : 'asc')} data-testid="plan-sort">
                  {translate('ikou.tickets.plan.network_id')}
                </TableSortLabel>
              </TableCell>
              <TableCell>{translate('ikou.tickets.plan.service')}</TableCell>
              <TableCell>{translate('ikou.tickets.plan.exclusion')}</TableCell>
              <TableCell>{translate('ikou.tickets.plan.result')}</TableCell>
              <TableCell>{translate('ikou.tickets.plan.result_at')}</TableCell>
              {editable && current === 'to_link' && <TableCell>{translate('ikou.common.actions')}</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((item) => (
              <TableRow key={item.id} data-testid="plan-row" data-key={item.networkId} data-excluded={item.excludedReason ? 'true' : 'false'} sx={item.excludedReason ? { opacity: 0.6 } : undefined}>
                <TableCell>
                  <Mono>{item.networkId}</Mono>
                </TableCell>
                <TableCell>{locale === 'ja' ? item.serviceName.ja : item.serviceName.en}</TableCell>
                <TableCell data-testid="plan-exclusion">{item.excludedReason ? translate('ikou.tickets.plan.excluded_because', { reason: item.excludedReason }) : '—'}</TableCell>
                <TableCell data-testid="plan-result" data-result={item.result ?? ''}>
                  {item.result ? translate(`ikou.item_result.${item.result}`, { _: item.result }) : '—'}
                </TableCell>
                <TableCell>
                  <Time value={item.resultAt} />
                </TableCell>
                {editable && current === 'to_link' && (
                  <TableCell>
                    {item.excludedReason ? (
                      <Button size="small" startIcon={<UndoIcon />} disabled={pending !== undefined} onClick={() => include(item)} data-testid="plan-include">
                        {translate('ikou.tickets.plan.include')}
                      </Button>
                    ) : (
                      <Button size="small" color="warning" startIcon={<BlockIcon />} disabled={pending !== undefined} onClick={() => setExcluding(item)} data-testid="plan-exclude">
                        {translate('ikou.tickets.plan.exclude')}
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {rows.length > PAGE_SIZES[0] && (
        <TablePagination
          component="div"
          count={rows.length}
          page={shownPage}
          onPageChange={(_event, next) => setPage(next)}
          rowsPerPage={perPage}
          rowsPerPageOptions={PAGE_SIZES}
          onRowsPerPageChange={(event) => {
            setPerPage(Number(event.target.value));
            setPage(0);
          }}
          labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
          getItemAriaLabel={(type) => translate(`ra.navigation.${type === 'previous' ? 'previous' : type}`)}
          labelDisplayedRows={({ from, to, count }) => translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })}
          data-testid="plan-pagination"
        />
      )}
      <ActionDialog
        open={excluding !== undefined}
        onClose={() => setExcluding(undefined)}
        testId="ticket-exclude"
        title="ikou.tickets.plan.exclude_title"
        intro={excluding ? translate('ikou.tickets.plan.exclude_intro', { networkId: excluding.networkId }) : undefined}
        fields={[reasonField]}
        confirmText={translate('ikou.tickets.plan.exclude_confirm', { networkId: excluding?.networkId ?? '' })}
        confirmLabel="ikou.tickets.plan.exclude"
        submit={(values) => postAction(ticketUrl(ticket.id, `items/${excluding!.id}/exclusion`), { excluded: true, reason: values.reason })}
        onSuccess={() => {
          notify('ikou.tickets.plan.excluded', { type: 'success', messageArgs: { networkId: excluding?.networkId ?? '' } });
          refresh();
        }}
      />
    </Box>
  );
};
