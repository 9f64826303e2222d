import { useState, type ReactNode } from 'react';
import { Alert, Box, Button, Typography, type ButtonProps } from '@mui/material';
import LinkIcon from '@mui/icons-material/Link';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import MailIcon from '@mui/icons-material/Mail';
import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { ActionDialog, reasonField, stepUpField, type ActionDialogProps, type ActionValues } from '../../components/ActionDialog';
import { useRoleCan } from '../../components/useRoleCan';
import { postAction } from '../../providers/apiErrors';
import { CONSOLE_API } from '../../providers/http';
import { MFA_RESET_REASONS, type CustomerProfile } from './types';

/**
 * The desk's actions on one customer (docs/api-console.md, "Support actions"), each in an ActionDialog:
 * a reason, a confirm step, the API's refusals by code. Shown only to the roles that may use them.
 */

const customerUrl = (id: string, path: string) => `${CONSOLE_API}/customers/${encodeURIComponent(id)}/${path}`;

/** After an action: say so, and load the customer page again. */
const useDone = () => {
  const notify = useNotify();
  const refresh = useRefresh();
  return (message: string, messageArgs?: Record<string, unknown>) => {
    notify(message, { type: 'success', messageArgs });
    refresh();
  };
};

/** A button that opens its dialog; the dialog's state goes when it closes. */
const DialogButton = <T,>({
  label,
  icon,
  testId,
  disabled,
  title,
  color,
  dialog,
}: {
  label: string;
  icon: ReactNode;
  testId: string;
  disabled?: boolean;
  title?: string;
  color?: ButtonProps['color'];
  dialog: Omit<ActionDialogProps<T>, 'open' | 'onClose' | 'testId'>;
}) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        startIcon={icon}
        color={color}
        onClick={() => setOpen(true)}
        disabled={disabled}
        title={title ? translate(title) : undefined}
        data-testid={`${testId}-button`}
      >
        {translate(label)}
      </Button>
      <ActionDialog<T> open={open} onClose={() => setOpen(false)} testId={testId} {...dialog} />
    </>
  );
};

export const LinkNetworkIdButton = ({ customer }: { customer: CustomerProfile }) => {
  const translate = useTranslate();
  const done = useDone();
  if (!useRoleCan('customers', 'link')) return null;
  return (
    <DialogButton<{ networkId: string }>
      label="ikou.customers.link.button"
      icon={<LinkIcon />}
      testId="customer-link"
      disabled={customer.state === 'disabled'}
      dialog={{
        title: 'ikou.customers.link.title',
        intro: <Typography variant="body2">{translate('ikou.customers.link.intro')}</Typography>,
        fields: [
          { name: 'networkId', label: 'ikou.customers.link.network_id', kind: 'text', required: true, maxLength: 32 },
          reasonField,
        ],
        confirmText: (values: ActionValues) =>
          translate('ikou.customers.link.confirm', { networkId: String(values.networkId).trim(), email: customer.email }),
        confirmLabel: 'ikou.customers.link.submit',
        submit: (values) => postAction(customerUrl(customer.id, 'contracts'), { networkId: values.networkId, reason: values.reason }),
        onSuccess: (body) => done('ikou.customers.link.done', { networkId: body.networkId }),
      }}
    />
  );
};

export const UnlinkButton = ({ customer, networkId }: { customer: CustomerProfile; networkId: string }) => {
  const translate = useTranslate();
  const done = useDone();
  if (!useRoleCan('customers', 'unlink')) return null;
  return (
    <DialogButton
      label="ikou.customers.unlink.button"
      icon={<LinkOffIcon />}
      color="error"
      testId={`customer-unlink-${networkId}`}
      dialog={{
        title: 'ikou.customers.unlink.title',
        fields: [reasonField],
        confirmText: translate('ikou.customers.unlink.confirm', { networkId, email: customer.email }),
        confirmLabel: 'ikou.customers.unlink.submit',
        danger: true,
        submit: (values) => postAction(customerUrl(customer.id, `contracts/${encodeURIComponent(networkId)}/unlink`), { reason: values.reason }),
        onSuccess: () => done('ikou.customers.unlink.done', { networkId }),
      }}
    />
  );
};

export const ResetMfaButton = ({ customer }: { customer: CustomerProfile }) => {
  const translate = useTranslate();
  const done = useDone();
  if (!useRoleCan('customers', 'mfa-reset')) return null;
  return (
    <DialogButton<{ factorsRemoved: number; devicesRevoked: number; sessionsEnded: number }>
      label="ikou.customers.mfa_reset.button"
      icon={<PhonelinkEraseIcon />}
      color="warning"
      testId="customer-mfa-reset"
      dialog={{
        title: 'ikou.customers.mfa_reset.title',
        intro: (
          <Typography variant="body2">
            {translate('ikou.customers.mfa_reset.intro', {
              factors: customer.factors.filter((f) => f.state === 'active').length,
              devices: customer.rememberedDevices.length,
            })}
          </Typography>
        ),
        fields: [
          {
            name: 'reasonCode',
            label: 'ikou.customers.mfa_reset.reason_code',
            kind: 'select',
            required: true,
            choices: MFA_RESET_REASONS.map((id) => ({ id, name: `ikou.mfa_reset_reason.${id}` })),
          },
          {
            name: 'identityCheck',
            label: 'ikou.customers.mfa_reset.identity_check',
            helper: 'ikou.customers.mfa_reset.identity_check_help',
            kind: 'textarea',
            required: true,
            minLength: 10,
            maxLength: 2000,
          },
          {
            name: 'ticketNumber',
            label: 'ikou.customers.mfa_reset.ticket_number',
            helper: 'ikou.customers.mfa_reset.ticket_number_help',
            kind: 'text',
            pattern: /^BT-\d{6}$/,
            patternMessage: 'ikou.field_error.ticket_format',
          },
          stepUpField,
          { name: 'confirmed', label: 'ikou.customers.mfa_reset.acknowledge', kind: 'checkbox', required: true, step: 'confirm' },
        ],
        confirmText: translate('ikou.customers.mfa_reset.confirm', { email: customer.email }),
        confirmLabel: 'ikou.customers.mfa_reset.submit',
        danger: true,
        submit: (values) =>
          postAction(customerUrl(customer.id, 'mfa-reset'), {
            reasonCode: values.reasonCode,
            identityCheck: values.identityCheck,
            stepUpCode: values.stepUpCode,
            ...(values.ticketNumber ? { ticketNumber: values.ticketNumber } : {}),
          }),
        onSuccess: (body) =>
          done('ikou.customers.mfa_reset.done', { factors: body.factorsRemoved, devices: body.devicesRevoked, sessions: body.sessionsEnded }),
      }}
    />
  );
};

