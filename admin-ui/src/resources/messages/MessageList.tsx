import { useState, type MouseEvent } from 'react';
import { Button, Typography } from '@mui/material';
import ReplayIcon from '@mui/icons-material/Replay';
import {
  DataTable,
  Link,
  List,
  SelectInput,
  TextInput,
  useCreatePath,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { StateChip, Time } from '../../components/format';
import { MessageBody } from '../../components/records';
import { useRoleCan } from '../../components/useRoleCan';
import { postAction } from '../../providers/apiErrors';
import { CONSOLE_API } from '../../providers/http';

const Column = DataTable.Col<OutgoingMessage>;
const NumberColumn = DataTable.NumberCol<OutgoingMessage>;

/** GET /api/console/messages (one message; codes and link tokens redacted by the API). */
interface OutgoingMessage {
  id: string;
  channel: string;
  template: string;
  recipient: string;
  loginAccountId: string | null;
  subject: string | null;
  body: string;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const STATES = ['failed', 'pending', 'sending', 'sent'];
const CHANNELS = ['mail', 'sms', 'voice'];

const messageFilters = [
  <SelectInput key="state" source="state" alwaysOn choices={STATES.map((id) => ({ id, name: `ikou.message_state.${id}` }))} emptyText="ikou.common.all" />,
  <SelectInput key="channel" source="channel" alwaysOn choices={CHANNELS.map((id) => ({ id, name: `ikou.channel.${id}` }))} emptyText="ikou.common.all" />,
  <TextInput key="recipient" source="recipient" alwaysOn helperText="ikou.messages.recipient_help" />,
  <TextInput key="loginAccountId" source="loginAccountId" />,
];

/** POST /messages/{id}/retry: a failed message goes back to the queue. */
const RetryButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const message = useRecordContext<OutgoingMessage>();
  const [pending, setPending] = useState(false);
  const allowed = useRoleCan('messages', 'retry');
  if (!message || message.state !== 'failed' || !allowed) return null;
  const retry = async (event: MouseEvent) => {
    event.stopPropagation(); // the row's click opens the body
    setPending(true);
    const answer = await postAction(`${CONSOLE_API}/messages/${encodeURIComponent(message.id)}/retry`);
    setPending(false);
    if (answer.ok) notify('ikou.messages.retried', { type: 'success' });
    else
      notify(answer.failure.key ?? 'ikou.api_error.other', {
        type: 'error',
        messageArgs: { message: answer.failure.message, _: answer.failure.message },
      });
    refresh();
  };
  return (
    <Button size="small" startIcon={<ReplayIcon />} onClick={retry} disabled={pending} data-testid="message-retry">
      {translate('ikou.messages.retry')}
    </Button>
  );
};

const MessageDetails = () => {
  const message = useRecordContext<OutgoingMessage>();
  return message ? <MessageBody body={message.body} lastError={message.lastError} /> : null;
};

const Recipient = ({ message }: { message: OutgoingMessage }) => {
  const createPath = useCreatePath();
  const mayOpenCustomer = useRoleCan('customers', 'show');
  if (!message.loginAccountId || !mayOpenCustomer) return <>{message.recipient}</>;
  return (
    <Link to={createPath({ resource: 'customers', id: message.loginAccountId, type: 'show' })} onClick={(event: MouseEvent) => event.stopPropagation()}>
      {message.recipient}
    </Link>
  );
};

/**
 * Outgoing mail, SMS and calls (docs/api-console.md, "Messages"): failed ones first, then the newest;
 * a failed one can be sent again. The body opens with a click on the row.
 */
export const MessageList = () => {
  const translate = useTranslate();
  return (
    <List filters={messageFilters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} exporter={false}>
      <DataTable<OutgoingMessage> rowClick="expand" expand={<MessageDetails />} bulkActionButtons={false} rowSx={(m) => (m.state === 'failed' ? { bgcolor: 'rgba(211, 47, 47, 0.06)' } : {})}>
        <Column source="createdAt" disableSort render={(m) => <Time value={m.createdAt} />} />
        <Column source="channel" disableSort render={(m) => translate(`ikou.channel.${m.channel}`, { _: m.channel })} />
        <Column source="recipient" disableSort render={(m) => <Recipient message={m} />} />
        <Column
          source="subject"
          disableSort
          render={(m) => (
            <>
              {m.subject ?? translate(`ikou.template.${m.template}`, { _: m.template })}
              <Typography variant="caption" color="text.secondary" component="div" sx={{ fontFamily: 'monospace' }}>
                {m.template}
              </Typography>
            </>
          )}
        />
        <Column source="state" disableSort render={(m) => <StateChip group="message_state" value={m.state} testId="message-state" />} />
        <NumberColumn source="attempts" disableSort />
        <Column source="lastError" disableSort render={(m) => m.lastError ?? '—'} />
        <Column source="sentAt" disableSort render={(m) => <Time value={m.sentAt} />} />
        <Column label="ikou.common.actions" disableSort render={() => <RetryButton />} />
      </DataTable>
    </List>
  );
};
