import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { Principal } from '../accounts/accounts.model.ts';
import { bitAt, decodeList } from '../credentials/status-list.ts';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { decideIntake } from './decision-intake.ts';

let t: TestApp;
let mem: string;
let mohurdSh: string;
let mohurdGd: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

before(async () => {
  t = await createTestApp({ env: { HUTONG_LOG_LEVEL: 'error' } });
  mem = await t.tokenFor('department-admin', { department: 'mem' });
  mohurdSh = await t.tokenFor('department-admin', { department: 'mohurd', province: '310000' });
  mohurdGd = await t.tokenFor('department-admin', { department: 'mohurd', province: '440000' });
});
after(async () => {
  await t.close();
});

let serial = 300;
function newIdNumber(): string {
  serial += 1;
  const body = `31010119850101${String(serial).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** A holder with one MEM 低压电工 certificate, signed in: the certificate's id and the holder's session cookie. */
async function holderWithCertificate() {
  const idNumber = newIdNumber();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: auth(mem),
    payload: {
      type: 'mem.lv-electrician',
      number: `T${idNumber}`,
      holder: { name: '王五', idType: 'resident', idNumber },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const username = `holder-${serial}`;
  const user = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: auth(TEST_ADMIN_TOKEN),
    payload: {
      username,
      displayName: '王五',
      password: 'correct horse battery',
      role: 'holder',
      holderIdNumber: idNumber,
    },
  });
  assert.equal(user.statusCode, 201, user.body);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'correct horse battery' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
  return { certificateId: created.json().id as string, holderId: user.json().holderId as string, cookie };
}

async function decide(holder: { holderId: string; cookie: string }, region = '310000') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/holders/${holder.holderId}/recognitions?region=${region}`,
    headers: { cookie: holder.cookie },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { decisionId: string; exemptions: { target: string }[] };
}

