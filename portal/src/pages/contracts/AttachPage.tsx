import { useEffect, useState } from 'react';
import { API, getJson, isAttachList, unexpectedResponse, type ApiError, type AttachDone, type AttachList } from '../../api';
import { Steps } from '../../components/Steps';
import { useDocumentTitle, useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/ja';
import { AttachConfirmStep } from './AttachConfirmStep';
import { AttachDoneStep } from './AttachDoneStep';
import { AttachEnterStep } from './AttachEnterStep';
import type { AttachNotice } from './AttachNotice';
import { loadSignedIn, PageState, type Loaded } from './parts';

type Step =
  | { kind: 'enter'; notice: AttachNotice | null }
  | { kind: 'confirm'; notice: AttachNotice | null }
  | { kind: 'done'; result: AttachDone };

const STEP_LABELS: readonly MessageKey[] = ['attach.steps.1', 'attach.steps.2', 'attach.steps.3'];
const STEP_INDEX: Record<Step['kind'], number> = { enter: 0, confirm: 1, done: 2 };

/**
 * /contracts/attach (domain.md §4.3): a signed-in customer proves more network IDs, each with its own
 * legacy password (POST verify), sees them waiting in a server-side list (kept across a reload for 30
 * minutes), confirms exactly the listed ones (POST confirm) and gets a completion screen and a mail.
 */
export const AttachPage = () => {
  const { t } = useI18n();
  useDocumentTitle('attach.title');
  const [view, setView] = useState<Loaded<AttachList>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [step, setStep] = useState<Step>({ kind: 'enter', notice: null });
  // Focus the new step's heading (or its notice) only after the customer moved between steps.
  const [moved, setMoved] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    loadSignedIn(API.attach, isAttachList, controller.signal).then(setView, () => {
      // aborted: the page was left
    });
    return () => controller.abort();
  }, [attempt]);

  if (view.kind !== 'ready') {
    return (
      <section aria-labelledby="page-heading" data-testid="attach-page">
        <h1 id="page-heading" tabIndex={-1}>
          {t('attach.title')}
        </h1>
        <PageState
          view={view}
          loading="attach.loading"
          onRetry={() => {
            setView({ kind: 'loading' });
            setAttempt((n) => n + 1);
          }}
        />
      </section>
    );
  }

  const { session, data: list } = view;
  const setList = (next: AttachList) => setView({ kind: 'ready', session, data: next });
  const signedOut = () => setView({ kind: 'signed_out' });
  const go = (next: Step) => {
    setMoved(true);
    setStep(next);
    window.scrollTo(0, 0);
  };

  /** Confirm's 409: re-read the list and say which network IDs left it. */
  const dropped = async (error: ApiError, shown: string[]): Promise<ApiError | null> => {
    const result = await getJson<unknown>(API.attach);
    if (!result.ok) {
      if (result.error.code === 'not_signed_in') signedOut();
      return result.error;
    }
    if (!isAttachList(result.data)) return unexpectedResponse(result.status);
    const still = new Set(result.data.items.map((item) => item.networkId));
    const gone = error.networkIds && error.networkIds.length > 0 ? error.networkIds : shown.filter((id) => !still.has(id));
    const notice: AttachNotice = { kind: error.code === 'already_linked' ? 'already_linked' : 'not_queued', networkIds: gone };
    setList(result.data);
    go(result.data.items.length > 0 ? { kind: 'confirm', notice } : { kind: 'enter', notice });
    return null;
  };

  return (
    <>
      <Steps labels={STEP_LABELS} label="attach.steps.label" current={STEP_INDEX[step.kind]} />
      {step.kind === 'enter' && (
        <AttachEnterStep
          csrfToken={session.csrfToken}
          list={list}
          initialNotice={step.notice}
          autoFocus={moved}
          onList={setList}
          onConfirm={() => go({ kind: 'confirm', notice: null })}
          onSignedOut={signedOut}
        />
      )}
      {step.kind === 'confirm' && (
        <AttachConfirmStep
          key={list.items.map((item) => item.networkId).join(',')}
          csrfToken={session.csrfToken}
          email={session.email}
          list={list}
          notice={step.notice}
          autoFocus={moved}
          onDone={(result) => go({ kind: 'done', result })}
          onDropped={dropped}
          onBack={() => go({ kind: 'enter', notice: null })}
          onSignedOut={signedOut}
        />
      )}
      {step.kind === 'done' && (
        <AttachDoneStep
          result={step.result}
          autoFocus={moved}
          onMore={() => {
            go({ kind: 'enter', notice: null });
            setView({ kind: 'loading' });
            setAttempt((n) => n + 1);
          }}
        />
      )}
    </>
  );
};
