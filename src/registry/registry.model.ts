import { z } from 'zod';
import { type IdType, idTypes } from './identity.ts';

export const statuses = ['valid', 'suspended', 'revoked'] as const;
export type Status = (typeof statuses)[number];
/** As of a date: the stored status, or expired / not yet valid when the dates say so ("expired" is never stored). */
export type EffectiveStatus = Status | 'expired' | 'not-yet-valid';

const isoDate = z.iso.date('a date YYYY-MM-DD');

/** The write API of design.md: POST /api/v1/certificates. */
export const createCertificateSchema = z.strictObject({
  type: z.string().min(1).max(64),
  number: z.string().min(1).max(64),
  holder: z.strictObject({
    name: z.string().min(1).max(100),
    idType: z.enum(idTypes).default('resident'),
    idNumber: z.string().min(1).max(32),
  }),
  validFrom: isoDate,
  validUntil: isoDate.nullable().optional(),
  /** 复审: reviewed until (types with a review rule only; issue 13 item 5). */
  reviewedUntil: isoDate.nullable().optional(),
  status: z.enum(statuses).default('valid'),
  issuer: z.strictObject({
    region: z.string().regex(/^\d{6}$/, 'a GB/T 2260 code like 310000'),
    organization: z.string().trim().min(1).max(200),
    organizationCode: z.string().max(18).optional(),
  }),
  occupation: z.string().max(16).optional(),
  level: z.string().max(16).optional(),
});
export type CreateCertificateInput = z.infer<typeof createCertificateSchema>;

/** The raw facts of one certificate, as strings, from the API or from one row of an import file. */
export interface RawCertificate {
  type: string;
  number: string;
  holderName: string;
  idType: string;
  idNumber: string;
  validFrom: string;
  validUntil: string;
  /** 复审有效期至; empty = not given (an existing certificate keeps what it has). */
  reviewedUntil: string;
  status: string;
  issuerRegion: string;
  issuerOrg: string;
  issuerOrgCode: string;
  occupation: string;
  level: string;
}
export type RawField = keyof RawCertificate;

/** A certificate after validation and normalisation: ready to protect and store. */
export interface CertificateFacts {
  type: string;
  department: string;
  number: string;
  holderName: string;
  idType: IdType;
  idNumber: string;
  validFrom: string;
  validUntil: string | null;
  /** Null = not given with these facts. */
  reviewedUntil: string | null;
  status: Status;
  issuerRegion: string;
  issuerOrg: string;
  issuerOrgCode: string | null;
  occupation: string | null;
  level: string | null;
}

export interface FieldProblem {
  field: RawField;
  code: string;
  message: string;
}

export const reasonSchema = z.strictObject({ reason: z.string().trim().min(2, 'give a reason').max(500) });
export const renewSchema = z.strictObject({
  validUntil: isoDate,
  reason: z.string().trim().min(2).max(500).optional(),
});

/** POST /certificates/{id}/review (issue 13 item 5): the department records a passed 复审. */
export const reviewSchema = z.strictObject({
  reviewedOn: isoDate,
  reviewedUntil: isoDate,
  reason: z.string().trim().min(2).max(500).optional(),
});
export type ReviewInput = z.infer<typeof reviewSchema>;

export const reviewStatuses = [
  'not-required', // the type has no review rule (MOHRSS skill-level): 复审 does not affect it
  'current', // reviewed until a date not yet passed (inclusive: reviewedUntil == asOf is current)
  'overdue', // reviewedUntil < asOf: not 合法有效 until reviewed (待复审)
  'unknown', // a review rule applies but the department has not said until when: never treated as overdue
] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** A certificate's 复审 as of today. */
export const reviewViewSchema = z.object({
  status: z.enum(reviewStatuses),
  reviewedOn: z.string().nullable(),
  reviewedUntil: z.string().nullable(),
});

export const lifecycleActions = ['suspend', 'reinstate', 'revoke', 'renew'] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

export const certificateViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  department: z.string(),
  number: z.string(),
  holder: z.object({ id: z.string(), name: z.string(), idType: z.string(), idNumber: z.string() }),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(statuses),
  effectiveStatus: z.enum(['valid', 'suspended', 'revoked', 'expired', 'not-yet-valid']),
  review: reviewViewSchema,
  issuer: z.object({ region: z.string(), organization: z.string(), organizationCode: z.string().nullable() }),
  occupation: z.string().nullable(),
  level: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type CertificateView = z.infer<typeof certificateViewSchema>;

export const historyEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  importId: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
