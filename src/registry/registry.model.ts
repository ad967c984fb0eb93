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
