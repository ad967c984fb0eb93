import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, describe, it } from 'node:test';
import type { CryptoProfile } from '../../protection/crypto-profile.ts';
import { createProtector } from '../../protection/protection.model.ts';
import { createSealStream, openSealedFile } from './import.seal.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-seal-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// 200 KiB and a bit: three full chunks and a short final one.
const plain = Buffer.from('110101199003077777,张三,mem.lv-electrician\n'.repeat(5000));
const SECRET = Buffer.from('110101199003077777');

const protectorOf = (profile: CryptoProfile) =>
  createProtector(randomBytes(32), new Map([['k1', randomBytes(32)]]), 'k1', profile);

async function sealTo(file: string, profile: CryptoProfile, data: Buffer = plain) {
  const protector = protectorOf(profile);
  await pipeline(Readable.from([data]), createSealStream(protector), fs.createWriteStream(file));
  return protector;
}

async function read(file: string, protector: ReturnType<typeof protectorOf>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of openSealedFile(file, protector)) out.push(chunk);
  return Buffer.concat(out);
}

for (const [profile, magic, tag] of [
  ['international', 'HTSEAL1\n', 16],
  ['gm', 'HTSEAL2\n', 32],
] as const) {
  describe(`sealed uploads, ${profile} profile`, () => {
    const file = path.join(dir, profile);

    it('holds no plaintext, names its cipher and opens to the same bytes', async () => {
      const protector = await sealTo(file, profile);
      const bytes = fs.readFileSync(file);
      assert.equal(bytes.subarray(0, 8).toString('latin1'), magic);
      assert.equal(bytes.includes(SECRET), false);
      // gm: the file key is wrapped with SM4 as well (issue 18: no AES for the install's own data).
      assert.equal(bytes.includes(Buffer.from('.sm4.')), profile === 'gm');
      assert.deepEqual(await read(file, protector), plain);
    });

    it('seals an empty file and opens it to nothing', async () => {
      const protector = await sealTo(file, profile, Buffer.alloc(0));
      assert.equal((await read(file, protector)).length, 0);
    });

    const frame = 64 * 1024 + tag;
    for (const [label, change] of [
      [
        'a changed byte',
        (b: Buffer) =>
          Buffer.concat([b.subarray(0, 2000), Buffer.from([(b[2000] ?? 0) ^ 1]), b.subarray(2001)]),
      ],
      ['a file cut at a chunk boundary', (b: Buffer) => b.subarray(0, b.length - ((b.length - 100) % frame))],
      ['a file cut anywhere', (b: Buffer) => b.subarray(0, b.length - 10)],
      [
        'two chunks swapped',
        (b: Buffer) => {
          const start = b.length - ((b.length - 100) % frame) - 2 * frame;
          const first = b.subarray(start, start + frame);
          const second = b.subarray(start + frame, start + 2 * frame);
          return Buffer.concat([b.subarray(0, start), second, first, b.subarray(start + 2 * frame)]);
        },
      ],
    ] as const) {
      it(`refuses ${label}`, async () => {
        const protector = await sealTo(file, profile);
        const bytes = fs.readFileSync(file);
        fs.writeFileSync(file, change(bytes));
        assert.notDeepEqual(fs.readFileSync(file), bytes);
        await assert.rejects(read(file, protector), /altered or cut short/);
      });
    }

    it('refuses a file sealed under another keyring', async () => {
      await sealTo(file, profile);
      await assert.rejects(read(file, protectorOf(profile)));
    });
  });
}
