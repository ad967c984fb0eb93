import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChallengeIssuer, powDigest } from '../../../src/query/query.challenge.ts';
import { leadingZeroBits, solvePow } from './pow-solve.ts';

describe('proof-of-work in the browser', () => {
  it('counts leading zero bits', () => {
    const table: Array<[number[], number]> = [
      [[0x80], 0],
      [[0x40], 1],
      [[0x01], 7],
      [[0x00, 0xff], 8],
      [[0x00, 0x00, 0x10], 19],
      [[0x00, 0x00], 16],
    ];
    for (const [bytes, bits] of table)
      assert.equal(leadingZeroBits(new Uint8Array(bytes)), bits, String(bytes));
  });

  it('finds a nonce the server accepts, reporting progress on the way', async () => {
    const issuer = createChallengeIssuer({ bits: 10, sign: () => 'A'.repeat(43) });
    const now = new Date();
    const { challenge, bits } = issuer.issue(now);
    const progress: number[] = [];
    const { nonce, hashes } = await solvePow(challenge, bits, (h) => progress.push(h), 64);
    assert.ok(leadingZeroBits(powDigest(challenge, nonce)) >= bits);
    assert.equal(hashes, Number(nonce) + 1);
    assert.equal(progress.length, Math.floor(Number(nonce) / 64));
    assert.deepEqual(await issuer.redeem(`${challenge}:${nonce}`, now), { ok: true });
  });
});
