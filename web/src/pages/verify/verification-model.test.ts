import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check } from '../../credentials/vc-schema.ts';
import { type Verification, verdictOf, verificationViewModel } from './verification-model.ts';

/** The verify page's view model (issue 17 §9): a forged credential's issuer is a claim, never a fact. */
const did = 'did:web:hutong.example';
const payload = (issuerName: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'HutongCertificateCredential'],
  issuer: { id: did, name: issuerName },
  credentialSubject: { name: '张三' },
});
const checks = (over: Partial<Record<Check['check'], Check>>): Check[] =>
  (['schema', 'issuer', 'signature', 'validity', 'status'] as const).map(
    (check) => over[check] ?? { check, status: 'valid' },
  );

describe('verificationViewModel', () => {
  it('a forged credential: its payload’s issuer name is not shown, its id only as an unverified claim', () => {
    const forged: Verification = {
      verified: false,
      checks: checks({
        signature: { check: 'signature', status: 'invalid', reason: 'bad-signature' },
        status: { check: 'status', status: 'skipped', reason: 'not-checked' },
      }),
      credential: payload('上海市人力资源和社会保障局'),
      // Even if a verifier passed the payload's name along, the model does not use it.
      issuer: { id: did, name: '上海市人力资源和社会保障局', trusted: true },
    };
    const model = verificationViewModel(forged);
    assert.equal(model.verdict, 'invalid');
    assert.equal(model.claims, 'unverified');
    assert.deepEqual(model.issuer, { text: did, isClaim: true });
  });

  it('a credential without a signature check (unknown issuer) is unverified too', () => {
    const model = verificationViewModel({
      verified: false,
      checks: checks({
        issuer: { check: 'issuer', status: 'invalid', reason: 'unknown-issuer' },
        signature: { check: 'signature', status: 'skipped', reason: 'not-checked' },
      }),
      credential: { ...payload('某某局'), issuer: 'https://forger.example' },
      issuer: { id: 'https://forger.example', trusted: false },
    });
    assert.equal(model.claims, 'unverified');
    assert.deepEqual(model.issuer, { text: 'https://forger.example', isClaim: true });
  });

  it('a tampered QR link (digest mismatch) is unverified even when the stored credential is signed', () => {
    const model = verificationViewModel({
      verified: false,
      checks: [{ check: 'digest', status: 'invalid', reason: 'digest-mismatch' }, ...checks({})],
      credential: payload('上海市人力资源和社会保障局'),
      issuer: { id: did, name: '上海市人力资源和社会保障局', trusted: true },
    });
    assert.equal(model.claims, 'unverified');
    assert.equal(model.issuer?.isClaim, true);
  });

  it('a verified credential names its issuer as a fact; a revoked one is authentic but not valid', () => {
    const issuer = { id: did, name: '上海市人力资源和社会保障局', trusted: true };
    const verified = verificationViewModel({
      verified: true,
      checks: checks({}),
      credential: payload('x'),
      issuer,
    });
    assert.deepEqual(verified, {
      verdict: 'verified',
      claims: 'verified',
      issuer: { text: '上海市人力资源和社会保障局', isClaim: false },
    });
    const revokedResult: Verification = {
      verified: false,
      checks: checks({ status: { check: 'status', status: 'invalid', reason: 'revoked' } }),
      credential: payload('x'),
      issuer,
    };
    assert.equal(verdictOf(revokedResult), 'revoked');
    assert.equal(verificationViewModel(revokedResult).claims, 'authentic');
    assert.equal(verificationViewModel(revokedResult).issuer?.isClaim, false);
  });
});
