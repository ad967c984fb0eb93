import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { type SealAlgorithm, sealAlgorithmOf } from '../../protection/crypto-profile.ts';
import type { Protector } from '../../protection/protection.model.ts';

/**
 * Uploads at rest (issue 17 §2): an uploaded file is encrypted as it streams to disk, so its ID numbers are never
 * on disk in plaintext, and decrypted as it is parsed.
 *
 * Each file gets a fresh 256-bit key, wrapped by the keyring's current data key (`Protector.encrypt`, under the
 * install's crypto profile) and stored in the file's header. The body is sealed in 64 KiB chunks, the online
 * "STREAM" construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015): chunk i is bound to `prefix[8] | i[4]` and to
 * a final flag, so a chunk that is changed, moved, dropped or cut off at the end fails to open. The chunk cipher
 * follows the profile (issue 18 §1), read back from the magic:
 * - `HTSEAL1`: AES-256-GCM, nonce `prefix | i`, additional data the final flag, tag 16 bytes;
 * - `HTSEAL2` (gm): SM4-CTR with the counter block `prefix | i | 0[4]` (a 64 KiB chunk is 4,096 blocks, inside
 *   the low 32 bits), then HMAC-SM3 over `counter block | final flag | ciphertext`, tag 32 bytes; encryption and MAC
 *   keys are separate, derived from the file key with HKDF-SM3.
 *
 * Layout: magic[8] | u16 length | wrapped key (ASCII) | prefix[8] | { ciphertext[≤64 KiB] | tag }*
 */
const CHUNK = 64 * 1024;
const FINAL = Buffer.from([1]);
const NOT_FINAL = Buffer.from([0]);

interface ChunkCipher {
  magic: Buffer;
  tagLength: number;
  seal(index: number, plain: Buffer, final: boolean): Buffer;
  /** The plaintext, or null when the frame does not authenticate. */
  open(index: number, frame: Buffer, final: boolean): Buffer | null;
  wipe(): void;
}

function counter(prefix: Buffer, index: number, length: 12 | 16): Buffer {
  const iv = Buffer.alloc(length);
  prefix.copy(iv, 0);
  iv.writeUInt32BE(index, 8);
  return iv;
}

function aesGcmChunks(key: Buffer, prefix: Buffer): ChunkCipher {
  return {
    magic: Buffer.from('HTSEAL1\n'),
    tagLength: 16,
    seal(index, plain, final) {
      const cipher = createCipheriv('aes-256-gcm', key, counter(prefix, index, 12));
      cipher.setAAD(final ? FINAL : NOT_FINAL);
      return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    },
    open(index, frame, final) {
      const decipher = createDecipheriv('aes-256-gcm', key, counter(prefix, index, 12));
      decipher.setAAD(final ? FINAL : NOT_FINAL);
      decipher.setAuthTag(frame.subarray(frame.length - 16));
      try {
        return Buffer.concat([decipher.update(frame.subarray(0, frame.length - 16)), decipher.final()]);
      } catch {
        return null;
      }
    },
    wipe: () => key.fill(0),
  };
}

