import { useEffect, useState } from 'react';
import type { ApiError, LoginStarted, TotpEnrollment } from '../../api';
import { useDocumentTitle } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/ja';
import { navigate } from '../../router';
import { ChallengeStep } from './ChallengeStep';
import { EnrollStep } from './EnrollStep';
import { clearFlow, loadFlow, newFlowExpiry, peekLoginNotice, saveFlow, setLoginNotice, type LoginFlow } from './flow';
import { PasswordStep } from './PasswordStep';
import { RecoveryCodeStep } from './RecoveryCodeStep';

type View = { kind: 'password'; email: string; error: ApiError | null } | { kind: 'flow'; flow: LoginFlow };

const TITLES: Record<LoginFlow['state'], MessageKey> = {
  mfa_enroll: 'login.enroll.title',
  mfa_challenge: 'login.challenge.title',
  recovery_ack: 'login.recovery.title',
};

/** A malformed flowToken (garbled storage) reads as an expired sign-in. */
const restartError = (error: ApiError): ApiError =>
  error.code === 'invalid_input' ? { ...error, code: 'flow_expired', errors: [] } : error;

/**
 * /login (domain.md §4.2): one step at a time, the one the server says the flow is in. The flow
 * survives a reload (flow.ts); a finished sign-in replaces this page with /account.
 */
export const LoginPage = () => {
  const [view, setView] = useState<View>(() => {
    const flow = loadFlow();
    return flow ? { kind: 'flow', flow } : { kind: 'password', email: '', error: null };
  });
  // Focus the new step's heading (or its error) only after the customer moved between steps.
  const [moved, setMoved] = useState(false);
  const [signedOut] = useState(() => peekLoginNotice() === 'signed_out');
  useEffect(() => setLoginNotice(null), []);
  useDocumentTitle(view.kind === 'flow' ? TITLES[view.flow.state] : 'login.title');

  const go = (next: View) => {
    setMoved(true);
    setView(next);
    window.scrollTo(0, 0);
  };

  const advance = (flow: LoginFlow) => {
    saveFlow(flow);
    go({ kind: 'flow', flow });
  };

  const restart = (email: string, error: ApiError) => {
    clearFlow();
    go({ kind: 'password', email, error: restartError(error) });
  };

  const signedIn = () => {
    clearFlow();
    navigate('/account', { replace: true });
  };

  if (view.kind === 'password') {
    return (
      <PasswordStep
        initialEmail={view.email}
        initialError={view.error}
        signedOut={signedOut && !moved}
        autoFocus={moved}
        onSignedIn={signedIn}
        onStarted={(started: LoginStarted, email) =>
          advance({
            flowToken: started.flowToken,
            state: started.state,
            email,
            factors: started.factors,
            recoveryCodeAvailable: started.recoveryCodeAvailable,
            expiresAt: newFlowExpiry(),
          })
        }
      />
    );
  }

  const { flow } = view;
  const toRecoveryAck = (recoveryCode: string, replaced: boolean) => {
    advance({ ...flow, enrollment: undefined, state: 'recovery_ack', recoveryCode, replacedRecoveryCode: replaced });
  };
  const onRestart = (error: ApiError) => restart(flow.email, error);

  switch (flow.state) {
    case 'mfa_enroll':
      return (
        <EnrollStep
          key={flow.flowToken}
          flow={flow}
          autoFocus={moved}
          onEnrollment={(enrollment: TotpEnrollment) => {
            const next = { ...flow, enrollment };
            saveFlow(next);
            setView({ kind: 'flow', flow: next });
          }}
          onRecoveryCode={(code) => toRecoveryAck(code, false)}
          onRestart={onRestart}
        />
      );
    case 'mfa_challenge':
      return (
        <ChallengeStep
          key={flow.flowToken}
          flow={flow}
          autoFocus={moved}
          onSignedIn={signedIn}
          onRecoveryCode={(code) => toRecoveryAck(code, true)}
          onRestart={onRestart}
        />
      );
    case 'recovery_ack':
      return (
        <RecoveryCodeStep
          key={flow.flowToken}
          flowToken={flow.flowToken}
          recoveryCode={flow.recoveryCode ?? ''}
          replaced={flow.replacedRecoveryCode === true}
          autoFocus={moved}
          onSignedIn={signedIn}
          onRestart={onRestart}
        />
      );
  }
};
