import type { ReactNode } from 'react';
import { Box, Chip, Divider, LinearProgress, Stack, Typography } from '@mui/material';
import { Link, ListButton, Show, TabbedShowLayout, TopToolbar, useCreatePath, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { Mono, StateChip, Time, YesNo } from '../../components/format';
import { AuditAction, MessageBody } from '../../components/records';
import { SimpleTable } from '../../components/SimpleTable';
import { useRoleCan } from '../../components/useRoleCan';
import {
  ClearLockoutButton,
  LinkNetworkIdButton,
  PasswordLinkButton,
  ReissueRecoveryCodeButton,
  ResetMfaButton,
  UnlinkButton,
} from './CustomerActions';
import type { CustomerProfile } from './types';

/**
 * Coming from the list, react-admin shows the list's row while the page loads (placeholder data): only a
 * record with the page's arrays is the customer page.
 */
const isProfile = (record: unknown): record is CustomerProfile => {
  const r = record as Partial<CustomerProfile> | undefined;
  return Array.isArray(r?.contracts) && Array.isArray(r?.factors) && Array.isArray(r?.messages) && Array.isArray(r?.audit);
};

const CustomerTitle = () => {
  const translate = useTranslate();
  const record = useRecordContext<CustomerProfile>();
  return <>{record ? translate('ikou.customers.title', { email: record.email }) : ''}</>;
};

const CustomerShowActions = () => {
  const record = useRecordContext();
  return (
    <TopToolbar sx={{ flexWrap: 'wrap' }}>
      <ListButton />
      {isProfile(record) && (
        <>
          <LinkNetworkIdButton customer={record} />
          <ResetMfaButton customer={record} />
          <ReissueRecoveryCodeButton customer={record} />
          <PasswordLinkButton customerId={record.id} email={record.email} disabled={record.state === 'disabled'} />
        </>
      )}
    </TopToolbar>
  );
};

/** Label and value side by side. */
const Fact = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Typography variant="body2" component="div" data-testid={testId}>
        {children}
      </Typography>
    </Box>
  );
};

const Summary = ({ customer }: { customer: CustomerProfile }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', px: 2, pt: 2 }} data-testid="customer-summary">
      <Fact label="resources.customers.fields.email" testId="customer-email">
        {customer.email}
      </Fact>
      <Fact label="resources.customers.fields.state">
        <StateChip group="customer_state" value={customer.state} testId="customer-state" />
      </Fact>
      <Fact label="ikou.customers.password_set">
        <YesNo value={customer.passwordSet} />
      </Fact>
      <Fact label="ikou.customers.mfa">
        <span data-testid="customer-mfa-summary" data-factors={customer.factors.filter((f) => f.state === 'active').length}>
          {translate('ikou.customers.factor_count', { smart_count: customer.factors.filter((f) => f.state === 'active').length })}
        </span>
      </Fact>
      <Fact label="ikou.customers.active_sessions">{customer.activeSessions}</Fact>
      <Fact label="resources.customers.fields.createdAt">
        <Time value={customer.createdAt} />
      </Fact>
      <Fact label="ikou.customers.consent">
        {customer.consent ? (
          <>
            {translate('ikou.customers.consent_versions', {
              terms: customer.consent.termsVersion ?? '—',
              privacy: customer.consent.privacyPolicyVersion ?? '—',
            })}{' '}
            (<Time value={customer.consent.consentedAt} />)
          </>
        ) : (
          '—'
        )}
      </Fact>
    </Stack>
  );
};

const ContractsSection = ({ customer }: { customer: CustomerProfile }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const mayUnlink = useRoleCan('customers', 'unlink');
  return (
    <SimpleTable
      testId="customer-contracts"
      empty="ikou.customers.empty.contracts"
      rows={customer.contracts}
      rowKey={(c) => c.networkId}
      columns={[
        { label: 'ikou.customers.contract.network_id', render: (c) => <Mono>{c.networkId}</Mono> },
        { label: 'ikou.customers.contract.service', render: (c) => (locale === 'ja' ? c.serviceName.ja : c.serviceName.en) },
        { label: 'ikou.customers.contract.status', render: (c) => <StateChip group="contract_status" value={c.status} /> },
        { label: 'ikou.customers.contract.contracted_at', render: (c) => c.contractedAt, nowrap: true },
        {
          label: 'ikou.customers.contract.billing_account',
          render: (c) => (
            <>
              <Mono>{c.billingAccount.code}</Mono> {c.billingAccount.customerName}
              <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, ml: 1 }}>
                {c.billingAccount.consolidated && <Chip size="small" label={translate('ikou.customers.contract.consolidated')} />}
                {c.billingAccount.topCruiseLinked && <Chip size="small" label={translate('ikou.customers.contract.top_cruise')} />}
              </Box>
            </>
          ),
        },
        { label: 'ikou.customers.contract.linked_at', render: (c) => <Time value={c.linkedAt} /> },
        { label: 'ikou.customers.contract.linked_via', render: (c) => (c.linkedVia ? translate(`ikou.linked_via.${c.linkedVia}`, { _: c.linkedVia }) : '—') },
        ...(mayUnlink ? [{ label: 'ikou.common.actions', render: (c: CustomerProfile['contracts'][number]) => <UnlinkButton customer={customer} networkId={c.networkId} /> }] : []),
      ]}
    />
  );
};

