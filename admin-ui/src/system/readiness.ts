import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * GET /ready answers in @nestjs/terminus format: 200 with `{ status: "ok", info, error, details }` when
 * every dependency is up, 503 with `status: "error"` and the failing ones under `error` otherwise.
 * `details` holds every check, up or down. Anything else (network failure, 404, HTML) reads as "error".
 */
export type ReadyStatus = 'ok' | 'error';

export interface ReadyCheck {
  /** The terminus key: `database`, `redis`, ... */
  name: string;
  up: boolean;
  message?: string;
}

export interface Readiness {
  status: ReadyStatus;
  checks: ReadyCheck[];
  /** False when /ready could not be reached or did not answer in terminus format. */
  reachable: boolean;
  checkedAt: Date;
}

type CheckMap = Record<string, { status?: unknown; message?: unknown } | undefined>;

const toChecks = (map: CheckMap): ReadyCheck[] =>
  Object.entries(map).map(([name, result]) => ({
    name,
    up: result?.status === 'up',
    message: typeof result?.message === 'string' ? result.message : undefined,
  }));

export const parseReadiness = (httpOk: boolean, body: unknown): Readiness => {
  const checkedAt = new Date();
  if (typeof body !== 'object' || body === null || !('status' in body)) {
    return { status: 'error', checks: [], reachable: false, checkedAt };
  }
  const { status, info, error, details } = body as {
    status: unknown;
    info?: CheckMap;
    error?: CheckMap;
    details?: CheckMap;
  };
  const checks = toChecks(details ?? { ...info, ...error });
  const ok = httpOk && status === 'ok' && checks.every((check) => check.up);
  return { status: ok ? 'ok' : 'error', checks, reachable: true, checkedAt };
};

export const fetchReadiness = async (signal?: AbortSignal): Promise<Readiness> => {
  try {
    const response = await fetch('/ready', {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      signal,
    });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    return parseReadiness(response.ok, body);
  } catch (error) {
    if (signal?.aborted) throw error;
    return { status: 'error', checks: [], reachable: false, checkedAt: new Date() };
  }
};

/** Readiness of the API, fetched on mount, again on `refresh()`, and every `pollMs` if given. */
export const useReadiness = (pollMs?: number) => {
  const [readiness, setReadiness] = useState<Readiness>();
  const [loading, setLoading] = useState(true);
  const controller = useRef<AbortController>(undefined);

  const refresh = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    fetchReadiness(current.signal).then(
      (result) => {
        setReadiness(result);
        setLoading(false);
      },
      () => {
        // aborted by a newer refresh or by unmount: the newer call owns the state
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    const timer = pollMs ? window.setInterval(refresh, pollMs) : undefined;
    return () => {
      window.clearInterval(timer);
      controller.current?.abort();
    };
  }, [refresh, pollMs]);

  return { readiness, loading, refresh };
};