/** The reissued code, shown once: it is in this element only until the dialog closes. */
const RecoveryCodeShown = ({ code }: { code: string }) => {
  const translate = useTranslate();
  return (
    <Box>
      <Alert severity="warning" sx={{ mb: 2 }}>
        {translate('ikou.customers.recovery.shown_once')}
      </Alert>
      <Typography variant="body2" color="text.secondary">
        {translate('ikou.customers.recovery.code_label')}
      </Typography>
      <Typography
        component="p"
        data-testid="recovery-code"
        sx={{ fontFamily: 'monospace', fontSize: '1.5rem', letterSpacing: '0.05em', my: 1, userSelect: 'all', wordBreak: 'break-all' }}
      >
        {code}
      </Typography>
      <Typography variant="body2">{translate('ikou.customers.recovery.read_out')}</Typography>
    </Box>
  );
};

export const ReissueRecoveryCodeButton = ({ customer }: { customer: CustomerProfile }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const allowed = useRoleCan('customers', 'recovery-code');
  if (!allowed) return null;
  const hasFactor = customer.factors.some((f) => f.state === 'active');
  return (
    <DialogButton<{ recoveryCode: string }>
      label="ikou.customers.recovery.button"
      icon={<VpnKeyIcon />}
      testId="customer-recovery"
      disabled={!hasFactor}
      title={hasFactor ? undefined : 'ikou.api_error.no_factor'}
      dialog={{
        title: 'ikou.customers.recovery.title',
        intro: <Typography variant="body2">{translate('ikou.customers.recovery.intro')}</Typography>,
        fields: [reasonField, stepUpField],
        confirmText: translate('ikou.customers.recovery.confirm', { email: customer.email }),
        confirmLabel: 'ikou.customers.recovery.submit',
        closeLabel: 'ikou.customers.recovery.close',
        danger: true,
        submit: (values) => postAction(customerUrl(customer.id, 'recovery-code'), { reason: values.reason, stepUpCode: values.stepUpCode }),
        onSuccess: (body) => {
          notify('ikou.customers.recovery.done', { type: 'success' });
          // The page shows when the code was made; the code itself stays in the dialog.
          refresh();
          return <RecoveryCodeShown code={body.recoveryCode} />;
        },
      }}
    />
  );
};

export const ClearLockoutButton = ({ customer, networkId }: { customer: CustomerProfile; networkId: string }) => {
  const translate = useTranslate();
  const done = useDone();
  if (!useRoleCan('customers', 'clear-lockout')) return null;
  return (
    <DialogButton
      label="ikou.customers.lockout.button"
      icon={<LockOpenIcon />}
      testId={`customer-clear-lockout-${networkId}`}
      dialog={{
        title: 'ikou.customers.lockout.title',
        fields: [reasonField],
        confirmText: translate('ikou.customers.lockout.confirm', { networkId }),
        confirmLabel: 'ikou.customers.lockout.submit',
        submit: (values) => postAction(customerUrl(customer.id, `lockouts/${encodeURIComponent(networkId)}/clear`), { reason: values.reason }),
        onSuccess: () => done('ikou.customers.lockout.done', { networkId }),
      }}
    />
  );
};

/** POST /customers/{id}/password-link: from the customer page and from the dashboard's stuck list. */
export const PasswordLinkButton = ({ customerId, email, disabled, testId = 'customer-password-link' }: { customerId: string; email: string; disabled?: boolean; testId?: string }) => {
  const translate = useTranslate();
  const done = useDone();
  if (!useRoleCan('customers', 'password-link')) return null;
  return (
    <DialogButton<{ sent: boolean; purpose: 'initial' | 'reset' }>
      label="ikou.customers.password_link.button"
      icon={<MailIcon />}
      testId={testId}
      disabled={disabled}
      dialog={{
        title: 'ikou.customers.password_link.title',
        fields: [reasonField],
        confirmText: translate('ikou.customers.password_link.confirm', { email }),
        confirmLabel: 'ikou.customers.password_link.submit',
        submit: (values) => postAction(customerUrl(customerId, 'password-link'), { reason: values.reason }),
        onSuccess: (body) => done(`ikou.customers.password_link.done_${body.purpose === 'reset' ? 'reset' : 'initial'}`, { email }),
      }}
    />
  );
};
