import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  generateSm2KeyPair,
  SM2_JWS_ALG,
  type Sm2KeyPair,
  sm2PublicKeyOf,
} from '../protection/crypto-profile.ts';

/**
 * The credential signing key (issue 5 §3): Ed25519, from `HUTONG_SIGNING_KEY` (a private JWK or PKCS#8 PEM) or a
 * key file in the data directory, created on first start. Every public key ever used is kept in `credential_keys`
 * and published, so rotation never invalidates a credential already issued.
 */
export interface SigningKey {
  /** RFC 7638 thumbprint of the public key; the verification method is `<did>#<thumbprint>`. */
  thumbprint: string;
  privateKey: KeyObject;
  publicJwk: JWK;
  /** 国密 profile (issue 18): the SM2 key that signs beside the Ed25519 one. */
  sm2?: Sm2SigningKey;
}

/** An SM2 signing key; published as `{kty: "EC", crv: "SM2", x, y}` (crv SM2 is not IANA-registered). */
export interface Sm2SigningKey {
  thumbprint: string;
  keys: Sm2KeyPair;
  publicJwk: JWK;
}

export const SM2_SIGNING_KEY_FILE = path.join('keys', 'sm2-signing-key.hex');

export async function sm2SigningKeyOf(privateKeyHex: string): Promise<Sm2SigningKey> {
  const publicKey = sm2PublicKeyOf(privateKeyHex);
  const point = Buffer.from(publicKey, 'hex'); // 04 ‖ x ‖ y
  const publicJwk: JWK = {
    kty: 'EC',
    crv: 'SM2',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
  };
  return {
    thumbprint: await calculateJwkThumbprint(publicJwk),
    keys: { privateKey: privateKeyHex, publicKey },
    publicJwk,
  };
}

/** The SM2 key of the data directory (made on first use), or `HUTONG_SM2_SIGNING_KEY` (32 bytes, hex). */
export async function loadSm2SigningKey(envKey: string | undefined, dataDir: string): Promise<Sm2SigningKey> {
  if (envKey) {
    if (!/^[0-9a-fA-F]{64}$/.test(envKey.trim()))
      throw new Error('HUTONG_SM2_SIGNING_KEY must be a 32-byte private key in hex');
    return sm2SigningKeyOf(envKey.trim().toLowerCase());
  }
  const file = path.join(dataDir, SM2_SIGNING_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, generateSm2KeyPair().privateKey, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return sm2SigningKeyOf(fs.readFileSync(file, 'utf8').trim());
}

/** The JWS `alg` a published key signs with. */
export function algOfJwk(jwk: JWK): string {
  return jwk.crv === 'SM2' ? SM2_JWS_ALG : 'EdDSA';
}

export const SIGNING_KEY_FILE = path.join('keys', 'signing-key.pem');
export const RETIRED_KEYS_DIR = path.join('keys', 'retired-signing');

export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('{')
    ? createPrivateKey({ key: JSON.parse(trimmed) as import('node:crypto').JsonWebKey, format: 'jwk' })
    : createPrivateKey(trimmed);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('HUTONG_SIGNING_KEY must be an Ed25519 private key');
  return key;
}

export async function signingKeyOf(privateKey: KeyObject): Promise<SigningKey> {
  const { kty, crv, x } = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicJwk: JWK = { kty, crv, x };
  return { thumbprint: await calculateJwkThumbprint(publicJwk), privateKey, publicJwk };
}

function writeNewKey(file: string): KeyObject {
  const { privateKey } = generateKeyPairSync('ed25519');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  return privateKey;
}

/** A new key held only in memory (tests, and the benchmarks). */
export function generateSigningKey(): Promise<SigningKey> {
  return signingKeyOf(generateKeyPairSync('ed25519').privateKey);
}

/** The active key: the environment's, else the data directory's (made on first use). */
export async function loadSigningKey(envKey: string | undefined, dataDir: string): Promise<SigningKey> {
  if (envKey) return signingKeyOf(parseSigningKey(envKey));
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  const key = fs.existsSync(file) ? createPrivateKey(fs.readFileSync(file)) : writeNewKey(file);
  return signingKeyOf(key);
}

/**
 * Publishes the active key (and the active SM2 key under gm) and marks every other key of the same curve retired
 * (still published, no longer signing).
 */
export async function registerSigningKey(db: Kysely<Database>, key: SigningKey, now: Date): Promise<void> {
  const active = [key, ...(key.sm2 ? [key.sm2] : [])];
  await db.transaction().execute(async (trx) => {
    for (const k of active) {
      await trx
        .insertInto('credential_keys')
        .values({ kid: k.thumbprint, public_jwk: JSON.stringify(k.publicJwk), created_at: now })
        .onConflict((oc) => oc.column('kid').doUpdateSet({ retired_at: null }))
        .execute();
      await trx
        .updateTable('credential_keys')
        .set({ retired_at: now })
        .where('kid', '!=', k.thumbprint)
        .where(sql<string>`coalesce(public_jwk->>'crv', '')`, '=', String(k.publicJwk.crv ?? ''))
        .where('retired_at', 'is', null)
        .execute();
    }
  });
}

