import { generateKeyPairSync, verify as rawVerify } from 'node:crypto';
import { CompactSign } from 'jose';
import { buildCredential } from '../src/credentials/credential.model.ts';
import { credentialLink, qrVersionOf } from '../src/credentials/qr.ts';
import { bitAt, STATUS_LIST_SIZE } from '../src/credentials/status-list.ts';
import { parseCompactJws, verifyCompact } from '../src/credentials/verify.ts';
import { testCatalog } from '../src/testing/app.ts';
import type { Figure } from './figures.ts';
import { benchQuery } from './query.ts';

/**
 * Credentials (issue 5 §6, §10):
 *  1. verification (signature + validity, status from a cached list) vs raw Ed25519 verification with node:crypto
 *     of the same bytes — target ≥ 0.7×;
 *  2. the size of a compact credential and the QR code version it would need, vs the link form;
 *  3. the public query over HTTP on PostgreSQL vs the bare SQL lookup (query-child.ts) — ≥ 0.6×, p99 < 25 ms.
 */
export async function benchCredentials(figures: Figure[], people: number): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const did = 'did:web:hutong.example.gov.cn';
  const payload = buildCredential(
    {
      type: 'mem.lv-electrician',
      department: 'mem',
      number: null,
      numberForDigest: 'T11010519491231002X',
      numberMasked: 'T1101**********002X',
      holderName: '张三',
      idType: 'resident',
      idNumber: '11010519491231002X',
      idMasked: '1101**********002X',
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuerRegion: '310000',
      issuerOrg: '上海市应急管理局',
      occupation: null,
      level: null,
      statusIndex: 4242,
    },
    {
      issuer: did,
      issuerName: '互通 Hutong',
      publicUrl: 'https://hutong.example.gov.cn',
      credentialId: '0193d1c8-5f2e-7a10-9c41-0e2b7d3a9f11',
      salt: 'b64salt-b64salt-b64sa',
      issuedAt: new Date(),
    },
    testCatalog(),
  );
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: `${did}#key` })
    .sign(privateKey);
  const list = new Uint8Array(STATUS_LIST_SIZE / 8);
  const env = {
    now: new Date(),
    resolveKey: () => ({ kind: 'key' as const, key: publicKey, trusted: true }),
    status: (_issuer: string, e: { statusListIndex: string }) =>
      bitAt(list, Number(e.statusListIndex)) ? ('set' as const) : ('clear' as const),
  };
  const n = 20_000;
  const parsed = parseCompactJws(jws);
  if (!parsed.ok) throw new Error('bench credential does not parse');
  const { signingInput, signature } = parsed.jws;
  for (let i = 0; i < 500; i++) {
    await verifyCompact(jws, env);
    rawVerify(null, signingInput, publicKey, signature);
  }
  let t0 = performance.now();
  for (let i = 0; i < n; i++)
    if (!rawVerify(null, signingInput, publicKey, signature)) throw new Error('raw');
  const raw = n / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let i = 0; i < n; i++) if (!(await verifyCompact(jws, env)).verified) throw new Error('not verified');
  const full = n / ((performance.now() - t0) / 1000);
  figures.push({
    name: 'credential verification (schema + signature + validity + status from a cached list), one core',
    value: full,
    unit: 'verifications/s',
    anchor: { name: 'raw Ed25519 verify of the same bytes, node:crypto', value: raw },
    target: '≥ 0.7×',
  });
  const version = qrVersionOf(jws);
  figures.push({
    name: `compact credential size (QR at level M: ${version === null ? 'does not fit even version 40' : `version ${version}`})`,
    value: Buffer.byteLength(jws),
    unit: 'bytes',
  });
  const link = credentialLink(
    'https://hutong.example.gov.cn',
    '0193d1c8-5f2e-7a10-9c41-0e2b7d3a9f11',
    'x'.repeat(43),
  );
  figures.push({
    name: `QR link form (URL + SHA-256): QR version at level M (comfortable ≤ 10)`,
    value: qrVersionOf(link) ?? 41,
    unit: 'version',
  });

  await benchQuery(figures, people);
}
