import { Box } from '@mui/material';
import { DataTable, List, NullableBooleanInput, SearchInput, SelectArrayInput, SelectInput, useTranslate } from 'react-admin';
import { Mono, StateChip, Time } from '../../components/format';
import { AssignToMeButton } from './TicketActions';
import { TopCruiseCell } from './TopCruiseCell';
import { OPEN_STATES, TICKET_STATES, type TicketRow } from './types';

const Column = DataTable.Col<TicketRow>;
const NumberColumn = DataTable.NumberCol<TicketRow>;

const ticketFilters = (translate: ReturnType<typeof useTranslate>) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('ikou.tickets.search_placeholder')} sx={{ minWidth: { sm: 300 } }} />,
  <SelectArrayInput
    key="state"
    source="state"
    alwaysOn
    choices={TICKET_STATES.map((id) => ({ id, name: `ikou.ticket_state.${id}` }))}
    sx={{ minWidth: 220 }}
    data-testid="ticket-filter-state"
  />,
  <SelectInput key="assignee" source="assignee" alwaysOn choices={[{ id: 'me', name: 'ikou.tickets.assignee_me' }]} emptyText="ikou.common.all" data-testid="ticket-filter-assignee" />,
  <NullableBooleanInput key="breached" source="breached" alwaysOn data-testid="ticket-filter-breached" />,
  <NullableBooleanInput key="flagged" source="flagged" alwaysOn data-testid="ticket-filter-flagged" />,
  <NullableBooleanInput key="topCruise" source="topCruise" alwaysOn data-testid="ticket-filter-top-cruise" />,
];

/**
 * The desk's queue (docs/api-console.md, "Bulk-transfer tickets"): open tickets first by default, oldest
 * first; a breached SLA is red; a click opens the ticket.
 */
export const TicketList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={ticketFilters(translate)}
      filterDefaultValues={{ state: [...OPEN_STATES] }}
      sort={{ field: 'dueAt', order: 'ASC' }}
      perPage={25}
      exporter={false}
      data-testid="ticket-list"
    >
      <DataTable<TicketRow>
        rowClick="show"
        bulkActionButtons={false}
        rowSx={(t) => (t.breached ? { bgcolor: 'rgba(211, 47, 47, 0.08)' } : {})}
      >
        <Column source="number" disableSort render={(t) => <Mono>{t.number}</Mono>} />
        <Column source="state" disableSort render={(t) => <StateChip group="ticket_state" value={t.state} testId="ticket-row-state" />} />
        <Column source="email" disableSort />
        <Column source="networkId" disableSort render={(t) => <Mono>{t.networkId}</Mono>} />
        <Column source="remark" disableSort render={(t) => <TopCruiseCell ticket={t} />} />
        <Column source="receivedAt" render={(t) => <Time value={t.receivedAt} />} />
        <Column
          source="dueAt"
          render={(t) =>
            t.open ? (
              <Box component="span" sx={t.breached ? { color: 'error.main', fontWeight: 'bold' } : undefined} data-testid="ticket-due" data-breached={t.breached}>
                <Time value={t.dueAt} />
                {t.breached && ` ${translate('ikou.tickets.breached')}`}
              </Box>
            ) : (
              '—'
            )
          }
        />
        <NumberColumn source="ageDays" disableSort />
        <NumberColumn source="toLink" disableSort />
        <Column source="assigneeName" disableSort render={(t) => t.assigneeName ?? '—'} />
        <Column label="ikou.common.actions" disableSort render={(t) => <AssignToMeButton ticket={t} />} />
      </DataTable>
    </List>
  );
};
