import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useRefresh } from 'react-admin';
import { apiFetch } from '../../providers/http';
import { ticketUrl } from './TicketActions';
import { MOVING_STATES, type Ticket, type TicketProgressAnswer } from './types';

/**
 * While a worker moves the ticket on (validation, execution), asks GET /tickets/{id}/progress every
 * second: the state and the counts, a few hundred bytes whatever the size of the plan. The page's data
 * (the ticket, its page of items) is asked again only when the state changes. Answers the latest
 * progress while the ticket moves, for the progress card and the rows' results.
 */
export const useTicketProgress = (ticket: Ticket): TicketProgressAnswer | undefined => {
  const refresh = useRefresh();
  const moving = MOVING_STATES.includes(ticket.state);
  const { data } = useQuery({
    queryKey: ['tickets', 'progress', ticket.id],
    queryFn: async ({ signal }) => {
      const answer = await apiFetch(ticketUrl(ticket.id, 'progress'), { signal });
      if (!answer.ok) throw new Error(`GET progress: ${answer.status}`);
      return answer.body as TicketProgressAnswer;
    },
    enabled: moving,
    refetchInterval: moving ? 1000 : false,
  });
  const movedOn = moving && data !== undefined && data.state !== ticket.state;
  useEffect(() => {
    if (movedOn) refresh();
  }, [movedOn, refresh]);
  return moving && data?.state === ticket.state ? data : undefined;
};
