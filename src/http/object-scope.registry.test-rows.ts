import { residentId } from '../sources/sources.test-helpers.ts';
import {
  api,
  type Fixtures,
  probe,
  reason,
  type ScopeRow,
  type Url,
  type Who,
} from './object-scope.test-helpers.ts';

/**
 * Object-scope probes of the registry side (issue 17 §4): certificates and holders, recognition decisions, policy
 * packs, department sources, issuance requests, imports and 省级认定. The objects are a MEM certificate issued in
 * 310000 and its holder, Shanghai's policy draft, a MOHURD source and requests of 310000, a national MEM admin's
 * import; the callers miss them by department, by province, or by being someone else.
 */
const memCertificate = (region: string) => () => ({
  type: 'mem.lv-electrician',
  number: `T${residentId(917)}`,
  holder: { name: '越权', idType: 'resident', idNumber: residentId(917) },
  validFrom: '2024-03-01',
  validUntil: '2030-02-28',
  issuer: { region, organization: '上海市应急管理局' },
});
const lifecycle = (action: string) => () =>
  action === 'renew'
    ? { validUntil: '2036-02-28' }
    : action === 'review'
      ? { reviewedOn: '2025-03-01', reviewedUntil: '2028-02-28' }
      : reason();
const designation = {
  type: 'mohurd.welder',
  region: '330000',
  basis: '浙建质〔2026〕1号 (test)',
  designatedOn: '2026-03-01',
};
const newSource = () => ({
  id: 'mohurd-sh-scope-2',
  nameZh: '越权',
  nameEn: 'Out of scope',
  department: 'mohurd',
  kind: 'linked',
  url: 'https://zjw.sh.gov.cn/',
  types: ['mohurd.electrician'],
  region: '310000',
});
const confirmation = () => ({
  number: '沪A012027000917',
  validFrom: '2027-01-20',
  issuer: { organization: '越权' },
});

const certificate: Url = (f) => `${api}/certificates/${f.certificate}`;
const holder: Url = (f) => `${api}/holders/${f.holder}`;
const decision: Url = (f) => `${api}/recognition/decisions/${f.decision}`;
const draft: Url = (f) => `${api}/policies/310000/drafts/${f.policyDraft}`;
const source: Url = (f) => `${api}/sources/${f.sourceSh}`;
const samrHosted = `${api}/sources/samr-hosted/certificates`;
const qualification: Url = (f) => `${api}/issuance-requests/${f.qualificationRequest}`;
const importJob: Url = (f) => `${api}/imports/${f.importJob}`;

// The registry: a MEM certificate of 310000 is MEM's (in 310000, for a provincial MEM admin), 310000's for HRSS and
// supervisors, and its holder's; outside, it and its holder do not exist. Writing one is a 403 (nothing to hide).
const readers: Who[] = [
  'dept-mem-440000',
  'dept-mohurd',
  'admin-440000',
  'supervisor-440000',
  'holder-other',
];
const writers: Who[] = ['dept-mem-440000', 'dept-mohurd'];
const registry: ScopeRow[] = [
  ...probe(
    'POST /api/v1/certificates',
    'dept-mem-440000',
    () => `${api}/certificates`,
    403,
    'registering in another province',
    {
      payload: memCertificate('310000'),
    },
  ),
  ...probe(
    'POST /api/v1/certificates',
    'dept-mohurd',
    () => `${api}/certificates`,
    403,
    'another department’s type',
    {
      payload: memCertificate('440000'),
    },
  ),
  ...probe(
    'GET /api/v1/certificates/:id',
    readers,
    certificate,
    404,
    'another department’s, province’s or holder’s certificate',
  ),
  ...(['suspend', 'reinstate', 'revoke', 'renew', 'review'] as const).flatMap((action) =>
    probe(
      `POST /api/v1/certificates/:id/${action}`,
      writers,
      (f) => `${certificate(f)}/${action}`,
      404,
      'another province’s or department’s certificate',
      {
        payload: lifecycle(action),
      },
    ),
  ),
  ...probe(
    'GET /api/v1/certificates/:id/credential',
    readers,
    (f) => `${certificate(f)}/credential`,
    404,
    'another province’s or department’s certificate',
  ),
  ...probe('GET /api/v1/holders/:id', readers, holder, 404, 'a holder with nothing in scope'),
  ...probe(
    'POST /api/v1/holders/:id/reveal',
    writers,
    (f) => `${holder(f)}/reveal`,
    404,
    'a holder with nothing in the caller’s scope',
    {
      payload: reason,
    },
  ),
  ...probe(
    'GET /api/v1/holders/:id/recognitions',
    readers,
    (f) => `${holder(f)}/recognitions`,
    404,
    'a holder with nothing in the caller’s scope',
  ),
];

