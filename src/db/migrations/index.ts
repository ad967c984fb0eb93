import type { Migration } from 'kysely';
import * as foundation from './2026-11-29-0001-foundation.ts';
import * as registry from './2026-11-29-0002-registry.ts';
import * as policies from './2026-11-29-0003-policies.ts';
import * as credentials from './2026-11-29-0004-credentials.ts';
import * as sources from './2026-11-29-0005-sources.ts';
import * as exams from './2026-11-29-0006-exams.ts';
import * as institutions from './2026-11-29-0007-institutions.ts';
import * as delivery from './2026-11-29-0008-delivery.ts';
import * as supervision from './2026-11-29-0009-supervision.ts';
import * as issuanceOutbox from './2026-11-29-0010-issuance-outbox.ts';
import * as certificateReview from './2026-12-06-0011-certificate-review.ts';
import * as issuanceRequests from './2026-12-06-0012-issuance-requests.ts';
import * as decisionIntake from './2026-12-06-0013-decision-intake.ts';
import * as departmentPacks from './2026-12-06-0014-department-packs.ts';
import * as invisibleImports from './2026-12-07-0015-invisible-imports.ts';
import * as tickets from './2026-12-07-0020-tickets.ts';
import * as cryptoProfile from './2026-12-07-0030-crypto-profile.ts';
import * as ticketAttachmentContent from './2026-12-07-0040-ticket-attachment-content.ts';
import * as indexVersions from './2026-12-07-0050-index-versions.ts';
import * as sharedLimits from './2026-12-07-0060-shared-limits.ts';
import * as runnerLease from './2026-12-07-0070-runner-lease.ts';
import * as certificateTallies from './2026-12-07-0080-certificate-tallies.ts';
import * as policySimulations from './2026-12-07-0090-policy-simulations.ts';
import * as importProgress from './2026-12-07-0100-import-progress.ts';
import * as importUploads from './2026-12-07-0110-import-uploads.ts';
import * as importReruns from './2026-12-08-0120-import-reruns.ts';

/** Every migration, in order. Landed migrations are never edited: add a new file instead. */
export const migrations: Record<string, Migration> = {
  '2026-11-29-0001-foundation': foundation,
  '2026-11-29-0002-registry': registry,
  '2026-11-29-0003-policies': policies,
  '2026-11-29-0004-credentials': credentials,
  '2026-11-29-0005-sources': sources,
  '2026-11-29-0006-exams': exams,
  '2026-11-29-0007-institutions': institutions,
  '2026-11-29-0008-delivery': delivery,
  '2026-11-29-0009-supervision': supervision,
  '2026-11-29-0010-issuance-outbox': issuanceOutbox,
  '2026-12-06-0011-certificate-review': certificateReview,
  '2026-12-06-0012-issuance-requests': issuanceRequests,
  '2026-12-06-0013-decision-intake': decisionIntake,
  '2026-12-06-0014-department-packs': departmentPacks,
  '2026-12-07-0015-invisible-imports': invisibleImports,
  '2026-12-07-0020-tickets': tickets,
  '2026-12-07-0030-crypto-profile': cryptoProfile,
  '2026-12-07-0040-ticket-attachment-content': ticketAttachmentContent,
  '2026-12-07-0050-index-versions': indexVersions,
  '2026-12-07-0060-shared-limits': sharedLimits,
  '2026-12-07-0070-runner-lease': runnerLease,
  '2026-12-07-0080-certificate-tallies': certificateTallies,
  '2026-12-07-0090-policy-simulations': policySimulations,
  '2026-12-07-0100-import-progress': importProgress,
  '2026-12-07-0110-import-uploads': importUploads,
  '2026-12-08-0120-import-reruns': importReruns,
};
