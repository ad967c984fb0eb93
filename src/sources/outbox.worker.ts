import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { type JobDefinition, periodicJob } from '../jobs/jobs.model.ts';
import type { Keyring } from '../protection/protection.service.ts';
import type { Clock } from '../shared/clock.ts';
import { isAllowedEndpoint } from './outbox.model.ts';
import {
  type AttemptResult,
  defaultRetryPolicy,
  judgeAttempt,
  nextState,
  parseRetryAfter,
  type RetryPolicy,
  signRequest,
  type Verdict,
} from './outbox.rules.ts';
import { claimDueRequests, finishAttempt, getIssuanceEndpoint } from './outbox.store.ts';

/**
 * Delivers the issuance outbox (issue 7 §5): each pass claims the due requests (one attempt each, leased), POSTs
 * each to its source's issuance endpoint outside any transaction (PGlite keeps serving), and writes the outcome
 * with its audit row. Run by the periodic job `outbox-delivery` (`HUTONG_OUTBOX_INTERVAL_MS`); tests call `runOnce()` with their own
 * clock.
 */
export interface OutboxWorkerDeps {
  db: Kysely<Database>;
  keyring: Keyring;
  clock: Clock;
}

export interface OutboxOptions {
  /** Per request, connection to the last byte of the answer. */
  timeoutMs?: number;
  /** Requests claimed per pass. */
  batch?: number;
  retry?: RetryPolicy;
}

export interface OutboxReport {
  attempted: number;
  delivered: number;
  retried: number;
  failed: number;
}

export interface OutboxWorker {
  runOnce(): Promise<OutboxReport>;
}

const MAX_ANSWER_BYTES = 64 * 1024;
// A lease outlives the request's timeout, so only a worker that died mid-delivery lets it run out.
const LEASE_MARGIN_MS = 60_000;

/** The answer's first 64 KiB: enough for `{"reference"}`, and a runaway answer cannot fill the memory. */
async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size >= MAX_ANSWER_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
}

export function createOutboxWorker(
  deps: OutboxWorkerDeps,
  options: OutboxOptions = {},
  onError: (msg: string, err: unknown) => void = () => {},
): OutboxWorker {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batch = options.batch ?? 20;
  const policy = options.retry ?? defaultRetryPolicy;
  let running: Promise<OutboxReport> | undefined;

  async function send(url: string, secret: string, body: string, id: string): Promise<AttemptResult> {
    const now = deps.clock.now();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          'user-agent': 'Hutong-Issuance/1',
          'idempotency-key': id,
          'x-hutong-timestamp': timestamp,
          'x-hutong-signature': signRequest(secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return {
        kind: 'answer',
        status: res.status,
        body: await readCapped(res),
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now),
      };
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string; name?: string } };
      if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError')
        return { kind: 'timeout', afterMs: timeoutMs };
      // The error kind only (ECONNREFUSED, ENOTFOUND, …): messages may carry more than a status.
      const code = e.cause?.code ?? e.name ?? '';
      return { kind: 'network', code: /^[A-Za-z0-9_]{1,40}$/.test(code) ? code : 'unknown' };
    }
  }

  async function attempt(row: { id: string; source_id: string; body_cipher: string }): Promise<Verdict> {
    const endpoint = await getIssuanceEndpoint(deps.db, row.source_id);
    if (!endpoint?.issuance_url || !endpoint.issuance_secret_cipher)
      return { outcome: 'failed', error: 'the source has no issuance endpoint' };
    if (!isAllowedEndpoint(endpoint.issuance_url))
      return { outcome: 'failed', error: 'the endpoint is neither https nor loopback http' };
    const protector = deps.keyring.protector();
    const body = protector.decrypt(row.body_cipher);
    const secret = protector.decrypt(endpoint.issuance_secret_cipher);
    return judgeAttempt(await send(endpoint.issuance_url, secret, body, row.id));
  }

  async function pass(): Promise<OutboxReport> {
    const report: OutboxReport = { attempted: 0, delivered: 0, retried: 0, failed: 0 };
    const now = deps.clock.now();
    const leaseUntil = new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS);
    const claimed = await claimDueRequests(deps.db, now, leaseUntil, batch);
    for (const row of claimed) {
      try {
        const verdict = await attempt(row);
        const at = deps.clock.now();
        const state = nextState(verdict, row.attempts, policy, at);
        const ctx: AuditContext = { actorId: null, actorLabel: 'issuance-outbox', requestId: null, at };
        await deps.db.transaction().execute(async (trx) => {
          if (!(await finishAttempt(trx, row.id, row.attempts, state, at))) return;
          const action =
            state.status === 'delivered'
              ? 'issuance-request.deliver'
              : state.status === 'failed'
                ? 'issuance-request.fail'
                : 'issuance-request.attempt-failed';
          await appendAudit(trx, ctx, {
            action,
            targetType: 'issuance-request',
            targetId: row.id,
            before: { status: 'pending', attempts: row.attempts - 1 },
            after: {
              status: state.status,
              attempts: row.attempts,
              nextAttemptAt: state.nextAttemptAt?.toISOString() ?? null,
              lastError: state.lastError,
              reference: state.reference,
            },
          });
        });
        report.attempted += 1;
        if (state.status === 'delivered') report.delivered += 1;
        else if (state.status === 'failed') report.failed += 1;
        else report.retried += 1;
      } catch (err) {
        // The row stays leased and is tried again when the lease runs out.
        onError('issuance request delivery failed', err);
      }
    }
    return report;
  }

  /** One pass at a time in this process: a pass still running when the next is asked for is awaited, not doubled. */
  function runOnce(): Promise<OutboxReport> {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  return { runOnce };
}

/**
 * The outbox as a periodic job (issue 16 §2): one pass per `HUTONG_OUTBOX_INTERVAL_MS`, taken by one worker. Each
 * request keeps its own lease and retry schedule (`outbox.rules.ts`), so the job itself is not retried: the next
 * period's pass picks up what this one left. Its lease covers a full batch of requests that all time out.
 */
export function outboxDeliveryJob(worker: OutboxWorker): JobDefinition<Record<string, never>> {
  return periodicJob('outbox-delivery', { expireInSeconds: 15 * 60 }, () => worker.runOnce());
}
