import { useState, type ReactNode } from 'react';
import { Alert, AlertTitle, Box, Button, Card, CardContent, CardHeader, Chip, CircularProgress, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import SendIcon from '@mui/icons-material/Send';
import ThumbDownIcon from '@mui/icons-material/ThumbDown';
import { ListButton, Show, TopToolbar, useGetList, useGetRecordId, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import { Mono, StateChip, Time } from '../../components/format';
import { SimpleTable } from '../../components/SimpleTable';
import { useRoleCan } from '../../components/useRoleCan';
import { postAction, type ApiFailure } from '../../providers/apiErrors';
import { FIRST_PLAN_PAGE, PlanTable, planResource } from './PlanTable';
import { AssignToMeButton, ticketUrl, useNotifyFailure } from './TicketActions';
import { TopCruiseCell } from './TopCruiseCell';
import { EXECUTION_STATES, isTicket, MOVING_STATES, REJECTABLE_STATES, type Ticket, type TicketProgress } from './types';
import { useTicketProgress } from './useTicketProgress';

const DAY_MS = 86_400_000;

const TicketTitle = () => {
  const translate = useTranslate();
  const ticket = useRecordContext<Ticket>();
  return <>{ticket ? translate('ikou.tickets.title', { number: ticket.number }) : ''}</>;
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

/** The SLA clock: due date and what is left, on the server's clock (its age in days). */
const SlaClock = ({ ticket }: { ticket: Ticket }) => {
  const translate = useTranslate();
  if (!ticket.open) return <>—</>;
  const slaDays = Math.round((Date.parse(ticket.dueAt) - Date.parse(ticket.receivedAt)) / DAY_MS);
  const left = slaDays - ticket.ageDays;
  return (
    <Box component="span" data-testid="ticket-sla" data-breached={ticket.breached} sx={ticket.breached ? { color: 'error.main', fontWeight: 'bold' } : undefined}>
      <Time value={ticket.dueAt} /> {ticket.breached ? translate('ikou.tickets.breached') : translate('ikou.tickets.days_left', { smart_count: Math.max(0, left) })}
    </Box>
  );
};

const Header = ({ ticket }: { ticket: Ticket }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={2} sx={{ px: 2, pt: 2 }}>
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="ticket-summary">
        <Fact label="resources.tickets.fields.number">
          <Mono>{ticket.number}</Mono>
        </Fact>
        <Fact label="resources.tickets.fields.state">
          <StateChip group="ticket_state" value={ticket.state} testId="ticket-state" />
        </Fact>
        <Fact label="resources.tickets.fields.email" testId="ticket-email">
          {ticket.email}
        </Fact>
        <Fact label="resources.tickets.fields.networkId">
          <Mono>{ticket.networkId}</Mono>
        </Fact>
        <Fact label="ikou.tickets.channel">{translate(`ikou.ticket_channel.${ticket.channel}`, { _: ticket.channel })}</Fact>
        <Fact label="resources.tickets.fields.receivedAt">
          <Time value={ticket.receivedAt} /> ({translate('ikou.tickets.age', { smart_count: ticket.ageDays })})
        </Fact>
        <Fact label="resources.tickets.fields.dueAt">
          <SlaClock ticket={ticket} />
        </Fact>
        <Fact label="resources.tickets.fields.assigneeName" testId="ticket-assignee">
          {ticket.assigneeName ?? '—'}
        </Fact>
        <Fact label="ikou.tickets.billing_account" testId="ticket-billing-account">
          {ticket.billingAccount ? (
            <>
              <Mono>{ticket.billingAccount.code}</Mono> {ticket.billingAccount.customerName}
              <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, ml: 1 }}>
                {ticket.billingAccount.consolidated && <Chip size="small" label={translate('ikou.customers.contract.consolidated')} />}
                {ticket.billingAccount.topCruiseLinked && <Chip size="small" label={translate('ikou.customers.contract.top_cruise')} />}
              </Box>
            </>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="resources.tickets.fields.remark">
          <TopCruiseCell ticket={ticket} />
        </Fact>
        <Fact label="ikou.tickets.review" testId="ticket-review">
          {ticket.submitted
            ? translate('ikou.tickets.submitted_by', { name: ticket.preparedByName ?? '—' })
            : translate('ikou.tickets.not_submitted')}
          {ticket.approvedByName && ` / ${translate('ikou.tickets.approved_by', { name: ticket.approvedByName })}`}
        </Fact>
      </Stack>
      {ticket.topCruiseFlag && (
        <Alert severity="warning" data-testid="ticket-flag-explained" data-flag={ticket.topCruiseFlag}>
          <AlertTitle>{translate('ikou.tickets.flag_title')}</AlertTitle>
          {translate(`ikou.tickets.flag.${ticket.topCruiseFlag}`)} {translate('ikou.tickets.flag_check_invoice')}
        </Alert>
      )}
      {ticket.autoRejectReason && (
        <Alert severity="info" data-testid="ticket-auto-reject">
          {translate('ikou.tickets.auto_rejected_because', { reason: ticket.autoRejectReason })}
        </Alert>
      )}
      {ticket.customerReason && (
        <Alert severity="info" data-testid="ticket-customer-reason">
          {translate('ikou.tickets.customer_reason', { reason: ticket.customerReason })}
        </Alert>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="ticket-classes">
        {Object.entries(ticket.classes).map(([c, n]) => (
          <Chip key={c} size="small" variant="outlined" label={`${translate(`ikou.item_class.${c}`, { _: c })}: ${n}`} data-testid={`ticket-class-${c}`} data-count={n} />
        ))}
        <Chip size="small" color="primary" label={translate('ikou.tickets.to_link_now', { smart_count: ticket.toLink })} data-testid="ticket-to-link" data-count={ticket.toLink} />
      </Stack>
    </Stack>
  );
};

const ProgressCard = ({ ticket, progress }: { ticket: Ticket; progress: TicketProgress }) => {
  const translate = useTranslate();
  const moving = MOVING_STATES.includes(ticket.state);
  const value = progress.planned > 0 ? (progress.done / progress.planned) * 100 : 0;
  const counts: Array<[keyof typeof progress, string]> = [
    ['planned', 'ikou.tickets.progress.planned'],
    ['done', 'ikou.tickets.progress.done'],
    ['linked', 'ikou.tickets.progress.linked'],
    ['alreadyLinked', 'ikou.tickets.progress.already_linked'],
    ['conflicts', 'ikou.tickets.progress.conflicts'],
  ];
  return (
    <Card variant="outlined" sx={{ mx: 2 }} data-testid="ticket-progress" data-done={progress.done} data-planned={progress.planned}>
      <CardHeader title={translate('ikou.tickets.progress.title')} slotProps={{ title: { component: 'h2', variant: 'subtitle1' } }} />
      <CardContent>
        <LinearProgress variant={moving && progress.done === 0 ? 'indeterminate' : 'determinate'} value={value} sx={{ mb: 2 }} />
        <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {counts.map(([key, label]) => (
            <Fact key={key} label={label} testId={`ticket-progress-${key}`}>
              {progress[key]}
            </Fact>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
};

/** The review actions: submit for approval, approve (supervisors; four eyes), reject with a reason for the customer. */
const ReviewActions = ({ ticket }: { ticket: Ticket }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const maySubmit = useRoleCan('tickets', 'submit');
  const mayApprove = useRoleCan('tickets', 'approve');
  const mayReject = useRoleCan('tickets', 'reject');
  const [dialog, setDialog] = useState<'approve' | 'reject'>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiFailure>();
  const inReview = ticket.state === 'needs_review';

  const submit = async () => {
    setSubmitting(true);
    setFailure(undefined);
    const answer = await postAction(ticketUrl(ticket.id, 'submit'));
    setSubmitting(false);
    if (answer.ok) notify('ikou.tickets.submitted', { type: 'success' });
    else setFailure(answer.failure);
    refresh();
  };
  const close = () => {
    setDialog(undefined);
    refresh();
  };

  return (
    <>
      {inReview && maySubmit && !ticket.submitted && (
        <Button
          variant="contained"
          size="small"
          startIcon={submitting ? <CircularProgress size={16} color="inherit" /> : <SendIcon />}
          disabled={submitting}
          onClick={submit}
          data-testid="ticket-submit"
        >
          {translate('ikou.tickets.submit')}
        </Button>
      )}
      {inReview && mayApprove && (
        <Button variant="contained" color="success" size="small" startIcon={<CheckCircleIcon />} onClick={() => setDialog('approve')} data-testid="ticket-approve">
          {translate('ikou.tickets.approve')}
        </Button>
      )}
      {REJECTABLE_STATES.includes(ticket.state) && mayReject && (
        <Button color="error" size="small" startIcon={<ThumbDownIcon />} onClick={() => setDialog('reject')} data-testid="ticket-reject">
          {translate('ikou.tickets.reject')}
        </Button>
      )}
      {failure && (
        <Alert severity="error" data-testid="ticket-action-error" data-code={failure.code} onClose={() => setFailure(undefined)} sx={{ py: 0 }}>
          {failure.key ? translate(failure.key, { message: failure.message, _: failure.message }) : translate('ikou.api_error.other', { message: failure.message })}
        </Alert>
      )}
      <ActionDialog
        open={dialog === 'approve'}
        onClose={close}
        testId="ticket-approve-dialog"
        title="ikou.tickets.approve_title"
        fields={[]}
        confirmText={translate('ikou.tickets.approve_confirm', { smart_count: ticket.toLink, email: ticket.email })}
        confirmLabel="ikou.tickets.approve"
        submit={() => postAction(ticketUrl(ticket.id, 'approve'))}
        onSuccess={() => {
          notify('ikou.tickets.approved', { type: 'success' });
          refresh();
        }}
      />
      <ActionDialog
        open={dialog === 'reject'}
        onClose={close}
        testId="ticket-reject-dialog"
        title="ikou.tickets.reject_title"
        intro={translate('ikou.tickets.reject_intro', { email: ticket.email })}
        fields={[{ name: 'reason', label: 'ikou.tickets.reject_reason', helper: 'ikou.tickets.reject_reason_help', kind: 'textarea', required: true, minLength: 5, maxLength: 2000 }]}
        confirmText={translate('ikou.tickets.reject_confirm', { number: ticket.number })}
        confirmLabel="ikou.tickets.reject"
        danger
        submit={(values) => postAction(ticketUrl(ticket.id, 'reject'), { reason: values.reason })}
        onSuccess={() => {
          notify('ikou.tickets.rejected', { type: 'success' });
          refresh();
        }}
      />
    </>
  );
};

const TicketShowActions = () => {
  const ticket = useRecordContext();
  return (
    <TopToolbar sx={{ flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
      <ListButton />
      {isTicket(ticket) && (
        <>
          <AssignToMeButton ticket={ticket} />
          <ReviewActions ticket={ticket} />
        </>
      )}
    </TopToolbar>
  );
};

const Notes = ({ ticket }: { ticket: Ticket }) => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const notifyFailure = useNotifyFailure();
  const mayNote = useRoleCan('tickets', 'note');
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const add = async () => {
    if (!text.trim()) return;
    setPending(true);
    const answer = await postAction(ticketUrl(ticket.id, 'notes'), { body: text.trim() });
    setPending(false);
    if (answer.ok) setText('');
    else notifyFailure(answer.failure);
    refresh();
  };
  return (
    <Stack spacing={1}>
      <SimpleTable
        testId="ticket-notes"
        empty="ikou.tickets.no_notes"
        rows={ticket.notes}
        rowKey={(n) => String(n.id)}
        columns={[
          { label: 'ikou.tickets.note.at', render: (n) => <Time value={n.at} />, nowrap: true },
          { label: 'ikou.tickets.note.by', render: (n) => n.by, nowrap: true },
          { label: 'ikou.tickets.note.body', render: (n) => <Box sx={{ whiteSpace: 'pre-wrap' }}>{n.body}</Box> },
        ]}
      />
      {mayNote && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField
            value={text}
            onChange={(event) => setText(event.target.value)}
            label={translate('ikou.tickets.note.new')}
            helperText={translate('ikou.tickets.note.help')}
            multiline
            minRows={2}
            fullWidth
            slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': 'ticket-note-input' } }}
          />
          <Button variant="outlined" onClick={add} disabled={pending || !text.trim()} data-testid="ticket-note-add">
            {translate('ikou.tickets.note.add')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
};

const History = ({ ticket }: { ticket: Ticket }) => {
  const translate = useTranslate();
  return (
    <SimpleTable
      testId="ticket-history"
      empty="ikou.tickets.no_history"
      rows={ticket.history}
      rowKey={(h) => `${h.at}:${h.to}`}
      columns={[
        { label: 'ikou.tickets.history.at', render: (h) => <Time value={h.at} seconds />, nowrap: true },
        {
          label: 'ikou.tickets.history.change',
          render: (h) => (
            <>
              {h.from ? `${translate(`ikou.ticket_state.${h.from}`, { _: h.from })} → ` : ''}
              {translate(`ikou.ticket_state.${h.to}`, { _: h.to })}
            </>
          ),
        },
        { label: 'ikou.tickets.history.by', render: (h) => h.actor.name ?? translate(`ikou.actor_type.${h.actor.type}`, { _: h.actor.type }) },
        { label: 'ikou.tickets.history.reason', render: (h) => h.reason ?? '—' },
      ]}
    />
  );
};

const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId: string }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mx: 2 }} component="section" data-testid={testId}>
      <CardHeader title={translate(title)} slotProps={{ title: { component: 'h2', variant: 'subtitle1' } }} />
      <CardContent sx={{ pt: 0 }}>{children}</CardContent>
    </Card>
  );
};

const TicketPage = () => {
  const ticket = useRecordContext();
  const id = useGetRecordId();
  // The first page of the plan is asked for alongside the ticket, not after it: one round trip less.
  useGetList(planResource(String(id)), FIRST_PLAN_PAGE, { enabled: !isTicket(ticket) });
  return isTicket(ticket) ? <TicketSections ticket={ticket} /> : <LinearProgress sx={{ m: 2 }} />;
};

const TicketSections = ({ ticket }: { ticket: Ticket }) => {
  const mayExclude = useRoleCan('tickets', 'exclude');
  const progress = useTicketProgress(ticket)?.progress ?? ticket.progress;
  return (
    <Stack spacing={2} sx={{ pb: 2 }} data-testid="ticket-page" data-state={ticket.state}>
      <Header ticket={ticket} />
      {EXECUTION_STATES.includes(ticket.state) && <ProgressCard ticket={ticket} progress={progress} />}
      <Section title="ikou.tickets.section.plan" testId="ticket-plan-section">
        <PlanTable ticket={ticket} progress={progress} mayExclude={mayExclude} />
      </Section>
      <Section title="ikou.tickets.section.notes" testId="ticket-notes-section">
        <Notes ticket={ticket} />
      </Section>
      <Section title="ikou.tickets.section.history" testId="ticket-history-section">
        <History ticket={ticket} />
      </Section>
    </Stack>
  );
};

/**
 * One ticket (docs/api-console.md, GET /tickets/{id}): the header with the SLA clock and the Top Cruise
 * check, the plan (a page of items at a time), notes and history, and the review actions. While a worker
 * moves the ticket on (validation, execution) the page polls the ticket's progress every second and
 * reloads the rest when the state changes.
 */
export const TicketShow = () => (
  <Show title={<TicketTitle />} actions={<TicketShowActions />}>
    <TicketPage />
  </Show>
);
