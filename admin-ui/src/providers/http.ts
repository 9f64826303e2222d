/** Base path of the staff API (architecture.md, URL layout). Same origin as the console. */
export const CONSOLE_API = '/api/console';

export interface ApiResponse {
  ok: boolean;
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the answer was empty or not JSON. */
  body: unknown;
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * One fetch for every console call: the staff session cookie travels same-origin only, and every request
 * carries `X-Requested-With`, which a cross-site form cannot set, so the API may require it on
 * cookie-authenticated writes as CSRF defence. Rejects only when the network fails; HTTP errors are
 * returned for the caller to interpret.
 */
export const apiFetch = async (url: string, request: ApiRequest = {}): Promise<ApiResponse> => {
  const headers = new Headers({
    Accept: 'application/json',
    'X-Requested-With': 'XMLHttpRequest',
  });
  let body: string | undefined;
  if (request.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(request.body);
  }
  const response = await fetch(url, {
    method: request.method ?? 'GET',
    headers,
    body,
    credentials: 'same-origin',
    cache: 'no-store',
    signal: request.signal,
  });
  return {
    ok: response.ok,
    status: response.status,
    headers: response.headers,
    body: await readJson(response),
  };
};

const readJson = async (response: Response): Promise<unknown> => {
  if (!(response.headers.get('Content-Type') ?? '').includes('json')) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** The human-readable part of a NestJS error body (`{ statusCode, message, error }`), if any. */
export const errorMessageOf = (body: unknown): string | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message } = body as { message?: unknown };
  if (typeof message === 'string' && message) return message;
  if (Array.isArray(message) && message.every((m) => typeof m === 'string')) {
    return message.join('\n');
  }
  return undefined;
};