// A recognition decision is seen by whoever sees its holder (and by the departments it asks to act); one about
// nobody in the registry by system admins only. Recording an intake is the target department's, in the decision's
// province: the 互认决定书 is presented to a department with its decision id, so the decision is no secret there.
const outsiders: Who[] = [
  'admin-440000',
  'supervisor-440000',
  'dept-mem-440000',
  'dept-mohurd-440000',
  'holder-other',
];
const recognition: ScopeRow[] = [
  ...probe('GET /api/v1/recognition/decisions/:id', outsiders, decision, 404, 'about a holder out of scope'),
  ...probe(
    'GET /api/v1/recognition/decisions/:id/credential',
    ['admin-440000', 'dept-mohurd-440000', 'holder-other'],
    (f) => `${decision(f)}/credential`,
    404,
    'about a holder out of scope',
  ),
  ...probe(
    'POST /api/v1/recognition/decisions/:id/intake',
    ['dept-mohurd-440000', 'dept-samr'],
    (f) => `${decision(f)}/intake`,
    403,
    'another province, or a department it asks nothing of',
    {
      payload: () => ({ outcome: 'accepted' }),
    },
  ),
  ...probe(
    'POST /api/v1/recognition/decisions/:id/replay',
    ['admin-440000', 'holder-other'],
    (f) => `${decision(f)}/replay`,
    404,
    'about a holder out of scope',
  ),
  ...probe(
    'POST /api/v1/recognition/decisions/:id/replay',
    ['holder-other', 'supervisor-320000'],
    (f: Fixtures) => `${api}/recognition/decisions/${f.orphanDecision}/replay`,
    404,
    'about nobody in the registry',
  ),
];

// Policy packs are public, their drafts their owners': another province's or department's pack is a 403.
const policies: ScopeRow[] = [
  ...probe(
    'POST /api/v1/policies/:id/drafts',
    'admin-440000',
    () => `${api}/policies/310000/drafts`,
    403,
    'another province’s pack',
  ),
  ...probe(
    'POST /api/v1/policies/:id/drafts',
    'dept-mem-440000',
    () => `${api}/policies/dept-mohurd/drafts`,
    403,
    'another department’s pack',
  ),
  ...probe(
    'POST /api/v1/policies/:id/drafts',
    'dept-mohurd-440000',
    () => `${api}/policies/dept-mohurd-310000/drafts`,
    403,
    'its pack for another province',
  ),
  ...probe(
    'PUT /api/v1/policies/:id/drafts/:version',
    'admin-440000',
    draft,
    403,
    'another province’s draft',
    {
      payload: () => ({ overrides: [], correspondence: [], oneExamMultiCert: [] }),
    },
  ),
  ...probe(
    'POST /api/v1/policies/:id/drafts/:version/request-cosign',
    'admin-440000',
    (f) => `${draft(f)}/request-cosign`,
    403,
    'another province’s draft',
  ),
  ...probe(
    'POST /api/v1/policies/:id/drafts/:version/cosign',
    'dept-mohurd-440000',
    (f) => `${draft(f)}/cosign`,
    403,
    'co-signing for another province',
    {
      payload: () => ({ department: 'mohurd', outcome: 'signed' }),
    },
  ),
  ...probe(
    'POST /api/v1/policies/:id/drafts/:version/publish',
    'admin-440000',
    (f) => `${draft(f)}/publish`,
    403,
    'another province’s draft',
    {
      payload: () => ({ effectiveFrom: '2027-01-01' }),
    },
  ),
  ...probe(
    'POST /api/v1/policies/:region/simulations',
    'admin-440000',
    () => `${api}/policies/310000/simulations`,
    403,
    'simulating another province’s draft',
    { payload: (f) => ({ version: f.policyDraft }) },
  ),
  ...probe(
    'GET /api/v1/policies/:region/simulations/:id',
    'admin-440000',
    (f) => `${api}/policies/310000/simulations/${f.simulationSh}`,
    403,
    'another province’s simulation',
  ),
  ...probe(
    'GET /api/v1/policies/:region/simulations/:id',
    'admin-440000',
    (f) => `${api}/policies/440000/simulations/${f.simulationSh}`,
    404,
    'another province’s simulation asked for under one’s own province',
  ),
  ...probe(
    'POST /api/v1/policies/:region/simulations/:id/cancel',
    'admin-440000',
    (f) => `${api}/policies/310000/simulations/${f.simulationSh}/cancel`,
    403,
    'cancelling another province’s simulation',
  ),
  ...probe(
    'POST /api/v1/policies/:region/simulate',
    'admin-440000',
    () => `${api}/policies/310000/simulate`,
    403,
    'another province’s draft',
    {
      payload: (f) => ({ version: f.policyDraft }),
    },
  ),
];

