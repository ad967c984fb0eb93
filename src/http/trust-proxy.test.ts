import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';

/**
 * Behind a load balancer every request comes from the proxy: the per-address limits must count the client's
 * address from X-Forwarded-For, and only when the request came through a configured proxy (else a client could pick
 * its own address and never be limited).
 */
async function statuses(t: TestApp, addresses: string[]) {
  const out: number[] = [];
  for (const address of addresses) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/certificates/search',
      headers: { 'x-forwarded-for': address },
      payload: { name: '无此人', number: 'SAMR-2024-000777' },
    });
    out.push(res.statusCode);
  }
  return out;
}

describe('the client address behind a proxy (HUTONG_TRUST_PROXY)', () => {
  let behind: TestApp;
  let direct: TestApp;
  const env = { HUTONG_PUBLIC_RATE_LIMIT: '2', HUTONG_PUBLIC_POW_BITS: '0' };
  before(async () => {
    // app.inject comes from 127.0.0.1: that is the proxy here.
    behind = await createTestApp({ env: { ...env, HUTONG_TRUST_PROXY: '127.0.0.1' } });
    direct = await createTestApp({ env });
  });
  after(async () => {
    await behind?.close();
    await direct?.close();
  });

  it('limits each client behind a trusted proxy by its own address', async () => {
    assert.deepEqual(
      await statuses(behind, ['203.0.113.7', '203.0.113.7', '203.0.113.7', '198.51.100.9']),
      [404, 404, 429, 404],
    );
  });

  it('ignores X-Forwarded-For from a caller that is not a configured proxy', async () => {
    assert.deepEqual(await statuses(direct, ['203.0.113.7', '198.51.100.9', '192.0.2.1']), [404, 404, 429]);
  });

  it('refuses a malformed setting', async () => {
    const { loadConfig } = await import('../config.ts');
    assert.throws(() => loadConfig({ HUTONG_TRUST_PROXY: 'proxy.example' }), /HUTONG_TRUST_PROXY/);
    assert.deepEqual(loadConfig({ HUTONG_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, [
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });
});
