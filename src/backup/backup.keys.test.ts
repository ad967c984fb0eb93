import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openKeys, sealKeys } from './backup.keys.ts';
import { sealedKeysSchema } from './backup.model.ts';

const material = {
  master: Buffer.alloc(32, 7).toString('base64'),
  signingPem: '-----BEGIN PRIVATE KEY-----…',
};
const PASSPHRASE = 'correct horse battery staple';
const payload = 'a'.repeat(64);
const otherPayload = 'b'.repeat(64);

for (const [profile, cipher, kdf] of [
  ['international', 'aes-256-gcm', 'scrypt'],
  ['gm', 'sm4-ctr-hmac-sm3', 'pbkdf2-hmac-sm3'],
] as const) {
  describe(`backup keys sealed with a passphrase, ${profile} profile`, () => {
    const sealed = sealKeys(material, PASSPHRASE, payload, profile);

    it(`uses ${cipher} after ${kdf}, in the manifest's own schema`, () => {
      assert.equal(sealed.cipher, cipher);
      assert.equal(sealed.kdf.name, kdf);
      assert.deepEqual(sealed.parts, ['master', 'signing']);
      assert.deepEqual(sealedKeysSchema.parse(JSON.parse(JSON.stringify(sealed))), sealed);
      assert.equal(JSON.stringify(sealed).includes(material.master), false, 'no key in the clear');
    });

    it('opens with the passphrase and the payload it was sealed for', () => {
      assert.deepEqual(openKeys(sealed, PASSPHRASE, payload), material);
    });

    it('refuses a wrong passphrase, another payload and an altered seal', () => {
      assert.throws(() => openKeys(sealed, `${PASSPHRASE}!`, payload), /does not open/);
      assert.throws(() => openKeys(sealed, PASSPHRASE, otherPayload), /does not open/);
      const altered =
        sealed.cipher === 'sm4-ctr-hmac-sm3'
          ? {
              ...sealed,
              sealed: `${sealed.sealed.slice(0, -2)}${sealed.sealed.endsWith('AA') ? 'AB' : 'AA'}`,
            }
          : { ...sealed, ciphertext: Buffer.from(sealed.ciphertext, 'base64').reverse().toString('base64') };
      assert.throws(() => openKeys(altered, PASSPHRASE, payload), /does not open/);
    });

    it('refuses keys sealed for another backup pasted into this manifest', () => {
      const foreign = sealKeys(material, PASSPHRASE, otherPayload, profile);
      assert.throws(() => openKeys(foreign, PASSPHRASE, payload), /does not open/);
    });
  });
}

it('refuses a short passphrase and an empty selection', () => {
  assert.throws(() => sealKeys(material, 'short', payload, 'gm'), /at least 12/);
  assert.throws(() => sealKeys({}, PASSPHRASE, payload, 'gm'), /no key is configured/);
});
