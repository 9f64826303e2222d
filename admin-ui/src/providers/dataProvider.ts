import {
  HttpError,
  type CreateParams,
  type CreateResult,
  type DataProvider,
  type DeleteManyParams,
  type DeleteManyResult,
  type DeleteParams,
  type DeleteResult,
  type GetListParams,
  type GetListResult,
  type GetManyParams,
  type GetManyReferenceParams,
  type GetManyReferenceResult,
  type GetManyResult,
  type GetOneParams,
  type GetOneResult,
  type Identifier,
  type RaRecord,
  type UpdateManyParams,
  type UpdateManyResult,
  type UpdateParams,
  type UpdateResult,
} from 'react-admin';
import { fieldErrorMessage, fieldErrorsOf } from './apiErrors';
import { apiFetch, CONSOLE_API, errorMessageOf, type ApiRequest } from './http';

/**
 * The console's data provider, json-server style (the shape ra-data-json-server speaks), chosen because
 * every query parameter is flat and therefore simple to validate on the server:
 *
 * | react-admin       | request                                                                 |
 * |-------------------|-------------------------------------------------------------------------|
 * | getList           | GET    /api/console/<resource>?_start=0&_end=25&_sort=<field>&_order=ASC|DESC&<filter>=<value> |
 * | getManyReference  | the same, plus <target>=<id>                                            |
 * | getMany           | GET    /api/console/<resource>?id=1&id=2                                    |
 * | getOne            | GET    /api/console/<resource>/<id>                                         |
 * | create            | POST   /api/console/<resource>            body: the new record              |
 * | update            | PATCH  /api/console/<resource>/<id>       body: the changed fields only     |
 * | delete            | DELETE /api/console/<resource>/<id>                                         |
 * | updateMany, deleteMany | one request per id                                                 |
 *
 * `_start` is inclusive, `_end` exclusive. A list answer is a JSON array of records, each with an `id`,
 * and carries the total number of matches in the `X-Total-Count` header (a lower bound when
 * `X-Total-Count-Capped: true` comes with it: see getListFrom). A filter whose value is an
 * array is sent as the parameter repeated (`state=received&state=approved`); `q` is the free-text search.
 * Errors are the API's one shape (`{ statusCode, code, message, errors? }`); the message is shown to the
 * user, and the field errors of `invalid_input` next to the inputs of a form.
 */

type Query = [string, string][];

/** A resource may be a path (`funnel/stuck`): each segment is encoded, the slashes kept. */
const url = (resource: string, id?: Identifier, query: Query = []): string => {
  const path = `${CONSOLE_API}/${resource.split('/').map(encodeURIComponent).join('/')}`;
  const withId = id === undefined ? path : `${path}/${encodeURIComponent(String(id))}`;
  const search = new URLSearchParams(query).toString();
  return search ? `${withId}?${search}` : withId;
};

const filterQuery = (filter: Record<string, unknown> | undefined): Query => {
  const query: Query = [];
  for (const [field, value] of Object.entries(filter ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of values) {
      query.push([field, typeof item === 'object' ? JSON.stringify(item) : String(item)]);
    }
  }
  return query;
};

const listQuery = (params: GetListParams | GetManyReferenceParams): Query => {
  const query: Query = [];
  if (params.pagination) {
    const { page, perPage } = params.pagination;
    query.push(['_start', String((page - 1) * perPage)], ['_end', String(page * perPage)]);
  }
  if (params.sort?.field) {
    query.push(['_sort', params.sort.field], ['_order', params.sort.order === 'DESC' ? 'DESC' : 'ASC']);
  }
  return query;
};

/** Sends one request; resolves with the JSON body, rejects with react-admin's HttpError. */
const call = async (target: string, request: ApiRequest = {}) => {
  let response;
  try {
    response = await apiFetch(target, request);
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new HttpError('ra.notification.http_error', 0);
  }
  if (!response.ok) {
    throw new HttpError(
      errorMessageOf(response.body) ?? 'ra.notification.http_error',
      response.status,
      withFormErrors(response.body),
    );
  }
  return response;
};

/**
 * The API names each bad field as `errors: [{ field, message }]`; react-admin's forms show a server's
 * field errors next to the inputs when the body's `errors` is `{ field: message }`. The list stays in
 * `fieldErrors`. Messages the console knows become catalogue keys (fieldErrorMessage).
 */
const withFormErrors = (body: unknown): unknown => {
  const list = fieldErrorsOf(body);
  if (list.length === 0) return body;
  const errors: Record<string, string> = {};
  for (const { field, message } of list) errors[field] ??= fieldErrorMessage(field, message);
  return { ...(body as object), errors, fieldErrors: list };
};

