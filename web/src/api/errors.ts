export interface ErrorDetail {
  path: string;
  message: string;
  /** A schema failure's kind and bound (src/shared/errors.ts), worded by components/validation-text.ts. */
  kind?: string;
  origin?: string;
  limit?: number;
  format?: string;
  /** A domain check's reason code and the values it names (src/shared/errors.ts). */
  reason?: string;
  params?: Record<string, string>;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((d) => ({
    path: String(d.path ?? ''),
    message: String(d.message ?? ''),
    ...(typeof d.kind === 'string' && { kind: d.kind }),
    ...(typeof d.origin === 'string' && { origin: d.origin }),
    ...(typeof d.limit === 'number' && { limit: d.limit }),
    ...(typeof d.format === 'string' && { format: d.format }),
    ...(typeof d.reason === 'string' && { reason: d.reason }),
    ...(isRecord(d.params) && { params: stringsOf(d.params) }),
  }));
}

function stringsOf(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]));
}

/** The `ApiError` of a failed response whose body has already been read (`body` is undefined when it was not JSON). */
export function apiErrorOf(response: Response, body: unknown): ApiError {
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
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

/** The request never got an answer (offline, DNS, a dropped connection). */
export function networkError(cause: unknown): ApiError {
  return new ApiError({ status: 0, code: 'network_error', message: String(cause) });
}
