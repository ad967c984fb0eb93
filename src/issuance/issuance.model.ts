import { z } from 'zod';

/**
 * 一试多证 issued by the department (issue 13 item 8). When a candidate passes an exam whose province has a
 * 一试多证 arrangement, Hutong issues the skill-level certificate itself and, for each other certificate of the
 * arrangement, records a request that the issuing department decides. Hutong never numbers another department's
 * certificate: the qualification enters the registry only when the department confirms it with its own number.
 */
export const requestStatuses = ['pending', 'issued', 'refused', 'already-held'] as const;
/**
 * `pending` — waiting for the department (in its console queue, and pushed to its endpoint where it has one);
 * `issued` — confirmed with the department's number, the certificate written; `refused` — with a reason;
 * `already-held` — the candidate holds that qualification valid on the issue date: no second certificate, renewal
 * of the one held is offered instead.
 */
export type RequestStatus = (typeof requestStatuses)[number];

export const listQueueSchema = z.object({
  status: z.enum(requestStatuses).optional(),
  province: z
    .string()
    .regex(/^\d{2}0000$/)
    .optional(),
  type: z.string().min(1).max(64).optional(),
  /** Keyset cursor of the previous page (`next`), newest first. */
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQueueInput = z.infer<typeof listQueueSchema>;

const isoDate = z.iso.date();

export const confirmSchema = z.strictObject({
  /** The department's own certificate number, checked against the catalog's number format. */
  number: z.string().trim().min(1).max(64),
  validFrom: isoDate,
  /** Omitted: from the catalog's validity rule for the type (none for types without one). */
  validUntil: isoDate.optional(),
  issuer: z.strictObject({
    organization: z.string().trim().min(1).max(200),
    organizationCode: z.string().trim().min(1).max(32).optional(),
  }),
});
export type ConfirmInput = z.infer<typeof confirmSchema>;

export const refuseSchema = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export type RefuseInput = z.infer<typeof refuseSchema>;

/** What a department admin sees in the queue: the candidate's name and masked ID number, never the full one. */
export const requestViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  department: z.string(),
  province: z.string(),
  holder: z.object({ name: z.string(), idMasked: z.string() }),
  registration: z.string(),
  plan: z.string(),
  planName: z.string(),
  arrangement: z.string().nullable(),
  skillCertificate: z.string(),
  status: z.enum(requestStatuses),
  /** The valid certificate already held (`already-held`): renew it instead. */
  existingCertificate: z.string().nullable(),
  /** The outbox row, when the request was pushed to the department's endpoint (`GET /issuance-requests`). */
  outboxRequest: z.string().nullable(),
  certificate: z.string().nullable(),
  refusalReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export type RequestView = z.infer<typeof requestViewSchema>;

/** What the candidate sees of their own requests (`GET /me/issuance-requests`). */
export const holderRequestViewSchema = z.object({
  id: z.string(),
  registration: z.string(),
  type: z.string(),
  department: z.string(),
  /** The department's Chinese short name (catalog `shortZh`): 待住建核发. */
  departmentShortZh: z.string(),
  departmentNameEn: z.string(),
  status: z.enum(requestStatuses),
  /** The department's number once issued (masked when it embeds an ID number). */
  number: z.string().nullable(),
  existingCertificate: z.string().nullable(),
  refusalReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type HolderRequestView = z.infer<typeof holderRequestViewSchema>;
