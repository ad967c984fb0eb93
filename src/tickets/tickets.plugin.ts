import type { FastifyInstance } from 'fastify';
import type { SharedCounters } from '../limits/limits.model.ts';
import type { ChallengeIssuer } from '../query/query.challenge.ts';
import type { NationalPack } from '../recognition/recognition.model.ts';
import { sweepAttachmentFiles } from './tickets.attachments-sweep.ts';
import { loadWorkCalendar } from './tickets.calendar.ts';
import { createSmtpNotifier } from './tickets.notify.ts';
import { officeTicketRoutes } from './tickets.office-routes.ts';
import { publicTicketRoutes } from './tickets.public-routes.ts';
import { loadRoutingTable } from './tickets.routing.ts';
import type { ReplyDays } from './tickets.rules.ts';
import type { TicketDeps } from './tickets.service.ts';
import { createTicketWorker } from './tickets.worker.ts';

export interface TicketsModuleOptions extends Omit<TicketDeps, 'calendar' | 'routing' | 'replyDays'> {
  replyDays: ReplyDays;
  publicUrl: string;
  publicRateLimit: number;
  challenges: ChallengeIssuer;
  /** Limits shared by every API process (issue 16 §4). */
  counters?: SharedCounters;
  /** `HUTONG_SMTP_URL`: without it, notifications wait in the outbox. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** How often the worker escalates and sends (0: never; tests run it themselves). */
  workerIntervalMs: number;
}

/**
 * 回应关切 (issue 14) as one module: its data files (routing table, holiday calendar), the public and the offices'
 * routes, and its worker (deadlines and notifications), started when the app is ready and stopped when it closes.
 */
export async function ticketsModule(app: FastifyInstance, opts: TicketsModuleOptions): Promise<void> {
  const deps: TicketDeps = { ...opts, calendar: loadWorkCalendar(), routing: loadRoutingTable() };
  await app.register(publicTicketRoutes, {
    ...deps,
    publicRateLimit: opts.publicRateLimit,
    challenges: opts.challenges,
    ...(opts.counters && { counters: opts.counters }),
  });
  const national: NationalPack = opts.policies.national;
  await app.register(officeTicketRoutes, { ...deps, publicUrl: opts.publicUrl, national });
  const notifiers = opts.smtpUrl ? [createSmtpNotifier(opts.smtpUrl, opts.smtpFrom)] : [];
  const worker = createTicketWorker(deps, notifiers, (msg, err) => app.log.error({ err }, msg));
  // Before the worker starts: attachment files of the earlier storage move into their rows, orphans go.
  app.addHook('onReady', async () => {
    const swept = await sweepAttachmentFiles(deps);
    if (swept.adopted + swept.removed > 0) app.log.info(swept, 'ticket attachment files swept');
    for (const failure of swept.failed)
      app.log.error({ failure }, 'ticket attachment file kept: cannot be moved in');
    worker.start(opts.workerIntervalMs);
  });
  app.addHook('onClose', () => worker.stop());
}
