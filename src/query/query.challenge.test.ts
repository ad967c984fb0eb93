import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import {
  createChallengeIssuer,
  leadingZeroBits,
  POW_HEADER,
  powDigest,
  solveChallenge,
} from './query.challenge.ts';

const NOW = '2026-11-29T10:00:00.000Z';
const sign = (payload: string) => createHmac('sha256', 'test key').update(payload).digest('base64url');
const BITS = 8;

describe('proof-of-work rules', () => {
  it('counts leading zero bits', () => {
    const cases: Array<[number[], number]> = [
      [[0x80], 0],
      [[0x40], 1],
      [[0x01], 7],
      [[0x00, 0xff], 8],
      [[0x00, 0x00, 0x10], 19],
      [[0x00, 0x00], 16],
    ];
    for (const [bytes, bits] of cases)
      assert.equal(leadingZeroBits(Uint8Array.from(bytes)), bits, `${bytes}`);
  });

  it('accepts a solution once, and refuses an altered challenge, too little work and an expired one', async () => {
    const issuer = createChallengeIssuer({ bits: BITS, sign });
    const now = new Date(NOW);
    const { challenge, expiresAt } = issuer.issue(now);
    assert.equal(expiresAt, '2026-11-29T10:05:00.000Z');
    const nonce = solveChallenge(challenge, BITS);
    assert.ok(leadingZeroBits(powDigest(challenge, nonce)) >= BITS);
    const later = new Date(Date.parse(NOW) + 5 * 60_000);
    assert.deepEqual(await issuer.redeem(`${challenge}:${nonce}`, later), { ok: false, reason: 'expired' });
    const tampered = challenge.replace(/\.8\./, '.9.');
    assert.deepEqual(await issuer.redeem(`${tampered}:${nonce}`, now), { ok: false, reason: 'signature' });
    assert.deepEqual(await issuer.redeem(`${challenge}:x1`, now), { ok: false, reason: 'malformed' });
    assert.deepEqual(await issuer.redeem(undefined, now), { ok: false, reason: 'missing' });
    assert.deepEqual(await issuer.redeem(`${challenge}:${nonce}`, now), { ok: true });
    assert.deepEqual(await issuer.redeem(`${challenge}:${nonce}`, now), { ok: false, reason: 'spent' });
    const harder = createChallengeIssuer({ bits: BITS + 4, sign });
    assert.deepEqual(await harder.redeem(`${challenge}:${nonce}`, now), { ok: false, reason: 'too-easy' });
  });

  it('keeps a bounded set of spent challenges, forgetting the oldest first', async () => {
    const issuer = createChallengeIssuer({ bits: 1, sign, maxSpent: 2 });
    const now = new Date(NOW);
    const solved = [0, 1, 2, 3].map(() => {
      const { challenge } = issuer.issue(now);
      return `${challenge}:${solveChallenge(challenge, 1)}`;
    });
    for (const header of solved) assert.deepEqual(await issuer.redeem(header, now), { ok: true });
    assert.deepEqual(await issuer.redeem(solved[3], now), { ok: false, reason: 'spent' });
    assert.deepEqual(await issuer.redeem(solved[0], now), { ok: true }, 'evicted to stay within the bound');
  });
});

let t: TestApp;
before(async () => {
  t = await createTestApp({ clock: fixedClock(NOW), env: { HUTONG_PUBLIC_POW_BITS: String(BITS) } });
});
after(async () => {
  await t.close();
});

const query = { name: '张三', number: 'SAMR-2024-000123' };
async function challenge() {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/challenge' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { challenge: string; bits: number; algorithm: string; expiresAt: string };
}
const search = (headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/certificates/search', payload: query, headers });

function assertChallengeRequired(res: Awaited<ReturnType<typeof search>>, reason: string) {
  assert.equal(res.statusCode, 428, res.body);
  const error = res.json().error;
  assert.equal(error.code, 'challenge_required');
  assert.match(error.message, /GET \/api\/v1\/public\/challenge/);
  assert.deepEqual(error.details, [{ path: `headers.${POW_HEADER}`, message: reason }]);
}

describe('GET /api/v1/public/challenge and the x-hutong-pow header (issue 5 §1)', () => {
  it('issues a signed challenge that expires in five minutes', async () => {
    const c = await challenge();
    assert.equal(c.bits, BITS);
    assert.equal(c.algorithm, 'sha-256');
    assert.equal(c.expiresAt, '2026-11-29T10:05:00.000Z');
    assert.doesNotMatch(c.challenge, /:/);
  });

  it('lets a solved challenge through once (then the query answers as usual: here 404)', async () => {
    const c = await challenge();
    const header = `${c.challenge}:${solveChallenge(c.challenge, c.bits)}`;
    const first = await search({ [POW_HEADER]: header });
    assert.equal(first.statusCode, 404, first.body);
    assertChallengeRequired(await search({ [POW_HEADER]: header }), 'spent');
  });

  it('answers 428 without a solution', async () => {
    assertChallengeRequired(await search(), 'missing');
  });

  it('answers 428 for a nonce that does not do the work', async () => {
    const c = await challenge();
    let nonce = 0;
    while (leadingZeroBits(powDigest(c.challenge, String(nonce))) >= c.bits) nonce++;
    assertChallengeRequired(await search({ [POW_HEADER]: `${c.challenge}:${nonce}` }), 'work');
  });

  it('answers 428 for an expired challenge', async () => {
    // Issued ten minutes ago with the same key, as another API process would have.
    const earlier = createChallengeIssuer({
      bits: BITS,
      sign: (p) => t.keyring.protector().index('query:pow', p),
    }).issue(fixedClock('2026-11-29T09:50:00.000Z').now());
    const header = `${earlier.challenge}:${solveChallenge(earlier.challenge, BITS)}`;
    assertChallengeRequired(await search({ [POW_HEADER]: header }), 'expired');
  });

  it('answers 428 for a challenge it did not sign', async () => {
    const forged = createChallengeIssuer({ bits: BITS, sign: () => 'A'.repeat(43) }).issue(new Date(NOW));
    const header = `${forged.challenge}:${solveChallenge(forged.challenge, BITS)}`;
    assertChallengeRequired(await search({ [POW_HEADER]: header }), 'signature');
  });

  it('exempts authenticated callers (an employer’s API token)', async () => {
    const token = await t.tokenFor('supervisor');
    const res = await search({ authorization: `Bearer ${token}` });
    assert.equal(res.statusCode, 404, res.body);
  });

  it('guards the printable credential by name + number the same way; a result’s ref needs no new work', async () => {
    const print = (payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/v1/public/certificates/credential', payload, headers });
    assertChallengeRequired(await print(query), 'missing');
    const c = await challenge();
    const solved = await print(query, {
      [POW_HEADER]: `${c.challenge}:${solveChallenge(c.challenge, c.bits)}`,
    });
    assert.equal(solved.statusCode, 404, solved.body);
    const byRef = await print({ ref: 'bm90LWEtcmVm.AAAA' });
    assert.equal(byRef.statusCode, 404, byRef.body);
  });
});
