import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addInstitution, planBody } from '../exams/plans.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';

/**
 * Object scope on every route (issue 17 §4). The authorisation matrix (authorization.test.ts) checks roles; this
 * checks objects: for every API route that takes an id or writes, a caller whose ROLE the route admits but whose
 * SCOPE (department, province, institution, holder) does not cover the object gets 404 — or 403 where the object's
 * existence is public to them. The list of routes comes from `app.apiRoutes`, so a new route without a row here
 * fails the first test. A row is a probe that runs, an exemption with its reason, or an explicit `todo` — a known
 * gap, reported as a todo by node:test, never a silent pass.
 */
type Who =
  | 'admin-310000'
  | 'admin-320000'
  | 'admin-440000'
  | 'supervisor-440000'
  | 'supervisor-320000'
  | 'operator-gd';

interface Fixtures {
  bankDraftSh: string;
  bankActiveSh: string;
  jointPlan: string; // Shanghai-led, Shanghai–Jiangsu, draft
}

type ScopeRow =
  | {
      kind: 'probe';
      route: string; // `METHOD /api/v1/...` as registered
      who: Who;
      url: (f: Fixtures) => string;
      payload?: (f: Fixtures) => object;
      expect: 403 | 404 | 400;
      why: string;
    }
  | { kind: 'exempt'; route: string; why: string }
  | { kind: 'todo'; route: string; why: string };

const comment = () => ({ comment: '越权 out of scope' });
const bankEdit = () => ({
  type: 'single',
  stem: '越权修改',
  options: [
    { id: 'A', text: 'a' },
    { id: 'B', text: 'b' },
  ],
  answer: ['A'],
  score: 1,
  difficulty: 0.3,
  baseVersion: 1,
});

const probes: ScopeRow[] = [
  // The question bank: another province's draft does not exist for them; an item in use is shared, so acting
  // on it is a 403; its answer key (QTI) is the authors' only.
  {
    kind: 'probe',
    route: 'GET /api/v1/bank/items/:id',
    who: 'admin-440000',
    url: (f) => `/api/v1/bank/items/${f.bankDraftSh}`,
    expect: 404,
    why: 'another province’s draft',
  },
  {
    kind: 'probe',
    route: 'GET /api/v1/bank/items/:id/qti',
    who: 'operator-gd',
    url: (f) => `/api/v1/bank/items/${f.bankActiveSh}/qti`,
    expect: 403,
    why: 'the answer key of an item in use',
  },
  {
    kind: 'probe',
    route: 'PUT /api/v1/bank/items/:id',
    who: 'admin-440000',
    url: (f) => `/api/v1/bank/items/${f.bankActiveSh}`,
    payload: bankEdit,
    expect: 403,
    why: 'another province’s item in use',
  },
  ...(['review', 'activate', 'retire', 'return'] as const).map(
    (action): ScopeRow => ({
      kind: 'probe',
      route: `POST /api/v1/bank/items/:id/${action}`,
      who: 'admin-320000',
      url: (f) => `/api/v1/bank/items/${f.bankDraftSh}/${action}`,
      payload: comment,
      expect: 404,
      why: 'another province’s draft',
    }),
  ),
  {
    kind: 'probe',
    route: 'POST /api/v1/bank/enemy-sets',
    who: 'admin-320000',
    url: () => '/api/v1/bank/enemy-sets',
    payload: (f) => ({ name: '越权', itemIds: [f.bankActiveSh, f.bankDraftSh] }),
    // The draft is as unknown as an absent item (400 with its path, as for any unknown id).
    expect: 400,
    why: 'another province’s items',
  },
  {
    kind: 'probe',
    route: 'POST /api/v1/bank/items',
    who: 'admin-320000',
    url: () => '/api/v1/bank/items',
    payload: () => ({
      ...bankEdit(),
      baseVersion: undefined,
      occupation: '6-31-01-03',
      level: '4',
      knowledgePoint: 'x',
      province: '310000',
    }),
    // A province admin's item is their province's whatever the body says; a system admin's province is chosen.
    expect: 403,
    why: 'contributing for another province',
  },
  // A joint plan as a whole is the lead province's (plans.whole.ts).
  {
    kind: 'probe',
    route: 'POST /api/v1/plans/:planId/supervision/run',
    who: 'supervisor-440000',
    url: (f) => `/api/v1/plans/${f.jointPlan}/supervision/run`,
    expect: 404,
    why: 'a plan with nothing in the supervisor’s province',
  },
  {
    kind: 'probe',
    route: 'POST /api/v1/plans/:planId/archive/purge',
    who: 'admin-320000',
    url: (f) => `/api/v1/plans/${f.jointPlan}/archive/purge`,
    expect: 403,
    why: 'a partner province of a Shanghai-led joint plan',
  },
  {
    kind: 'probe',
    route: 'GET /api/v1/plans/:planId/archive/verify',
    who: 'admin-440000',
    url: (f) => `/api/v1/plans/${f.jointPlan}/archive/verify`,
    expect: 404,
    why: 'a plan outside the province',
  },
  {
    kind: 'probe',
    route: 'GET /api/v1/plans/:id',
    who: 'admin-440000',
    url: (f) => `/api/v1/plans/${f.jointPlan}`,
    expect: 404,
    why: 'a draft plan outside the province',
  },
  {
    kind: 'probe',
    route: 'PATCH /api/v1/plans/:id',
    who: 'admin-440000',
    url: (f) => `/api/v1/plans/${f.jointPlan}`,
    payload: () => ({ name: '越权', version: 1 }),
    expect: 404,
    why: 'a draft plan outside the province',
  },
  ...(['results', 'registrations'] as const).map(
    (what): ScopeRow => ({
      kind: 'probe',
      route: `GET /api/v1/plans/:planId/${what}`,
      who: 'admin-440000',
      url: (f) => `/api/v1/plans/${f.jointPlan}/${what}`,
      expect: 404,
      why: 'a plan outside the province',
    }),
  ),
  ...(['compute', 'publish', 'issue'] as const).map(
    (step): ScopeRow => ({
      kind: 'probe',
      route: `POST /api/v1/plans/:planId/results/${step}`,
      who: 'admin-440000',
      url: (f) => `/api/v1/plans/${f.jointPlan}/results/${step}`,
      payload: () => ({}),
      expect: 404,
      why: 'a plan outside the province',
    }),
  ),
  ...(['approve', 'cancel', 'close'] as const).map(
    (act): ScopeRow => ({
      kind: 'probe',
      route: `POST /api/v1/plans/:id/${act}`,
      who: 'admin-440000',
      url: (f) => `/api/v1/plans/${f.jointPlan}/${act}`,
      payload: () => (act === 'cancel' ? { reason: '越权 out of scope' } : { version: 1, reason: '越权' }),
      expect: 404,
      why: 'a draft plan outside the province',
    }),
  ),
  {
    kind: 'probe',
    route: 'GET /api/v1/plans/:planId/papers',
    who: 'admin-440000',
    url: (f) => `/api/v1/plans/${f.jointPlan}/papers`,
    expect: 404,
    why: 'a plan outside the province',
  },
];

