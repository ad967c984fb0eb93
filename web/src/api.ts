import { type BodyOf, call, client, type QueryOf } from './api/client';
import { ApiError, apiErrorOf, networkError } from './api/errors';
import type { AuditVerification, CertificateType } from './types';

export type { ErrorDetail } from './api/errors';
export { ApiError };

type Query = Record<string, string | number | undefined>;

const base = '/api/v1';

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: string, path: string, init: { body?: BodyInit; headers: HeadersInit }) {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, { method, credentials: 'same-origin', ...init });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw apiErrorOf(response, body);
  }
  return response;
}

/** A JSON request; `body` is sent as JSON. Exported for the API modules of larger features. */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await send(
    method,
    path,
    body === undefined
      ? { headers: { Accept: 'application/json', ...headers } }
      : { headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) },
  );
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A multipart upload (`FormData`); the browser sets the boundary. */
export async function requestUpload<T>(path: string, form: FormData): Promise<T> {
  const response = await send('POST', path, { headers: { Accept: 'application/json' }, body: form });
  return (await response.json()) as T;
}

export interface DownloadedFile {
  blob: Blob;
  /** From `Content-Disposition`, when the server names the file. */
  filename: string | undefined;
}

function filenameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed encoded name: fall back to the plain one.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim();
}

/** A file the server sends as an attachment: GET, or POST with a JSON body (keeps filters out of URLs). */
export async function requestFile(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<DownloadedFile> {
  const response = await send(
    method,
    path,
    body === undefined
      ? { headers: { Accept: '*/*' } }
      : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
  );
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('Content-Disposition')) };
}

/** A new account; a holder account names its person by ID number (`holderIdNumber`). */
export type NewUser = BodyOf<'/api/v1/users'>;
export type UserChanges = BodyOf<'/api/v1/users/{id}', 'patch'>;
type TypeQuery = QueryOf<'/api/v1/catalog/certificate-types'>;
/** `department` as read from the URL; the server answers 400 for an unknown one. */
export type CertificateTypeFilter = Omit<TypeQuery, 'department'> & { department?: string | undefined };

const id = (value: string) => ({ path: { id: value } });

export const api = {
  login: (username: string, password: string) =>
    call(client.POST('/api/v1/auth/login', { body: { username, password } })),
  logout: () => call(client.POST('/api/v1/auth/logout')),
  me: () => call(client.GET('/api/v1/auth/me')),
  /** Whether the browser has a session: 200 for a visitor too, so an anonymous page load logs no failed request. */
  session: () => call(client.GET('/api/v1/auth/session')),

  listUsers: (query: QueryOf<'/api/v1/users'>) => call(client.GET('/api/v1/users', { params: { query } })),
  createUser: (user: NewUser) => call(client.POST('/api/v1/users', { body: user })),
  updateUser: (userId: string, changes: UserChanges) =>
    call(client.PATCH('/api/v1/users/{id}', { params: id(userId), body: changes })),

  listTokens: (userId: string) => call(client.GET('/api/v1/users/{id}/tokens', { params: id(userId) })),
  createToken: (userId: string, token: BodyOf<'/api/v1/users/{id}/tokens'>) =>
    call(client.POST('/api/v1/users/{id}/tokens', { params: id(userId), body: token })),
  revokeToken: (tokenId: string) => call(client.POST('/api/v1/tokens/{id}/revoke', { params: id(tokenId) })),

  listAudit: (query: { limit?: number; cursor?: string }) =>
    call(
      client.GET('/api/v1/audit', {
        params: {
          query: {
            ...(query.limit !== undefined && { limit: query.limit }),
            ...(query.cursor !== undefined && { cursor: Number(query.cursor) }),
          },
        },
      }),
    ),
  // Narrowed: see AuditVerification.
  verifyAudit: () => call(client.POST('/api/v1/audit/verify')) as Promise<AuditVerification>,

  departments: () => call(client.GET('/api/v1/catalog/departments')),
  certificateTypes: (filter: CertificateTypeFilter = {}) =>
    call(
      client.GET('/api/v1/catalog/certificate-types', {
        params: { query: { ...filter, department: filter.department as TypeQuery['department'] } },
      }),
      // Narrowed: see ValidityRule.
    ) as Promise<{ items: CertificateType[] }>,
  occupations: () => call(client.GET('/api/v1/catalog/occupations')),
  levels: () => call(client.GET('/api/v1/catalog/levels')),
  regions: () => call(client.GET('/api/v1/catalog/regions')),
};
