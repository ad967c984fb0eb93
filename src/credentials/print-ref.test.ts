import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createProtector } from '../protection/protection.model.ts';
import { makeRef, REF_TTL_MS, readRef } from './print-ref.ts';

const protector = createProtector(randomBytes(32), new Map([['k1', randomBytes(32)]]), 'k1');
const other = createProtector(randomBytes(32), new Map([['k1', randomBytes(32)]]), 'k1');
const now = new Date('2026-11-29T10:00:00Z');
const id = '0193d1c8-5f2e-7a10-9c41-0e2b7d3a9f11';

describe('print refs (issue 5 §6)', () => {
  it('reads back the certificate id until it lapses', () => {
    const ref = makeRef(protector, id, now);
    assert.equal(readRef(protector, ref, now), id);
    assert.equal(readRef(protector, ref, new Date(now.getTime() + REF_TTL_MS)), id);
    assert.equal(readRef(protector, ref, new Date(now.getTime() + REF_TTL_MS + 1)), null);
  });

  it('refuses a ref made with another key, an altered one, and garbage', () => {
    const ref = makeRef(protector, id, now);
    assert.equal(readRef(other, ref, now), null);
    assert.equal(readRef(protector, `${ref.slice(0, 5)}x${ref.slice(6)}`, now), null);
    assert.equal(readRef(protector, 'nonsense', now), null);
    assert.equal(readRef(protector, '', now), null);
  });
});
