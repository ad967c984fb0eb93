import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

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

/** Publishes the active key and marks every other one retired (still published, no longer signing). */
export async function registerSigningKey(db: Kysely<Database>, key: SigningKey, now: Date): Promise<void> {
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
      .where('retired_at', 'is', null)
      .execute();
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
  return { keys: keys.map((k) => ({ ...k.jwk, kid: `${did}#${k.thumbprint}`, alg: 'EdDSA', use: 'sig' })) };
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
