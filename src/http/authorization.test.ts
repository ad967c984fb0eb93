import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createToken, createUser } from '../accounts/accounts.service.ts';
import { addInstitution } from '../exams/plans.test-helpers.ts';
import { makeInstitution } from '../institutions/institution.test-helpers.ts';
import { createImportJob } from '../registry/import/import.service.ts';
import { createCertificate } from '../registry/registry.service.ts';
import { residentId, sourceToken } from '../sources/sources.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';

/**
 * The authorisation matrix (issue 2 §10): every role and scope × every route → allowed or denied, through
 * app.inject. "Allowed" means the request got past authentication and authorisation (any status but a 401
 * `unauthenticated` or a 403 `forbidden`); denied means exactly that 401 for anonymous callers and 403 otherwise.
 */
type Who =
  | 'anon'
  | 'admin-token'
  | 'sysadmin'
  | 'mem-admin'
  | 'mohurd-zj'
  | 'mohurd-gd'
  | 'hrss-sh'
  | 'institution'
  | 'supervisor'
  | 'supervisor-sh'
  | 'holder'
  | 'source-mem'; // an API token bound to the department source mem-hosted (issue 5 §2)

const everyone: Who[] = [
  'anon',
  'admin-token',
  'sysadmin',
  'mem-admin',
  'mohurd-zj',
  'mohurd-gd',
  'hrss-sh',
  'institution',
  'supervisor',
  'supervisor-sh',
  'holder',
  'source-mem',
];
// A source token is not a signed-in user: it reaches public routes and its source's push API only.
const loggedIn = everyone.filter((w) => w !== 'anon' && w !== 'source-mem');
const admins: Who[] = ['admin-token', 'sysadmin'];
const readers: Who[] = [
  ...admins,
  'mem-admin',
  'mohurd-zj',
  'mohurd-gd',
  'hrss-sh',
  'supervisor',
  'supervisor-sh',
];
const importers: Who[] = [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd'];
const bankEditors: Who[] = [...admins, 'hrss-sh'];
const bankReaders: Who[] = [...bankEditors, 'institution'];
// Bank items of 310000 and 440000 (drafts), created in before() below.
const bankIds = { sh: '', gd: '' };
const bankItemPayload = {
  type: 'true-false',
  occupation: '6-31-01-03',
  level: '4',
  knowledgePoint: '电工-4-安全用电-01',
  stem: '矩阵测试：安全电压不高于 36 V。',
  answer: true,
  score: 1,
  difficulty: 0.2,
};

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string; // the route pattern, as registered
  url: (ids: Ids) => string;
  payload?: unknown;
  allowed: Who[];
  /** Role allowed, but the resource is outside the caller's scope and answers 404 so as not to reveal it. */
  hidden?: Who[];
}
interface Ids {
  userId: string;
  tokenId: string;
  certificateId: string;
  holderId: string;
  importId: string;
  /** Filed institutions of 310000 and 440000 (issue 6 §1). */
  institutionId: string;
  institutionGdId: string;
  /** Draft exam plans of a 310000 institution (issue 6 §2): one with a sitting, one without. */
  planId: string;
  planBareId: string;
  sittingId: string;
}

const pushedId = residentId(42);
// The plans' institution, inserted in before(); its ids are fixed so the rows' payloads can name them.
const planInstitution = { id: randomUUID(), siteId: randomUUID() };
const planPayload = {
  kind: 'single',
  name: '矩阵测试计划 matrix plan',
  occupation: '6-31-01-03',
  level: '4',
  institutionIds: [planInstitution.id],
  registrationOpens: '2027-03-01',
  registrationCloses: '2027-03-31',
};
const sittingPayload = {
  institutionId: planInstitution.id,
  siteId: planInstitution.siteId,
  startsAt: '2027-04-10T09:00:00+08:00',
  endsAt: '2027-04-10T12:00:00+08:00',
  capacity: 30,
};

