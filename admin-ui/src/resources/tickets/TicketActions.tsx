import { useState, type MouseEvent } from 'react';
import { Button } from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useGetIdentity, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useRoleCan } from '../../components/useRoleCan';
import { postAction } from '../../providers/apiErrors';
import { CONSOLE_API } from '../../providers/http';
import type { TicketRow } from './types';

export const ticketUrl = (id: string, action?: string) => `${CONSOLE_API}/tickets/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** Notifies an API refusal by its code. */
export const useNotifyFailure = () => {
  const notify = useNotify();
  return (failure: { key?: string; message: string }) =>
    notify(failure.key ?? 'ikou.api_error.other', { type: 'error', messageArgs: { message: failure.message, _: failure.message } });
};

/** POST /tickets/{id}/assign: the caller takes an open ticket (shown unless it is the caller's already). */
export const AssignToMeButton = ({ ticket, onDone }: { ticket: TicketRow; onDone?: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyFailure = useNotifyFailure();
  const refresh = useRefresh();
  const { identity } = useGetIdentity();
  const allowed = useRoleCan('tickets', 'assign');
  const [pending, setPending] = useState(false);
  if (!allowed || !ticket.open || !identity || ticket.assigneeId === identity.id) return null;
  const assign = async (event: MouseEvent) => {
    event.stopPropagation(); // in a list row, the row's click opens the ticket
    setPending(true);
    const answer = await postAction(ticketUrl(ticket.id, 'assign'));
    setPending(false);
    if (answer.ok) notify('ikou.tickets.assigned', { type: 'success', messageArgs: { number: ticket.number } });
    else notifyFailure(answer.failure);
    if (onDone) onDone();
    else refresh();
  };
  return (
    <Button size="small" startIcon={<PersonAddIcon />} onClick={assign} disabled={pending} data-testid="ticket-assign" sx={{ whiteSpace: 'nowrap' }}>
      {translate('ikou.tickets.assign_to_me')}
    </Button>
  );
};
