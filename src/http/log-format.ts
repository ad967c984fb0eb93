import { type DestinationStream, destination } from 'pino';
import { onFirstUse } from '../shared/lazy.ts';

/** Loaded only for a person at a terminal: a server logging JSON (a pipe, a collector) never needs it. */
const pinoPretty = onFirstUse<typeof import('pino-pretty')>('pino-pretty');

/**
 * How log lines are written (issue 15 item 9): one JSON object per line for machines (a log collector, a file, a
 * pipe), or coloured, readable lines for a person at a terminal. `auto` picks readable lines when stdout is a
 * terminal and JSON otherwise; HUTONG_LOG_FORMAT=json or =pretty forces one. Either way the line is masked for ID
 * numbers first (log-redaction.ts), since the pretty printer only reformats the finished JSON line.
 */
export type LogFormat = 'auto' | 'pretty' | 'json';

export function resolveLogFormat(format: LogFormat, isTerminal: boolean): 'pretty' | 'json' {
  if (format === 'auto') return isTerminal ? 'pretty' : 'json';
  return format;
}

/** The access line's fields (log-redaction.ts `accessLogPlugin`), shown as its message instead of as fields. */
const accessFields = ['method', 'route', 'url', 'status', 'durationMs', 'requestId'];

/**
 * `GET /api/v1/plans 200 4.2 ms` for an access line; other lines keep their message, after the request id when
 * they were logged for a request (to find its access line).
 */
export function messageOf(log: Record<string, unknown>, messageKey: string): string {
  const message = String(log[messageKey] ?? '');
  if (message === 'request' && typeof log.method === 'string')
    return `${log.method} ${String(log.url)} ${String(log.status)} ${String(log.durationMs)} ms`;
  return typeof log.reqId === 'string' ? `[${log.reqId}] ${message}` : message;
}

/** Readable lines: time of day, level, message, then any other fields indented below. */
export function prettyStream(
  options: { destination?: NodeJS.WritableStream; colorize?: boolean } = {},
): DestinationStream {
  return pinoPretty()({
    colorize: options.colorize ?? true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', 'reqId', ...accessFields].join(','),
    messageFormat: messageOf,
    sync: true,
    ...(options.destination && { destination: options.destination }),
  });
}

/** Where the app's log goes when no stream is given: stdout, as JSON or readable lines. */
export function stdoutLogStream(
  format: LogFormat,
  isTerminal = process.stdout.isTTY === true,
): DestinationStream {
  return resolveLogFormat(format, isTerminal) === 'pretty' ? prettyStream() : destination(1);
}
