import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { buildApp, logRedactPaths } from './app.ts';
import { loadConfig } from './config.ts';
import { generateSigningKey } from './credentials/keys.ts';
import type { DatabaseHandle } from './db/database.ts';
import { openKeyring } from './protection/protection.service.ts';
import { systemClock } from './shared/clock.ts';
import { testCatalog } from './testing/app.ts';
import { createTestDatabase } from './testing/database.ts';

let handle: DatabaseHandle;
const logLines: string[] = [];
let app: Awaited<ReturnType<typeof buildApp>>;

before(async () => {
  handle = await createTestDatabase();
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await buildApp({
    config: loadConfig({ HUTONG_ADMIN_TOKEN: 'admin-secret-token', HUTONG_BODY_LIMIT: '2048' }),
    db: handle.db,
    engine: handle.engine,
    script: handle.script,
    catalog: testCatalog(),
    clock: systemClock,
    keyring: await openKeyring(handle.db, randomBytes(32), 0),
    signing: await generateSigningKey(),
    bulk: handle.bulk,
    logger: { level: 'info', stream, redact: { paths: logRedactPaths, censor: '[redacted]' } },
  });
  // A route that fails unexpectedly, to check that 5xx details stay in the log.
  app
    .withTypeProvider()
    .get(
      '/api/v1/test/boom',
      { schema: { response: { 200: z.object({}) } }, config: { access: { public: true } } },
      async () => {
        throw new Error('database password is hunter2');
      },
    );
  await app.ready();
});
after(async () => {
  await app.close();
  await handle.close();
});

describe('HTTP shell', () => {
  it('answers health', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('rejects an unauthenticated write with 401 and the error JSON, whatever the body', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/users', payload: { nonsense: true } });
    assert.equal(res.statusCode, 401);
    const body = res.json();
    assert.equal(body.error.code, 'unauthenticated');
    assert.equal(typeof body.error.message, 'string');
    assert.equal(body.error.requestId, res.headers['x-request-id']);
  });

  it('rejects a malformed bearer header and an unknown token', async () => {
    const malformed = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Basic abc' },
    });
    assert.equal(malformed.statusCode, 401);
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer htk_nope' },
    });
    assert.equal(unknown.statusCode, 401);
  });

  it('accepts HUTONG_ADMIN_TOKEN as a system administrator', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: 'Bearer admin-secret-token' },
    });
    assert.equal(res.statusCode, 200);
  });

  it('keeps a valid client request id and replaces an unsafe one', async () => {
    const kept = await app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-request-id': 'abc-123' },
    });
    assert.equal(kept.headers['x-request-id'], 'abc-123');
    const replaced = await app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-request-id': 'a b\nc' },
    });
    assert.notEqual(replaced.headers['x-request-id'], 'a b\nc');
  });

  it('returns 404 JSON for an unknown API route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  it('refuses a body over the limit with 413 and malformed JSON with 400', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(5000), password: 'y' }),
    });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, 'payload_too_large');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');
  });

  it('hides a 5xx cause from the client and logs it with the request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/boom' });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(Object.keys(res.json().error).sort(), ['code', 'message', 'requestId']);
    assert.equal(res.json().error.message, 'internal error');
    assert.ok(!res.body.includes('hunter2'));
    const line = logLines.find((l) => l.includes('hunter2'));
    assert.ok(line, 'the cause is logged');
    assert.ok(line.includes(res.json().error.requestId), 'with the request id');
  });

  it('never logs passwords or tokens', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'Sup3rSecretPassw0rd' },
    });
    await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: 'Bearer admin-secret-token' },
    });
    const all = logLines.join('');
    assert.ok(all.length > 0);
    assert.ok(!all.includes('Sup3rSecretPassw0rd'));
    assert.ok(!all.includes('admin-secret-token'));
    assert.ok(
      logLines.every((l) => !l.includes('"req"') || l.includes('"reqId"')),
      'every request line has its id',
    );
  });

  it('never logs an ID number, from a write, a search, a refused request or an error', async () => {
    const admin = { authorization: 'Bearer admin-secret-token' };
    const body = {
      type: 'mem.lv-electrician',
      number: 'T440524188001010014',
      holder: { name: '王五', idType: 'resident', idNumber: '440524188001010014' },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: admin,
      payload: body,
    });
    assert.equal(created.statusCode, 201, created.body);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: admin,
      payload: body,
    });
    assert.equal(dup.statusCode, 409);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: admin,
      payload: { ...body, holder: { ...body.holder, idNumber: '440524188001010015' } },
    });
    assert.equal(bad.statusCode, 400);
    await app.inject({
      method: 'POST',
      url: '/api/v1/certificates/search',
      headers: admin,
      payload: { idNumber: '440524188001010014' },
    });
    const all = logLines.join('');
    for (const id of ['440524188001010014', '440524188001010015'])
      assert.ok(!all.includes(id), `${id} in the log`);
  });

  it('publishes the OpenAPI document generated from the route schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.ok(doc.paths['/api/v1/catalog/certificate-types']);
    assert.ok(doc.paths['/api/v1/users'].post.requestBody);
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    assert.ok([200, 302].includes(ui.statusCode));
  });
});
