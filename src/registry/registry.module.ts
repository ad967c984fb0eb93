import path from 'node:path';
import type { ModuleFactory } from '../app.modules.ts';
import { importRoutes } from './import/import.routes.ts';
import { createImportQueue } from './import/import.service.ts';
import { registryRoutes } from './registry.routes.ts';

/**
 * The registry and its imports. An import runs in the process that took the upload (its sealed file is on that
 * process's disk; docs/SCALING.md), in a queue of its own with a lease, not yet on the job queue.
 */
export const registryModule: ModuleFactory = (ctx) => ({
  name: 'registry',
  routes: async (api) => {
    await api.register(registryRoutes, ctx.registry);
    const queue = createImportQueue(ctx.registry, ctx.log);
    api.addHook('onClose', () => queue.idle());
    await api.register(importRoutes, {
      ...ctx.registry,
      queue,
      uploadDir: path.join(ctx.config.dataDir, 'imports'),
      maxUploadBytes: ctx.config.importMaxBytes,
    });
  },
});
