import { useState } from 'react';
import { Button, Stack, Typography } from '@mui/material';
import LockResetIcon from '@mui/icons-material/LockReset';
import {
  BooleanInput,
  Create,
  DataTable,
  Edit,
  email,
  HttpError,
  List,
  ListButton,
  PasswordInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  useGetIdentity,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { ActionDialog, reasonField } from '../../components/ActionDialog';
import { StateChip, Time, YesNo } from '../../components/format';
import { failureOf, postAction } from '../../providers/apiErrors';
import { CONSOLE_API } from '../../providers/http';

const Column = DataTable.Col<StaffMember>;

/** GET /api/console/staff (one member). */
interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  role: 'agent' | 'supervisor' | 'admin';
  active: boolean;
  totpEnrolled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

const ROLE_CHOICES = ['agent', 'supervisor', 'admin'].map((id) => ({ id, name: `ikou.role.${id}` }));

/** Staff accounts (domain.md §6.10), active ones first. */
export const StaffList = () => {
  const translate = useTranslate();
  return (
    <List sort={{ field: 'email', order: 'ASC' }} perPage={50} exporter={false}>
      <DataTable<StaffMember> rowClick="edit" bulkActionButtons={false}>
        <Column source="email" disableSort />
        <Column source="displayName" disableSort />
        <Column source="role" disableSort render={(s) => translate(`ikou.role.${s.role}`, { _: s.role })} />
        <Column source="active" disableSort render={(s) => <StateChip group="staff_state" value={s.active ? 'active' : 'disabled'} />} />
        <Column source="totpEnrolled" disableSort render={(s) => <YesNo value={s.totpEnrolled} />} />
        <Column source="lastSignInAt" disableSort render={(s) => <Time value={s.lastSignInAt} />} />
        <Column source="createdAt" disableSort render={(s) => <Time value={s.createdAt} />} />
      </DataTable>
    </List>
  );
};

/** The API's refusal of a save, by code (cannot_change_self, ...); field errors show next to the inputs. */
const useSaveError = () => {
  const notify = useNotify();
  return (error: unknown) => {
    const body = error instanceof HttpError ? error.body : undefined;
    const failure = failureOf({ ok: false, status: error instanceof HttpError ? error.status : 0, headers: new Headers(), body });
    if (failure.code === 'invalid_input') return; // shown next to the fields
    notify(failure.key ?? 'ikou.api_error.other', { type: 'error', messageArgs: { message: failure.message, _: failure.message } });
  };
};

export const StaffCreate = () => {
  const onError = useSaveError();
  return (
    <Create redirect="list" mutationOptions={{ onError }}>
      <SimpleForm defaultValues={{ role: 'agent' }}>
        <TextInput source="email" type="email" validate={[required(), email()]} autoComplete="off" />
        <TextInput source="displayName" validate={required()} />
        <SelectInput source="role" choices={ROLE_CHOICES} validate={required()} />
        <PasswordInput source="initialPassword" validate={required()} autoComplete="new-password" helperText="ikou.staff.initial_password_help" />
      </SimpleForm>
    </Create>
  );
};

/** POST /staff/{id}/totp-reset: the member enrolls a new authenticator at the next sign-in. */
const TotpResetButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const member = useRecordContext<StaffMember>();
  const [open, setOpen] = useState(false);
  if (!member) return null;
  return (
    <>
      <Button size="small" color="warning" startIcon={<LockResetIcon />} onClick={() => setOpen(true)} data-testid="staff-totp-reset-button">
        {translate('ikou.staff.totp_reset.button')}
      </Button>
      <ActionDialog<StaffMember>
        open={open}
        onClose={() => setOpen(false)}
        testId="staff-totp-reset"
        title="ikou.staff.totp_reset.title"
        fields={[reasonField]}
        confirmText={translate('ikou.staff.totp_reset.confirm', { email: member.email })}
        confirmLabel="ikou.staff.totp_reset.submit"
        danger
        submit={(values) => postAction(`${CONSOLE_API}/staff/${encodeURIComponent(String(member.id))}/totp-reset`, { reason: values.reason })}
        onSuccess={() => {
          notify('ikou.staff.totp_reset.done', { type: 'success', messageArgs: { email: member.email } });
          refresh();
        }}
      />
    </>
  );
};

const StaffEditActions = () => (
  <TopToolbar>
    <ListButton />
    <TotpResetButton />
  </TopToolbar>
);

const StaffFacts = () => {
  const translate = useTranslate();
  const member = useRecordContext<StaffMember>();
  const { identity } = useGetIdentity();
  if (!member) return null;
  return (
    <Stack spacing={0.5} sx={{ mb: 2 }}>
      <Typography variant="h6" component="p" data-testid="staff-edit-email">
        {member.email}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('resources.staff.fields.totpEnrolled')}: <YesNo value={member.totpEnrolled} /> · {translate('resources.staff.fields.lastSignInAt')}:{' '}
        <Time value={member.lastSignInAt} />
      </Typography>
      {identity?.id === member.id && (
        <Typography variant="body2" color="warning.main">
          {translate('ikou.staff.self_note')}
        </Typography>
      )}
    </Stack>
  );
};

export const StaffEdit = () => {
  const onError = useSaveError();
  return (
    <Edit mutationMode="pessimistic" mutationOptions={{ onError }} actions={<StaffEditActions />} redirect="list">
      <SimpleForm>
        <StaffFacts />
        <TextInput source="displayName" validate={required()} />
        <SelectInput source="role" choices={ROLE_CHOICES} validate={required()} />
        <BooleanInput source="active" helperText="ikou.staff.active_help" />
      </SimpleForm>
    </Edit>
  );
};
