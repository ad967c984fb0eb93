import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * W3C Bitstring Status List v1.0 encoding (§3.1, §3.2): the bitstring is GZIP-compressed and written as a
 * Multibase base64url string (prefix `u`, no padding). Index 0 is the left-most bit of the first byte.
 */
export const STATUS_LIST_SIZE = 131_072;
export const statusPurposes = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof statusPurposes)[number];

export function encodeList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

export function decodeList(encoded: string): Uint8Array {
  if (!encoded.startsWith('u')) throw new Error('encodedList is not Multibase base64url (prefix u)');
  return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')));
}

export function bitAt(bits: Uint8Array, index: number): boolean | undefined {
  const byte = bits[Math.floor(index / 8)];
  if (byte === undefined || index < 0) return undefined;
  return ((byte >> (7 - (index % 8))) & 1) === 1;
}

/** A certificate's place: which list and which bit in it. */
export function positionOf(statusIndex: number): { list: number; index: number } {
  return { list: Math.floor(statusIndex / STATUS_LIST_SIZE), index: statusIndex % STATUS_LIST_SIZE };
}
