import { DataTable, List, SearchInput, SelectInput, useTranslate } from 'react-admin';
import { StateChip, Time, YesNo } from '../../components/format';
import { CUSTOMER_STATES, type CustomerRow } from './types';

const Column = DataTable.Col<CustomerRow>;
const NumberColumn = DataTable.NumberCol<CustomerRow>;

const customerFilters = (translate: ReturnType<typeof useTranslate>) => [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      placeholder={translate('ikou.customers.search_placeholder')}
      sx={{ minWidth: { sm: 360 } }}
    />,
    <SelectInput
      key="state"
      source="state"
      alwaysOn
      choices={CUSTOMER_STATES.map((id) => ({ id, name: `ikou.customer_state.${id}` }))}
      emptyText="ikou.common.all"
    />,
];

/**
 * The desk's customer search (docs/api-console.md, "Customers"): one box for an email (or its start), a
 * network ID (or its start), a billing account code or part of a name; the state; sorted by registration
 * or email; paged by the server.
 */
export const CustomerList = () => {
  const translate = useTranslate();
  const filters = customerFilters(translate);
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} exporter={false} data-testid="customer-list">
      <DataTable<CustomerRow> rowClick="show" bulkActionButtons={false}>
        <Column source="email" />
        <Column source="customerNames" disableSort render={(record) => record.customerNames.join('、') || '—'} />
        <NumberColumn source="contracts" disableSort />
        <Column source="state" disableSort render={(record) => <StateChip group="customer_state" value={record.state} />} />
        <Column source="mfaEnrolled" disableSort render={(record) => <YesNo value={record.mfaEnrolled} />} />
        <Column source="createdAt" render={(record) => <Time value={record.createdAt} />} />
      </DataTable>
    </List>
  );
};