/**
 * Rotation of the data-directory key: the old private key is destroyed (its public half stays in the database
 * and in `keys/retired-signing/` for reference) and a new one made. With `HUTONG_SIGNING_KEY`, rotate by setting
 * a new value: the old public key stays published because it is already in `credential_keys`.
 */
export async function rotateSigningKey(
  db: Kysely<Database>,
  dataDir: string,
  now: Date,
): Promise<SigningKey> {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  if (fs.existsSync(file)) {
    const old = await signingKeyOf(createPrivateKey(fs.readFileSync(file)));
    await registerSigningKey(db, old, now); // published even if it never signed through a running server
    const retired = path.join(dataDir, RETIRED_KEYS_DIR);
    fs.mkdirSync(retired, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(retired, `${old.thumbprint}.json`), JSON.stringify(old.publicJwk), {
      mode: 0o600,
    });
    fs.rmSync(file);
  }
  const key = await signingKeyOf(writeNewKey(file));
  await registerSigningKey(db, key, now);
  return key;
}

/**
 * `hutong keys rotate-sm2` (issue 18): the SM2 counterpart of `rotateSigningKey`. The data directory's SM2 private
 * key is destroyed and a new one made; the old public key stays in `credential_keys` (retired: published, no
 * longer signing) and in `keys/retired-signing/`, so every SM2 signature it made keeps verifying. With
 * `HUTONG_SM2_SIGNING_KEY`, rotate by setting a new value.
 */
export async function rotateSm2SigningKey(
  db: Kysely<Database>,
  dataDir: string,
  now: Date,
): Promise<Sm2SigningKey> {
  const file = path.join(dataDir, SM2_SIGNING_KEY_FILE);
  if (fs.existsSync(file)) {
    const old = await sm2SigningKeyOf(fs.readFileSync(file, 'utf8').trim());
    await publishKey(db, old, now); // published even if it never signed through a running server
    const retired = path.join(dataDir, RETIRED_KEYS_DIR);
    fs.mkdirSync(retired, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(retired, `${old.thumbprint}.json`), JSON.stringify(old.publicJwk), {
      mode: 0o600,
    });
    fs.rmSync(file);
  }
  const key = await loadSm2SigningKey(undefined, dataDir); // makes the new key file
  await publishKey(db, key, now);
  return key;
}

/** Publishes one key as the active key of its curve; the other keys of that curve are retired. */
async function publishKey(
  db: Kysely<Database>,
  key: { thumbprint: string; publicJwk: JWK },
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('credential_keys')
      .values({ kid: key.thumbprint, public_jwk: JSON.stringify(key.publicJwk), created_at: now })
      .onConflict((oc) => oc.column('kid').doUpdateSet({ retired_at: null }))
      .execute();
    await trx
      .updateTable('credential_keys')
      .set({ retired_at: now })
      .where('kid', '!=', key.thumbprint)
      .where(sql<string>`coalesce(public_jwk->>'crv', '')`, '=', String(key.publicJwk.crv ?? ''))
      .where('retired_at', 'is', null)
      .execute();
  });
}

/** `did:web` of an origin (did:web method §3.2: the port's colon percent-encoded). */
export function didWebOf(publicUrl: string): string {
  return `did:web:${encodeURIComponent(new URL(publicUrl).host)}`;
}

export interface PublishedKey {
  thumbprint: string;
  jwk: JWK;
  retired: boolean;
}

export async function publishedKeys(db: Kysely<Database>): Promise<PublishedKey[]> {
  const rows = await db.selectFrom('credential_keys').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({ thumbprint: r.kid, jwk: r.public_jwk as JWK, retired: r.retired_at !== null }));
}

export function jwksOf(did: string, keys: PublishedKey[]) {
  return {
    keys: keys.map((k) => ({ ...k.jwk, kid: `${did}#${k.thumbprint}`, alg: algOfJwk(k.jwk), use: 'sig' })),
  };
}

/** The did:web document (W3C DID 1.0; JsonWebKey verification methods per Controlled Identifiers 1.0). */
export function didDocumentOf(did: string, keys: PublishedKey[]) {
  const methods = keys.map((k) => ({
    id: `${did}#${k.thumbprint}`,
    type: 'JsonWebKey',
    controller: did,
    publicKeyJwk: k.jwk,
  }));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://www.w3.org/ns/cid/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

/** An SM2 public JWK as the uncompressed point hex `04 ‖ x ‖ y`; null for any other key. */
export function sm2PublicKeyHexOf(jwk: Record<string, unknown>): string | null {
  if (jwk.kty !== 'EC' || jwk.crv !== 'SM2' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string')
    return null;
  const x = Buffer.from(jwk.x, 'base64url');
  const y = Buffer.from(jwk.y, 'base64url');
  if (x.length !== 32 || y.length !== 32) return null;
  return `04${x.toString('hex')}${y.toString('hex')}`;
}
