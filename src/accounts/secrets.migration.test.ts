import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { digestHex } from '../protection/crypto-profile.ts';
import { migrateCryptoProfile } from '../protection/profile-migration.service.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { createUser } from './accounts.service.ts';

/**
 * Issue 18 §2 for what is kept only as a hash: an install moving to gm keeps every session and token it issued
 * (their SHA-256 cannot be recomputed as SM3 without the secret), writes new ones as SM3, and moves each password
 * to PBKDF2-HMAC-SM3 at its next login.
 */
let t: TestApp;
const PASSWORD = 'correct horse battery staple';
const ctx = () => ({ actorId: null, actorLabel: 'test', requestId: null, at: new Date() });

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t?.close();
});

const login = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'migrating', password: PASSWORD },
  });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'hutong_session')?.value;
  assert.ok(cookie);
  return cookie;
};
const me = (cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { hutong_session: cookie } });
const passwordHash = async () =>
  (
    await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'migrating')
      .executeTakeFirstOrThrow()
  ).password_hash ?? '';

describe('sessions, tokens and passwords across keys migrate --profile gm', () => {
  it('keeps what was issued before, writes SM3 after, and rehashes a password at its next login', async () => {
    await createUser(
      t.db,
      ctx(),
      { username: 'migrating', displayName: 'M', password: PASSWORD, role: 'system-admin' },
      t.secrets(),
    );
    assert.match(await passwordHash(), /^scrypt\$/);
    const oldSession = await login();
    const oldToken = await t.tokenFor('supervisor', { province: '310000' });
    const sha = await t.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('id_hash', '=', digestHex('sha256', oldSession))
      .executeTakeFirst();
    assert.ok(sha, 'an international session is stored as its SHA-256');

    await migrateCryptoProfile(t.db, t.master, 'gm', ctx(), { graceMs: 0 });
    await t.keyring.refresh();
    assert.equal(t.keyring.protector().profile, 'gm');

    assert.equal((await me(oldSession)).statusCode, 200, 'a session from before still works');
    const byOldToken = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${oldToken}` },
    });
    assert.equal(byOldToken.statusCode, 200, 'a token from before still works');

    const newSession = await login();
    assert.match(await passwordHash(), /^pbkdf2-sm3\$/, 'the password moved to PBKDF2-HMAC-SM3');
    const sm3 = await t.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('id_hash', '=', digestHex('sm3', newSession))
      .executeTakeFirst();
    assert.ok(sm3, 'a new session is stored as its SM3');
    assert.equal((await me(newSession)).statusCode, 200);
    const again = await login();
    assert.equal((await me(again)).statusCode, 200, 'the rehashed password still logs in');

    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { hutong_session: oldSession },
    });
    assert.ok(logout.statusCode < 300, logout.body);
    assert.equal((await me(oldSession)).statusCode, 401, 'logging out ends a session from before');
  });
});
