import type { ModuleFactory } from '../app.modules.ts';
import { outboxRoutes } from './outbox.routes.ts';
import { createOutboxWorker } from './outbox.worker.ts';
import { sourcesRoutes } from './sources.routes.ts';

/**
 * Department sources and the 一试多证 outbox. The outbox is a continuous consumer of its rows (each claimed with
 * `FOR UPDATE SKIP LOCKED`, retried with backoff), run in the worker and all roles; see ARCHITECTURE.md (Jobs).
 */
export const sourcesModule: ModuleFactory = (ctx) => ({
  name: 'sources',
  routes: async (api) => {
    await api.register(sourcesRoutes, { ...ctx.registry, directory: ctx.directory });
    await api.register(outboxRoutes, {
      db: ctx.db,
      keyring: ctx.keyring,
      clock: ctx.clock,
      directory: ctx.directory,
    });
    const outbox = createOutboxWorker({ db: ctx.db, keyring: ctx.keyring, clock: ctx.clock }, {}, ctx.log);
    api.addHook('onReady', async () => outbox.start(ctx.config.outboxIntervalMs));
    api.addHook('onClose', () => outbox.stop());
  },
});
