import { accountsModule } from './accounts/accounts.module.ts';
import type { ModuleFactory } from './app.modules.ts';
import { auditModule } from './audit/audit.module.ts';
import { operationsModule } from './backup/backup.module.ts';
import { bankModule } from './bank/bank.module.ts';
import { catalogModule } from './catalog/catalog.module.ts';
import { credentialsModule } from './credentials/credentials.module.ts';
import { examsModule } from './exams/exams.module.ts';
import { explainModule } from './explain/explain.module.ts';
import { institutionsModule } from './institutions/institutions.module.ts';
import { issuanceModule } from './issuance/issuance.module.ts';
import { jobsModule } from './jobs/jobs.module.ts';
import { queryModule } from './query/query.module.ts';
import { recognitionModule } from './recognition/recognition.module.ts';
import { registryModule } from './registry/registry.module.ts';
import { sourcesModule } from './sources/sources.module.ts';
import { statisticsModule } from './statistics/statistics.module.ts';
import { supervisionModule } from './supervision/supervision.module.ts';
import { ticketsModule } from './tickets/tickets.module.ts';

/** Hutong, module by module (issue 16 §1): the API and worker processes compose this one list. */
export const hutongModules: readonly ModuleFactory[] = [
  auditModule,
  catalogModule,
  accountsModule,
  registryModule,
  recognitionModule,
  examsModule,
  sourcesModule,
  issuanceModule,
  institutionsModule,
  bankModule,
  supervisionModule,
  statisticsModule,
  queryModule,
  explainModule,
  ticketsModule,
  credentialsModule,
  operationsModule,
  jobsModule,
];
