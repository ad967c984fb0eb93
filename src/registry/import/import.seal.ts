import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import type { Protector } from '../../protection/protection.model.ts';

/**
 * Uploads at rest (issue 17 §2): an uploaded file is encrypted as it streams to disk, so its ID numbers are never
 * on disk in plaintext, and decrypted as it is parsed.
 *
 * Each file gets a fresh 256-bit key, wrapped by the keyring's current data key (`Protector.encrypt`, AES-256-GCM
 * with the key id as AAD) and stored in the file's header. The body is AES-256-GCM in 64 KiB chunks, the online
 * "STREAM" construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015): chunk i has the nonce `prefix[8] | i[4]` and the
 * additional data `final ? 1 : 0`, so a chunk that is changed, moved, dropped or cut off at the end fails to open.
 *
 * Layout: `HTSEAL1\n` | u16 length | wrapped key (ASCII) | prefix[8] | { ciphertext[≤64 KiB] | tag[16] }*
 */
const MAGIC = Buffer.from('HTSEAL1\n');
const CHUNK = 64 * 1024;
const TAG = 16;
const FINAL = Buffer.from([1]);
const NOT_FINAL = Buffer.from([0]);

function nonce(prefix: Buffer, index: number): Buffer {
  const iv = Buffer.alloc(12);
  prefix.copy(iv, 0);
  iv.writeUInt32BE(index, 8);
  return iv;
}

function sealChunk(key: Buffer, prefix: Buffer, index: number, plain: Buffer, final: boolean): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, index));
  cipher.setAAD(final ? FINAL : NOT_FINAL);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** A Transform that turns plaintext into a sealed file's bytes. */
export function createSealStream(protector: Protector): Transform {
  const key = randomBytes(32);
  const prefix = randomBytes(8);
  const wrapped = Buffer.from(protector.encrypt(key.toString('base64')), 'ascii');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(wrapped.length);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (!started) {
        started = true;
        this.push(Buffer.concat([MAGIC, length, wrapped, prefix]));
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      // Keep at least one byte back: the last chunk is sealed as final in flush.
      if (pendingBytes > CHUNK) {
        let all = Buffer.concat(pending);
        while (all.length > CHUNK) {
          this.push(sealChunk(key, prefix, index++, all.subarray(0, CHUNK), false));
          all = all.subarray(CHUNK);
        }
        pending = [all];
        pendingBytes = all.length;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      if (!started) this.push(Buffer.concat([MAGIC, length, wrapped, prefix]));
      this.push(sealChunk(key, prefix, index, Buffer.concat(pending), true));
      key.fill(0);
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
  let key: Buffer | undefined;
  let prefix = Buffer.alloc(0);
  let index = 0;
  const open = (frame: Buffer, final: boolean) => {
    if (!key) throw new SealError('no key');
    const decipher = createDecipheriv('aes-256-gcm', key, nonce(prefix, index++));
    decipher.setAAD(final ? FINAL : NOT_FINAL);
    decipher.setAuthTag(frame.subarray(frame.length - TAG));
    try {
      return Buffer.concat([decipher.update(frame.subarray(0, frame.length - TAG)), decipher.final()]);
    } catch {
      throw new SealError('the sealed file was altered or cut short');
    }
  };
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK + TAG })) {
      onRead?.((chunk as Buffer).length);
      buffer = Buffer.concat([buffer, chunk as Buffer]);
      if (!key) {
        if (buffer.length < MAGIC.length + 2) continue;
        if (!buffer.subarray(0, MAGIC.length).equals(MAGIC)) throw new SealError('not a sealed file');
        const length = buffer.readUInt16BE(MAGIC.length);
        const end = MAGIC.length + 2 + length + 8;
        if (buffer.length < end) continue;
        const wrapped = buffer.subarray(MAGIC.length + 2, MAGIC.length + 2 + length).toString('ascii');
        key = Buffer.from(protector.decrypt(wrapped), 'base64');
        prefix = Buffer.from(buffer.subarray(end - 8, end));
        buffer = buffer.subarray(end);
      }
      // A full frame is final only if nothing follows it, which is known once more bytes arrive or at the end.
      while (buffer.length > CHUNK + TAG) {
        yield open(buffer.subarray(0, CHUNK + TAG), false);
        buffer = buffer.subarray(CHUNK + TAG);
      }
    }
    if (!key || buffer.length < TAG) throw new SealError('the sealed file was cut short');
    yield open(buffer, true);
  } finally {
    key?.fill(0);
  }
}
