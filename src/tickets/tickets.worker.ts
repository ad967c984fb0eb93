import { type DeliveryDeps, type DeliveryReport, deliverDue, type Notifier } from './tickets.notify.ts';
import { escalateOverdue } from './tickets.office.ts';

/**
 * The ticket worker (issue 14 §3, §6): each pass escalates overdue tickets and sends due notifications. Paced by
 * `HUTONG_OUTBOX_INTERVAL_MS` like the issuance outbox; tests call `runOnce()` with their own clock.
 */
export interface TicketWorker {
  runOnce(): Promise<{ escalated: number } & DeliveryReport>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createTicketWorker(
  deps: DeliveryDeps,
  notifiers: readonly Notifier[],
  onError: (msg: string, err: unknown) => void = () => {},
): TicketWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ escalated: number } & DeliveryReport> | undefined;
  const pass = async () => {
    const escalated = await escalateOverdue(deps);
    return { escalated, ...(await deliverDue(deps, notifiers)) };
  };
  const runOnce = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  return {
    runOnce,
    start(intervalMs) {
      if (timer || intervalMs <= 0) return;
      timer = setInterval(() => {
        runOnce().catch((err) => onError('ticket worker pass failed', err));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => {});
      for (const n of notifiers) n.close?.();
    },
  };
}
