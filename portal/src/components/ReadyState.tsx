import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';

type State = 'loading' | 'ok' | 'error';

/**
 * GET /ready (@nestjs/terminus): 200 with `{ "status": "ok", ... }` when Postgres and Redis are up,
 * 503 with `"status": "error"` otherwise. No answer or any other answer also reads as "error".
 */
const fetchReadyState = async (signal: AbortSignal): Promise<'ok' | 'error'> => {
  try {
    const response = await fetch('/ready', { headers: { Accept: 'application/json' }, cache: 'no-store', signal });
    const body = (await response.json()) as { status?: unknown };
    return response.ok && body.status === 'ok' ? 'ok' : 'error';
  } catch (error) {
    if (signal.aborted) throw error;
    return 'error';
  }
};

/** One line of system status. The `ready-state` element carries the raw code (ok / error) for tests. */
export const ReadyState = () => {
  const { t } = useI18n();
  const [state, setState] = useState<State>('loading');

  useEffect(() => {
    const controller = new AbortController();
    fetchReadyState(controller.signal).then(setState, () => {
      // unmounted before the answer came
    });
    return () => controller.abort();
  }, []);

  return (
    <p className={`ready ready--${state}`} role="status">
      {t('ready.label')}:{' '}
      <span className="ready__value" data-testid="ready-state" data-state={state}>
        {t(state === 'loading' ? 'ready.loading' : state === 'ok' ? 'ready.ok' : 'ready.error')}
        {state !== 'loading' && <span className="ready__code"> ({state})</span>}
      </span>
    </p>
  );
};
