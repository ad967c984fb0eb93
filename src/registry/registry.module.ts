import path from 'node:path';
import type { ModuleFactory } from '../app.modules.ts';
import { importJob } from './import/import.job.ts';
import { importRoutes } from './import/import.routes.ts';
import { registryRoutes } from './registry.routes.ts';

/**
 * The registry and its imports. An import is a job (issue 16 §2): the process that takes the upload stores it
 * sealed in the database with its job; a worker of any process runs it (`import.job.ts`).
 */
export const registryModule: ModuleFactory = (ctx) => {
  const uploadDir = path.join(ctx.config.dataDir, 'imports');
  const job = importJob(ctx.registry, uploadDir);
  return {
    name: 'registry',
    jobs: [{ definition: job }],
    routes: async (api, jobs) => {
      await api.register(registryRoutes, ctx.registry);
      await api.register(importRoutes, {
        ...ctx.registry,
        jobs,
        job,
        uploadDir,
        maxUploadBytes: ctx.config.importMaxBytes,
        exclusive: ctx.engine === 'pglite',
      });
    },
  };
};
