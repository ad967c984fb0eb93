import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { DestinationStream } from 'pino';

/**
 * ID numbers never reach the log (issue 17 §3), whichever route, error or library produced the line.
 *
 * The mask is applied to each finished log line on its way to the destination, not to the logged object: pino runs
 * `formatters.log` before the serializers, so an error's message, stack and cause, a request's URL or a child
 * logger's bindings are only strings once the line is built. Masking the line is the one place nothing bypasses.
 *
 * What is masked, anywhere in a line (a URL, a query string, a message, a cause, any field):
 * - a 居民身份证号码 shape (GB 11643): 17 digits and a check character `[0-9Xx]` — and any longer run of digits,
 *   and a run of 17 (a number missing its check character), since an ID number typed with a digit too many is
 *   still one; the MEM certificate number `T` + ID number is included, the `T` not being a digit; a digit written
 *   as `%3N` (and the check character as `%58`/`%78`) counts, so percent-encoding a URL does not get past it;
 * - a 15-digit number of the first generation (GB 11643-1989) when it has that number's shape: a region code
 *   starting 1–8 and a plausible `YYMMDD` birth date. Plain 15-digit runs are left alone (they are rare in our
 *   logs, but a bare 15-digit rule would also eat longer counters and serials at their edges).
 *
 * The mask keeps the first six characters (the issuing region, useful when reading a log) and the last two
 * (telling two requests apart); the birth date and the rest are replaced by as many `*`: `440106**********3X`.
 */
const D = '(?:[0-9]|%3[0-9])';
const CHECK = '(?:[0-9Xx]|%3[0-9]|%[57]8)';
const idNumberRun = new RegExp(`(?<![0-9])(${D}{6})(${D}{9,})(${D}${CHECK})(?![0-9])`, 'g');
const idNumber15 = /(?<![0-9])([1-8]\d{5})\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d(\d{2})(?![0-9])/g;

export function redactIdNumbers(text: string): string {
  return text
    .replace(
      idNumberRun,
      (_m, head: string, middle: string, tail: string) =>
        `${head}${'*'.repeat(middle.replace(/%3[0-9]/g, '0').length)}${tail}`,
    )
    .replace(idNumber15, (_m, head: string, tail: string) => `${head}*******${tail}`);
}

/** An ID number left in a text after redaction (the tests' check): the 18-character shape, plain digits. */
export const unmaskedIdNumber = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/;

/** The log destination with every line masked; pino writes one whole line per call. */
export function redactingStream(destination: DestinationStream): DestinationStream {
  return { write: (line: string) => destination.write(redactIdNumbers(line)) };
}

/**
 * The push API takes the certificate number in its path (issue 5 §2), and MEM numbers embed an ID number: the
 * logged URL keeps the route, not the number.
 */
export function redactUrl(url: string): string {
  return url.replace(/^(\/api\/v1\/sources\/[^/?#]+\/certificates\/[^/?#]+\/)[^/?#]+/, '$1[redacted]');
}

const refusals = new WeakMap<FastifyRequest, string>();

/** The error handler notes a request's error code here, so the access line carries it (no second line). */
export function noteErrorCode(request: FastifyRequest, code: string): void {
  refusals.set(request, code);
}

/** Requests logged at `debug` only: probes that would otherwise fill the log (issue 17 §3: 811 MB in 9 min). */
const quietRoutes = new Set(['/api/v1/health']);

/**
 * One access line per request, written when the response is sent (Fastify's own two lines are turned off with
 * `disableRequestLogging`): method, route pattern, URL, status, duration in ms and the request id, plus the error
 * code of a refused request. Health checks at `debug`.
 */
export const accessLogPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    const level = route !== undefined && quietRoutes.has(route) ? 'debug' : 'info';
    const code = refusals.get(request);
    request.log[level](
      {
        method: request.method,
        route: route ?? null,
        url: redactUrl(request.url),
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        requestId: request.id,
        ...(code !== undefined && { code }),
      },
      'request',
    );
  });
});
