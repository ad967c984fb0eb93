import type { ModuleFactory } from '../app.modules.ts';
import { outboxRoutes } from './outbox.routes.ts';
import { createOutboxWorker, outboxDeliveryJob } from './outbox.worker.ts';
import { sourcesRoutes } from './sources.routes.ts';

/**
 * Department sources and the 一试多证 outbox. The outbox is delivered by a periodic job (issue 16 §2), taken by one
 * worker per period; each request is claimed with `FOR UPDATE SKIP LOCKED` and retried on its own schedule.
 */
export const sourcesModule: ModuleFactory = (ctx) => {
  const outbox = createOutboxWorker({ db: ctx.db, keyring: ctx.keyring, clock: ctx.clock }, {}, ctx.log);
  return {
    name: 'sources',
    jobs: [{ definition: outboxDeliveryJob(outbox), every: { data: {}, ms: ctx.config.outboxIntervalMs } }],
    routes: async (api) => {
      await api.register(sourcesRoutes, { ...ctx.registry, directory: ctx.directory });
      await api.register(outboxRoutes, {
        db: ctx.db,
        keyring: ctx.keyring,
        clock: ctx.clock,
        directory: ctx.directory,
      });
    },
  };
};