const MfaSection = ({ customer }: { customer: CustomerProfile }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={2}>
      <Typography variant="subtitle2" component="h3">
        {translate('ikou.customers.section.factors')}
      </Typography>
      <SimpleTable
        testId="customer-factors"
        empty="ikou.customers.empty.factors"
        rows={customer.factors}
        rowKey={(f) => f.id}
        columns={[
          { label: 'ikou.customers.factor.type', render: (f) => translate(`ikou.factor_type.${f.type}`, { _: f.type }) },
          { label: 'ikou.customers.factor.phone', render: (f) => <Mono>{f.phone ?? f.label ?? '—'}</Mono> },
          { label: 'ikou.customers.factor.state', render: (f) => <StateChip group="factor_state" value={f.state} /> },
          { label: 'ikou.customers.factor.enrolled_at', render: (f) => <Time value={f.enrolledAt} /> },
          { label: 'ikou.customers.factor.last_used_at', render: (f) => <Time value={f.lastUsedAt} /> },
          { label: 'ikou.customers.factor.failures', render: (f) => f.consecutiveFailures },
        ]}
      />
      <Divider />
      <Typography variant="subtitle2" component="h3">
        {translate('ikou.customers.section.recovery_code')}
      </Typography>
      <Typography variant="body2" data-testid="customer-recovery-code" data-exists={customer.recoveryCode ? 'true' : 'false'}>
        {customer.recoveryCode ? (
          <>
            {translate('ikou.customers.recovery.exists')} (<Time value={customer.recoveryCode.createdAt} />)
          </>
        ) : (
          translate('ikou.customers.recovery.none')
        )}
      </Typography>
      <Divider />
      <Typography variant="subtitle2" component="h3">
        {translate('ikou.customers.section.devices')}
      </Typography>
      <SimpleTable
        testId="customer-devices"
        empty="ikou.customers.empty.devices"
        rows={customer.rememberedDevices}
        rowKey={(d) => d.id}
        columns={[
          { label: 'ikou.customers.device.label', render: (d) => d.label },
          { label: 'ikou.customers.device.created_at', render: (d) => <Time value={d.createdAt} /> },
          { label: 'ikou.customers.device.last_used_at', render: (d) => <Time value={d.lastUsedAt} /> },
          { label: 'ikou.customers.device.expires_at', render: (d) => <Time value={d.expiresAt} /> },
        ]}
      />
    </Stack>
  );
};

const LockoutsSection = ({ customer }: { customer: CustomerProfile }) => (
  <SimpleTable
    testId="customer-lockouts"
    empty="ikou.customers.empty.lockouts"
    rows={customer.lockouts}
    rowKey={(l) => l.networkId}
    columns={[
      { label: 'ikou.customers.contract.network_id', render: (l) => <Mono>{l.networkId}</Mono> },
      { label: 'ikou.customers.lockout.failures', render: (l) => l.failures },
      { label: 'ikou.customers.lockout.consecutive', render: (l) => l.consecutiveFailures },
      { label: 'ikou.customers.lockout.locked_until', render: (l) => <LockedUntil value={l.lockedUntil} /> },
      { label: 'ikou.customers.lockout.last_failure_at', render: (l) => <Time value={l.lastFailureAt} /> },
      { label: 'ikou.common.actions', render: (l) => <ClearLockoutButton customer={customer} networkId={l.networkId} /> },
    ]}
  />
);

const LockedUntil = ({ value }: { value: string | null }) => {
  const translate = useTranslate();
  return value ? <Time value={value} /> : <>{translate('ikou.customers.lockout.not_locked')}</>;
};