function sm4CtrSm3Chunks(key: Buffer, prefix: Buffer): ChunkCipher {
  const derive = (info: string, length: number) =>
    Buffer.from(hkdfSync('sm3', key, Buffer.alloc(0), info, length));
  const enc = derive('hutong/gm/upload/sm4-ctr/enc', 16);
  const mac = derive('hutong/gm/upload/hmac-sm3/mac', 32);
  const tagOf = (iv: Buffer, final: boolean, body: Buffer) =>
    createHmac('sm3', mac)
      .update(iv)
      .update(final ? FINAL : NOT_FINAL)
      .update(body)
      .digest();
  return {
    magic: Buffer.from('HTSEAL2\n'),
    tagLength: 32,
    seal(index, plain, final) {
      const iv = counter(prefix, index, 16);
      const cipher = createCipheriv('sm4-ctr', enc, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([body, tagOf(iv, final, body)]);
    },
    open(index, frame, final) {
      const iv = counter(prefix, index, 16);
      const body = frame.subarray(0, frame.length - 32);
      if (!timingSafeEqual(frame.subarray(frame.length - 32), tagOf(iv, final, body))) return null;
      const decipher = createDecipheriv('sm4-ctr', enc, iv);
      return Buffer.concat([decipher.update(body), decipher.final()]);
    },
    wipe: () => {
      for (const k of [key, enc, mac]) k.fill(0);
    },
  };
}

const ciphers: Record<SealAlgorithm, (key: Buffer, prefix: Buffer) => ChunkCipher> = {
  'aes-256-gcm': aesGcmChunks,
  'sm4-ctr-hmac-sm3': sm4CtrSm3Chunks,
};
const MAGICS = new Map<string, SealAlgorithm>([
  ['HTSEAL1\n', 'aes-256-gcm'],
  ['HTSEAL2\n', 'sm4-ctr-hmac-sm3'],
]);
const MAGIC_LENGTH = 8;

/** A Transform that turns plaintext into a sealed file's bytes, under the protector's profile. */
export function createSealStream(protector: Protector): Transform {
  const key = randomBytes(32);
  const prefix = randomBytes(8);
  const wrapped = Buffer.from(protector.encrypt(key.toString('base64')), 'ascii');
  const chunks = ciphers[sealAlgorithmOf(protector.profile)](key, prefix);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(wrapped.length);
  const header = Buffer.concat([chunks.magic, length, wrapped, prefix]);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (!started) {
        started = true;
        this.push(header);
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      // Keep at least one byte back: the last chunk is sealed as final in flush.
      if (pendingBytes > CHUNK) {
        let all = Buffer.concat(pending);
        while (all.length > CHUNK) {
          this.push(chunks.seal(index++, all.subarray(0, CHUNK), false));
          all = all.subarray(CHUNK);
        }
        pending = [all];
        pendingBytes = all.length;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      if (!started) this.push(header);
      this.push(chunks.seal(index, Buffer.concat(pending), true));
      chunks.wipe();
      callback();
    },
  });
}

export class SealError extends Error {}

/** The plaintext of a sealed file, chunk by chunk; throws `SealError` if any part was altered or cut. */
export async function* openSealedFile(
  file: string,
  protector: Protector,
  onRead?: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  let buffer: Buffer = Buffer.alloc(0);
  let chunks: ChunkCipher | undefined;
  let index = 0;
  const open = (frame: Buffer, final: boolean) => {
    const plain = chunks?.open(index++, frame, final);
    if (!plain) throw new SealError('the sealed file was altered or cut short');
    return plain;
  };
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK + 32 })) {
      onRead?.((chunk as Buffer).length);
      buffer = Buffer.concat([buffer, chunk as Buffer]);
      if (!chunks) {
        if (buffer.length < MAGIC_LENGTH + 2) continue;
        const algorithm = MAGICS.get(buffer.subarray(0, MAGIC_LENGTH).toString('latin1'));
        if (!algorithm) throw new SealError('not a sealed file');
        const length = buffer.readUInt16BE(MAGIC_LENGTH);
        const end = MAGIC_LENGTH + 2 + length + 8;
        if (buffer.length < end) continue;
        const wrapped = buffer.subarray(MAGIC_LENGTH + 2, MAGIC_LENGTH + 2 + length).toString('ascii');
        const key = Buffer.from(protector.decrypt(wrapped), 'base64');
        chunks = ciphers[algorithm](key, Buffer.from(buffer.subarray(end - 8, end)));
        buffer = buffer.subarray(end);
      }
      // A full frame is final only if nothing follows it, which is known once more bytes arrive or at the end.
      const frame = CHUNK + chunks.tagLength;
      while (buffer.length > frame) {
        yield open(buffer.subarray(0, frame), false);
        buffer = buffer.subarray(frame);
      }
    }
    if (!chunks || buffer.length < chunks.tagLength) throw new SealError('the sealed file was cut short');
    yield open(buffer, true);
  } finally {
    chunks?.wipe();
  }
}