// Routes without an object a caller's scope could miss, or with no scoped caller at all.
const exemptions: ScopeRow[] = [
  ...[
    'POST /api/v1/auth/login',
    'POST /api/v1/auth/logout',
    'POST /api/v1/recognition/evaluate',
    'POST /api/v1/public/certificates/search',
    'POST /api/v1/public/certificates/credential',
    'POST /api/v1/credentials/verify',
  ].map(
    (route): ScopeRow => ({ kind: 'exempt', route, why: 'public, and acts on no stored object of a scope' }),
  ),
  ...['POST /api/v1/certificates/search', 'POST /api/v1/certificates/export'].map(
    (route): ScopeRow => ({
      kind: 'exempt',
      route,
      why: 'a search: its results are filtered to the caller’s scope (registry tests), there is no one object',
    }),
  ),
  {
    kind: 'exempt',
    route: 'POST /api/v1/bank/qti',
    why: 'creates an item as POST /bank/items does (createItem), probed there',
  },
];

// Known gaps: routes whose out-of-scope probe is not written yet (each needs its own fixture: a registration, an
// attempt, a warning, a source…). Listed so they are visible as todos; none may be added without a reason.
const todos: ScopeRow[] = [
  {
    kind: 'todo',
    route: 'POST /api/v1/catalog/designations',
    why: 'the role matrix covers another province’s designation; not yet a row here',
  },
  {
    kind: 'todo',
    route: 'DELETE /api/v1/catalog/designations/:type/:region',
    why: 'the role matrix covers another province’s designation; not yet a row here',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/certificates',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/certificates/:id',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/certificates/:id/suspend',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/certificates/:id/reinstate',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/certificates/:id/revoke',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/certificates/:id/renew',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/certificates/:id/review',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/holders/:id',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'exempt',
    route: 'POST /api/v1/holders/:id/reveal',
    why: 'the role matrix hides it from other departments and provinces; reveal.routes.test.ts probes scope (404)',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/holders/:id/recognitions',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/recognition/decisions/:id/replay',
    why: 'needs a stored decision of another holder',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/policies/:id/drafts',
    why: 'needs another province’s and department’s draft packs (policy tests cover owners; not probed here yet)',
  },
  {
    kind: 'todo',
    route: 'PUT /api/v1/policies/:id/drafts/:version',
    why: 'needs another province’s and department’s draft packs (policy tests cover owners; not probed here yet)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/policies/:id/drafts/:version/request-cosign',
    why: 'needs another province’s and department’s draft packs (policy tests cover owners; not probed here yet)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/policies/:id/drafts/:version/cosign',
    why: 'needs another province’s and department’s draft packs (policy tests cover owners; not probed here yet)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/policies/:id/drafts/:version/publish',
    why: 'needs another province’s and department’s draft packs (policy tests cover owners; not probed here yet)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/policies/:region/simulate',
    why: 'needs another province’s and department’s draft packs (policy tests cover owners; not probed here yet)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/plans/:planId/eligibility',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/plans/:planId/registrations',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/plans/:planId/registrations/batch',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/registrations/:id',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/registrations/:id/cancel',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/registrations/:id/practical-scores',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/registrations/:id/practical-scores',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/registrations/:id/appeal',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/registrations/:id/appeal/resolve',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/registrations/:id/attempt',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/attempts/:id',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'PUT /api/v1/attempts/:id/answers/:itemId',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/attempts/:id/submit',
    why: 'needs a registration or attempt of another holder / institution (the role matrix probes holders on random ids only)',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/sources/:id',
    why: 'needs another department’s source, request or import job',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/sources',
    why: 'needs another department’s source, request or import job',
  },
  {
    kind: 'todo',
    route: 'PATCH /api/v1/sources/:id',
    why: 'needs another department’s source, request or import job',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/sources/:id/tokens',
    why: 'needs another department’s source, request or import job',
  },
  {
    kind: 'todo',
    route: 'PUT /api/v1/sources/:id/certificates/:type/:number',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/sources/:id/certificates/batch',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/issuance-requests/:id/retry',
    why: 'needs another department’s source, request or import job',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/issuance-requests/:id/confirm',
    why: 'needs another department’s source, request or import job',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/issuance-requests/:id/refuse',
    why: 'needs another department’s source, request or import job',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/institutions',
    why: 'needs another province’s filed institution (the role matrix hides its history only)',
  },
  {
    kind: 'todo',
    route: 'PATCH /api/v1/institutions/:id',
    why: 'needs another province’s filed institution (the role matrix hides its history only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/institutions/:id/renew',
    why: 'needs another province’s filed institution (the role matrix hides its history only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/institutions/:id/suspend',
    why: 'needs another province’s filed institution (the role matrix hides its history only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/institutions/:id/reinstate',
    why: 'needs another province’s filed institution (the role matrix hides its history only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/institutions/:id/withdraw',
    why: 'needs another province’s filed institution (the role matrix hides its history only)',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/institutions/:id/history',
    why: 'needs another province’s filed institution (the role matrix hides its history only)',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/plans',
    why: 'creates a plan over institutions: another province’s institution is still to probe',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/plans/:id/sittings',
    why: 'the role matrix hides a 310000 plan’s sittings and papers from another institution; a province probe is still to write',
  },
  {
    kind: 'todo',
    route: 'PATCH /api/v1/plans/:id/sittings/:sittingId',
    why: 'the role matrix hides a 310000 plan’s sittings and papers from another institution; a province probe is still to write',
  },
  {
    kind: 'todo',
    route: 'DELETE /api/v1/plans/:id/sittings/:sittingId',
    why: 'the role matrix hides a 310000 plan’s sittings and papers from another institution; a province probe is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/plans/:planId/papers',
    why: 'the role matrix hides a 310000 plan’s sittings and papers from another institution; a province probe is still to write',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/papers/:id',
    why: 'the role matrix hides a 310000 plan’s sittings and papers from another institution; a province probe is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/papers/:id/lock',
    why: 'the role matrix hides a 310000 plan’s sittings and papers from another institution; a province probe is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/sittings/:id/staff',
    why: 'the role matrix hides a 310000 plan’s sittings and papers from another institution; a province probe is still to write',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/sittings/:id/staffing',
    why: 'the role matrix hides a 310000 plan’s sittings and papers from another institution; a province probe is still to write',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/warnings/:id',
    why: 'needs a warning of another province’s institution',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/warnings/:id/actions',
    why: 'needs a warning of another province’s institution',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/warnings/:id/feedback',
    why: 'needs a warning of another province’s institution',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/warnings/:id/attachments/:attachmentId',
    why: 'needs a warning of another province’s institution',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/recognition/decisions/:id',
    why: 'needs a stored decision of another holder',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/recognition/decisions/:id/credential',
    why: 'needs a stored decision of another holder',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/recognition/decisions/:id/intake',
    why: 'needs a stored decision of another holder',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/certificates/:id/credential',
    why: 'the role matrix has hidden rows for a 310000 MEM certificate; a probe per department and province is still to write',
  },
  {
    kind: 'todo',
    route: 'POST /api/v1/imports',
    why: 'needs another department’s source, request or import job',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/imports/:id',
    why: 'needs another department’s source, request or import job',
  },
  {
    kind: 'todo',
    route: 'GET /api/v1/imports/:id/errors.csv',
    why: 'needs another department’s source, request or import job',
  },
];

