import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Check,
  isVerified,
  schemaProblem,
  statusEntries,
  VC_CONTEXT_V2,
  validityCheck,
} from './vc-schema.ts';

const did = 'did:web:localhost%3A8080';
const header = { alg: 'EdDSA', typ: 'vc+jwt', kid: `${did}#k` };
const payload = {
  '@context': [VC_CONTEXT_V2],
  type: ['VerifiableCredential', 'HutongCertificateCredential'],
  issuer: { id: did, name: '互通' },
  iss: did,
  validFrom: '2024-03-01T00:00:00+08:00',
  validUntil: '2030-02-28T23:59:59+08:00',
  credentialSubject: { name: '李四' },
};

describe('VC-JOSE-COSE rules in the browser', () => {
  it('accepts a well-formed credential and refuses each broken rule with its reason', () => {
    assert.equal(schemaProblem(header, payload), null);
    const table: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      ['unsecured', { ...header, alg: 'none' }, payload],
      ['unsupported-algorithm', { ...header, alg: 'HS256' }, payload],
      ['wrong-typ', { ...header, typ: 'JWT' }, payload],
      ['wrong-cty', { ...header, cty: 'json' }, payload],
      ['unsupported-crit', { ...header, crit: ['b64'] }, payload],
      ['forbidden-claim', header, { ...payload, vc: {} }],
      ['forbidden-claim', header, { ...payload, vp: {} }],
      ['wrong-context', header, { ...payload, '@context': ['https://www.w3.org/2018/credentials/v1'] }],
      ['not-a-credential', header, { ...payload, type: ['Other'] }],
      ['missing-issuer', header, { ...payload, issuer: {} }],
      ['issuer-mismatch', header, { ...payload, iss: 'did:web:example.org' }],
      ['missing-subject', header, { ...payload, credentialSubject: null }],
      ['bad-date', header, { ...payload, validUntil: 'soon' }],
    ];
    for (const [reason, h, p] of table) assert.equal(schemaProblem(h, p)?.reason, reason, reason);
    assert.equal(schemaProblem({ ...header, cty: 'vc' }, { ...payload, issuer: did }), null);
  });

  it('checks the validity window', () => {
    assert.equal(validityCheck(payload, new Date('2025-01-01')).status, 'valid');
    assert.equal(validityCheck(payload, new Date('2024-02-29T15:59:59Z')).reason, 'not-yet-valid');
    assert.equal(validityCheck(payload, new Date('2030-03-01')).reason, 'expired');
    assert.equal(validityCheck({}, new Date()).status, 'valid');
  });

  it('reports review-overdue the day after reviewedUntil, Beijing time (issue 13 item 5)', () => {
    const reviewed = { ...payload, credentialSubject: { certificate: { reviewedUntil: '2027-02-28' } } };
    assert.equal(validityCheck(reviewed, new Date('2027-02-28T15:59:59Z')).status, 'valid');
    assert.equal(validityCheck(reviewed, new Date('2027-02-28T16:00:00Z')).reason, 'review-overdue');
    const odd = { ...payload, credentialSubject: { certificate: { reviewedUntil: 'soon' } } };
    assert.equal(validityCheck(odd, new Date('2025-01-01')).reason, 'bad-review-date');
  });

  it('reads Bitstring Status List entries and refuses malformed ones', () => {
    const entry = {
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: 'http://localhost:8080/api/v1/credentials/status/revocation/0',
    };
    assert.deepEqual(statusEntries({ credentialStatus: [entry, { type: 'Other' }] }), [
      {
        statusPurpose: 'revocation',
        statusListIndex: 42,
        statusListCredential: entry.statusListCredential,
      },
    ]);
    assert.equal(statusEntries({ credentialStatus: { ...entry, statusListIndex: 42 } }), null);
    assert.deepEqual(statusEntries({}), []);
  });

  it('verifies only with a valid signature and no failed or erroneous check; skipped is not a failure', () => {
    const c = (check: Check['check'], status: Check['status']): Check => ({ check, status });
    assert.equal(isVerified([c('signature', 'valid'), c('status', 'skipped')]), true);
    assert.equal(isVerified([c('signature', 'valid'), c('status', 'error')]), false);
    assert.equal(isVerified([c('signature', 'skipped')]), false);
    assert.equal(isVerified([c('signature', 'valid'), c('digest', 'invalid')]), false);
  });
});
