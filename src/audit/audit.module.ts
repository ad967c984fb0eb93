import type { ModuleFactory } from '../app.modules.ts';
import { auditRoutes } from './audit.routes.ts';

export const auditModule: ModuleFactory = (ctx) => ({
  name: 'audit',
  routes: async (api) => {
    await api.register(auditRoutes, { db: ctx.db });
  },
});
