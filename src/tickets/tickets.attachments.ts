import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Protector } from '../protection/protection.model.ts';
import { openSealedFile } from '../registry/import/import.seal.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';

/**
 * Attachments to a ticket (issue 14 §2): images and PDF only, told by their first bytes (the declared type and the
 * file name count for nothing), at most `MAX_FILES` of `MAX_FILE_BYTES` each. They are sealed by the keyring and kept in
 * the database like the other uploads (migration 0040), so neither a photo of an ID card nor its file name is ever
 * stored in plaintext, and a backup carries them. Files of the earlier storage (`import.seal.ts` seals under
 * `<dataDir>/tickets/`) are still read, until the start-up sweep moves them in.
 */
export const MAX_FILES = 3;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

/** The media type from the file's magic bytes; undefined for anything else. */
export function sniffMediaType(head: Uint8Array): AttachmentType | undefined {
  const starts = (bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF….WEBP
  return undefined;
}

export interface Upload {
  filename: string;
  mediaType: AttachmentType;
  content: Buffer;
}

/** Checks one uploaded file; `index` names it in the error. */
export function checkUpload(filename: string, content: Buffer, truncated: boolean, index: number): Upload {
  if (truncated)
    throw new AppError('payload_too_large', `file ${index + 1} is larger than ${MAX_FILE_BYTES} bytes`, [
      { path: `files.${index}`, message: `at most ${MAX_FILE_BYTES} bytes` },
    ]);
  if (content.length === 0)
    throw new AppError('validation_failed', `file ${index + 1} is empty`, [
      { path: `files.${index}`, message: 'empty' },
    ]);
  const mediaType = sniffMediaType(content.subarray(0, 16));
  if (!mediaType)
    throw new AppError('unsupported_media_type', `file ${index + 1} is not a PDF, PNG, JPEG or WebP image`, [
      { path: `files.${index}`, message: 'PDF, PNG, JPEG or WebP (checked by content)' },
    ]);
  const clean =
    filename
      .normalize('NFC')
      .replace(/[\\/\0\r\n]/g, '_')
      .slice(0, 200) || 'attachment';
  return { filename: clean, mediaType, content };
}

const uploads = new WeakMap<FastifyRequest, Upload[]>();

/**
 * For routes that take attachments: a multipart request carries the JSON body in the field `data` and the files in
 * `files`; it is read here (a `preValidation` hook), so the route's schema validates `data` like a JSON body.
 */
export async function readMultipartBody(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const files: Upload[] = [];
  let data: unknown;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (part.fieldname !== 'data') continue;
      try {
        data = JSON.parse(String(part.value));
      } catch {
        throw new AppError('validation_failed', 'the field data is not JSON', [
          { path: 'data', message: 'malformed' },
        ]);
      }
      continue;
    }
    if (files.length >= MAX_FILES)
      throw new AppError('payload_too_large', `at most ${MAX_FILES} files`, [
        { path: 'files', message: `at most ${MAX_FILES}` },
      ]);
    const content = await part.toBuffer();
    files.push(checkUpload(part.filename, content, part.file.truncated, files.length));
  }
  request.body = data;
  uploads.set(request, files);
}

export function uploadsOf(request: FastifyRequest): Upload[] {
  return uploads.get(request) ?? [];
}

export interface StoredAttachment {
  id: string;
  filenameCipher: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** The file sealed by the keyring, kept in the database like the other uploads (migration 0040). */
  contentCipher: string;
}

/** Seals each file and its name for the database; nothing is written to disk. */
export function sealUploads(protector: Protector, files: readonly Upload[]): StoredAttachment[] {
  return files.map((f) => ({
    id: newId(),
    filenameCipher: protector.encrypt(f.filename),
    mediaType: f.mediaType,
    size: f.content.length,
    sha256: createHash('sha256').update(f.content).digest('hex'),
    contentCipher: protector.encrypt(f.content.toString('base64')),
  }));
}

/**
 * The plaintext of a stored attachment: from the database, or from a sealed file written before migration 0040
 * (until the start-up sweep moves it in). Checked against the seal and the recorded hash.
 */
export async function readStored(
  protector: Protector,
  dataDir: string,
  row: { content_cipher: string | null; path: string | null; sha256: string },
): Promise<Buffer> {
  let content: Buffer;
  if (row.content_cipher !== null) content = Buffer.from(protector.decrypt(row.content_cipher), 'base64');
  else if (row.path !== null) content = await readSealedFile(protector, dataDir, row.path);
  else throw new Error('attachment without content');
  if (createHash('sha256').update(content).digest('hex') !== row.sha256)
    throw new Error('attachment does not match its recorded hash');
  return content;
}

/** A sealed file under `<dataDir>/tickets/` (the storage before migration 0040). */
export async function readSealedFile(
  protector: Protector,
  dataDir: string,
  relative: string,
): Promise<Buffer> {
  const resolved = path.resolve(dataDir, relative);
  if (!resolved.startsWith(path.resolve(dataDir, 'tickets') + path.sep))
    throw new Error('attachment outside the store');
  const chunks: Buffer[] = [];
  for await (const chunk of openSealedFile(resolved, protector)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