/** Public GETs (existence public to all) and routes for unscoped system admins only need no row. */
function isExemptByAccess(
  access: { public?: true; roles?: readonly string[] },
  method: string,
): string | null {
  if ('public' in access && access.public && method === 'GET') return 'public read: existence is public';
  const roles = access.roles ?? [];
  if (roles.length === 1 && roles[0] === 'system-admin')
    return 'system admins only: no narrower scope exists';
  return null;
}

const needsRow = (method: string, url: string) => method !== 'GET' || url.includes('/:');

let t: TestApp;
let fixtures: Fixtures;
const tokens = new Map<Who, string>();

before(async () => {
  t = await createTestApp();
  tokens.set('admin-310000', await t.tokenFor('province-admin', { province: '310000' }));
  tokens.set('admin-320000', await t.tokenFor('province-admin', { province: '320000' }));
  tokens.set('admin-440000', await t.tokenFor('province-admin', { province: '440000' }));
  tokens.set('supervisor-440000', await t.tokenFor('supervisor', { province: '440000' }));
  tokens.set('supervisor-320000', await t.tokenFor('supervisor', { province: '320000' }));
  const gd = await addInstitution(t, { province: '440000' });
  tokens.set('operator-gd', await t.tokenFor('institution-operator', { institution: gd.id }));
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const post = async (url: string, payload: object, token?: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : admin,
      payload,
    });
    assert.ok(res.statusCode < 300, res.body);
    return res.json() as { id: string };
  };
  const item = () =>
    post('/bank/items', {
      ...bankEdit(),
      baseVersion: undefined,
      occupation: '6-31-01-03',
      level: '4',
      knowledgePoint: '电工-4-对象范围-01',
      province: '310000',
    });
  const draft = await item();
  const active = await item();
  await post(`/bank/items/${active.id}/review`, comment(), tokens.get('admin-310000'));
  await post(`/bank/items/${active.id}/activate`, comment(), tokens.get('admin-310000'));
  const sh = await addInstitution(t, { province: '310000' });
  const js = await addInstitution(t, { province: '320000' });
  const plan = await post(
    '/plans',
    planBody({ kind: 'joint', institutionIds: [sh.id, js.id] }),
    tokens.get('admin-310000'),
  );
  fixtures = { bankDraftSh: draft.id, bankActiveSh: active.id, jointPlan: plan.id };
});
after(async () => {
  await t.close();
});

