import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAllowedEndpoint } from './outbox.model.ts';
import {
  type AttemptResult,
  judgeAttempt,
  nextState,
  parseRetryAfter,
  retryDelayMs,
  signRequest,
  type Verdict,
} from './outbox.rules.ts';

const policy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 12 };

describe('the issuance protocol’s rules (issue 7 §5)', () => {
  it('signs timestamp + "." + body with HMAC-SHA256, hex, prefixed', () => {
    // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
    assert.equal(
      signRequest('key', '1700000000', '{"a":1}'),
      'sha256=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03',
    );
    assert.notEqual(signRequest('key', '1700000000', '{"a":1}'), signRequest('key', '1700000001', '{"a":1}'));
    assert.notEqual(signRequest('key', '1700000000', '{"a":1}'), signRequest('kez', '1700000000', '{"a":1}'));
  });

  it('judges each answer: delivered, retried or failed, with no answer body kept', () => {
    const answer = (status: number, body = ''): AttemptResult => ({ kind: 'answer', status, body });
    const cases: Array<[AttemptResult, Verdict]> = [
      [answer(201, '{"reference":"R-1"}'), { outcome: 'delivered', reference: 'R-1', note: null }],
      [answer(200, '{"reference":"R-1"}'), { outcome: 'delivered', reference: 'R-1', note: null }],
      [answer(202, 'ok'), { outcome: 'delivered', reference: null, note: 'HTTP 202 without a reference' }],
      [
        answer(201, '{"reference":42}'),
        { outcome: 'delivered', reference: null, note: 'HTTP 201 without a reference' },
      ],
      [answer(503, '{"name":"张三"}'), { outcome: 'retry', error: 'HTTP 503', retryAfterMs: undefined }],
      [answer(500), { outcome: 'retry', error: 'HTTP 500', retryAfterMs: undefined }],
      [answer(408), { outcome: 'retry', error: 'HTTP 408', retryAfterMs: undefined }],
      [answer(429), { outcome: 'retry', error: 'HTTP 429', retryAfterMs: undefined }],
      [answer(422, '{"idNumber":"110101199001010015"}'), { outcome: 'failed', error: 'HTTP 422' }],
      [answer(400), { outcome: 'failed', error: 'HTTP 400' }],
      [answer(401), { outcome: 'failed', error: 'HTTP 401' }],
      [answer(404), { outcome: 'failed', error: 'HTTP 404' }],
      [answer(302), { outcome: 'failed', error: 'HTTP 302: redirects are not followed' }],
      [
        { kind: 'timeout', afterMs: 10_000 },
        { outcome: 'retry', error: 'timeout after 10000 ms' },
      ],
      [
        { kind: 'network', code: 'ECONNREFUSED' },
        { outcome: 'retry', error: 'network error ECONNREFUSED' },
      ],
    ];
    for (const [result, verdict] of cases)
      assert.deepEqual(judgeAttempt(result), verdict, JSON.stringify(result));
  });

  it('backs off exponentially up to the cap, longer when the department asks', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 7, 8, 20].map((n) => retryDelayMs(n, policy)),
      [30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000],
    );
    assert.equal(retryDelayMs(1, policy, 300_000), 300_000);
    assert.equal(retryDelayMs(1, policy, 86_400_000), 3_600_000, 'Retry-After is capped too');
    const now = new Date('2026-11-29T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Sun, 29 Nov 2026 00:01:00 GMT', now), 60_000);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('schedules the next attempt, or fails after the last one', () => {
    const now = new Date('2026-11-29T00:00:00Z');
    const retry: Verdict = { outcome: 'retry', error: 'HTTP 503' };
    assert.deepEqual(nextState(retry, 1, policy, now), {
      status: 'pending',
      nextAttemptAt: new Date('2026-11-29T00:00:30Z'),
      lastError: 'HTTP 503',
      deliveredAt: null,
      reference: null,
    });
    assert.equal(nextState(retry, 12, policy, now).status, 'failed');
    assert.equal(nextState(retry, 12, policy, now).lastError, 'HTTP 503; gave up after 12 attempts');
    const delivered = nextState({ outcome: 'delivered', reference: 'R', note: null }, 3, policy, now);
    assert.deepEqual([delivered.status, delivered.reference, delivered.deliveredAt], ['delivered', 'R', now]);
  });

  it('sends only over HTTPS, or HTTP to this machine', () => {
    const cases: Array<[string, boolean]> = [
      ['https://zjw.sh.gov.cn/issue', true],
      ['https://10.0.0.8:8443/issue', true],
      ['http://127.0.0.1:8080/issue', true],
      ['http://localhost/issue', true],
      ['http://[::1]:9000/issue', true],
      ['http://zjw.sh.gov.cn/issue', false],
      ['http://127.0.0.1.nip.io/issue', false],
      ['https://user:pw@zjw.sh.gov.cn/issue', false],
      ['https://zjw.sh.gov.cn/issue#x', false],
      ['ftp://zjw.sh.gov.cn/issue', false],
      ['not a url', false],
    ];
    for (const [url, ok] of cases) assert.equal(isAllowedEndpoint(url), ok, url);
  });
});