const MessagesSection = ({ customer }: { customer: CustomerProfile }) => {
  const translate = useTranslate();
  return (
    <SimpleTable
      testId="customer-messages"
      empty="ikou.customers.empty.messages"
      rows={customer.messages}
      rowKey={(m) => m.id}
      expand={(m) => <MessageBody body={m.body} lastError={m.lastError} />}
      columns={[
        { label: 'resources.messages.fields.createdAt', render: (m) => <Time value={m.createdAt} /> },
        { label: 'resources.messages.fields.channel', render: (m) => translate(`ikou.channel.${m.channel}`, { _: m.channel }) },
        { label: 'resources.messages.fields.subject', render: (m) => m.subject ?? translate(`ikou.template.${m.template}`, { _: m.template }) },
        { label: 'resources.messages.fields.recipient', render: (m) => m.recipient },
        { label: 'resources.messages.fields.state', render: (m) => <StateChip group="message_state" value={m.state} /> },
        { label: 'resources.messages.fields.sentAt', render: (m) => <Time value={m.sentAt} /> },
      ]}
    />
  );
};

const TicketsSection = ({ customer }: { customer: CustomerProfile }) => {
  const translate = useTranslate();
  return (
    <SimpleTable
      testId="customer-tickets"
      empty="ikou.customers.empty.tickets"
      rows={customer.tickets}
      rowKey={(t) => t.id}
      columns={[
        { label: 'ikou.customers.ticket.number', render: (t) => <Mono>{t.number}</Mono> },
        { label: 'ikou.customers.ticket.state', render: (t) => <StateChip group="ticket_state" value={t.state} /> },
        { label: 'ikou.customers.ticket.channel', render: (t) => translate(`ikou.ticket_channel.${t.channel}`, { _: t.channel }) },
        { label: 'ikou.customers.contract.network_id', render: (t) => <Mono>{t.networkId}</Mono> },
        { label: 'ikou.customers.ticket.remark', render: (t) => t.remark || '—' },
        { label: 'ikou.customers.ticket.received_at', render: (t) => <Time value={t.receivedAt} /> },
        { label: 'ikou.customers.ticket.due_at', render: (t) => (t.open ? <Time value={t.dueAt} /> : '—') },
      ]}
    />
  );
};

const AuditSection = ({ customer }: { customer: CustomerProfile }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const mayReadAuditLog = useRoleCan('audit', 'list');
  const fullLog = `${createPath({ resource: 'audit', type: 'list' })}?filter=${encodeURIComponent(JSON.stringify({ targetId: customer.id }))}`;
  return (
    <Stack spacing={1}>
      <SimpleTable
        testId="customer-audit"
        empty="ikou.customers.empty.audit"
        rows={customer.audit}
        rowKey={(e) => String(e.id)}
        columns={[
          { label: 'resources.audit.fields.occurredAt', render: (e) => <Time value={e.occurredAt} seconds /> },
          { label: 'resources.audit.fields.action', render: (e) => <AuditAction action={e.action} /> },
          { label: 'resources.audit.fields.actorType', render: (e) => `${translate(`ikou.actor_type.${e.actor.type}`, { _: e.actor.type })}${e.actor.id ? ` ${e.actor.id}` : ''}` },
          { label: 'resources.audit.fields.targetType', render: (e) => (e.target ? `${e.target.type}${e.target.id ? ` ${e.target.id}` : ''}` : '—') },
          { label: 'resources.audit.fields.reason', render: (e) => e.reason ?? '—' },
        ]}
      />
      {mayReadAuditLog && (
        <Link to={fullLog} variant="body2" data-testid="customer-audit-full-log">
          {translate('ikou.customers.audit_full_log')}
        </Link>
      )}
    </Stack>
  );
};

const CustomerPage = () => {
  const customer = useRecordContext();
  if (!isProfile(customer)) return <LinearProgress sx={{ m: 2 }} />;
  const active = customer.factors.filter((f) => f.state === 'active').length;
  return (
    <>
      <Summary customer={customer} />
      <TabbedShowLayout record={customer}>
        <TabbedShowLayout.Tab label="ikou.customers.tab.contracts" count={customer.contracts.length} data-testid="customer-tab-contracts">
          <ContractsSection customer={customer} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ikou.customers.tab.mfa" path="mfa" count={active} data-testid="customer-tab-mfa">
          <MfaSection customer={customer} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ikou.customers.tab.lockouts" path="lockouts" count={customer.lockouts.length} data-testid="customer-tab-lockouts">
          <LockoutsSection customer={customer} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ikou.customers.tab.messages" path="messages" count={customer.messages.length} data-testid="customer-tab-messages">
          <MessagesSection customer={customer} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ikou.customers.tab.tickets" path="tickets" count={customer.tickets.length} data-testid="customer-tab-tickets">
          <TicketsSection customer={customer} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ikou.customers.tab.audit" path="audit" data-testid="customer-tab-audit">
          <AuditSection customer={customer} />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </>
  );
};

/** The customer page (docs/api-console.md, GET /customers/{id}) with the desk's actions. */
export const CustomerShow = () => (
  <Show title={<CustomerTitle />} actions={<CustomerShowActions />}>
    <CustomerPage />
  </Show>
);