const asRecords = <R>(body: unknown): R[] => {
  if (!Array.isArray(body)) throw new HttpError('ra.notification.data_provider_error', 500, body);
  return body as R[];
};

const totalOf = (headers: Headers, body: unknown): number => {
  const total = Number.parseInt(headers.get('X-Total-Count') ?? '', 10);
  if (!Number.isFinite(total)) {
    console.error('The API answered a list without an X-Total-Count header.');
    throw new HttpError('ra.notification.data_provider_error', 500, body);
  }
  return total;
};

/** Only the fields the user changed, so read-only fields never reach the API's validators. */
const changedFields = (data: Record<string, unknown>, previous: Record<string, unknown> | undefined) => {
  if (!previous) return data;
  const diff: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (JSON.stringify(value) !== JSON.stringify(previous[key])) diff[key] = value;
  }
  return diff;
};

/**
 * A list whose count stopped (`X-Total-Count-Capped: true`, the audit log's filters) has at least
 * X-Total-Count matches: react-admin then pages on without a total ("1–50 of more than 50") rather than
 * showing the cap as if it were the count.
 */
const getListFrom = async <R extends RaRecord>(resource: string, query: Query, signal?: AbortSignal): Promise<GetListResult<R>> => {
  const { body, headers } = await call(url(resource, undefined, query), { signal });
  const data = asRecords<R>(body);
  const total = totalOf(headers, body);
  if (headers.get('X-Total-Count-Capped') !== 'true') return { data, total };
  const start = Number(query.find(([name]) => name === '_start')?.[1] ?? 0);
  const end = Number(query.find(([name]) => name === '_end')?.[1] ?? start + data.length);
  return { data, pageInfo: { hasPreviousPage: start > 0, hasNextPage: end < total || data.length === end - start } };
};

export const dataProvider: DataProvider = {
  // react-admin then passes an AbortSignal to the reads, cancelling those whose page went away.
  supportAbortSignal: true,

  async getList<R extends RaRecord>(resource: string, params: GetListParams): Promise<GetListResult<R>> {
    return getListFrom<R>(resource, [...listQuery(params), ...filterQuery(params.filter)], params.signal);
  },

  async getManyReference<R extends RaRecord>(
    resource: string,
    params: GetManyReferenceParams,
  ): Promise<GetManyReferenceResult<R>> {
    return getListFrom<R>(resource, [
      ...listQuery(params),
      ...filterQuery(params.filter),
      [params.target, String(params.id)],
    ], params.signal);
  },

  async getMany<R extends RaRecord>(resource: string, params: GetManyParams<R>): Promise<GetManyResult<R>> {
    const query: Query = params.ids.map((id) => ['id', String(id)]);
    const { body } = await call(url(resource, undefined, query), { signal: params.signal });
    return { data: asRecords<R>(body) };
  },

  async getOne<R extends RaRecord>(resource: string, params: GetOneParams<R>): Promise<GetOneResult<R>> {
    const { body } = await call(url(resource, params.id), { signal: params.signal });
    return { data: body as R };
  },

  async create<R extends Omit<RaRecord, 'id'>, ResultRecordType extends RaRecord = R & { id: Identifier }>(
    resource: string,
    params: CreateParams<R>,
  ): Promise<CreateResult<ResultRecordType>> {
    const { body } = await call(url(resource), { method: 'POST', body: params.data });
    return { data: body as ResultRecordType };
  },

  async update<R extends RaRecord>(resource: string, params: UpdateParams<R>): Promise<UpdateResult<R>> {
    const { body } = await call(url(resource, params.id), {
      method: 'PATCH',
      body: changedFields(params.data as Record<string, unknown>, params.previousData),
    });
    return { data: body as R };
  },

  async updateMany<R extends RaRecord>(
    resource: string,
    params: UpdateManyParams<R>,
  ): Promise<UpdateManyResult<R>> {
    await Promise.all(
      params.ids.map((id) => call(url(resource, id), { method: 'PATCH', body: params.data })),
    );
    return { data: params.ids };
  },

  async delete<R extends RaRecord>(resource: string, params: DeleteParams<R>): Promise<DeleteResult<R>> {
    const { body } = await call(url(resource, params.id), { method: 'DELETE' });
    // A 204 has no body: answer with what the list already showed.
    return { data: (body ?? params.previousData ?? { id: params.id }) as R };
  },

  async deleteMany<R extends RaRecord>(
    resource: string,
    params: DeleteManyParams<R>,
  ): Promise<DeleteManyResult<R>> {
    await Promise.all(params.ids.map((id) => call(url(resource, id), { method: 'DELETE' })));
    return { data: params.ids };
  },
};
