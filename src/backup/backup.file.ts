import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BACKUP_MAGIC, type BackupManifest, parseHeader } from './backup.model.ts';

const HEADER_LIMIT = 4 * 1024 * 1024;

/** SHA-256 and size of a file (from `start`), streamed. */
export async function hashFile(file: string, start = 0): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { start })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A temporary path next to `target` (same filesystem, so the final rename is atomic). */
export function siblingTemp(target: string, label: string): string {
  return path.join(
    path.dirname(path.resolve(target)),
    `.${path.basename(target)}.${label}-${randomBytes(4).toString('hex')}`,
  );
}

/**
 * Writes header + payload to a temporary file and renames it over `target`, so a failed backup never leaves a
 * half-written file under the real name. Mode 600: the payload holds sealed personal data and password hashes.
 */
export async function writeBackupFile(target: string, manifest: BackupManifest, payloadFile: string) {
  const tmp = siblingTemp(target, 'partial');
  try {
    const out = fs.createWriteStream(tmp, { mode: 0o600 });
    out.write(`${BACKUP_MAGIC}\n${JSON.stringify(manifest)}\n`);
    await pipeline(fs.createReadStream(payloadFile), out);
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

export interface OpenedBackup {
  manifest: BackupManifest;
  payloadOffset: number;
}

/** Reads and checks the header only; the payload is checked separately (`checkPayload`). */
export function readBackupHeader(file: string): OpenedBackup {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(HEADER_LIMIT, fs.fstatSync(fd).size));
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, read);
    const first = head.indexOf(0x0a);
    const second = first < 0 ? -1 : head.indexOf(0x0a, first + 1);
    if (first < 0 || second < 0) throw new Error('not a Hutong backup file (no header)');
    const manifest = parseHeader(
      head.subarray(0, first).toString('utf8'),
      head.subarray(first + 1, second).toString('utf8'),
    );
    return { manifest, payloadOffset: second + 1 };
  } finally {
    fs.closeSync(fd);
  }
}

/** The payload must be exactly what the manifest says: a truncated or altered file is refused before a restore. */
export async function checkPayload(file: string, opened: OpenedBackup): Promise<void> {
  const { sha256, bytes } = await hashFile(file, opened.payloadOffset);
  const expected = opened.manifest.payload;
  if (bytes !== expected.bytes)
    throw new Error(
      `the backup is truncated or padded: payload ${bytes} bytes, manifest says ${expected.bytes}`,
    );
  if (sha256 !== expected.sha256)
    throw new Error('the backup payload does not match its manifest hash (altered?)');
}

/** Copies the payload out to its own file (pg_restore wants a seekable file for parallel jobs). */
export async function extractPayload(file: string, opened: OpenedBackup, to: string): Promise<void> {
  await pipeline(
    fs.createReadStream(file, { start: opened.payloadOffset }),
    fs.createWriteStream(to, { mode: 0o600 }),
  );
}
