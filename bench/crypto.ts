import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import {
  blindIndex,
  CRYPTO_PROFILES,
  type CryptoProfile,
  deriveMasterSubkey,
  digestHex,
  generateSm2KeyPair,
  hashAlgorithmOf,
  open,
  seal,
  sealAlgorithmOf,
  sm2Sign,
  sm2Verify,
} from '../src/protection/crypto-profile.ts';
import type { Figure } from './figures.ts';

/** Operations per second of `fn` over at least `ms` milliseconds (after a short warm-up). */
function rate(fn: () => void, ms = 1000): number {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

/**
 * Crypto profiles side by side (issue 18 §6): seal/open of an ID number, a blind index, a chain link, and a
 * credential signature and its verification, for `international` and `gm`. Each gm figure's anchor is the same
 * operation under `international` (the ratio is the price of 国密); the international figures' anchors are bare
 * node:crypto calls. SM2 runs in JavaScript (sm-crypto-v2), Ed25519 and SM3/SM4/AES in OpenSSL.
 */
export async function benchCrypto(figures: Figure[]): Promise<void> {
  const key = randomBytes(32);
  const master = randomBytes(32);
  const idNumber = Buffer.from('11010519491231002X');
  const payload = Buffer.from(randomBytes(600).toString('base64url')); // about a credential's signing input
  const byProfile = new Map<CryptoProfile, Record<string, number>>();
  for (const profile of CRYPTO_PROFILES) {
    const algorithm = sealAlgorithmOf(profile);
    const sealed = seal(algorithm, key, 'k1', idNumber);
    const indexKey = deriveMasterSubkey(profile, master, 'blind-index');
    const hash = hashAlgorithmOf(profile);
    byProfile.set(profile, {
      seal: rate(() => seal(algorithm, key, 'k1', idNumber)),
      open: rate(() => open(key, sealed)),
      index: rate(() => blindIndex(profile, indexKey, 'id:resident', '11010519491231002X')),
      chain: rate(() => digestHex(hash, `${'0'.repeat(64)}|${payload.toString()}`)),
    });
  }
  const ed = generateKeyPairSync('ed25519');
  const edSignature = sign(null, payload, ed.privateKey);
  const sm2Keys = generateSm2KeyPair();
  const sm2Signature = sm2Sign(sm2Keys, payload);
  const edSign = rate(() => sign(null, payload, ed.privateKey));
  const edVerify = rate(() => verify(null, payload, ed.publicKey, edSignature));
  const sm2SignRate = rate(() => sm2Sign(sm2Keys, payload), 2000);
  const sm2VerifyRate = rate(() => sm2Verify(sm2Keys.publicKey, payload, sm2Signature), 2000);

  const intl = byProfile.get('international') ?? {};
  const gm = byProfile.get('gm') ?? {};
  const labels: [string, string, string][] = [
    ['seal', 'seal an ID number', 'AES-256-GCM | SM4-CTR+HMAC-SM3'],
    ['open', 'open an ID number', 'AES-256-GCM | SM4-CTR+HMAC-SM3'],
    ['index', 'blind index', 'HMAC-SHA-256 | HMAC-SM3'],
    ['chain', 'chain link (600 B)', 'SHA-256 | SM3'],
  ];
  for (const [op, what, algs] of labels) {
    const a = intl[op] ?? 0;
    const b = gm[op] ?? 0;
    figures.push({
      name: `crypto international: ${what} (${algs.split(' | ')[0]})`,
      value: a,
      unit: 'ops/s',
    });
    figures.push({
      name: `crypto gm: ${what} (${algs.split(' | ')[1]})`,
      value: b,
      unit: 'ops/s',
      anchor: { name: 'international', value: a },
    });
  }
  figures.push({ name: 'crypto international: sign a credential (Ed25519)', value: edSign, unit: 'ops/s' });
  figures.push({
    name: 'crypto gm: also sign with SM2 (sm-crypto-v2, Z included)',
    value: sm2SignRate,
    unit: 'ops/s',
    anchor: { name: 'Ed25519 sign', value: edSign },
  });
  figures.push({ name: 'crypto international: verify (Ed25519)', value: edVerify, unit: 'ops/s' });
  figures.push({
    name: 'crypto gm: also verify SM2',
    value: sm2VerifyRate,
    unit: 'ops/s',
    anchor: { name: 'Ed25519 verify', value: edVerify },
  });
}
