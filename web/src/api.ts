import type {
  AuditEntry,
  AuditVerification,
  CertificateKind,
  CertificateType,
  CreatedToken,
  Department,
  Level,
  Occupation,
  Page,
  Region,
  Role,
  Token,
  User,
} from './types';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error response from the API: `{ error: { code, message, details?, requestId? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly requestId: string | undefined;
  /** Seconds from the Retry-After header (429). */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: ErrorDetail[];
    requestId?: string;
    retryAfter?: number;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }
}

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((d) => ({ path: String(d.path ?? ''), message: String(d.message ?? '') }));
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  return new ApiError({
    status: response.status,
    code: typeof error?.code === 'string' ? error.code : `http_${response.status}`,
    message: typeof error?.message === 'string' ? error.message : response.statusText || 'Request failed',
    details: parseDetails(error?.details),
    requestId: typeof error?.requestId === 'string' ? error.requestId : undefined,
    retryAfter,
  });
}

async function send(method: string, path: string, init: { body?: BodyInit; headers: HeadersInit }) {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, { method, credentials: 'same-origin', ...init });
  } catch (cause) {
    throw new ApiError({ status: 0, code: 'network_error', message: String(cause) });
  }
  if (!response.ok) throw await toApiError(response);
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

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  department?: string;
  province?: string;
  institution?: string;
}

export interface UserChanges {
  displayName?: string;
  isActive?: boolean;
  password?: string;
}

export interface CertificateTypeFilter {
  department?: string;
  kind?: CertificateKind;
  q?: string;
}

const enc = encodeURIComponent;

export const api = {
  login: (username: string, password: string) =>
    request<{ user: User }>('POST', '/auth/login', { username, password }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<{ user: User }>('GET', '/auth/me'),

  listUsers: (query: { role?: Role; q?: string; limit?: number; cursor?: string }) =>
    request<Page<User>>('GET', withQuery('/users', query)),
  createUser: (user: NewUser) => request<User>('POST', '/users', user),
  updateUser: (id: string, changes: UserChanges) => request<User>('PATCH', `/users/${enc(id)}`, changes),

  listTokens: (userId: string) => request<{ items: Token[] }>('GET', `/users/${enc(userId)}/tokens`),
  createToken: (userId: string, token: { label: string; expiresInDays?: number }) =>
    request<CreatedToken>('POST', `/users/${enc(userId)}/tokens`, token),
  revokeToken: (tokenId: string) => request<Token>('POST', `/tokens/${enc(tokenId)}/revoke`),

  listAudit: (query: { limit?: number; cursor?: string }) =>
    request<Page<AuditEntry>>('GET', withQuery('/audit', query)),
  verifyAudit: () => request<AuditVerification>('POST', '/audit/verify'),

  departments: () => request<{ items: Department[] }>('GET', '/catalog/departments'),
  certificateTypes: (filter: CertificateTypeFilter = {}) =>
    request<{ items: CertificateType[] }>('GET', withQuery('/catalog/certificate-types', { ...filter })),
  occupations: () => request<{ items: Occupation[] }>('GET', '/catalog/occupations'),
  levels: () => request<{ items: Level[] }>('GET', '/catalog/levels'),
  regions: () => request<{ items: Region[] }>('GET', '/catalog/regions'),
};
