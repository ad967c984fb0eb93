import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  pbkdf2Sync,
  randomBytes,
  scryptSync,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { parseSigningKey, SIGNING_KEY_FILE, signingKeyOf } from '../credentials/keys.ts';
import { type CryptoProfile, open, parseSealed, seal } from '../protection/crypto-profile.ts';
import { loadMasterKey } from '../protection/protection.service.ts';
import type { KeyPart, SealedKeys } from './backup.model.ts';

export const MASTER_KEY_FILE = path.join('keys', 'master.key');

/**
 * A master key's fingerprint: a hash of the key under a fixed label, so a manifest can name the key a restore
 * needs without holding it (a 256-bit random key cannot be recovered from its hash).
 */
export function masterFingerprint(master: Buffer): string {
  const digest = createHash('sha256')
    .update('hutong master key fingerprint v1\0')
    .update(master)
    .digest('hex');
  return `mk-${digest.slice(0, 32)}`;
}

/** The configured keys, read without creating any (loadMasterKey/loadSigningKey would make new ones). */
export interface ConfiguredKeys {
  master: Buffer | null;
  masterSource: string | null;
  signingPem: string | null;
  signingThumbprint: string | null;
  signingSource: string | null;
}

export async function readConfiguredKeys(config: Config): Promise<ConfiguredKeys> {
  const masterFile = path.join(config.dataDir, MASTER_KEY_FILE);
  let master: Buffer | null = null;
  let masterSource: string | null = null;
  if (config.dataKey) {
    master = loadMasterKey(config.dataKey, config.dataDir);
    masterSource = 'HUTONG_DATA_KEY';
  } else if (fs.existsSync(masterFile)) {
    master = loadMasterKey(undefined, config.dataDir);
    masterSource = masterFile;
  }
  const signingFile = path.join(config.dataDir, SIGNING_KEY_FILE);
  let signingPem: string | null = null;
  let signingSource: string | null = null;
  if (config.signingKey) {
    signingPem = parseSigningKey(config.signingKey).export({ format: 'pem', type: 'pkcs8' }).toString();
    signingSource = 'HUTONG_SIGNING_KEY';
  } else if (fs.existsSync(signingFile)) {
    signingPem = fs.readFileSync(signingFile, 'utf8');
    signingSource = signingFile;
  }
  const signingThumbprint = signingPem ? (await signingKeyOf(createPrivateKey(signingPem))).thumbprint : null;
  return { master, masterSource, signingPem, signingThumbprint, signingSource };
}

/** OWASP's scrypt floor (N = 2^17, r = 8, p = 1): ~128 MiB and a fraction of a second per attempt. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const scryptMaxmem = (p: { N: number; r: number; p: number }) => 256 * p.N * p.r * p.p + 16 * 1024 * 1024;
const MIN_PASSPHRASE = 12;

export interface KeyMaterial {
  master?: string;
  signingPem?: string;
}

function aadOf(payloadSha256: string): Buffer {
  return Buffer.from(`hutong-backup-keys-v1:${payloadSha256}`);
}

/** PBKDF2-HMAC-SM3 for a gm install: 600,000 iterations (OWASP's figure for PBKDF2-HMAC-SHA-256), ~0.3 s here. */
const PBKDF2_SM3_ITERATIONS = 600_000;
const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** The sealed value's key id carries the payload's hash: it is in the SM4 seal's authenticated header. */
const sm4KeyIdOf = (payloadSha256: string) => `bk-${payloadSha256}`;

function partsOf(material: KeyMaterial): KeyPart[] {
  const parts: KeyPart[] = [];
  if (material.master) parts.push('master');
  if (material.signingPem) parts.push('signing');
  if (parts.length === 0) throw new Error('--include-keys: no key is configured to include');
  return parts;
}

/**
 * Seals the chosen keys with a passphrase; the payload's hash binds them to this one backup file. The install's
 * crypto profile chooses the algorithms (issue 18: a gm install's backup uses no AES and no SHA-2 HMAC).
 */
export function sealKeys(
  material: KeyMaterial,
  passphrase: string,
  payloadSha256: string,
  profile: CryptoProfile = 'international',
): SealedKeys {
  if (passphrase.length < MIN_PASSPHRASE)
    throw new Error(`the backup passphrase must be at least ${MIN_PASSPHRASE} characters`);
  const parts = partsOf(material);
  const salt = randomBytes(16);
  const plaintext = Buffer.from(JSON.stringify(material), 'utf8');
  if (profile === 'gm') {
    const key = pbkdf2Sync(passphrase.normalize('NFC'), salt, PBKDF2_SM3_ITERATIONS, 32, 'sm3');
    return {
      parts,
      kdf: { name: 'pbkdf2-hmac-sm3', iterations: PBKDF2_SM3_ITERATIONS, salt: salt.toString('base64') },
      cipher: 'sm4-ctr-hmac-sm3',
      sealed: seal('sm4-ctr-hmac-sm3', key, sm4KeyIdOf(payloadSha256), plaintext),
    };
  }
  const iv = randomBytes(12);
  const key = scryptSync(passphrase.normalize('NFC'), salt, 32, { ...SCRYPT, maxmem: scryptMaxmem(SCRYPT) });
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadOf(payloadSha256));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    parts,
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

const WRONG_PASSPHRASE = 'the passphrase does not open the keys in this backup (or the file was altered)';

export function openKeys(sealed: SealedKeys, passphrase: string, payloadSha256: string): KeyMaterial {
  if (sealed.cipher === 'sm4-ctr-hmac-sm3') {
    const { iterations, salt } = sealed.kdf;
    if (iterations > MAX_PBKDF2_ITERATIONS)
      throw new Error('the sealed keys ask for unreasonable PBKDF2 parameters');
    // Keys sealed for another backup file do not open with this one, whatever the passphrase.
    if (parseSealed(sealed.sealed).keyId !== sm4KeyIdOf(payloadSha256)) throw new Error(WRONG_PASSPHRASE);
    const key = pbkdf2Sync(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), iterations, 32, 'sm3');
    try {
      return JSON.parse(open(key, sealed.sealed).toString('utf8')) as KeyMaterial;
    } catch {
      throw new Error(WRONG_PASSPHRASE);
    }
  }
  const { N, r, p, salt } = sealed.kdf;
  if (N > 2 ** 20 || r > 32 || p > 16)
    throw new Error('the sealed keys ask for unreasonable scrypt parameters');
  const key = scryptSync(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), 32, {
    N,
    r,
    p,
    maxmem: scryptMaxmem({ N, r, p }),
  });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aadOf(payloadSha256));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8')) as KeyMaterial;
  } catch {
    throw new Error(WRONG_PASSPHRASE);
  }
}
