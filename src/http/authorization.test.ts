import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createToken, createUser } from '../accounts/accounts.service.ts';
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
  | 'holder';

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
];
const loggedIn = everyone.filter((w) => w !== 'anon');
const admins: Who[] = ['admin-token', 'sysadmin'];

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  route: string; // the route pattern, as registered
  url: (ids: Ids) => string;
  payload?: unknown;
  allowed: Who[];
}
interface Ids {
  userId: string;
  tokenId: string;
}

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
  const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
  const target = await createUser(t.db, ctx, {
    username: 'matrix-target',
    displayName: 'Target',
    password: 'correct horse battery',
    role: 'holder',
  });
  // Revoked by each allowed caller in turn: the first revokes it, the next get 409, which is past authorisation.
  const targetToken = await createToken(t.db, ctx, target.id, { label: 'to revoke' });
  ids = { userId: target.id, tokenId: targetToken.id };
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
    it(`${row.method} ${row.url({ userId: ':id', tokenId: ':id' })}${row.payload ? ` ${JSON.stringify(row.payload).slice(0, 60)}` : ''}`, async () => {
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
        if (row.allowed.includes(who)) {
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
