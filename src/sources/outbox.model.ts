import { z } from 'zod';
import { LOOPBACK } from '../credentials/remote.ts';

/**
 * The issuance outbox (issue 7 §5): "一试多证 … pushes [the qualification certificate] to the issuing department's
 * source when that department issues it itself". Issuance writes a request row in its own transaction; a worker
 * POSTs it to the linked source's issuance endpoint, signed with the shared secret (protocol in ARCHITECTURE.md).
 */
export const issuanceStatuses = ['pending', 'delivered', 'failed'] as const;
export type IssuanceStatus = (typeof issuanceStatuses)[number];

/** What the department receives: enough to issue the certificate, tied to the exam that earned it. */
export interface IssuanceRequestBody {
  /** The request id, also sent as `Idempotency-Key`. */
  id: string;
  type: string;
  arrangement: string | null;
  province: string;
  issuedOn: string;
  holder: { name: string; idType: string; idNumber: string };
  exam: { plan: string; registration: string; occupation: string; level: string };
  institution: { code: string; name: string };
  /** The skill-level certificate Hutong issued for the same exam. */
  skillCertificate: { id: string; number: string };
}

/**
 * HTTPS, or HTTP to this machine only (as did:web resolution in `credentials/remote.ts`): the secret and the ID
 * numbers never cross a network in clear. No user-info in the URL (it would be stored and shown).
 */
export function isAllowedEndpoint(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password || u.hash) return false;
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
}

export const issuanceEndpointSchema = z.strictObject({
  url: z
    .string()
    .max(500)
    .refine(
      isAllowedEndpoint,
      'an https URL (http only for 127.0.0.1, localhost, [::1]), no user-info or fragment',
    ),
  /** The shared HMAC-SHA256 key; write-only. */
  secret: z.string().min(32, 'at least 32 characters').max(512),
});
export type IssuanceEndpointInput = z.infer<typeof issuanceEndpointSchema>;

export const listIssuanceRequestsSchema = z.object({
  status: z.enum(issuanceStatuses).optional(),
  source: z.string().min(1).max(48).optional(),
  plan: z.uuid().optional(),
  /** Keyset cursor of the previous page (`next`), newest first. */
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListIssuanceRequestsInput = z.infer<typeof listIssuanceRequestsSchema>;

export const issuanceRequestViewSchema = z.object({
  id: z.string(),
  source: z.string(),
  department: z.string(),
  province: z.string(),
  plan: z.string(),
  registration: z.string(),
  type: z.string(),
  /** The candidate, ID number masked. */
  holder: z.object({ name: z.string(), idMasked: z.string() }),
  status: z.enum(issuanceStatuses),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  reference: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IssuanceRequestView = z.infer<typeof issuanceRequestViewSchema>;
