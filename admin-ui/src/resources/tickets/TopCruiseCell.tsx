import { Box, Chip, Tooltip } from '@mui/material';
import FlagIcon from '@mui/icons-material/Flag';
import { useTranslate } from 'react-admin';
import type { TicketRow } from './types';

/**
 * The Top Cruise remark and, when the plan found a mismatch with the billing account, the flag. Its own
 * module: the ticket page shows it too, and importing it from the queue's module made the page's chunk
 * fetch the queue's (List, filters, pagination) before it could render.
 */
export const TopCruiseCell = ({ ticket }: { ticket: Pick<TicketRow, 'remark' | 'topCruiseFlag'> }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
      {ticket.remark ? <span>{ticket.remark}</span> : '—'}
      {ticket.topCruiseFlag && (
        <Tooltip title={translate(`ikou.tickets.flag.${ticket.topCruiseFlag}`)}>
          <Chip size="small" color="warning" icon={<FlagIcon />} label={translate('ikou.tickets.flagged')} data-testid="ticket-flag" data-flag={ticket.topCruiseFlag} />
        </Tooltip>
      )}
    </Box>
  );
};
