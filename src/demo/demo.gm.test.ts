import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditLog } from '../audit/audit.service.ts';
import { generateSigningKey, sm2SigningKeyOf } from '../credentials/keys.ts';
import { digestHex, generateSm2KeyPair, indexVersionOf } from '../protection/crypto-profile.ts';
import { profileOfSealed } from '../protection/protection.model.ts';
import { sealedColumns } from '../protection/protection.service.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { type DemoAccount, seedDemo } from './demo.seed.ts';

/**
 * Issue 18 "done when": a fresh install with HUTONG_CRYPTO_PROFILE=gm runs the whole demo, and its own data uses
 * the national algorithms only — every sealed value SM4, every data key wrapped with SM4, every blind index
 * HMAC-SM3, every audit link SM3 — while its credentials carry the SM2 signature beside the EdDSA one.
 */
let t: TestApp;
let accounts: DemoAccount[];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-demo-gm-'));

before(async () => {
  const signing = {
    ...(await generateSigningKey()),
    sm2: await sm2SigningKeyOf(generateSm2KeyPair().privateKey),
  };
  t = await createTestApp({ env: { HUTONG_CRYPTO_PROFILE: 'gm' }, signing });
  accounts = await seedDemo(t.registry, dataDir);
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo on a fresh 国密 install (issue 18)', () => {
  it('seeds every account and seals every personal value with SM4', async () => {
    assert.ok(accounts.length >= 10, `${accounts.length} demo accounts`);
    let sealed = 0;
    for (const [table, , column] of sealedColumns) {
      const { rows } = await sql<{ v: string }>`
        select ${sql.ref(column)} as v from ${sql.table(table)} where ${sql.ref(column)} is not null`.execute(
        t.db,
      );
      for (const row of rows) assert.equal(profileOfSealed(row.v), 'gm', `${table}.${column}`);
      sealed += rows.length;
    }
    assert.ok(sealed >= 60, `${sealed} sealed values`);
    const keys = await t.db.selectFrom('data_keys').select('wrapped').execute();
    assert.ok(keys.length > 0);
    for (const k of keys) assert.equal(profileOfSealed(k.wrapped), 'gm', 'data key wrapped with SM4');
  });

  it('indexes with HMAC-SM3 and chains the audit log with SM3 only', async () => {
    const versions = await sql<{ v: number }>`
      select distinct index_version as v from holders
      union select distinct index_version from certificate_rows`.execute(t.db);
    assert.deepEqual(
      versions.rows.map((r) => Number(r.v)),
      [indexVersionOf('gm')],
    );
    const algorithms = await sql<{ a: string }>`select distinct hash_alg as a from audit_log`.execute(t.db);
    assert.deepEqual(
      algorithms.rows.map((r) => r.a),
      ['sm3'],
    );
    const chain = await verifyAuditLog(t.db);
    assert.ok(chain.ok && chain.checked > 100, JSON.stringify(chain));
  });

  it('issues the demo’s credentials with an SM2 signature that verifies beside the EdDSA one', async () => {
    const row = await t.db.selectFrom('certificates').select('id').limit(1).executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${row.id}/credential?serialization=json`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    const json = res.json() as { format: string; credential: { signatures: { protected: string }[] } };
    const algs = json.credential.signatures.map(
      (s) => JSON.parse(Buffer.from(s.protected, 'base64url').toString('utf8')).alg as string,
    );
    assert.deepEqual(algs.sort(), ['EdDSA', 'SM2SM3']);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials/verify',
      payload: { credential: JSON.stringify(json) },
    });
    assert.equal(verified.statusCode, 200, verified.body);
    const answer = verified.json() as { verified: boolean; signatures: { alg: string; status: string }[] };
    assert.equal(answer.verified, true, verified.body);
    assert.deepEqual(answer.signatures.map((s) => `${s.alg}:${s.status}`).sort(), [
      'EdDSA:valid',
      'SM2SM3:valid',
    ]);
  });

  it('hashes passwords with PBKDF2-HMAC-SM3 and keeps sessions and tokens as their SM3 only', async () => {
    const users = await t.db.selectFrom('users').select('password_hash').execute();
    const hashed = users.flatMap((u) => (u.password_hash ? [u.password_hash] : []));
    assert.ok(hashed.length >= 10);
    for (const hash of hashed) assert.match(hash, /^pbkdf2-sm3\$/);
    const account = accounts.find((a) => a.username === 'holder-demo') ?? accounts[0];
    assert.ok(account);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: account.username, password: account.password },
    });
    assert.equal(login.statusCode, 200, login.body);
    const cookie = login.cookies.find((c) => c.name === 'hutong_session');
    assert.ok(cookie);
    const session = await t.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('id_hash', '=', digestHex('sm3', cookie.value))
      .executeTakeFirst();
    assert.ok(session, 'the session is stored as the SM3 of its id');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { hutong_session: cookie.value },
    });
    assert.equal(me.statusCode, 200, me.body);
    const token = await t.tokenFor('system-admin');
    const stored = await t.db
      .selectFrom('api_tokens')
      .select('id')
      .where('token_hash', '=', digestHex('sm3', token))
      .executeTakeFirst();
    assert.ok(stored, 'the token is stored as its SM3');
    const none = await t.db
      .selectFrom('api_tokens')
      .select('id')
      .where('token_hash', '=', digestHex('sha256', token))
      .executeTakeFirst();
    assert.equal(none, undefined);
  });
});
