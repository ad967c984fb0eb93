import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyAuditLog } from '../audit/audit.service.ts';
import { institution } from '../exams/exams.test-helpers.ts';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';

const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
let t: TestApp;

before(async () => {
  // A fixed clock: the throttle's delays (30 s and up) must still be in force tests later, however slow the machine.
  t = await createTestApp({ clock: fixedClock('2026-12-06T02:00:00Z') });
});
after(async () => {
  await t.close();
});

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : raw;
  assert.equal(typeof first, 'string', 'a session cookie is set');
  return String(first).split(';')[0] as string;
}

function loginFrom(remoteAddress: string, username: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    payload: { username, password },
  });
}

async function createUser(username: string, extra: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin,
    payload: {
      username,
      displayName: `用户 ${username}`,
      password: 'correct horse battery',
      role: 'system-admin',
      ...extra,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

describe('login, session and logout', () => {
  it('logs in with an HttpOnly SameSite=Strict cookie, serves /auth/me, and logs out', async () => {
    await createUser('alice');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'alice', password: 'correct horse battery' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const setCookie = String(res.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = cookieOf(res);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.username, 'alice');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    assert.equal(out.statusCode, 204);
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(again.statusCode, 401);
    assert.equal(again.json().error.code, 'unauthenticated');
  });

  it('answers /auth/session with 200 for a visitor and for a signed-in user alike', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    assert.equal(anonymous.statusCode, 200);
    assert.deepEqual(anonymous.json(), { authenticated: false });
    await createUser('session-visitor');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'session-visitor', password: 'correct horse battery' },
    });
    const cookie = cookieOf(res);
    const signedIn = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    assert.equal(signedIn.statusCode, 200);
    assert.equal(signedIn.json().authenticated, true);
    assert.equal(signedIn.json().user.username, 'session-visitor');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    assert.deepEqual(after.json(), { authenticated: false }, 'an ended session is a visitor');
  });

  it('gives the same 401 for an unknown user and a wrong password', async () => {
    await createUser('bob');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'whatever-123' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bob', password: 'whatever-123' },
    });
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.json().error.code, 'invalid_credentials');
    assert.equal(unknown.json().error.message, wrong.json().error.message);
  });

  it('refuses the right password from the attacker’s address only: another address logs in at once', async () => {
    await createUser('carol');
    const attacker = '203.0.113.7';
    for (let i = 0; i < 5; i++) {
      const res = await loginFrom(attacker, 'carol', `wrong-password-${i}`);
      assert.equal(res.statusCode, 401, `failure ${i + 1} is a plain 401`);
    }
    const sixth = await loginFrom(attacker, 'carol', 'wrong-password-5');
    assert.equal(sixth.statusCode, 401, 'the sixth failure is still answered, and starts a delay');
    const refused = await loginFrom(attacker, 'carol', 'correct horse battery');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'too_many_requests');
    const wait = Number(refused.headers['retry-after']);
    assert.ok(wait > 0 && wait <= 30, `Retry-After ${wait}`);
    const owner = await loginFrom('198.51.100.20', 'carol', 'correct horse battery');
    assert.equal(owner.statusCode, 200, owner.body);
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'auth.login-failed+throttled')
      .execute();
    assert.ok(
      audited.some((a) => JSON.stringify(a.after).includes(attacker)),
      'the delay is audited with the address',
    );
  });

  it('delays an address that fails on many usernames, for every username from it', async () => {
    await createUser('grace');
    const sprayer = '203.0.113.99';
    for (let i = 0; i < 11; i++) {
      const res = await loginFrom(sprayer, `spray-${i}`, 'guess-password');
      assert.equal(res.statusCode, 401, `failure ${i + 1}`);
    }
    const refused = await loginFrom(sprayer, 'grace', 'correct horse battery');
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 30);
    assert.equal((await loginFrom('198.51.100.21', 'grace', 'correct horse battery')).statusCode, 200);
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?targetType=login-address',
      headers: admin,
    });
    assert.equal(audit.statusCode, 200, audit.body);
    assert.ok(audit.body.includes(sprayer), 'the address delay is in the audit log');
  });

  it('slows only new addresses on an account under attack; its owner still logs in from a new one', async () => {
    await createUser('heidi');
    const home = '198.51.100.30';
    assert.equal((await loginFrom(home, 'heidi', 'correct horse battery')).statusCode, 200);
    for (let i = 0; i < 12; i++) {
      const res = await loginFrom(`203.0.113.${110 + (i % 4)}`, 'heidi', `wrong-password-${i}`);
      assert.equal(res.statusCode, 401);
    }
    const fresh = '198.51.100.31';
    assert.equal((await loginFrom(fresh, 'heidi', 'correct horse battery')).statusCode, 200);
    const stranger = '203.0.113.120';
    assert.equal((await loginFrom(stranger, 'heidi', 'wrong-1')).statusCode, 401);
    assert.equal((await loginFrom(stranger, 'heidi', 'wrong-2')).statusCode, 401);
    assert.equal(
      (await loginFrom(stranger, 'heidi', 'wrong-3')).statusCode,
      429,
      'a new address gets one free failure',
    );
    for (let i = 0; i < 3; i++) {
      assert.equal(
        (await loginFrom(home, 'heidi', `typo-${i}`)).statusCode,
        401,
        'a known address keeps five',
      );
    }
    assert.equal((await loginFrom(home, 'heidi', 'correct horse battery')).statusCode, 200);
  });

  it('shows administrators the failures and delays in force, and nobody else', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/login-throttles', headers: admin });
    assert.equal(list.statusCode, 200, list.body);
    const items: {
      kind: string;
      username: string | null;
      address: string | null;
      lockedUntil: string | null;
    }[] = list.json().items;
    assert.ok(items.some((e) => e.kind === 'account-address' && e.username === 'carol' && e.lockedUntil));
    assert.ok(items.some((e) => e.kind === 'address' && e.address === '203.0.113.99' && e.lockedUntil));
    assert.ok(items.some((e) => e.kind === 'account' && e.username === 'heidi'));
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/login-throttles' });
    assert.equal(anonymous.statusCode, 401);
  });

  it('ends sessions when a password is reset', async () => {
    const dave = await createUser('dave');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'dave', password: 'correct horse battery' },
    });
    const cookie = cookieOf(login);
    const reset = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${dave.id}`,
      headers: admin,
      payload: { password: 'another long passphrase' },
    });
    assert.equal(reset.statusCode, 200, reset.body);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me.statusCode, 401);
  });
});

describe('users', () => {
  it('rejects unknown fields and a role without its scope, naming the field', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        username: 'eve',
        displayName: 'Eve',
        password: 'correct horse battery',
        role: 'holder',
        isRoot: true,
      },
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.code, 'validation_failed');
    assert.ok(unknown.json().error.details.some((d: { path: string }) => d.path.startsWith('body')));
    const scope = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        username: 'eve',
        displayName: 'Eve',
        password: 'correct horse battery',
        role: 'province-admin',
      },
    });
    assert.equal(scope.statusCode, 400);
    assert.deepEqual(
      scope.json().error.details.map((d: { path: string }) => d.path),
      ['province'],
    );
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { username: 'eve', displayName: 'Eve', password: 'short', role: 'holder' },
    });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json().error.details[0].path, 'body.password');
    // The kind and bound go with it, for pages to word it in Chinese (issue 15).
    assert.deepEqual(
      { ...short.json().error.details[0], message: undefined },
      { path: 'body.password', message: undefined, kind: 'too_small', origin: 'string', limit: 10 },
    );
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { username: 'eve', password: 'correct horse battery', role: 'supervisor' },
    });
    const name = missing.json().error.details.find((d: { path: string }) => d.path === 'body.displayName');
    assert.equal(name?.kind, 'required');
  });

  it('refuses a taken username with 409', async () => {
    await createUser('frank');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { username: 'frank', displayName: 'F', password: 'correct horse battery', role: 'supervisor' },
    });
    assert.equal(res.statusCode, 409);
  });

  it('lists users with filters and keyset pagination', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) {
      await createUser(name, { role: 'supervisor', province: '310000' });
    }
    const page1 = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users?role=supervisor&limit=2',
      headers: admin,
    });
    assert.equal(page1.statusCode, 200);
    const body1 = page1.json();
    assert.deepEqual(
      body1.items.map((u: { username: string }) => u.username),
      ['list-a', 'list-b'],
    );
    const page2 = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users?role=supervisor&limit=2&cursor=${body1.next}`,
      headers: admin,
    });
    assert.deepEqual(
      page2.json().items.map((u: { username: string }) => u.username),
      ['list-c'],
    );
    assert.equal(page2.json().next, undefined);
    const search = await t.app.inject({ method: 'GET', url: '/api/v1/users?q=LIST-B', headers: admin });
    assert.deepEqual(
      search.json().items.map((u: { username: string }) => u.username),
      ['list-b'],
    );
  });

  it('names an operator’s institution in the list and the detail, and gives null for others (issue 15 §4)', async () => {
    const inst = await institution(t, { scopes: [['6-31-01-03', '5']] });
    const filed = await t.db
      .selectFrom('institutions')
      .select('name')
      .where('id', '=', inst.id)
      .executeTakeFirstOrThrow();
    const operator = await createUser('named-operator', {
      role: 'institution-operator',
      institution: inst.id,
    });
    await createUser('named-supervisor', { role: 'supervisor', province: '310000' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/users?q=named-', headers: admin });
    assert.equal(list.statusCode, 200, list.body);
    const names = Object.fromEntries(
      list
        .json()
        .items.map((u: { username: string; institutionName: string | null }) => [
          u.username,
          u.institutionName,
        ]),
    );
    assert.deepEqual(names, { 'named-operator': filed.name, 'named-supervisor': null });
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/users/${operator.id}`, headers: admin });
    assert.equal(one.statusCode, 200, one.body);
    assert.equal(one.json().institutionName, filed.name);
    assert.equal(one.json().institution, inst.id);
  });
});

describe('API tokens', () => {
  it('shows the secret once, authenticates with it, never lists it, and stops working when revoked', async () => {
    const user = await createUser('system-a', { role: 'department-admin', department: 'mem' });
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/tokens`,
      headers: admin,
      payload: { label: 'MEM sync', expiresInDays: 30 },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { token, id } = created.json();
    assert.match(token, /^htk_/);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(me.json().user.username, 'system-a');
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${user.id}/tokens`,
      headers: admin,
    });
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(token.slice(8)), 'the secret is not listed');
    const stored = await t.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, 'only a hash is stored');
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tokens/${id}/revoke`,
      headers: admin,
    });
    assert.equal(revoked.statusCode, 200);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(after.statusCode, 401);
  });

  it('writes every change to a verifiable audit log', async () => {
    const result = await verifyAuditLog(t.db);
    assert.equal(result.ok, true);
    assert.ok(result.checked > 10);
    const actions = await t.db.selectFrom('audit_log').select('action').distinct().execute();
    const names = actions.map((a) => a.action);
    for (const expected of [
      'user.create',
      'auth.login',
      'auth.logout',
      'token.create',
      'token.revoke',
      'auth.login-failed',
    ]) {
      assert.ok(names.includes(expected), `audit has ${expected}`);
    }
    const leaked = await t.db.selectFrom('audit_log').select(['before', 'after']).execute();
    assert.ok(!JSON.stringify(leaked).includes('scrypt$'), 'no password hash in the audit log');
  });
});
