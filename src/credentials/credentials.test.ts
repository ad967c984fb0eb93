import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { z } from 'zod';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { bitAt, decodeList } from './status-list.ts';

let t: TestApp;
let mem: string;
let sysadmin: string;

before(async () => {
  t = await createTestApp({ env: { HUTONG_LOG_LEVEL: 'error' } });
  mem = await t.tokenFor('department-admin', { department: 'mem' });
  sysadmin = await t.tokenFor('system-admin');
});
after(async () => {
  await t.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
let serial = 100;
export function newIdNumber(): string {
  serial += 1;
  const body = `31010119900101${String(serial).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

async function createCertificate(extra: Record<string, unknown> = {}) {
  const idNumber = newIdNumber();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: auth(mem),
    payload: {
      type: 'mem.lv-electrician',
      number: `T${idNumber}`,
      holder: { name: '李四', idType: 'resident', idNumber },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
      ...extra,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return { id: res.json().id as string, idNumber };
}

async function credentialOf(id: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/certificates/${id}/credential`,
    headers: auth(mem),
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { id: string; credential: string; digest: string; qr: { mode: string; text: string } };
}

async function verify(credential: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/credentials/verify',
    payload: { credential },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    verified: boolean;
    checks: { check: string; status: string; reason?: string }[];
    credential?: Record<string, unknown>;
  };
}

const checkOf = (r: Awaited<ReturnType<typeof verify>>, name: string) =>
  r.checks.find((c) => c.check === name);

async function lifecycle(id: string, action: 'revoke' | 'suspend' | 'reinstate') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/certificates/${id}/${action}`,
    headers: auth(mem),
    payload: { reason: 'test' },
  });
  assert.equal(res.statusCode, 200, res.body);
}

describe('issue and verify', () => {
  it('issues a VC 2.0 as vc+jwt that verifies with every check valid', async () => {
    const { id, idNumber } = await createCertificate();
    const c = await credentialOf(id);
    const header = decodeProtectedHeader(c.credential);
    assert.equal(header.typ, 'vc+jwt');
    assert.equal(header.alg, 'EdDSA');
    const r = await verify(c.credential);
    assert.equal(r.verified, true, JSON.stringify(r.checks));
    for (const name of ['schema', 'issuer', 'signature', 'validity', 'status'])
      assert.equal(checkOf(r, name)?.status, 'valid', name);
    // Neither the ID number nor the MEM number (which embeds it) appears in clear.
    assert.ok(
      !Buffer.from(c.credential.split('.')[1] as string, 'base64url')
        .toString()
        .includes(idNumber),
    );
    // The same facts and key: the same stored credential (a printed QR keeps working).
    assert.equal((await credentialOf(id)).id, c.id);
  });

  it('one flipped byte in the payload or the signature makes it invalid with a reason', async () => {
    const { id } = await createCertificate();
    const { credential } = await credentialOf(id);
    const [h, p, s] = credential.split('.') as [string, string, string];
    const payload = Buffer.from(p, 'base64url');
    const at = payload.indexOf('李四');
    payload[at + 1] = (payload[at + 1] as number) ^ 0x01; // a different character of the name, still valid JSON
    const tampered = await verify(`${h}.${payload.toString('base64url')}.${s}`);
    assert.equal(tampered.verified, false);
    assert.equal(checkOf(tampered, 'signature')?.reason, 'bad-signature');
    const sig = Buffer.from(s, 'base64url');
    sig[10] = (sig[10] as number) ^ 0x01;
    const badSig = await verify(`${h}.${p}.${sig.toString('base64url')}`);
    assert.equal(badSig.verified, false);
    assert.equal(checkOf(badSig, 'signature')?.status, 'invalid');
    assert.equal(checkOf(badSig, 'signature')?.reason, 'bad-signature');
  });

  it('revoke → status invalid (revoked); suspend → suspended; reinstate → valid again', async () => {
    const a = await createCertificate();
    const ca = await credentialOf(a.id);
    await lifecycle(a.id, 'suspend');
    let r = await verify(ca.credential);
    assert.equal(r.verified, false);
    assert.deepEqual(checkOf(r, 'status'), {
      check: 'status',
      status: 'invalid',
      reason: 'suspended',
      message: 'the suspension status list marks this credential',
    });
    await lifecycle(a.id, 'reinstate');
    r = await verify(ca.credential);
    assert.equal(r.verified, true, JSON.stringify(r.checks));
    await lifecycle(a.id, 'revoke');
    r = await verify(ca.credential);
    assert.equal(checkOf(r, 'status')?.reason, 'revoked');
    assert.equal(checkOf(r, 'signature')?.status, 'valid');
  });

  it('an expired certificate verifies as expired', async () => {
    const { id } = await createCertificate({ validFrom: '2018-01-01', validUntil: '2024-01-01' });
    const r = await verify((await credentialOf(id)).credential);
    assert.equal(r.verified, false);
    assert.equal(checkOf(r, 'validity')?.reason, 'expired');
  });
});

describe('status lists', () => {
  it('serves each list signed, and the bit of a revoked certificate is set in it', async () => {
    const { id } = await createCertificate();
    const c = await credentialOf(id);
    await lifecycle(id, 'revoke');
    const payload = JSON.parse(Buffer.from(c.credential.split('.')[1] as string, 'base64url').toString());
    const entry = payload.credentialStatus.find(
      (e: { statusPurpose: string }) => e.statusPurpose === 'revocation',
    );
    const res = await t.app.inject({ method: 'GET', url: new URL(entry.statusListCredential).pathname });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /application\/vc\+jwt/);
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const { payload: list } = await jwtVerify(res.body, createLocalJWKSet(jwks), { typ: 'vc+jwt' });
    const subject = list.credentialSubject as { statusPurpose: string; encodedList: string };
    assert.equal(subject.statusPurpose, 'revocation');
    const bits = decodeList(subject.encodedList);
    assert.equal(bits.length, 131_072 / 8);
    assert.equal(bitAt(bits, Number(entry.statusListIndex)), true);
    const suspension = await t.app.inject({
      method: 'GET',
      url: new URL(entry.statusListCredential).pathname.replace('revocation', 'suspension'),
    });
    const s = await jwtVerify(suspension.body, createLocalJWKSet(jwks), { typ: 'vc+jwt' });
    const sBits = decodeList((s.payload.credentialSubject as { encodedList: string }).encodedList);
    assert.equal(bitAt(sBits, Number(entry.statusListIndex)), false);
  });

  it('any writer flips the bits in its own transaction: a set-based update, and a rolled-back one leaves none', async () => {
    const a = await createCertificate();
    const b = await createCertificate();
    const bitsOf = async () => {
      const rows = await t.db
        .selectFrom('certificates')
        .select(['id', 'status_index'])
        .where('id', 'in', [a.id, b.id])
        .execute();
      return Promise.all(
        rows.map(async (r) => {
          const idx = Number(r.status_index) % 131_072;
          const list = await t.db
            .selectFrom('status_lists')
            .select(['purpose', 'bits'])
            .where('list', '=', Math.floor(Number(r.status_index) / 131_072))
            .execute();
          const bit = (purpose: string) =>
            bitAt(
              new Uint8Array(list.find((l) => l.purpose === purpose)?.bits ?? new Uint8Array(16_384)),
              idx,
            );
          return `${bit('revocation') ? 'R' : '-'}${bit('suspension') ? 'S' : '-'}`;
        }),
      );
    };
    assert.deepEqual(await bitsOf(), ['--', '--']);
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('certificates')
          .set({ status: 'revoked' })
          .where('id', 'in', [a.id, b.id])
          .execute();
        throw new Error('roll back');
      }),
    );
    assert.deepEqual(await bitsOf(), ['--', '--']);
    await t.db
      .updateTable('certificates')
      .set({ status: 'suspended' })
      .where('id', 'in', [a.id, b.id])
      .execute();
    assert.deepEqual(await bitsOf(), ['-S', '-S']);
    await t.db.updateTable('certificates').set({ status: 'revoked' }).where('id', '=', a.id).execute();
    assert.deepEqual((await bitsOf()).sort(), ['-S', 'R-']);
  });

  it('a list beyond the last certificate is 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/credentials/status/revocation/9999' });
    assert.equal(res.statusCode, 404);
  });
});

// VC Data Model 2.0 §4 shape, checked independently of Hutong's own verifier (issue 5 §7).
const vc2 = z.object({
  '@context': z.array(z.string()).refine((c) => c[0] === 'https://www.w3.org/ns/credentials/v2'),
  id: z.string().startsWith('urn:uuid:'),
  type: z.array(z.string()).refine((t) => t.includes('VerifiableCredential')),
  issuer: z.object({ id: z.string().startsWith('did:web:'), name: z.string() }),
  validFrom: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  credentialSubject: z.object({
    name: z.string(),
    idNumberMasked: z.string().regex(/\*{4,}/),
    certificate: z.object({ certificateType: z.string(), validFrom: z.string() }),
  }),
  credentialStatus: z
    .array(
      z.object({
        type: z.literal('BitstringStatusListEntry'),
        statusPurpose: z.enum(['revocation', 'suspension']),
        statusListIndex: z.string().regex(/^\d+$/),
        statusListCredential: z.url(),
      }),
    )
    .length(2),
});

describe('interop', () => {
  it('verifies with jose’s jwtVerify against the published JWKS, typ vc+jwt, and has the VC 2.0 shape', async () => {
    const { id } = await createCertificate();
    const { credential } = await credentialOf(id);
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const { payload, protectedHeader } = await jwtVerify(credential, createLocalJWKSet(jwks), {
      typ: 'vc+jwt',
      algorithms: ['EdDSA'],
    });
    assert.equal(protectedHeader.kid, jwks.keys[0].kid);
    assert.equal(payload.iss, (payload.issuer as { id: string }).id);
    assert.ok(!('vc' in payload) && !('vp' in payload));
    vc2.parse(payload);
    const did = (await t.app.inject({ method: 'GET', url: '/.well-known/did.json' })).json();
    assert.equal(did.id, payload.iss);
    assert.ok(did.verificationMethod.some((m: { id: string }) => m.id === protectedHeader.kid));
  });
});

describe('public credential for printing', () => {
  it('needs the holder’s name with the number; a wrong name and a miss are the same 404', async () => {
    const { idNumber } = await createCertificate();
    const ask = (name: string, number: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/public/certificates/credential',
        payload: { name, number },
      });
    const ok = await ask('李四', `T${idNumber}`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().qr.mode, 'link');
    assert.match(ok.json().qr.text, /\/v\/[0-9a-f-]{36}#[A-Za-z0-9_-]{43}$/);
    const stored = await t.app.inject({ method: 'GET', url: `/api/v1/public/credentials/${ok.json().id}` });
    assert.equal(stored.json().credential, ok.json().credential);
    const qr = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/credentials/${ok.json().id}/qr.svg`,
    });
    assert.match(qr.body, /^<svg/);
    const wrongName = await ask('王五', `T${idNumber}`);
    const miss = await ask('李四', 'T310101199001019999');
    assert.equal(wrongName.statusCode, 404);
    assert.equal(miss.statusCode, 404);
    const strip = (b: string) => ({ ...JSON.parse(b).error, requestId: undefined });
    assert.deepEqual(strip(wrongName.body), strip(miss.body));
  });

  it('a query result’s ref prints that certificate; an altered ref is the same 404', async () => {
    const { idNumber } = await createCertificate();
    const found = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/certificates/search',
      payload: { name: '李四', idNumber },
    });
    assert.equal(found.statusCode, 200, found.body);
    const hosted = found.json().items.find((i: { kind: string }) => i.kind === 'hosted');
    assert.ok(!hosted.ref.includes(idNumber));
    const print = (ref: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/public/certificates/credential', payload: { ref } });
    const ok = await print(hosted.ref);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await verify(ok.json().credential)).verified, true);
    const [body, mac] = hosted.ref.split('.');
    const forged = Buffer.from(
      Buffer.from(body, 'base64url')
        .toString()
        .replace(/^./, (c: string) => (c === '0' ? '1' : '0')),
    ).toString('base64url');
    assert.equal((await print(`${forged}.${mac}`)).statusCode, 404);
  });

  it('a holder gets the credential of their own certificate only', async () => {
    const { id } = await createCertificate();
    const holder = await t.tokenFor('holder');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${id}/credential`,
      headers: auth(holder),
    });
    assert.equal(res.statusCode, 404);
  });
});

describe('trusted issuers admin', () => {
  it('only system admins may list them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/trusted-issuers', headers: auth(mem) });
    assert.equal(res.statusCode, 403);
    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/trusted-issuers', headers: auth(sysadmin) });
    assert.equal(ok.statusCode, 200);
  });
});
