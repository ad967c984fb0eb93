import type { ModuleFactory } from '../app.modules.ts';
import { catalogRoutes } from './catalog.routes.ts';
import { designationRoutes } from './designations.routes.ts';

export const catalogModule: ModuleFactory = (ctx) => ({
  name: 'catalog',
  routes: async (api) => {
    await api.register(catalogRoutes, { catalog: ctx.catalog });
    await api.register(designationRoutes, { db: ctx.db, clock: ctx.clock, catalog: ctx.catalog });
  },
});
