import { useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { useI18n } from '../i18n/i18n';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children' | 'aria-describedby'>;

interface FieldProps extends InputProps {
  id: string;
  label: string;
  testId: string;
  hint?: ReactNode;
  /** Already translated; shown under the input and linked with aria-describedby. */
  error?: string;
  /** Ids of further describing elements (rules, strength meter). */
  describedBy?: string[];
  /** Rendered between the input and its error. */
  after?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

const describedByOf = (id: string, hint: ReactNode, error: string | undefined, extra: string[] = []) =>
  [hint ? `${id}-hint` : null, ...extra, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

const Label = ({ id, label, required }: { id: string; label: string; required?: boolean }) => {
  const { t } = useI18n();
  return (
    <label className="field__label" htmlFor={id}>
      {label}
      {required && <span className="field__required">{t('form.required')}</span>}
    </label>
  );
};

const Hint = ({ id, hint }: { id: string; hint: ReactNode }) =>
  hint ? (
    <div id={`${id}-hint`} className="field__hint">
      {hint}
    </div>
  ) : null;

const ErrorText = ({ id, error }: { id: string; error?: string }) =>
  error ? (
    <p id={`${id}-error`} className="field__error">
      {error}
    </p>
  ) : null;

export const TextField = ({ id, label, testId, hint, error, describedBy, after, inputRef, ...input }: FieldProps) => (
  <div className={`field${error ? ' field--error' : ''}`}>
    <Label id={id} label={label} required={input.required} />
    <Hint id={id} hint={hint} />
    <input
      {...input}
      id={id}
      ref={inputRef}
      className="field__input"
      aria-invalid={error ? true : undefined}
      aria-describedby={describedByOf(id, hint, error, describedBy)}
      data-testid={testId}
    />
    {after}
    <ErrorText id={id} error={error} />
  </div>
);

/** A password input with a show/hide toggle whose name says what it will do ("show new password"). */
export const PasswordField = ({ id, label, testId, hint, error, describedBy, after, inputRef, ...input }: FieldProps) => {
  const { t } = useI18n();
  const [visible, setVisible] = useState(false);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} required={input.required} />
      <Hint id={id} hint={hint} />
      <div className="field__password">
        <input
          {...input}
          id={id}
          ref={inputRef}
          type={visible ? 'text' : 'password'}
          className="field__input"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedByOf(id, hint, error, describedBy)}
          data-testid={testId}
        />
        <button
          type="button"
          className="field__toggle"
          aria-controls={id}
          aria-label={t(visible ? 'password.hide_label' : 'password.show_label', { label })}
          onClick={() => setVisible((shown) => !shown)}
        >
          {t(visible ? 'password.hide' : 'password.show')}
        </button>
      </div>
      {after}
      <ErrorText id={id} error={error} />
    </div>
  );
};

interface CheckboxProps extends Omit<InputProps, 'type'> {
  id: string;
  label: ReactNode;
  testId: string;
  /** Shown under the label, inside the box, and linked with aria-describedby. */
  hint?: ReactNode;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export const CheckboxField = ({ id, label, testId, hint, error, inputRef, ...input }: CheckboxProps) => (
  <div className={`field field--checkbox${error ? ' field--error' : ''}`}>
    <div className="checkbox">
      <input
        {...input}
        type="checkbox"
        id={id}
        ref={inputRef}
        className="checkbox__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, hint, error)}
        data-testid={testId}
      />
      {hint ? (
        <div>
          <label className="checkbox__label" htmlFor={id}>
            {label}
          </label>
          <Hint id={id} hint={hint} />
        </div>
      ) : (
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
      )}
    </div>
    <ErrorText id={id} error={error} />
  </div>
);

/** The submit button: disabled and busy while the request runs. */
export const SubmitButton = ({ busy, testId, children }: { busy: boolean; testId: string; children: ReactNode }) => {
  const { t } = useI18n();
  return (
    <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined} data-testid={testId}>
      {busy ? t('form.submitting') : children}
    </button>
  );
};
