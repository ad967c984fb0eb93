import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorDetail, statusOf } from '../shared/errors.ts';
import { noteErrorCode } from './log-redaction.ts';

/**
 * What a page needs to word a schema failure itself (issue 15): the issue's kind, `required` when the value was
 * missing, and its bound. The English message stays for API clients.
 */
function issueOf(keyword: string, message: string | undefined, params: Record<string, unknown>) {
  const isMissing = keyword === 'invalid_type' && /received undefined$/.test(message ?? '');
  const limit = params.minimum ?? params.maximum;
  return {
    kind: isMissing ? 'required' : keyword,
    ...(typeof params.origin === 'string' && { origin: params.origin }),
    ...((typeof limit === 'number' || typeof limit === 'bigint') && { limit: Number(limit) }),
    ...(typeof params.format === 'string' && { format: params.format }),
  };
}

function fromFastifyError(error: FastifyError): AppError {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const details: ErrorDetail[] = error.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
      ...issueOf(v.keyword, v.message, v.params),
    }));
    return new AppError('validation_failed', `invalid ${where}`, details);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'unsupported content type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation_failed', 'the JSON body is empty', [
        { path: 'body', message: 'required' },
      ]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_failed', 'the body is not valid JSON', [
        { path: 'body', message: 'malformed' },
      ]);
  }
  const status = error.statusCode ?? 500;
  const byStatus: Record<number, ErrorCode> = {
    400: 'validation_failed',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'too_many_requests',
  };
  const code = byStatus[status];
  return code ? new AppError(code, error.message) : new AppError('internal', 'internal error');
}

/**
 * One error handler: every error leaves as the error JSON of design.md with the request id; 5xx messages are
 * replaced, and their cause goes to the log only.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((raw: FastifyError | AppError, request, reply) => {
    const error = raw instanceof AppError ? raw : fromFastifyError(raw as FastifyError);
    const status = statusOf(error.code);
    if (status >= 500) {
      const cause = isResponseSerializationError(raw) ? 'response failed its schema' : raw.message;
      request.log.error({ err: raw, cause }, 'request failed');
    } else {
      // The access line carries the code; the refusal itself is detail.
      request.log.debug({ code: error.code }, 'request refused');
    }
    noteErrorCode(request, error.code);
    if (error.headers) reply.headers(error.headers);
    if (status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
    // A failing upstream (502) is named: its message says which outside system failed, never our internals.
    const message = status >= 500 && error.code !== 'bad_gateway' ? 'internal error' : error.message;
    return reply.code(status).send({
      error: {
        code: error.code,
        message,
        ...(error.details && status < 500 && { details: error.details }),
        requestId: request.id,
      },
    });
  });
});
