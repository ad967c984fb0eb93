import type { ModuleFactory } from '../app.modules.ts';
import { jobsRoutes } from './jobs.routes.ts';

/** 后台任务: the queue's admin view (the jobs themselves are declared by the modules that own them). */
export const jobsModule: ModuleFactory = (ctx) => ({
  name: 'jobs',
  routes: async (api, jobs) => {
    await api.register(jobsRoutes, { db: ctx.db, clock: ctx.clock, jobs });
  },
});