describe('object scope on every route (issue 17 §4)', () => {
  it('every route that takes an id or writes has a row: a probe, an exemption or a declared todo', () => {
    const rows = new Map([...probes, ...exemptions, ...todos].map((r) => [r.route, r]));
    const missing = t.app.apiRoutes
      .filter((r) => needsRow(r.method, r.url) && !isExemptByAccess(r.access, r.method))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !rows.has(key));
    assert.deepEqual(missing, [], 'routes without an object-scope row');
    const registered = new Set(t.app.apiRoutes.map((r) => `${r.method} ${r.url}`));
    const stale = [...rows.keys()].filter((key) => !registered.has(key));
    assert.deepEqual(stale, [], 'rows for routes that do not exist');
  });

  for (const row of probes) {
    if (row.kind !== 'probe') continue;
    it(`${row.route}: ${row.who} → ${row.expect} (${row.why})`, async () => {
      const [method] = row.route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
      const allowed = t.app.apiRoutes.find((r) => `${r.method} ${r.url}` === row.route)?.access;
      const role = row.who.startsWith('admin')
        ? 'province-admin'
        : row.who.startsWith('operator')
          ? 'institution-operator'
          : 'supervisor';
      // The caller's role must be one the route admits, or the probe would test roles, not scope.
      const admitted = allowed && ('public' in allowed || allowed.roles?.includes(role as never));
      assert.ok(admitted, `${role} is not admitted`);
      const payload = row.payload?.(fixtures);
      const res = await t.app.inject({
        method,
        url: row.url(fixtures),
        headers: { authorization: `Bearer ${tokens.get(row.who)}` },
        ...(payload && { payload }),
      });
      assert.equal(res.statusCode, row.expect, res.body.slice(0, 300));
    });
  }

  for (const row of todos) it.todo(`${row.route}: ${row.why}`);
});
