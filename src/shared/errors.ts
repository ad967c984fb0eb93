/**
 * The one error type of Hutong. Domain code throws `AppError(code, message, details?)`; the error handler in
 * `app.ts` maps the code to an HTTP status through `statusOf` and writes the error JSON of design.md.
 */
export type ErrorCode =
  | 'validation_failed' // the request (body, query, params) does not match its schema
  | 'unauthenticated' // no or an invalid session cookie / bearer token
  | 'forbidden' // authenticated, but the role or its scope does not cover this resource
  | 'not_found' // the resource does not exist (or is out of scope and must not be revealed)
  | 'conflict' // a uniqueness or state conflict (duplicate username, revoked token …)
  | 'invalid_transition' // a lifecycle step the current state does not allow (revoked is final)
  | 'rule_violation' // well-formed but against a domain rule (a renewal beyond the type's extension)
  | 'invalid_credentials' // login failed: wrong username or password (never says which)
  | 'too_many_requests' // rate limit or login throttling; `Retry-After` is set
  | 'challenge_required' // an anonymous public query without a valid, unspent proof-of-work solution
  | 'cosign_required' // a provincial pack concerning another department's certificates lacks its co-signature (会同)
  | 'idempotency_key_reused' // a push batch reuses an Idempotency-Key with a different body
  | 'payload_too_large' // the body exceeds the configured limit
  | 'unsupported_media_type' // a content type the route does not accept
  | 'catalog_invalid' // a reference-data file failed validation at load
  | 'bad_gateway' // another system Hutong had to ask (a trusted issuer's JWKS, did:web, status list) failed
  | 'internal'; // anything unexpected; its message never reaches the client

export interface ErrorDetail {
  path: string;
  message: string;
  /**
   * For a request that failed its schema: the Zod issue kind (`too_small`, `invalid_format`, … and `required` for a
   * missing field), with the bound and what was measured, so a page can say it in the reader's language (issue 15).
   */
  kind?: string;
  origin?: string;
  limit?: number;
  format?: string;
  /**
   * For a domain check: its reason code and the values it names (type ids, rule ids, row numbers), so a page can
   * word it in the reader's language and name the values (issue 15 §4); `message` stays the English sentence.
   */
  reason?: string;
  params?: Record<string, string>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[], headers?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  cosign_required: 409,
  rule_violation: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  challenge_required: 428,
  idempotency_key_reused: 422,
  catalog_invalid: 500,
  bad_gateway: 502,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return statusByCode[code];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(statusByCode, value);
}
