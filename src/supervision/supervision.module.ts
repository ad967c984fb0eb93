import type { ModuleFactory } from '../app.modules.ts';
import { liveRoutes } from './live.routes.ts';
import { warningRoutes } from './warnings.routes.ts';
import { createWarningRunner, warningRulesJob } from './warnings.runner.ts';

/**
 * Live monitoring and the warning rules. The rules run as a periodic job (issue 16 §2) every
 * `HUTONG_SUPERVISION_INTERVAL_MS`, each pass reading the exam events after a cursor held under a lease; see
 * ARCHITECTURE.md (Jobs).
 */
export const supervisionModule: ModuleFactory = (ctx) => {
  const deps = { ...ctx.exams, supervision: ctx.supervision };
  const runner = createWarningRunner(deps, ctx.log);
  return {
    name: 'supervision',
    jobs: [
      { definition: warningRulesJob(runner), every: { data: {}, ms: ctx.config.supervisionIntervalMs } },
    ],
    routes: async (api) => {
      await api.register(liveRoutes, { db: ctx.db, clock: ctx.clock, ...ctx.live });
      await api.register(warningRoutes, deps);
      // The cursor's lease is given back on close, so another worker need not wait for it to lapse.
      api.addHook('onClose', () => runner.stop());
    },
  };
};
