import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { multipartFile } from '../registry/import/import.test-helpers.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { examRows } from './object-scope.exams.test-rows.ts';
import { planRows } from './object-scope.plans.test-rows.ts';
import { registryRows } from './object-scope.registry.test-rows.ts';
import {
  buildFixtures,
  type Fixtures,
  roleOf,
  type ScopeRow,
  type Who,
} from './object-scope.test-helpers.ts';
import { ticketRows } from './object-scope.tickets.test-rows.ts';

/**
 * Object scope on every route (issue 17 §4). The authorisation matrix (authorization.test.ts) checks roles; this
 * checks objects: for every API route that takes an id or writes, a caller whose ROLE the route admits but whose
 * SCOPE (department, province, institution, holder) does not cover the object gets 404 — or 403 where the object's
 * existence is public to them. The list of routes comes from `app.apiRoutes`, so a new route without a row here
 * fails the first test. A row is a probe that runs (object-scope.*.test-rows.ts), an exemption with its reason, or
 * an explicit `todo` — a known gap, reported as a todo by node:test, never a silent pass.
 */

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
  {
    kind: 'exempt',
    route: 'POST /api/v1/imports',
    why: 'the upload names no object and starts a job of the caller’s own (202); each row outside the caller’s department or province is refused in the job’s report as `out-of-scope` (import.test.ts)',
  },
];

const rows: ScopeRow[] = [...planRows, ...examRows, ...registryRows, ...ticketRows, ...exemptions];

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
let tokens: Map<Who, string>;

before(async () => {
  t = await createTestApp();
  ({ fixtures, tokens } = await buildFixtures(t));
});
after(async () => {
  await t.close();
});

describe('object scope on every route (issue 17 §4)', () => {
  it('every route that takes an id or writes has a row: a probe, an exemption or a declared todo', () => {
    const keys = new Set(rows.map((r) => r.route));
    const missing = t.app.apiRoutes
      .filter((r) => needsRow(r.method, r.url) && !isExemptByAccess(r.access, r.method))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !keys.has(key));
    assert.deepEqual(missing, [], 'routes without an object-scope row');
    const registered = new Set(t.app.apiRoutes.map((r) => `${r.method} ${r.url}`));
    const stale = [...keys].filter((key) => !registered.has(key));
    assert.deepEqual(stale, [], 'rows for routes that do not exist');
  });

  for (const row of rows) {
    if (row.kind === 'todo') it.todo(`${row.route}: ${row.why}`);
    if (row.kind !== 'probe') continue;
    it(`${row.route}: ${row.who} → ${row.expect} (${row.why})`, async () => {
      const [method] = row.route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
      const allowed = t.app.apiRoutes.find((r) => `${r.method} ${r.url}` === row.route)?.access;
      const role = roleOf(row.who);
      // The caller's role must be one the route admits, or the probe would test roles, not scope.
      const admitted = allowed && ('public' in allowed || allowed.roles.includes(role));
      assert.ok(admitted, `${role} is not admitted`);
      const upload = row.file && multipartFile(row.file.filename, row.file.content);
      const payload = upload?.payload ?? row.payload?.(fixtures);
      const res = await t.app.inject({
        method,
        url: row.url(fixtures),
        headers: { authorization: `Bearer ${tokens.get(row.who)}`, ...upload?.headers },
        ...(payload && { payload }),
      });
      assert.equal(res.statusCode, row.expect, res.body.slice(0, 300));
    });
  }
});