// Sources are named in public answers: another department's or province's is a 403; a source's token pushes to
// that source only. Issuance requests are their department's (and province's), import jobs their creator's:
// outside, they do not exist.
const sources: ScopeRow[] = [
  ...probe(
    'GET /api/v1/sources/:id',
    ['dept-mohurd-440000', 'dept-mem-440000'],
    source,
    403,
    'another province’s or department’s source',
  ),
  ...probe(
    'POST /api/v1/sources',
    'dept-mohurd-440000',
    () => `${api}/sources`,
    403,
    'a source of another province',
    {
      payload: newSource,
    },
  ),
  ...probe('PATCH /api/v1/sources/:id', 'dept-mohurd-440000', source, 403, 'another province’s source', {
    payload: () => ({ nameEn: 'Out of scope' }),
  }),
  ...probe(
    'POST /api/v1/sources/:id/tokens',
    'dept-mohurd-440000',
    (f) => `${source(f)}/tokens`,
    403,
    'another province’s or department’s source',
    {
      payload: () => ({ label: '越权' }),
    },
  ),
  ...probe(
    'PUT /api/v1/sources/:id/certificates/:type/:number',
    'source-mem',
    () => `${samrHosted}/mem.lv-electrician/T${residentId(918)}`,
    403,
    'another department’s source',
    {
      payload: () => ({ ...memCertificate('310000')(), type: undefined, number: undefined }),
    },
  ),
  ...probe(
    'POST /api/v1/sources/:id/certificates/batch',
    'source-mem',
    () => `${samrHosted}/batch`,
    403,
    'another department’s source',
    {
      payload: () => ({ records: [{}] }),
    },
  ),
  ...probe(
    'POST /api/v1/issuance-requests/:id/retry',
    ['dept-mohurd-440000', 'dept-mem-440000'],
    (f) => `${api}/issuance-requests/${f.outboxRequest}/retry`,
    404,
    'another province’s or department’s request',
  ),
  ...probe(
    'POST /api/v1/issuance-requests/:id/confirm',
    ['dept-mohurd-440000', 'source-mem'],
    (f) => `${qualification(f)}/confirm`,
    404,
    'another province’s or department’s request',
    {
      payload: confirmation,
    },
  ),
  ...probe(
    'POST /api/v1/issuance-requests/:id/refuse',
    'dept-mohurd-440000',
    (f) => `${qualification(f)}/refuse`,
    404,
    'another province’s request',
    {
      payload: reason,
    },
  ),
  ...probe(
    'GET /api/v1/imports/:id',
    ['dept-mem-440000', 'dept-mohurd'],
    importJob,
    404,
    'another admin’s import',
  ),
  ...probe(
    'GET /api/v1/imports/:id/errors.csv',
    'dept-mem-440000',
    (f) => `${importJob(f)}/errors.csv`,
    404,
    'another admin’s import',
  ),
];

// 省级认定 records are public: another province's or department's is a 403.
const catalog: ScopeRow[] = [
  ...probe(
    'POST /api/v1/catalog/designations',
    'dept-mohurd-440000',
    () => `${api}/catalog/designations`,
    403,
    'another province',
    {
      payload: () => designation,
    },
  ),
  ...probe(
    'POST /api/v1/catalog/designations',
    'dept-mem-440000',
    () => `${api}/catalog/designations`,
    403,
    'another department’s type',
    {
      payload: () => ({ ...designation, region: '440000' }),
    },
  ),
  ...probe(
    'DELETE /api/v1/catalog/designations/:type/:region',
    'dept-mohurd-440000',
    () => `${api}/catalog/designations/mohurd.welder/330000`,
    403,
    'another province',
    {
      payload: reason,
    },
  ),
];

export const registryRows: ScopeRow[] = [...registry, ...recognition, ...policies, ...sources, ...catalog];
