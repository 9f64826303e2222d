import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Mono } from './format';

/** A message's text (codes and link tokens already redacted by the API). */
export const MessageBody = ({ body, lastError }: { body: string; lastError?: string | null }) => {
  const translate = useTranslate();
  return (
    <Box>
      {lastError && (
        <Typography variant="body2" color="error" sx={{ mb: 1 }}>
          {translate('resources.messages.fields.lastError')}: {lastError}
        </Typography>
      )}
      <Box
        component="pre"
        data-testid="message-body"
        sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: '0.8125rem' }}
      >
        {body}
      </Box>
    </Box>
  );
};

/** An audit action's code, with its translated name when the catalogue has one. */
export const AuditAction = ({ action }: { action: string }) => {
  const translate = useTranslate();
  const name = translate(`ikou.audit_action.${action.replace(/\./g, '_')}`, { _: '' });
  return (
    <>
      <Mono>{action}</Mono>
      {name && (
        <Typography variant="caption" color="text.secondary" component="div">
          {name}
        </Typography>
      )}
    </>
  );
};
