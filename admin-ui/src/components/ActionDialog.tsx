import { useId, useState, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormHelperText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useLocaleState, useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import type { ActionResult, ApiFailure } from '../providers/apiErrors';

/** One input of an action dialog. `step: 'confirm'` puts it on the confirm step (the staff member's code). */
export type ActionField = {
  name: string;
  /** A catalogue key. */
  label: string;
  /** A catalogue key. */
  helper?: string;
  required?: boolean;
  step?: 'form' | 'confirm';
} & (
  | { kind: 'text' | 'textarea'; minLength?: number; maxLength?: number; pattern?: RegExp; patternMessage?: string }
  /** A 6-digit authenticator code. */
  | { kind: 'code' }
  | { kind: 'select'; choices: Array<{ id: string; name: string }> }
  | { kind: 'checkbox' }
);

export type ActionValues = Record<string, string | boolean>;

export interface ActionDialogProps<T> {
  open: boolean;
  onClose: () => void;
  /** data-testid of the dialog; its parts are `<testId>-<field>`, `<testId>-next`, `<testId>-confirm`, ... */
  testId: string;
  /** Catalogue key. */
  title: string;
  /** What the action does, on the form step. */
  intro?: ReactNode;
  fields: ActionField[];
  /** What will happen, on the confirm step (above the summary of what was entered). */
  confirmText: ReactNode | ((values: ActionValues) => ReactNode);
  /** Catalogue key of the confirm button. */
  confirmLabel?: string;
  /** A destructive action: the confirm button is red. */
  danger?: boolean;
  /** Catalogue key of the button that closes the result step. */
  closeLabel?: string;
  submit: (values: ActionValues) => Promise<ActionResult<T>>;
  /**
   * After a success. Returns what to show as the last step (the dialog stays open until closed; the
   * content is dropped when it closes), or nothing to close the dialog at once.
   */
  onSuccess: (body: T) => ReactNode | void;
}

/**
 * A support action in a dialog: the inputs (a reason at least), then a confirm step that says what will
 * happen and repeats what was entered, then the request. The API's refusals are shown by code; the field
 * errors of `invalid_input` next to their inputs (back on the form step when one of its inputs is meant).
 * The state lives in the dialog's content, which unmounts when the dialog closes: nothing entered or
 * answered outlives it.
 */
export const ActionDialog = <T,>({ open, onClose, testId, title, ...rest }: ActionDialogProps<T>) => {
  const translate = useTranslate();
  const titleId = useId();
  return (
    // A click beside the dialog does not close it (what was typed, or a code to read out, would be lost).
    <Dialog
      open={open}
      onClose={(_event, reason) => reason !== 'backdropClick' && onClose()}
      aria-labelledby={titleId}
      data-testid={testId}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={titleId}>{translate(title)}</DialogTitle>
      {open && <ActionDialogContent testId={testId} onClose={onClose} {...rest} />}
    </Dialog>
  );
};

type ContentProps<T> = Omit<ActionDialogProps<T>, 'open' | 'title'>;

const initialValues = (fields: ActionField[]): ActionValues => Object.fromEntries(fields.map((f) => [f.name, f.kind === 'checkbox' ? false : '']));

const ActionDialogContent = <T,>({ onClose, testId, intro, fields, confirmText, confirmLabel, danger, closeLabel, submit, onSuccess }: ContentProps<T>) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  // An action without inputs on the form step (an approval) opens on its confirm step.
  const [step, setStep] = useState<'form' | 'confirm' | 'result'>(() => (fields.some((f) => (f.step ?? 'form') === 'form') || intro ? 'form' : 'confirm'));
  const [values, setValues] = useState<ActionValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiFailure>();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ReactNode>();

  const stepOf = (field: ActionField) => field.step ?? 'form';
  const formFields = fields.filter((f) => stepOf(f) === 'form');
  const confirmFields = fields.filter((f) => stepOf(f) === 'confirm');

  const set = (name: string, value: string | boolean) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => {
      if (!(name in current)) return current;
      const others = { ...current };
      delete others[name];
      return others;
    });
  };

  const check = (list: ActionField[]): Record<string, string> => {
    const found: Record<string, string> = {};
    for (const field of list) {
      const value = values[field.name];
      if (field.kind === 'checkbox') {
        if (field.required && value !== true) found[field.name] = translate('ikou.action.must_confirm');
        continue;
      }
      const text = typeof value === 'string' ? value.trim() : '';
      if (!text) {
        if (field.required) found[field.name] = translate('ra.validation.required');
        continue;
      }
      if (field.kind === 'code' && !/^\d{6}$/.test(text)) found[field.name] = translate('ikou.field_error.code_format');
      if (field.kind === 'text' || field.kind === 'textarea') {
        if (field.minLength && [...text].length < field.minLength) found[field.name] = translate('ra.validation.minLength', { min: field.minLength });
        else if (field.maxLength && [...text].length > field.maxLength) found[field.name] = translate('ra.validation.maxLength', { max: field.maxLength });
        else if (field.pattern && !field.pattern.test(text)) found[field.name] = translate(field.patternMessage ?? 'ikou.action.invalid_format');
      }
    }
    return found;
  };

  const next = () => {
    const found = check(formFields);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length === 0) setStep('confirm');
  };

  const confirm = async () => {
    const found = check(confirmFields);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    const trimmed: ActionValues = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
    const answer = await submit(trimmed);
    setPending(false);
    if (answer.ok) {
      const shown = onSuccess(answer.body);
      if (shown === undefined || shown === null || shown === false) onClose();
      else {
        setResult(shown);
        setStep('result');
      }
      return;
    }
    const { failure: refused } = answer;
    if (refused.status === 401) {
      await logoutIfAccessDenied({ status: 401 });
      return;
    }
    const known = new Set(fields.map((f) => f.name));
    const fieldErrors = Object.fromEntries(
      Object.entries(refused.fields)
        .filter(([name]) => known.has(name))
        .map(([name, message]) => [name, translate(message, { _: message })]),
    );
    // A wrong authenticator code is typed again from scratch (the next one the app shows).
    for (const field of confirmFields) if (field.kind === 'code' && fieldErrors[field.name]) set(field.name, '');
    setErrors(fieldErrors);
    setFailure(refused);
    if (formFields.some((f) => fieldErrors[f.name])) setStep('form');
  };

  const renderField = (field: ActionField, index: number) => {
    const id = `${testId}-${field.name}`;
    const error = errors[field.name];
    const label = translate(field.label) + (field.required ? ' *' : '');
    const helper = error ?? (field.helper ? translate(field.helper) : undefined);
    if (field.kind === 'checkbox') {
      return (
        <Box key={field.name}>
          <FormControlLabel
            control={
              <Checkbox
                checked={values[field.name] === true}
                onChange={(event) => set(field.name, event.target.checked)}
                slotProps={{ input: { 'data-testid': id } as object }}
              />
            }
            label={label}
          />
          {error && (
            <FormHelperText error data-testid={`${id}-error`}>
              {error}
            </FormHelperText>
          )}
        </Box>
      );
    }
    const value = String(values[field.name] ?? '');
    const common = {
      label,
      value,
      error: Boolean(error),
      helperText: helper,
      fullWidth: true,
      autoFocus: index === 0,
      onChange: (event: { target: { value: string } }) => set(field.name, event.target.value),
      slotProps: {
        htmlInput: { 'data-testid': id, ...(field.kind === 'code' ? { inputMode: 'numeric', autoComplete: 'one-time-code', maxLength: 6 } : {}) },
        formHelperText: { 'data-testid': error ? `${id}-error` : undefined } as object,
      },
    };
    if (field.kind === 'select') {
      return (
        <TextField key={field.name} {...common} select slotProps={{ ...common.slotProps, select: { native: true } }}>
          <option value="" disabled>
            {translate('ikou.action.choose')}
          </option>
          {field.choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {translate(choice.name)}
            </option>
          ))}
        </TextField>
      );
    }
    return <TextField key={field.name} {...common} multiline={field.kind === 'textarea'} minRows={field.kind === 'textarea' ? 3 : undefined} />;
  };

  const shownValue = (field: ActionField): string => {
    const value = values[field.name];
    if (field.kind === 'checkbox') return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
    if (field.kind === 'select') {
      const choice = field.choices.find((c) => c.id === value);
      return choice ? translate(choice.name) : String(value);
    }
    return String(value ?? '').trim() || translate('ikou.common.none');
  };

  const failureText = failure
    ? failure.key
      ? translate(failure.key, {
          time: failure.retryAt?.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }) ?? '',
          message: failure.message,
          _: failure.message,
        })
      : translate('ikou.api_error.other', { message: failure.message })
    : undefined;

  return (
    <>
      <DialogContent dividers>
        {failureText && (
          <Alert severity="error" sx={{ mb: 2 }} data-testid={`${testId}-error`} data-code={failure?.code}>
            {failureText}
          </Alert>
        )}
        {step === 'form' && (
          <Stack spacing={2}>
            {intro && <Box>{intro}</Box>}
            {formFields.map(renderField)}
          </Stack>
        )}
        {step === 'confirm' && (
          <Stack spacing={2} data-testid={`${testId}-confirm-step`}>
            <Alert severity={danger ? 'warning' : 'info'} data-testid={`${testId}-confirm-text`}>
              {typeof confirmText === 'function' ? confirmText(values) : confirmText}
            </Alert>
            {formFields.length > 0 && (
              <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 1 }}>
                {formFields.map((field) => (
                  <Box key={field.name} sx={{ display: 'contents' }}>
                    <Typography component="dt" variant="body2" color="text.secondary">
                      {translate(field.label)}
                    </Typography>
                    <Typography component="dd" variant="body2" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {shownValue(field)}
                    </Typography>
                  </Box>
                ))}
              </Box>
            )}
            {confirmFields.map(renderField)}
          </Stack>
        )}
        {step === 'result' && <Box data-testid={`${testId}-result`}>{result}</Box>}
      </DialogContent>
      <DialogActions>
        {step === 'form' && (
          <>
            <Button onClick={onClose} data-testid={`${testId}-cancel`}>
              {translate('ra.action.cancel')}
            </Button>
            <Button variant="contained" onClick={next} data-testid={`${testId}-next`}>
              {translate('ikou.action.next')}
            </Button>
          </>
        )}
        {step === 'confirm' && (
          <>
            {formFields.length > 0 || intro ? (
              <Button onClick={() => setStep('form')} disabled={pending} data-testid={`${testId}-back`}>
                {translate('ikou.action.back')}
              </Button>
            ) : (
              <Button onClick={onClose} disabled={pending} data-testid={`${testId}-cancel`}>
                {translate('ra.action.cancel')}
              </Button>
            )}
            <Button
              variant="contained"
              color={danger ? 'error' : 'primary'}
              onClick={confirm}
              disabled={pending}
              startIcon={pending ? <CircularProgress size={16} color="inherit" /> : undefined}
              data-testid={`${testId}-confirm`}
            >
              {translate(confirmLabel ?? 'ikou.action.confirm')}
            </Button>
          </>
        )}
        {step === 'result' && (
          <Button variant="contained" onClick={onClose} data-testid={`${testId}-close`}>
            {translate(closeLabel ?? 'ra.action.close')}
          </Button>
        )}
      </DialogActions>
    </>
  );
};

/** The reason every support action asks for (3–1000 characters). */
export const reasonField: ActionField = {
  name: 'reason',
  label: 'ikou.action.reason',
  helper: 'ikou.action.reason_help',
  kind: 'textarea',
  required: true,
  minLength: 3,
  maxLength: 1000,
};

/** The staff member's own current authenticator code (docs/api-console.md: `stepUpCode`), on the confirm step. */
export const stepUpField: ActionField = {
  name: 'stepUpCode',
  label: 'ikou.action.step_up_code',
  helper: 'ikou.action.step_up_help',
  kind: 'code',
  required: true,
  step: 'confirm',
};
