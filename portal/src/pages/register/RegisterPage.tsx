import { useState } from 'react';
import type { ApiError } from '../../api';
import { Steps } from '../../components/Steps';
import { useDocumentTitle } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/ja';
import { CredentialsStep } from './CredentialsStep';
import { DoneStep } from './DoneStep';
import { EmailStep } from './EmailStep';
import { clearFlow, loadFlow, saveFlow, type Flow } from './flow';

type Step =
  | { kind: 'credentials'; error: ApiError | null }
  | { kind: 'email'; flow: Flow }
  | { kind: 'done'; email: string };

const STEP_LABELS: readonly MessageKey[] = ['register.steps.1', 'register.steps.2', 'register.steps.3'];
const STEP_INDEX: Record<Step['kind'], number> = { credentials: 0, email: 1, done: 2 };

/**
 * /register (domain.md §4.1): network ID + legacy password → email + consent → completion. One path;
 * the steps are React state (the verified flow also survives a reload through sessionStorage).
 */
export const RegisterPage = () => {
  const [step, setStep] = useState<Step>(() => {
    const flow = loadFlow();
    return flow ? { kind: 'email', flow } : { kind: 'credentials', error: null };
  });
  // Focus the new step's heading (or its error) only after the customer moved between steps.
  const [moved, setMoved] = useState(false);
  useDocumentTitle('register.title');

  const go = (next: Step) => {
    setMoved(true);
    setStep(next);
    window.scrollTo(0, 0);
  };

  return (
    <>
      <Steps labels={STEP_LABELS} label="register.steps.label" current={STEP_INDEX[step.kind]} />
      {step.kind === 'credentials' && (
        <CredentialsStep
          initialError={step.error}
          autoFocus={moved}
          onVerified={(flow) => {
            saveFlow(flow);
            go({ kind: 'email', flow });
          }}
        />
      )}
      {step.kind === 'email' && (
        <EmailStep
          flow={step.flow}
          autoFocus={moved}
          onDone={(email) => {
            clearFlow();
            go({ kind: 'done', email });
          }}
          onRestart={(error) => {
            clearFlow();
            go({ kind: 'credentials', error });
          }}
        />
      )}
      {step.kind === 'done' && <DoneStep email={step.email} autoFocus={moved} />}
    </>
  );
};
