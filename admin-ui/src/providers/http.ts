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
  /** A body sent as it is (a file), with its own Content-Type, instead of `body` as JSON. */
  raw?: { data: Blob | string; contentType: string };
  signal?: AbortSignal;
}

/**
 * The CSRF token of the current staff session (docs/api-console.md: writes need `X-CSRF-Token`). The API
 * hands it out in the sign-in answer and in every `GET /auth/me`; the authProvider keeps it here. It is
 * not a credential on its own (the session is the httpOnly cookie), so memory is the right place.
 */
let csrfToken: string | undefined;

export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token;
};

/**
 * Asks the API for the session's current CSRF token (GET /auth/me); registered by the authProvider.
 * Used once when a write is refused with `csrf_token_invalid`: the session cookie was replaced (signed in
 * again in another tab), so this tab's token is stale, and the refused write had no effect.
 */
let refreshCsrfToken: (() => Promise<boolean>) | undefined;

/** `refresh` answers whether the write may be sent again with the token it found. */
export const onStaleCsrfToken = (refresh: () => Promise<boolean>): void => {
  refreshCsrfToken = refresh;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The API's error code (`{ code, message, ... }`), if the body has one. */
export const errorCodeOf = (body: unknown): string | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code } = body as { code?: unknown };
  return typeof code === 'string' ? code : undefined;
};

/**
 * One fetch for every console call: the staff session cookie travels same-origin only, every request
 * carries `X-Requested-With`, and every write carries the session's `X-CSRF-Token`. Rejects only when the
 * network fails; HTTP errors are returned for the caller to interpret.
 */
export const apiFetch = async (url: string, request: ApiRequest = {}): Promise<ApiResponse> => {
  const write = !SAFE_METHODS.has(request.method ?? 'GET');
  const response = await send(url, request, write);
  if (
    write &&
    response.status === 403 &&
    errorCodeOf(response.body) === 'csrf_token_invalid' &&
    refreshCsrfToken &&
    (await refreshCsrfToken())
  ) {
    return send(url, request, write);
  }
  return response;
};

const send = async (url: string, request: ApiRequest, write: boolean): Promise<ApiResponse> => {
  const headers = new Headers({
    Accept: 'application/json',
    'X-Requested-With': 'XMLHttpRequest',
  });
  if (write && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  let body: string | Blob | undefined;
  if (request.raw) {
    headers.set('Content-Type', request.raw.contentType);
    body = request.raw.data;
  } else if (request.body !== undefined) {
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
