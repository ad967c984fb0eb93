import type { ModuleFactory } from '../app.modules.ts';
import { statisticsRoutes } from './statistics.routes.ts';
import { tallyRefreshJob } from './statistics.tally.ts';

/** 跟踪分析: the figures, read from a replica, and the tallies refreshed ahead as a periodic job. */
export const statisticsModule: ModuleFactory = (ctx) => ({
  name: 'statistics',
  jobs: [
    {
      definition: tallyRefreshJob(ctx.db, ctx.clock),
      every: { data: {}, ms: ctx.config.statisticsRefreshMs },
    },
  ],
  routes: async (api) => {
    await api.register(statisticsRoutes, {
      db: ctx.readDb,
      catalog: ctx.catalog,
      clock: ctx.clock,
      policies: ctx.policies,
      supervision: ctx.supervision,
      tallyFromRows: ctx.config.statisticsTallyFrom,
    });
  },
});
