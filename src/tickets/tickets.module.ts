import type { ModuleFactory } from '../app.modules.ts';
import { ticketsModule as ticketsPlugin } from './tickets.plugin.ts';

export const ticketsModule: ModuleFactory = (ctx) => ({
  name: 'tickets',
  routes: async (api) => {
    await api.register(ticketsPlugin, {
      ...ctx.registry,
      policies: ctx.policies,
      dataDir: ctx.config.dataDir,
      replyDays: ctx.config.ticketReplyDays,
      publicUrl: ctx.config.publicUrl,
      publicRateLimit: ctx.config.publicRateLimit,
      challenges: ctx.challenges,
      smtpUrl: ctx.config.smtpUrl,
      smtpFrom: ctx.config.smtpFrom,
      workerIntervalMs: ctx.config.outboxIntervalMs,
    });
  },
});
