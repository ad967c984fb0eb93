import type { ModuleFactory } from '../app.modules.ts';
import { liveRoutes } from './live.routes.ts';
import { warningRoutes } from './warnings.routes.ts';
import { createWarningRunner } from './warnings.runner.ts';

/**
 * Live monitoring and the warning rules. The rules run as a continuous consumer of exam events (a cursor under a
 * lease, every `HUTONG_SUPERVISION_INTERVAL_MS`) in the worker and all roles; see ARCHITECTURE.md (Jobs).
 */
export const supervisionModule: ModuleFactory = (ctx) => {
  const deps = { ...ctx.exams, supervision: ctx.supervision };
  return {
    name: 'supervision',
    routes: async (api) => {
      await api.register(liveRoutes, { db: ctx.db, clock: ctx.clock, ...ctx.live });
      await api.register(warningRoutes, deps);
      const runner = createWarningRunner(deps, ctx.log);
      api.addHook('onReady', async () => runner.start(ctx.config.supervisionIntervalMs));
      api.addHook('onClose', () => runner.stop());
    },
  };
};
