import { useEffect, useRef, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  Tabs,
  Typography,
} from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import UndoIcon from '@mui/icons-material/Undo';
import { useGetList, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ActionDialog, reasonField } from '../../components/ActionDialog';
import { Mono, Time } from '../../components/format';
import { postAction } from '../../providers/apiErrors';
import { ticketUrl, useNotifyFailure } from './TicketActions';
import { EXECUTION_STATES, ITEM_CLASSES, type Ticket, type TicketItem, type TicketProgress } from './types';

const PAGE_SIZES = [25, 50, 100, 200];

/** What the items to link can be narrowed to (GET …/items `result` and `excluded`). */
const SHOWS = {
  all: {},
  pending: { result: 'none', excluded: false },
  linked: { result: 'linked' },
  already_linked: { result: 'already_linked' },
  conflict: { result: 'conflict' },
  excluded: { excluded: true },
} as const;
type Show = keyof typeof SHOWS;

export const planResource = (ticketId: string) => `tickets/${ticketId}/items`;

interface PlanView {
  itemClass: string | undefined;
  show: Show;
  page: number;
  perPage: number;
  order: 'ASC' | 'DESC';
}

/** The getList parameters of one view of the plan. */
const planPage = ({ itemClass, show, page, perPage, order }: PlanView) => ({
  pagination: { page: page + 1, perPage },
  sort: { field: 'networkId', order },
  filter: { class: itemClass, ...SHOWS[show] },
});

/** The view the page opens on (most tickets have items to link): asked for while the ticket itself loads. */
export const FIRST_PLAN_PAGE = planPage({ itemClass: 'to_link', show: 'all', page: 0, perPage: 50, order: 'ASC' });

/** How many items to link each choice shows: the counts the ticket and its progress carry. */
const showCounts = (ticket: Ticket, progress: TicketProgress): Record<Show, number> => ({
  all: ticket.classes.to_link ?? 0,
  pending: progress.planned - progress.done,
  linked: progress.linked,
  already_linked: progress.alreadyLinked,
  conflict: progress.conflicts,
  excluded: (ticket.classes.to_link ?? 0) - progress.planned,
});

/**
 * The plan (every contract of the bill), one class at a time, sorted by network ID. A bill may hold
 * thousands of contracts: the API sends one page of them (GET /tickets/{id}/items), and the tabs and
 * choices show the counts the ticket carries. The items to link can be narrowed to a result or to the
 * excluded ones. In review, an item to link can be excluded with a reason, or taken back into the plan.
 * `progress` is the latest one (polled during execution): when it moves, the page of rows is asked again.
 */
export const PlanTable = ({ ticket, progress, mayExclude }: { ticket: Ticket; progress: TicketProgress; mayExclude: boolean }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const refresh = useRefresh();
  const notify = useNotify();
  const notifyFailure = useNotifyFailure();
  const known = ITEM_CLASSES as readonly string[];
  const classes = [...ITEM_CLASSES.filter((c) => ticket.classes[c]), ...Object.keys(ticket.classes).filter((c) => !known.includes(c))];
  const [chosen, setChosen] = useState<string>();
  const current = chosen && classes.includes(chosen) ? chosen : classes[0];
  const [show, setShow] = useState<Show>('all');
  const counts = showCounts(ticket, progress);
  // Results exist from approval on; before, the items to link can only be told apart by exclusion.
  const offered: Show[] = EXECUTION_STATES.includes(ticket.state) ? ['all', 'pending', 'linked', 'already_linked', 'conflict', 'excluded'] : ['all', 'excluded'];
  const narrowing = current === 'to_link' ? offered.filter((s) => s === 'all' || s === show || counts[s] > 0) : [];
  const shown = current === 'to_link' ? show : 'all';
  const [order, setOrder] = useState<'ASC' | 'DESC'>('ASC');
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(50);
  const [excluding, setExcluding] = useState<TicketItem>();
  const [pending, setPending] = useState<number>();

  const { data: rows = [], total = 0, isPending, isFetching, error, refetch } = useGetList<TicketItem>(
    planResource(ticket.id),
    planPage({ itemClass: current, show: shown, page, perPage, order }),
    // A page asked for a moment ago (the first one, asked for while the ticket loaded) is not asked again.
    { enabled: current !== undefined, placeholderData: keepPreviousData, staleTime: 5_000 },
  );
  // During execution the rows shown get their results: the page is asked again when the count moves.
  const seenDone = useRef(progress.done);
  useEffect(() => {
    if (progress.done === seenDone.current) return;
    seenDone.current = progress.done;
    void refetch();
  }, [progress.done, refetch]);
  const editable = mayExclude && ticket.state === 'needs_review';
  const choose = (update: () => void) => {
    update();
    setPage(0);
  };

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
      <Tabs value={current} onChange={(_event, value: string) => choose(() => setChosen(value))} variant="scrollable" scrollButtons="auto">
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
      {narrowing.length > 1 && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mt: 1 }} data-testid="plan-show">
          <Typography variant="body2" color="text.secondary">
            {translate('ikou.tickets.plan.show_label')}
          </Typography>
          {narrowing.map((s) => (
            <Chip
              key={s}
              size="small"
              color={s === show ? 'primary' : 'default'}
              variant={s === show ? 'filled' : 'outlined'}
              label={`${translate(`ikou.tickets.plan.show.${s}`)} (${counts[s]})`}
              onClick={() => choose(() => setShow(s))}
              data-testid={`plan-show-${s}`}
              data-count={counts[s]}
              data-selected={s === show}
            />
          ))}
        </Stack>
      )}
      {error ? (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="plan-error">
          {translate('ikou.tickets.plan.load_failed', { message: error.message })}
        </Alert>
      ) : null}
      <Box sx={{ height: 4, mt: 1 }}>{isFetching && <LinearProgress />}</Box>
      <TableContainer>
        <Table size="small" data-testid="plan-table" data-class={current} data-show={shown} aria-busy={isFetching}>
          <TableHead>
            <TableRow>
              <TableCell sortDirection={order === 'ASC' ? 'asc' : 'desc'}>
                <TableSortLabel active direction={order === 'ASC' ? 'asc' : 'desc'} onClick={() => choose(() => setOrder(order === 'ASC' ? 'DESC' : 'ASC'))} data-testid="plan-sort">
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
            {rows.map((item) => (
              <TableRow
                key={item.id}
                data-testid="plan-row"
                data-key={item.networkId}
                data-class={item.class}
                data-excluded={item.excludedReason ? 'true' : 'false'}
                sx={item.excludedReason ? { opacity: 0.6 } : undefined}
              >
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
            {!isPending && !error && rows.length === 0 && (
              <TableRow data-testid="plan-none">
                <TableCell colSpan={6}>
                  <Typography variant="body2" color="text.secondary">
                    {translate('ikou.tickets.plan.none_match')}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {total > PAGE_SIZES[0] && (
        <TablePagination
          component="div"
          count={total}
          page={Math.min(page, Math.max(0, Math.ceil(total / perPage) - 1))}
          onPageChange={(_event, next) => setPage(next)}
          rowsPerPage={perPage}
          rowsPerPageOptions={PAGE_SIZES}
          onRowsPerPageChange={(event) => choose(() => setPerPage(Number(event.target.value)))}
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