async function credentialOf(decisionId: string, headers: Record<string, string>) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/recognition/decisions/${decisionId}/credential`,
    headers,
  });
}

async function verifyOnServer(credential: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/credentials/verify',
    payload: { credential },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { verified: boolean; checks: { check: string; status: string; reason?: string }[] };
}

describe('互认决定书: the decision as a verifiable credential', () => {
  it('verifies with jose’s jwtVerify, names holder, grants and basis, and fails once the basis is revoked', async () => {
    const holder = await holderWithCertificate();
    const { decisionId, exemptions } = await decide(holder);
    assert.ok(exemptions.some((e) => e.target === 'mohurd.electrician'));

    const res = await credentialOf(decisionId, { cookie: holder.cookie });
    assert.equal(res.statusCode, 200, res.body);
    const issued = res.json() as { id: string; credential: string; digest: string; qr: { text: string } };
    assert.match(issued.qr.text, new RegExp(`/v/${issued.id}#`));
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const { payload, protectedHeader } = await jwtVerify(issued.credential, createLocalJWKSet(jwks), {
      typ: 'vc+jwt',
    });
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.deepEqual(payload.type, ['VerifiableCredential', 'RecognitionDecision']);
    const validity = Date.parse(String(payload.validUntil)) - Date.parse(String(payload.validFrom));
    assert.equal(validity, 90 * 86_400_000);
    const subject = payload.credentialSubject as {
      idNumberMasked: string;
      idNumberDigest: { digest: string };
      decision: {
        id: string;
        factsHash: { digest: string };
        policy: { national: string };
        exemptions: {
          target: string;
          department: string;
          basis: { numberMasked: string; credential: string }[];
        }[];
      };
    };
    assert.ok(!issued.credential.includes(holder.certificateId), 'the certificate id is not named');
    assert.doesNotMatch(JSON.stringify(payload), /T31010119850101\d{4}/, 'no full number in the credential');
    assert.equal(subject.decision.id, `urn:uuid:${decisionId}`);
    assert.match(subject.decision.factsHash.digest, /^[0-9a-f]{64}$/);
    const toMohurd = subject.decision.exemptions.find((e) => e.target === 'mohurd.electrician');
    assert.equal(toMohurd?.department, 'mohurd');
    const basis = toMohurd?.basis[0];
    assert.match(basis?.numberMasked ?? '', /\*/);
    // The basis credential id is the certificate's own credential.
    const certificateCredential = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${holder.certificateId}/credential`,
      headers: { cookie: holder.cookie },
    });
    assert.equal(basis?.credential, `urn:uuid:${certificateCredential.json().id}`);
    const status = payload.credentialStatus as { statusPurpose: string; statusListCredential: string }[];
    assert.deepEqual(status.map((s) => s.statusPurpose).sort(), ['revocation', 'suspension']);

    assert.equal((await verifyOnServer(issued.credential)).verified, true);
    // The same credential again while nothing changed: a printed QR keeps pointing at it.
    assert.equal((await credentialOf(decisionId, { cookie: holder.cookie })).json().id, issued.id);
    // The QR link's target serves it publicly.
    const stored = await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/${issued.id}` });
    assert.equal(stored.statusCode, 200, stored.body);
    assert.equal(stored.json().decisionId, decisionId);
    assert.equal(stored.json().credential, issued.credential);

    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/v1/certificates/${holder.certificateId}/revoke`,
      headers: auth(mem),
      payload: { reason: '测试 test' },
    });
    assert.equal(revoke.statusCode, 200, revoke.body);
    const after = await verifyOnServer(issued.credential);
    assert.equal(after.verified, false);
    assert.equal(after.checks.find((c) => c.check === 'status')?.reason, 'revoked');
    // Independently: the signed revocation list (checked with jose) has the basis certificate's bit set.
    const entry = (
      payload.credentialStatus as {
        statusPurpose: string;
        statusListIndex: string;
        statusListCredential: string;
      }[]
    ).find((s) => s.statusPurpose === 'revocation');
    assert.ok(entry);
    const list = await t.app.inject({ method: 'GET', url: new URL(entry.statusListCredential).pathname });
    const { payload: listPayload } = await jwtVerify(list.body, createLocalJWKSet(jwks), { typ: 'vc+jwt' });
    const bits = decodeList((listPayload.credentialSubject as { encodedList: string }).encodedList);
    assert.equal(bitAt(bits, Number(entry.statusListIndex)), true);
    // No new decision credential over a revoked basis.
    assert.equal((await credentialOf(decisionId, { cookie: holder.cookie })).statusCode, 409);
  });

  it('is the holder’s own: another holder gets 404, an admin who may read the holder gets it', async () => {
    const a = await holderWithCertificate();
    const b = await holderWithCertificate();
    const { decisionId } = await decide(a);
    assert.equal((await credentialOf(decisionId, { cookie: b.cookie })).statusCode, 404);
    assert.equal((await credentialOf(decisionId, auth(mem))).statusCode, 200);
    assert.equal((await credentialOf(decisionId, auth(mohurdGd))).statusCode, 404);
  });
});

describe('受理结果: the target department records its intake', () => {
  it('accepts from the target department in scope, 403 for another, and the holder sees it', async () => {
    const holder = await holderWithCertificate();
    const { decisionId } = await decide(holder);
    const intake = (token: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/recognition/decisions/${decisionId}/intake`,
        headers: auth(token),
        payload,
      });
    const other = await intake(mem, { outcome: 'accepted' });
    assert.equal(other.statusCode, 403, other.body);
    const elsewhere = await intake(mohurdGd, { outcome: 'accepted' });
    assert.equal(elsewhere.statusCode, 403, elsewhere.body);
    const noReason = await intake(mohurdSh, { outcome: 'refused' });
    assert.equal(noReason.statusCode, 400, noReason.body);
    const refused = await intake(mohurdSh, { outcome: 'refused', reason: '材料不全 incomplete' });
    assert.equal(refused.statusCode, 200, refused.body);
    const accepted = await intake(mohurdSh, { outcome: 'accepted' });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().department, 'mohurd');
    assert.equal(accepted.json().region, '310000');

    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/recognition/decisions/${decisionId}`,
      headers: { cookie: holder.cookie },
    });
    assert.equal(view.statusCode, 200, view.body);
    const intakes = view.json().intakes as { department: string; outcome: string; reason: string | null }[];
    assert.deepEqual(
      intakes.map((i) => [i.department, i.outcome, i.reason]),
      [['mohurd', 'accepted', null]],
    );
    assert.equal(view.json().canRecordIntake, false);
    // The target department sees the decision (to record on it) although it reads none of the holder's certificates.
    const asTarget = await t.app.inject({
      method: 'GET',
      url: `/api/v1/recognition/decisions/${decisionId}`,
      headers: auth(mohurdSh),
    });
    assert.equal(asTarget.statusCode, 200, asTarget.body);
    assert.equal(asTarget.json().canRecordIntake, true);
    assert.doesNotMatch(asTarget.body, /T31010119850101\d{4}/);
    // The change is audited with the outcome it replaced.
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before'])
      .where('target_id', '=', decisionId)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['decision-intake.record', 'decision-intake.change'],
    );
    assert.equal((audit[1]?.before as { outcome?: string } | undefined)?.outcome, 'refused');
    // 跟踪分析 counts the current outcome per rule, department and province; another department sees none.
    const figures = await t.app.inject({
      method: 'GET',
      url: '/api/v1/statistics/intakes',
      headers: auth(mohurdSh),
    });
    assert.equal(figures.statusCode, 200, figures.body);
    const f = figures.json();
    assert.deepEqual(f.total, { accepted: 1, refused: 0 });
    assert.equal(f.byDepartment[0].department.code, 'mohurd');
    assert.equal(f.byProvince[0].province.code, '310000');
    assert.ok(f.byRule.length >= 1 && f.byRule.every((r: { accepted: number }) => r.accepted === 1));
    const memFigures = await t.app.inject({
      method: 'GET',
      url: '/api/v1/statistics/intakes',
      headers: auth(mem),
    });
    assert.deepEqual(memFigures.json().total, { accepted: 0, refused: 0 });
  });
});

describe('decideIntake', () => {
  const principal = (p: Partial<Principal>): Principal => ({
    via: 'token',
    userId: null,
    username: 'x',
    role: 'department-admin',
    department: null,
    province: null,
    institution: null,
    holderId: null,
    ...p,
  });
  const targets = new Map([
    ['mohurd', ['rule.a']],
    ['samr', ['rule.b']],
  ]);
  const cases: Array<[string, Principal, string | null, string | undefined, string | false]> = [
    ['target department, unscoped', principal({ department: 'mohurd' }), '310000', undefined, 'mohurd'],
    [
      'target department, its province',
      principal({ department: 'mohurd', province: '310000' }),
      '310100',
      undefined,
      'mohurd',
    ],
    [
      'target department, another province',
      principal({ department: 'mohurd', province: '440000' }),
      '310000',
      undefined,
      false,
    ],
    [
      'no region: the recorder’s province',
      principal({ department: 'samr', province: '440000' }),
      null,
      undefined,
      'samr',
    ],
    ['not a target', principal({ department: 'mem' }), '310000', undefined, false],
    ['asks for another department', principal({ department: 'mohurd' }), '310000', 'samr', false],
    ['system admin names one', principal({ role: 'system-admin' }), '310000', 'samr', 'samr'],
    [
      'system admin, two targets, none named',
      principal({ role: 'system-admin' }),
      '310000',
      undefined,
      false,
    ],
    ['province admin', principal({ role: 'province-admin', province: '310000' }), '310000', undefined, false],
  ];
  for (const [name, who, region, requested, expected] of cases) {
    it(name, () => {
      const d = decideIntake(who, targets, region, requested);
      assert.equal(d.ok ? d.department : false, expected);
    });
  }
});