const matrix: Row[] = [
  { method: 'GET', route: '/api/v1/health', url: () => '/api/v1/health', allowed: everyone },
  {
    method: 'POST',
    route: '/api/v1/auth/login',
    url: () => '/api/v1/auth/login',
    payload: { username: 'nobody', password: 'wrong-password' },
    allowed: everyone,
  },
  { method: 'POST', route: '/api/v1/auth/logout', url: () => '/api/v1/auth/logout', allowed: everyone },
  { method: 'GET', route: '/api/v1/auth/me', url: () => '/api/v1/auth/me', allowed: loggedIn },
  { method: 'GET', route: '/api/v1/auth/session', url: () => '/api/v1/auth/session', allowed: everyone },
  { method: 'GET', route: '/api/v1/users', url: () => '/api/v1/users', allowed: admins },
  {
    method: 'POST',
    route: '/api/v1/users',
    url: () => '/api/v1/users',
    payload: { username: 'x', displayName: 'x', password: 'x', role: 'holder' },
    allowed: admins,
  },
  { method: 'GET', route: '/api/v1/users/:id', url: (i) => `/api/v1/users/${i.userId}`, allowed: admins },
  {
    method: 'PATCH',
    route: '/api/v1/users/:id',
    url: (i) => `/api/v1/users/${i.userId}`,
    payload: { displayName: '改名 Renamed' },
    allowed: admins,
  },
  {
    method: 'GET',
    route: '/api/v1/users/:id/tokens',
    url: (i) => `/api/v1/users/${i.userId}/tokens`,
    allowed: admins,
  },
  {
    method: 'POST',
    route: '/api/v1/users/:id/tokens',
    url: (i) => `/api/v1/users/${i.userId}/tokens`,
    payload: { label: 'matrix' },
    allowed: admins,
  },
  {
    method: 'POST',
    route: '/api/v1/tokens/:id/revoke',
    url: (i) => `/api/v1/tokens/${i.tokenId}/revoke`,
    allowed: admins,
  },
  { method: 'GET', route: '/api/v1/audit', url: () => '/api/v1/audit', allowed: admins },
  { method: 'POST', route: '/api/v1/audit/verify', url: () => '/api/v1/audit/verify', allowed: admins },
  {
    method: 'GET',
    route: '/api/v1/catalog/departments',
    url: () => '/api/v1/catalog/departments',
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/catalog/certificate-types',
    url: () => '/api/v1/catalog/certificate-types?department=mem',
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/catalog/certificate-types/:id',
    url: () => '/api/v1/catalog/certificate-types/mem.lv-electrician',
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/catalog/occupations',
    url: () => '/api/v1/catalog/occupations',
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/catalog/occupations/:code',
    url: () => '/api/v1/catalog/occupations/6-31-01-03',
    allowed: everyone,
  },
  { method: 'GET', route: '/api/v1/catalog/levels', url: () => '/api/v1/catalog/levels', allowed: everyone },
  {
    method: 'GET',
    route: '/api/v1/catalog/regions',
    url: () => '/api/v1/catalog/regions',
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/catalog/designations',
    url: () => '/api/v1/catalog/designations?type=mohurd.welder',
    allowed: everyone,
  },
  // Scope: a MOHURD admin of 330000 may designate for 330000 only; MEM's admin not at all (other department).
  {
    method: 'POST',
    route: '/api/v1/catalog/designations',
    url: () => '/api/v1/catalog/designations',
    payload: {
      type: 'mohurd.welder',
      region: '330000',
      basis: '浙建质〔2026〕1号 (test)',
      designatedOn: '2026-03-01',
    },
    allowed: [...admins, 'mohurd-zj'],
  },
  {
    method: 'POST',
    route: '/api/v1/catalog/designations',
    url: () => '/api/v1/catalog/designations',
    payload: {
      type: 'mohurd.welder',
      region: '440000',
      basis: '粤建质〔2026〕1号 (test)',
      designatedOn: '2026-03-01',
    },
    allowed: [...admins, 'mohurd-gd'],
  },
  {
    method: 'DELETE',
    route: '/api/v1/catalog/designations/:type/:region',
    url: () => '/api/v1/catalog/designations/mohurd.welder/330000',
    payload: { reason: '测试撤销 test withdrawal' },
    allowed: [...admins, 'mohurd-zj'],
  },
  // Registry: a MEM certificate issued in 310000 (created in before()).
  {
    method: 'POST',
    route: '/api/v1/certificates',
    url: () => '/api/v1/certificates',
    payload: {
      type: 'mem.hv-electrician',
      number: 'T440524188001010014',
      holder: { name: '李四', idType: 'resident', idNumber: '440524188001010014' },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
    allowed: [...admins, 'mem-admin'],
  },
  {
    method: 'POST',
    route: '/api/v1/certificates/search',
    url: () => '/api/v1/certificates/search',
    payload: {},
    allowed: readers,
  },
  {
    method: 'POST',
    route: '/api/v1/certificates/export',
    url: () => '/api/v1/certificates/export',
    payload: { format: 'csv' },
    allowed: readers,
  },
  {
    method: 'GET',
    route: '/api/v1/certificates/:id',
    url: (i) => `/api/v1/certificates/${i.certificateId}`,
    allowed: [...admins, 'mem-admin', 'hrss-sh', 'supervisor', 'supervisor-sh'],
    hidden: ['mohurd-zj', 'mohurd-gd', 'holder'],
  },
  ...(['suspend', 'reinstate', 'renew', 'review'] as const).map(
    (action): Row => ({
      method: 'POST',
      route: `/api/v1/certificates/:id/${action}`,
      url: (i) => `/api/v1/certificates/${i.certificateId}/${action}`,
      payload:
        action === 'renew'
          ? { validUntil: '2036-02-28' }
          : action === 'review'
            ? { reviewedOn: '2025-03-01', reviewedUntil: '2028-02-28' }
            : { reason: '矩阵测试 matrix test' },
      allowed: [...admins, 'mem-admin'],
      hidden: ['mohurd-zj', 'mohurd-gd'],
    }),
  ),
  {
    method: 'GET',
    route: '/api/v1/certificates/:id/credential',
    url: (i) => `/api/v1/certificates/${i.certificateId}/credential`,
    allowed: [...admins, 'mem-admin', 'hrss-sh', 'supervisor', 'supervisor-sh'],
    hidden: ['mohurd-zj', 'mohurd-gd', 'holder'],
  },
  {
    method: 'POST',
    route: '/api/v1/public/certificates/credential',
    url: () => '/api/v1/public/certificates/credential',
    payload: { name: '张三', number: 'T11010519491231002X' },
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/public/credentials/:id',
    url: () => `/api/v1/public/credentials/${randomUUID()}`,
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/public/credentials/:id/qr.svg',
    url: () => `/api/v1/public/credentials/${randomUUID()}/qr.svg`,
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/credentials/status/:purpose/:list',
    url: () => '/api/v1/credentials/status/revocation/0',
    allowed: everyone,
  },
  {
    method: 'POST',
    route: '/api/v1/credentials/verify',
    url: () => '/api/v1/credentials/verify',
    payload: { credential: 'not-a-credential' },
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/registrations/commitment',
    url: () => '/api/v1/registrations/commitment',
    allowed: everyone,
  },
  {
    method: 'POST',
    route: '/api/v1/plans/:planId/eligibility',
    url: () => `/api/v1/plans/${randomUUID()}/eligibility`,
    payload: { declared: {} },
    allowed: ['holder'],
  },
  {
    method: 'POST',
    route: '/api/v1/plans/:planId/registrations',
    url: () => `/api/v1/plans/${randomUUID()}/registrations`,
    payload: { sittingId: randomUUID(), declared: {}, commitment: { accepted: true, version: '2026-01' } },
    allowed: ['holder'],
  },
  {
    method: 'GET',
    route: '/api/v1/plans/:planId/registrations',
    url: () => `/api/v1/plans/${randomUUID()}/registrations`,
    allowed: [...admins, 'hrss-sh', 'institution', 'supervisor', 'supervisor-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/plans/:planId/registrations/batch',
    url: () => `/api/v1/plans/${randomUUID()}/registrations/batch?sittingId=${randomUUID()}`,
    payload: {},
    allowed: [...admins, 'institution'],
  },
  {
    method: 'GET',
    route: '/api/v1/me/registrations',
    url: () => '/api/v1/me/registrations',
    allowed: ['holder'],
  },
  {
    method: 'GET',
    route: '/api/v1/registrations/:id',
    url: () => `/api/v1/registrations/${randomUUID()}`,
    allowed: [...admins, 'hrss-sh', 'institution', 'supervisor', 'supervisor-sh', 'holder'],
  },
  {
    method: 'POST',
    route: '/api/v1/registrations/:id/cancel',
    url: () => `/api/v1/registrations/${randomUUID()}/cancel`,
    allowed: [...admins, 'hrss-sh', 'institution', 'holder'],
  },
  {
    method: 'POST',
    route: '/api/v1/sittings/:id/staff',
    url: (i) => `/api/v1/sittings/${i.sittingId}/staff`,
    payload: { role: 'invigilator', name: '矩阵监考', employer: '矩阵单位' },
    allowed: admins,
    hidden: ['institution'],
  },
  {
    method: 'GET',
    route: '/api/v1/sittings/:id/staffing',
    url: (i) => `/api/v1/sittings/${i.sittingId}/staffing`,
    allowed: [...admins, 'hrss-sh', 'supervisor', 'supervisor-sh'],
    hidden: ['institution'],
  },
  {
    method: 'POST',
    route: '/api/v1/registrations/:id/attempt',
    url: () => `/api/v1/registrations/${randomUUID()}/attempt`,
    allowed: ['holder'],
  },
  {
    method: 'GET',
    route: '/api/v1/attempts/:id',
    url: () => `/api/v1/attempts/${randomUUID()}`,
    allowed: ['holder'],
  },
  {
    method: 'PUT',
    route: '/api/v1/attempts/:id/answers/:itemId',
    url: () => `/api/v1/attempts/${randomUUID()}/answers/${randomUUID()}`,
    payload: { response: 'A' },
    allowed: ['holder'],
  },
  {
    method: 'POST',
    route: '/api/v1/attempts/:id/submit',
    url: () => `/api/v1/attempts/${randomUUID()}/submit`,
    allowed: ['holder'],
  },
  {
    method: 'POST',
    route: '/api/v1/registrations/:id/practical-scores',
    url: () => `/api/v1/registrations/${randomUUID()}/practical-scores`,
    payload: { staffId: randomUUID(), subject: 'skills', criteria: [{ criterion: 'x', points: 1 }] },
    allowed: [...admins, 'institution'],
  },
  {
    method: 'GET',
    route: '/api/v1/registrations/:id/practical-scores',
    url: () => `/api/v1/registrations/${randomUUID()}/practical-scores`,
    allowed: [...admins, 'institution', 'supervisor', 'supervisor-sh'],
  },
  ...(['compute', 'publish', 'issue'] as const).map(
    (step): Row => ({
      method: 'POST',
      route: `/api/v1/plans/:planId/results/${step}`,
      url: () => `/api/v1/plans/${randomUUID()}/results/${step}`,
      payload: step === 'publish' ? {} : undefined,
      allowed: [...admins, 'hrss-sh', 'institution'],
    }),
  ),
  {
    method: 'GET',
    route: '/api/v1/plans/:planId/results',
    url: () => `/api/v1/plans/${randomUUID()}/results`,
    allowed: [...admins, 'hrss-sh', 'institution'],
  },
  {
    method: 'POST',
    route: '/api/v1/registrations/:id/appeal',
    url: () => `/api/v1/registrations/${randomUUID()}/appeal`,
    payload: { reason: '分数有误 wrong score' },
    allowed: ['holder'],
  },
  {
    method: 'POST',
    route: '/api/v1/registrations/:id/appeal/resolve',
    url: () => `/api/v1/registrations/${randomUUID()}/appeal/resolve`,
    payload: { outcome: 'rejected', resolution: '维持原成绩 the result stands' },
    allowed: [...admins, 'institution'],
  },
  {
    method: 'GET',
    route: '/api/v1/plans/:planId/archive/verify',
    url: () => `/api/v1/plans/${randomUUID()}/archive/verify`,
    allowed: [...admins, 'hrss-sh', 'institution', 'supervisor', 'supervisor-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/plans/:planId/archive/purge',
    url: () => `/api/v1/plans/${randomUUID()}/archive/purge`,
    allowed: [...admins, 'hrss-sh'],
  },
  // Warnings and their workflow (issue 8 §2–3): reviewers, the filing authority, the institution's inbox.
  ...(['/api/v1/warnings', '/api/v1/supervision/rules'] as const).map(
    (route): Row => ({
      method: 'GET',
      route,
      url: () => route,
      allowed: [...admins, 'hrss-sh', 'institution', 'supervisor', 'supervisor-sh'],
    }),
  ),
  {
    method: 'GET',
    route: '/api/v1/warnings/:id',
    url: () => `/api/v1/warnings/${randomUUID()}`,
    allowed: [...admins, 'hrss-sh', 'institution', 'supervisor', 'supervisor-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/warnings/:id/actions',
    url: () => `/api/v1/warnings/${randomUUID()}/actions`,
    payload: { action: 'send' },
    allowed: [...admins, 'hrss-sh', 'supervisor', 'supervisor-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/warnings/:id/feedback',
    url: () => `/api/v1/warnings/${randomUUID()}/feedback`,
    payload: { comment: '已整改 fixed' },
    allowed: ['institution'],
  },
  {
    method: 'GET',
    route: '/api/v1/warnings/:id/attachments/:attachmentId',
    url: () => `/api/v1/warnings/${randomUUID()}/attachments/${randomUUID()}`,
    allowed: [...admins, 'hrss-sh', 'institution', 'supervisor', 'supervisor-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/plans/:planId/supervision/run',
    url: () => `/api/v1/plans/${randomUUID()}/supervision/run`,
    allowed: [...admins, 'supervisor', 'supervisor-sh'],
  },
  // Live monitoring (issue 8 §1): supervisors and system admins; a provincial supervisor watches their province.
  {
    method: 'GET',
    route: '/api/v1/supervision/activity',
    url: () => '/api/v1/supervision/activity',
    allowed: [...admins, 'supervisor', 'supervisor-sh'],
  },
  {
    method: 'GET',
    route: '/api/v1/supervision/activity',
    url: () => '/api/v1/supervision/activity?province=440000',
    allowed: [...admins, 'supervisor'],
  },
  // A 200 stream never ends, so this row sends a malformed cursor: allowed callers pass authorisation and get the
  // validation 400; live.stream.test.ts opens real 200 streams (and its 403s) over a socket.
  {
    method: 'GET',
    route: '/api/v1/supervision/live',
    url: () => '/api/v1/supervision/live?after=not-an-id',
    allowed: [...admins, 'supervisor', 'supervisor-sh'],
  },
  { method: 'GET', route: '/api/v1/trusted-issuers', url: () => '/api/v1/trusted-issuers', allowed: admins },
  {
    method: 'POST',
    route: '/api/v1/trusted-issuers',
    url: () => '/api/v1/trusted-issuers',
    payload: {},
    allowed: admins,
  },
  {
    method: 'POST',
    route: '/api/v1/trusted-issuers/:id/refresh',
    url: () => `/api/v1/trusted-issuers/${randomUUID()}/refresh`,
    allowed: admins,
  },
  {
    method: 'DELETE',
    route: '/api/v1/trusted-issuers/:id',
    url: () => `/api/v1/trusted-issuers/${randomUUID()}`,
    allowed: admins,
  },
  {
    method: 'GET',
    route: '/api/v1/holders/:id',
    url: (i) => `/api/v1/holders/${i.holderId}`,
    allowed: [...admins, 'mem-admin', 'hrss-sh', 'supervisor', 'supervisor-sh'],
    hidden: ['mohurd-zj', 'mohurd-gd', 'holder'],
  },
  {
    // Issue 15 §3: the issuing department (in scope) and system admins reveal a full ID number with a reason.
    method: 'POST',
    route: '/api/v1/holders/:id/reveal',
    url: (i) => `/api/v1/holders/${i.holderId}/reveal`,
    payload: { reason: '矩阵测试 matrix test' },
    allowed: [...admins, 'mem-admin'],
    hidden: ['mohurd-zj', 'mohurd-gd'],
  },
  {
    method: 'POST',
    route: '/api/v1/certificates/:id/revoke',
    url: (i) => `/api/v1/certificates/${i.certificateId}/revoke`,
    payload: { reason: '矩阵测试 matrix test' },
    allowed: [...admins, 'mem-admin'],
    hidden: ['mohurd-zj', 'mohurd-gd'],
  },
  {
    method: 'POST',
    route: '/api/v1/recognition/evaluate',
    url: () => '/api/v1/recognition/evaluate',
    payload: { certificates: [] },
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/holders/:id/recognitions',
    url: (i) => `/api/v1/holders/${i.holderId}/recognitions`,
    allowed: [...admins, 'mem-admin', 'hrss-sh', 'supervisor', 'supervisor-sh'],
    hidden: ['mohurd-zj', 'mohurd-gd', 'holder'],
  },
  {
    method: 'POST',
    route: '/api/v1/recognition/decisions/:id/replay',
    url: () => '/api/v1/recognition/decisions/00000000-0000-4000-8000-000000000000/replay',
    allowed: [
      ...admins,
      'mem-admin',
      'mohurd-zj',
      'mohurd-gd',
      'hrss-sh',
      'supervisor',
      'supervisor-sh',
      'holder',
    ],
  },
  // 互认决定书 (issue 13 item 7): the decision, its credential, the target department's intake outcome.
  {
    method: 'GET',
    route: '/api/v1/recognition/decisions/:id',
    url: () => '/api/v1/recognition/decisions/00000000-0000-4000-8000-000000000000',
    allowed: [...readers, 'holder'],
  },
  {
    method: 'GET',
    route: '/api/v1/recognition/decisions/:id/credential',
    url: () => '/api/v1/recognition/decisions/00000000-0000-4000-8000-000000000000/credential',
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd', 'hrss-sh', 'holder'],
  },
  {
    method: 'POST',
    route: '/api/v1/recognition/decisions/:id/intake',
    url: () => '/api/v1/recognition/decisions/00000000-0000-4000-8000-000000000000/intake',
    payload: { outcome: 'accepted' },
    allowed: [...importers, 'source-mem'],
  },
  { method: 'GET', route: '/api/v1/policies', url: () => '/api/v1/policies', allowed: everyone },
  {
    method: 'POST',
    route: '/api/v1/public/certificates/search',
    url: () => '/api/v1/public/certificates/search',
    payload: { name: '张三', number: 'T11010519491231002X' },
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/policies/:id/versions/:version',
    url: () => '/api/v1/policies/national/versions/current',
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/policies/:id/diff',
    url: () => '/api/v1/policies/national/diff?from=current&to=current',
    allowed: everyone,
  },
  // Scope: 上海's HRSS admin edits 上海's pack only; a department's admins their own department's 特别规定 (the
  // national pack only with national scope); department admins co-sign provincial drafts concerning them (issue 13).
  {
    method: 'POST',
    route: '/api/v1/policies/:id/drafts',
    url: () => '/api/v1/policies/310000/drafts',
    allowed: [...admins, 'hrss-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:id/drafts',
    url: () => '/api/v1/policies/440000/drafts',
    allowed: admins,
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:id/drafts',
    url: () => '/api/v1/policies/dept-mem/drafts',
    allowed: [...admins, 'mem-admin'],
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:id/drafts',
    url: () => '/api/v1/policies/dept-mohurd-330000/drafts',
    allowed: [...admins, 'mohurd-zj'],
  },
  {
    method: 'PUT',
    route: '/api/v1/policies/:id/drafts/:version',
    url: () => '/api/v1/policies/310000/drafts/2099-01-01.1',
    payload: { overrides: [], correspondence: [], oneExamMultiCert: [] },
    allowed: [...admins, 'hrss-sh'],
  },
  {
    method: 'PUT',
    route: '/api/v1/policies/:id/drafts/:version',
    url: () => '/api/v1/policies/dept-mohurd/drafts/2099-01-01.1',
    payload: { rules: [] },
    allowed: admins,
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:id/drafts/:version/request-cosign',
    url: () => '/api/v1/policies/310000/drafts/2099-01-01.1/request-cosign',
    allowed: [...admins, 'hrss-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:id/drafts/:version/cosign',
    url: () => '/api/v1/policies/310000/drafts/2099-01-01.1/cosign',
    payload: { department: 'mem', outcome: 'signed' },
    allowed: [...admins, 'mem-admin'],
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:id/drafts/:version/cosign',
    url: () => '/api/v1/policies/310000/drafts/2099-01-01.1/cosign',
    payload: { department: 'mohurd', outcome: 'signed' },
    allowed: admins,
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:id/drafts/:version/publish',
    url: () => '/api/v1/policies/310000/drafts/2099-01-01.1/publish',
    payload: { effectiveFrom: '2099-01-01' },
    allowed: [...admins, 'hrss-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:region/simulate',
    url: () => '/api/v1/policies/310000/simulate',
    payload: { version: '2099-01-01.1' },
    allowed: [...admins, 'hrss-sh'],
  },
  // The simulation as a job (issue 16 §2): the province's admins, for their own province only.
  {
    method: 'POST',
    route: '/api/v1/policies/:region/simulations',
    url: () => '/api/v1/policies/310000/simulations',
    payload: { version: '2099-01-01.1' },
    allowed: [...admins, 'hrss-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:region/simulations',
    url: () => '/api/v1/policies/440000/simulations',
    payload: { version: '2099-01-01.1' },
    allowed: admins,
  },
  {
    method: 'GET',
    route: '/api/v1/policies/:region/simulations/:id',
    url: () => `/api/v1/policies/310000/simulations/${randomUUID()}`,
    allowed: [...admins, 'hrss-sh'],
  },
  {
    method: 'GET',
    route: '/api/v1/policies/:region/simulations/:id',
    url: () => `/api/v1/policies/440000/simulations/${randomUUID()}`,
    allowed: admins,
  },
  {
    method: 'POST',
    route: '/api/v1/policies/:region/simulations/:id/cancel',
    url: () => `/api/v1/policies/310000/simulations/${randomUUID()}/cancel`,
    allowed: [...admins, 'hrss-sh'],
  },
  // 后台任务 (issue 16 §2): system admins only.
  { method: 'GET', route: '/api/v1/jobs', url: () => '/api/v1/jobs', allowed: admins },
  {
    method: 'POST',
    route: '/api/v1/jobs/:id/retry',
    url: () => `/api/v1/jobs/${randomUUID()}/retry`,
    allowed: admins,
  },
  {
    method: 'POST',
    route: '/api/v1/jobs/:id/cancel',
    url: () => `/api/v1/jobs/${randomUUID()}/cancel`,
    allowed: admins,
  },
  // Login throttles in force (issue 15 §7): system admins only.
  {
    method: 'GET',
    route: '/api/v1/auth/login-throttles',
    url: () => '/api/v1/auth/login-throttles',
    allowed: admins,
  },
  // Online backup of the running store (issue 17 §6): system admins only.
  {
    method: 'POST',
    route: '/api/v1/admin/backup',
    url: () => '/api/v1/admin/backup',
    allowed: admins,
  },
  // The crypto profile and a running profile migration's progress (issue 18 §2): system admins only.
  {
    method: 'GET',
    route: '/api/v1/admin/crypto-profile',
    url: () => '/api/v1/admin/crypto-profile',
    allowed: admins,
  },
  { method: 'POST', route: '/api/v1/imports', url: () => '/api/v1/imports', payload: {}, allowed: importers },
  { method: 'GET', route: '/api/v1/imports', url: () => '/api/v1/imports', allowed: importers },
  {
    method: 'GET',
    route: '/api/v1/imports/:id',
    url: (i) => `/api/v1/imports/${i.importId}`,
    allowed: admins,
    hidden: ['mem-admin', 'mohurd-zj', 'mohurd-gd'],
  },
  {
    method: 'GET',
    route: '/api/v1/imports/:id/errors.csv',
    url: (i) => `/api/v1/imports/${i.importId}/errors.csv`,
    allowed: admins,
    hidden: ['mem-admin', 'mohurd-zj', 'mohurd-gd'],
  },
  {
    method: 'GET',
    route: '/api/v1/public/challenge',
    url: () => '/api/v1/public/challenge',
    allowed: everyone,
  },
  // Department sources (issue 5 §2): system admins and the department's admins manage; only the source's token
  // pushes, and only to its own source.
  {
    method: 'GET',
    route: '/api/v1/sources',
    url: () => '/api/v1/sources',
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd'],
  },
  {
    method: 'GET',
    route: '/api/v1/sources/:id',
    url: () => '/api/v1/sources/mem-hosted',
    allowed: [...admins, 'mem-admin'],
  },
  {
    method: 'POST',
    route: '/api/v1/sources',
    url: () => '/api/v1/sources',
    payload: {
      id: 'mem-matrix',
      nameZh: '矩阵测试',
      nameEn: 'Matrix',
      department: 'mem',
      kind: 'linked',
      url: 'https://cx.mem.gov.cn/',
      types: ['mem.coal-gas-inspection'],
    },
    allowed: [...admins, 'mem-admin'],
  },
  {
    method: 'PATCH',
    route: '/api/v1/sources/:id',
    url: () => '/api/v1/sources/mem-hosted',
    payload: { nameEn: 'MEM (hosted by Hutong)' },
    allowed: [...admins, 'mem-admin'],
  },
  {
    method: 'POST',
    route: '/api/v1/sources/:id/tokens',
    url: () => '/api/v1/sources/mem-hosted/tokens',
    payload: { label: 'matrix' },
    allowed: [...admins, 'mem-admin'],
  },
  ...(['mem-hosted', 'samr-hosted'] as const).map(
    (source): Row => ({
      method: 'PUT',
      route: '/api/v1/sources/:id/certificates/:type/:number',
      url: () => `/api/v1/sources/${source}/certificates/mem.lv-electrician/T${pushedId}`,
      payload: {
        holder: { name: '赵六', idType: 'resident', idNumber: pushedId },
        validFrom: '2024-03-01',
        validUntil: '2030-02-28',
        issuer: { region: '310000', organization: '上海市应急管理局' },
      },
      allowed: source === 'mem-hosted' ? ['source-mem'] : [],
    }),
  ),
  ...(['mem-hosted', 'samr-hosted'] as const).map(
    (source): Row => ({
      method: 'POST',
      route: '/api/v1/sources/:id/certificates/batch',
      url: () => `/api/v1/sources/${source}/certificates/batch`,
      payload: { records: [{}] },
      allowed: source === 'mem-hosted' ? ['source-mem'] : [],
    }),
  ),
  // 一试多证 pushed to departments (issue 7 §5): only system admins say where personal data is sent; the
  // department's admins watch and retry their own requests (an unknown id answers 404 past authorisation).
  {
    method: 'PUT',
    route: '/api/v1/sources/:id/issuance-endpoint',
    url: () => '/api/v1/sources/mem-hosted/issuance-endpoint',
    payload: { url: 'https://issue.example.gov.cn/api', secret: 'matrix-secret-0123456789abcdef-0123' },
    allowed: admins,
  },
  {
    method: 'DELETE',
    route: '/api/v1/sources/:id/issuance-endpoint',
    url: () => '/api/v1/sources/mem-hosted/issuance-endpoint',
    allowed: admins,
  },
  {
    method: 'GET',
    route: '/api/v1/issuance-requests',
    url: () => '/api/v1/issuance-requests',
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd'],
  },
  {
    method: 'POST',
    route: '/api/v1/issuance-requests/:id/retry',
    url: () => `/api/v1/issuance-requests/${randomUUID()}/retry`,
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd'],
  },
  // 一试多证 issued by the department (issue 13 item 8): department admins decide their department's requests (an
  // unknown or out-of-scope one answers 404); a department's source token may too; holders read their own.
  {
    method: 'GET',
    route: '/api/v1/issuance-requests/queue',
    url: () => '/api/v1/issuance-requests/queue?status=pending',
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd'],
  },
  {
    method: 'POST',
    route: '/api/v1/issuance-requests/:id/confirm',
    url: () => `/api/v1/issuance-requests/${randomUUID()}/confirm`,
    payload: { number: '浙A012026000001', validFrom: '2026-12-30', issuer: { organization: '浙江省住建厅' } },
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd', 'source-mem'],
  },
  {
    method: 'POST',
    route: '/api/v1/issuance-requests/:id/refuse',
    url: () => `/api/v1/issuance-requests/${randomUUID()}/refuse`,
    payload: { reason: '矩阵测试 matrix' },
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd', 'source-mem'],
  },
  {
    method: 'GET',
    route: '/api/v1/me/issuance-requests',
    url: () => '/api/v1/me/issuance-requests',
    allowed: ['holder'],
  },
  // The institution register (issue 6 §1): a public directory; province admins manage their province's filings
  // (another province's answers 404); supervisors read the history. The Shanghai filing stays active.
  {
    method: 'GET',
    route: '/api/v1/institutions',
    url: () => '/api/v1/institutions?occupation=6-31-01-03&level=4&region=310000',
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/institutions',
    url: () => '/api/v1/institutions?status=all',
    allowed: [...admins, 'hrss-sh', 'supervisor', 'supervisor-sh'],
  },
  {
    method: 'GET',
    route: '/api/v1/institutions/:id',
    url: (i) => `/api/v1/institutions/${i.institutionId}`,
    allowed: everyone,
  },
  ...(['310000', '440000'] as const).map(
    (province, n): Row => ({
      method: 'POST',
      route: '/api/v1/institutions',
      url: () => '/api/v1/institutions',
      payload: makeInstitution(900 + n, { province }),
      allowed: province === '310000' ? [...admins, 'hrss-sh'] : admins,
    }),
  ),
  ...(
    [
      ['PATCH', '', { version: 1, name: '矩阵测试机构' }],
      ['POST', '/renew', { validUntil: '2035-12-31' }],
      ['POST', '/suspend', { reason: '矩阵测试 matrix test' }],
      ['POST', '/reinstate', { reason: '矩阵测试 matrix test' }],
    ] as const
  ).flatMap(([method, action, payload]): Row[] => [
    {
      method,
      route: `/api/v1/institutions/:id${action}`,
      url: (i) => `/api/v1/institutions/${i.institutionId}${action}`,
      payload,
      allowed: [...admins, 'hrss-sh'],
    },
    {
      method,
      route: `/api/v1/institutions/:id${action}`,
      url: (i) => `/api/v1/institutions/${i.institutionGdId}${action}`,
      payload,
      allowed: admins,
      hidden: ['hrss-sh'],
    },
  ]),
  {
    method: 'POST',
    route: '/api/v1/institutions/:id/withdraw',
    url: (i) => `/api/v1/institutions/${i.institutionGdId}/withdraw`,
    payload: { reason: '矩阵测试 matrix test' },
    allowed: admins,
    hidden: ['hrss-sh'],
  },
  {
    method: 'GET',
    route: '/api/v1/institutions/:id/history',
    url: (i) => `/api/v1/institutions/${i.institutionId}/history`,
    allowed: [...admins, 'hrss-sh', 'supervisor', 'supervisor-sh'],
  },
  {
    method: 'GET',
    route: '/api/v1/institutions/:id/history',
    url: (i) => `/api/v1/institutions/${i.institutionGdId}/history`,
    allowed: [...admins, 'supervisor'],
    hidden: ['hrss-sh', 'supervisor-sh'],
  },
  // The question bank (issue 7 §1): staff read (institution operators active items only, so a draft is a 404 to
  // them); system and province admins write, a province admin only their province's items (403 outside).
  { method: 'GET', route: '/api/v1/bank/items', url: () => '/api/v1/bank/items', allowed: bankReaders },
  {
    method: 'GET',
    route: '/api/v1/bank/items/:id',
    url: () => `/api/v1/bank/items/${bankIds.sh}`,
    allowed: bankEditors,
    hidden: ['institution'],
  },
  {
    method: 'GET',
    route: '/api/v1/bank/items/:id/qti',
    url: () => `/api/v1/bank/items/${bankIds.sh}/qti`,
    allowed: bankEditors,
    hidden: ['institution'],
  },
  {
    method: 'POST',
    route: '/api/v1/bank/items',
    url: () => '/api/v1/bank/items',
    payload: { ...bankItemPayload, province: '310000' },
    allowed: bankEditors,
  },
  {
    method: 'PUT',
    route: '/api/v1/bank/items/:id',
    url: () => `/api/v1/bank/items/${bankIds.sh}`,
    payload: { ...bankItemPayload, occupation: undefined, level: undefined, baseVersion: 1 },
    allowed: bankEditors,
  },
  ...(['review', 'activate', 'retire', 'return'] as const).flatMap((action): Row[] => [
    {
      method: 'POST',
      route: `/api/v1/bank/items/:id/${action}`,
      url: () => `/api/v1/bank/items/${bankIds.sh}/${action}`,
      payload: { comment: '矩阵测试 matrix test' },
      allowed: bankEditors,
    },
    {
      method: 'POST',
      route: `/api/v1/bank/items/:id/${action}`,
      url: () => `/api/v1/bank/items/${bankIds.gd}/${action}`,
      payload: { comment: '矩阵测试 matrix test' },
      allowed: admins,
      // Another province's item does not exist for a province admin unless it is in use (issue 17 §4): the rows run
      // in order, so the item is active (shared, 403) only once the activate row's admins have activated it.
      ...(action !== 'activate' && { hidden: ['hrss-sh'] as Who[] }),
    },
  ]),
  {
    method: 'POST',
    route: '/api/v1/bank/qti',
    url: () => '/api/v1/bank/qti?occupation=6-31-01-03&level=4&knowledgePoint=matrix',
    payload: { not: 'xml' },
    allowed: bankEditors,
  },
  {
    method: 'GET',
    route: '/api/v1/bank/enemy-sets',
    url: () => '/api/v1/bank/enemy-sets',
    allowed: bankReaders,
  },
  {
    method: 'POST',
    route: '/api/v1/bank/enemy-sets',
    url: () => '/api/v1/bank/enemy-sets',
    payload: { name: 'matrix', itemIds: [randomUUID(), randomUUID()] },
    allowed: bankEditors,
  },
  // Exam plans (issue 6 §2): the list is public; a draft is a 404 outside its scope (the 'institution' operator's
  // institution takes no part). Approval is the lead province admin's only; the bare plan has no sitting, so it
  // stays a draft whatever the order of the rows.
  { method: 'GET', route: '/api/v1/plans', url: () => '/api/v1/plans?scope=mine', allowed: everyone },
  {
    method: 'GET',
    route: '/api/v1/exam-standards/:occupation/:level',
    url: () => '/api/v1/exam-standards/6-31-01-03/2',
    allowed: everyone,
  },
  {
    method: 'GET',
    route: '/api/v1/plans/:id',
    url: (i) => `/api/v1/plans/${i.planId}`,
    allowed: [...admins, 'hrss-sh', 'supervisor', 'supervisor-sh'],
    hidden: ['anon', 'mem-admin', 'mohurd-zj', 'mohurd-gd', 'institution', 'holder', 'source-mem'],
  },
  {
    method: 'POST',
    route: '/api/v1/plans',
    url: () => '/api/v1/plans',
    payload: planPayload,
    allowed: [...admins, 'hrss-sh'],
  },
  {
    method: 'PATCH',
    route: '/api/v1/plans/:id',
    url: (i) => `/api/v1/plans/${i.planId}`,
    payload: { version: 1, name: '矩阵测试 renamed' },
    allowed: [...admins, 'hrss-sh'],
    hidden: ['institution'],
  },
  {
    method: 'POST',
    route: '/api/v1/plans/:id/approve',
    url: (i) => `/api/v1/plans/${i.planBareId}/approve`,
    allowed: ['hrss-sh'],
  },
  ...(['cancel', 'close'] as const).map(
    (action): Row => ({
      method: 'POST',
      route: `/api/v1/plans/:id/${action}`,
      url: (i) => `/api/v1/plans/${i.planBareId}/${action}`,
      ...(action === 'cancel' && { payload: { reason: '矩阵测试 matrix test' } }),
      allowed: [...admins, 'hrss-sh'],
      hidden: ['institution'],
    }),
  ),
  {
    method: 'POST',
    route: '/api/v1/plans/:id/sittings',
    url: (i) => `/api/v1/plans/${i.planId}/sittings`,
    payload: sittingPayload,
    allowed: [...admins, 'hrss-sh'],
    hidden: ['institution'],
  },
  {
    method: 'PATCH',
    route: '/api/v1/plans/:id/sittings/:sittingId',
    url: (i) => `/api/v1/plans/${i.planId}/sittings/${i.sittingId}`,
    payload: { capacity: 40 },
    allowed: [...admins, 'hrss-sh'],
    hidden: ['institution'],
  },
  // Paper assembly (issue 7 §2): papers are the plan's staff's only, so the province admin of a single plan is
  // refused; a paper id that does not exist is a 404 for every role the route admits.
  {
    method: 'POST',
    route: '/api/v1/plans/:planId/papers',
    url: (i) => `/api/v1/plans/${i.planId}/papers`,
    payload: {
      occupation: '6-31-01-03',
      level: '4',
      subject: 'theory',
      totalScore: 2,
      rows: [{ knowledgePoint: '矩阵', type: 'single', difficulty: 'easy', count: 1, scoreEach: 2 }],
    },
    allowed: admins,
    hidden: ['institution'],
  },
  {
    method: 'GET',
    route: '/api/v1/plans/:planId/papers',
    url: (i) => `/api/v1/plans/${i.planId}/papers`,
    allowed: [...admins, 'supervisor', 'supervisor-sh'],
    hidden: ['institution'],
  },
  {
    method: 'GET',
    route: '/api/v1/papers/:id',
    url: () => `/api/v1/papers/${randomUUID()}`,
    allowed: [...admins, 'hrss-sh', 'institution', 'supervisor', 'supervisor-sh'],
  },
  {
    method: 'POST',
    route: '/api/v1/papers/:id/lock',
    url: () => `/api/v1/papers/${randomUUID()}/lock`,
    allowed: [...admins, 'hrss-sh', 'institution'],
  },
  {
    method: 'DELETE',
    route: '/api/v1/plans/:id/sittings/:sittingId',
    url: (i) => `/api/v1/plans/${i.planId}/sittings/${i.sittingId}`,
    allowed: [...admins, 'hrss-sh'],
    hidden: ['institution'],
  },
  // 跟踪分析 (issue 8 §4): each reader sees the figures of its own scope.
  ...['certificates', 'recognitions', 'flows', 'pass-rates', 'warnings', 'intakes', 'export.xlsx'].map(
    (figure): Row => ({
      method: 'GET',
      route: `/api/v1/statistics/${figure}`,
      url: () => `/api/v1/statistics/${figure}`,
      allowed: readers,
    }),
  ),
  // 回应关切 (issue 14): explainer data and the ticket forms are public (proof-of-work and rate limits apply to
  // anonymous writes); the inbox and each step are the offices' (department and province admins); statistics as §4.
  ...[
    ['POST', '/api/v1/public/tickets', { kind: 'question' }],
    ['POST', '/api/v1/public/tickets/lookup', { number: 'HT20261207-0001', code: 'AAAA-AAAA-AAAA' }],
    [
      'POST',
      '/api/v1/public/tickets/supplement',
      { number: 'HT20261207-0001', code: 'AAAA-AAAA-AAAA', text: '补充' },
    ],
    ['POST', '/api/v1/public/tickets/rate', { number: 'HT20261207-0001', code: 'AAAA-AAAA-AAAA', score: 5 }],
  ].map(
    ([method, route, payload]): Row => ({
      method: method as 'POST',
      route: route as string,
      url: () => route as string,
      payload,
      allowed: everyone,
    }),
  ),
  ...[
    ['/api/v1/public/faq', '/api/v1/public/faq?q=%E5%A4%8D%E5%AE%A1'],
    ['/api/v1/public/explain/types/:type', '/api/v1/public/explain/types/mem.lv-electrician'],
    ['/api/v1/public/explain/regions/:region', '/api/v1/public/explain/regions/310000'],
    ['/api/v1/public/explain/changes', '/api/v1/public/explain/changes'],
  ].map(
    ([route, url]): Row => ({
      method: 'GET',
      route: route as string,
      url: () => url as string,
      allowed: everyone,
    }),
  ),
  { method: 'GET', route: '/api/v1/me/tickets', url: () => '/api/v1/me/tickets', allowed: ['holder'] },
  {
    method: 'GET',
    route: '/api/v1/tickets',
    url: () => '/api/v1/tickets',
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd', 'hrss-sh'],
  },
  ...['/api/v1/tickets/statistics', '/api/v1/tickets/statistics/export.csv'].map(
    (route): Row => ({ method: 'GET', route, url: () => route, allowed: readers }),
  ),
  {
    method: 'GET',
    route: '/api/v1/tickets/:id',
    url: () => `/api/v1/tickets/${randomUUID()}`,
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd', 'hrss-sh'],
  },
  {
    method: 'GET',
    route: '/api/v1/tickets/:id/colleagues',
    url: () => `/api/v1/tickets/${randomUUID()}/colleagues`,
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd', 'hrss-sh'],
  },
  {
    method: 'GET',
    route: '/api/v1/tickets/:id/attachments/:attachmentId',
    url: () => `/api/v1/tickets/${randomUUID()}/attachments/${randomUUID()}`,
    allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd', 'hrss-sh'],
  },
  ...(
    [
      ['reply', { text: '答复' }],
      ['request-info', { text: '请补充' }],
      ['transfer', { department: 'mem', province: null, reason: '转办' }],
      ['close', {}],
      ['assign', { userId: null }],
      ['faq/preview', {}],
      ['faq/publish', { question: '问题', answer: '答复', confirmation: 'xxxxxxxxxxxx' }],
    ] as const
  ).map(
    ([step, payload]): Row => ({
      method: 'POST',
      route: `/api/v1/tickets/:id/${step}`,
      url: () => `/api/v1/tickets/${randomUUID()}/${step}`,
      payload,
      allowed: [...admins, 'mem-admin', 'mohurd-zj', 'mohurd-gd', 'hrss-sh'],
    }),
  ),
];

let t: TestApp;
const tokens = new Map<Who, string>();
let ids: Ids;

before(async () => {
  t = await createTestApp();
  tokens.set('admin-token', TEST_ADMIN_TOKEN);
  tokens.set('sysadmin', await t.tokenFor('system-admin'));
  tokens.set('mem-admin', await t.tokenFor('department-admin', { department: 'mem' }));
  tokens.set('mohurd-zj', await t.tokenFor('department-admin', { department: 'mohurd', province: '330000' }));
  tokens.set('mohurd-gd', await t.tokenFor('department-admin', { department: 'mohurd', province: '440000' }));
  tokens.set('hrss-sh', await t.tokenFor('province-admin', { province: '310000' }));
  tokens.set('institution', await t.tokenFor('institution-operator', { institution: 'inst-1' }));
  tokens.set('supervisor', await t.tokenFor('supervisor'));
  tokens.set('supervisor-sh', await t.tokenFor('supervisor', { province: '310000' }));
  tokens.set('holder', await t.tokenFor('holder'));
  tokens.set('source-mem', await sourceToken(t, TEST_ADMIN_TOKEN, 'mem-hosted'));
  const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
  const target = await createUser(
    t.db,
    ctx,
    {
      username: 'matrix-target',
      displayName: 'Target',
      password: 'correct horse battery',
      role: 'supervisor',
    },
    t.secrets(),
  );
  // Revoked by each allowed caller in turn: the first revokes it, the next get 409, which is past authorisation.
  const targetToken = await createToken(t.db, ctx, target.id, { label: 'to revoke' }, t.secrets());
  const principal = {
    via: 'token' as const,
    userId: null,
    username: 'matrix',
    role: 'system-admin' as const,
    department: null,
    province: null,
    institution: null,
    holderId: null,
  };
  const certificate = await createCertificate(t.registry, ctx, principal, {
    type: 'mem.lv-electrician',
    number: 'T11010519491231002X',
    holder: { name: '张三', idType: 'resident', idNumber: '11010519491231002X' },
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    status: 'valid',
    issuer: { region: '310000', organization: '上海市应急管理局' },
  });
  const sysadminUser = await t.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'system-admin')
    .executeTakeFirstOrThrow();
  const importId = await createImportJob(
    t.registry,
    { ...principal, userId: sysadminUser.id },
    {
      filePath: '',
      filename: 'matrix.csv',
      acceptValid: false,
      format: 'csv',
      sha256: 'none',
    },
  );
  const fileForMatrix = async (n: number, province: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/institutions',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: makeInstitution(n, { province }),
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  await addInstitution(t, { province: '310000', ...planInstitution });
  const asAdmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const draft = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      headers: asAdmin,
      payload: planPayload,
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const planId = await draft();
  const sitting = await t.app.inject({
    method: 'POST',
    url: `/api/v1/plans/${planId}/sittings`,
    headers: asAdmin,
    payload: sittingPayload,
  });
  assert.equal(sitting.statusCode, 201, sitting.body);
  // Bank items of 310000 and 440000 for the question-bank rows (issue 7 §1).
  for (const province of ['310000', '440000'] as const) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bank/items',
      headers: asAdmin,
      payload: { ...bankItemPayload, province },
    });
    assert.equal(res.statusCode, 201, res.body);
    bankIds[province === '310000' ? 'sh' : 'gd'] = (res.json() as { id: string }).id;
  }
  ids = {
    planId,
    planBareId: await draft(),
    sittingId: (sitting.json() as { id: string }).id,
    institutionId: await fileForMatrix(800, '310000'),
    institutionGdId: await fileForMatrix(801, '440000'),
    userId: target.id,
    tokenId: targetToken.id,
    certificateId: certificate.id,
    holderId: certificate.holder.id,
    importId,
  };
});
after(async () => {
  await t.close();
});

describe('authorisation matrix', () => {
  it('covers every API route that exists', () => {
    const covered = new Set(matrix.map((r) => `${r.method} ${r.route}`));
    const missing = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((key) => !covered.has(key));
    assert.deepEqual(missing, [], 'routes without a row in the matrix');
    const registered = new Set(t.app.apiRoutes.map((r) => `${r.method} ${r.url}`));
    const stale = [...covered].filter((key) => !registered.has(key));
    assert.deepEqual(stale, [], 'matrix rows for routes that do not exist');
  });

  for (const row of matrix) {
    const placeholder = {
      userId: ':id',
      tokenId: ':id',
      certificateId: ':id',
      holderId: ':id',
      importId: ':id',
      institutionId: ':id',
      institutionGdId: ':id',
      planId: ':id',
      planBareId: ':id',
      sittingId: ':id',
    };
    it(`${row.method} ${row.url(placeholder)}${row.payload ? ` ${JSON.stringify(row.payload).slice(0, 60)}` : ''}`, async () => {
      for (const who of everyone) {
        const token = tokens.get(who);
        const res = await t.app.inject({
          method: row.method,
          url: row.url(ids),
          headers: token ? { authorization: `Bearer ${token}` } : {},
          ...(row.payload !== undefined && { payload: row.payload as object }),
        });
        const code = res.statusCode >= 400 ? res.json().error?.code : undefined;
        const denied = code === 'unauthenticated' || code === 'forbidden';
        if (row.hidden?.includes(who)) {
          assert.equal(res.statusCode, 404, `${who} should get 404: ${res.body.slice(0, 200)}`);
        } else if (row.allowed.includes(who)) {
          assert.ok(!denied, `${who} should be allowed, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        } else {
          assert.equal(
            res.statusCode,
            who === 'anon' ? 401 : 403,
            `${who} should be denied: ${res.body.slice(0, 200)}`,
          );
        }
      }
    });
  }
});
