import { z } from 'zod';
import { departmentIds } from '../catalog/catalog.model.ts';
import { createCertificateSchema, statuses } from '../registry/registry.model.ts';

/**
 * Department sources (issue 5 §2: "link what exists, host the rest"). A `hosted` source's certificates are in
 * Hutong (imported from files or pushed by the department's system); a `linked` source is the department's own
 * query site, and a query for a type it serves gets a deep link to it instead of data.
 */
export const sourceKinds = ['hosted', 'linked'] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** Placeholders a deep-link template may use; each substituted value is URL-encoded. */
export const placeholders = ['number', 'name', 'idNumber', 'type'] as const;
export type Placeholder = (typeof placeholders)[number];

export interface Source {
  id: string;
  nameZh: string;
  nameEn: string;
  department: (typeof departmentIds)[number];
  kind: SourceKind;
  url: string | null;
  deepLinkTemplate: string | null;
  /** Catalog type ids it covers; empty only for a department's default hosted source, which covers them all. */
  types: string[];
  /** A province (GB/T 2260 `xx0000`) the source is limited to; null = nationwide. */
  region: string | null;
  /** Freshness: the last push or import that delivered its data (hosted), or the last edit (linked). */
  lastUpdateAt: Date | null;
  /** A linked source's issuance endpoint for 一试多证 requests (issue 7 §5); its secret never leaves the store. */
  issuanceUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const sourceIdSchema = z
  .string()
  .min(3)
  .max(48)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case slug like samr-cnse');
const provinceSchema = z.string().regex(/^\d{2}0000$/, 'a province code like 310000 (GB/T 2260)');
const httpUrlSchema = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(500);
const typeIdSchema = z.string().min(3).max(64);
const templateSchema = z
  .string()
  .max(1000)
  .refine((t) => templatePlaceholders(t).every((p) => (placeholders as readonly string[]).includes(p)), {
    message: `placeholders are ${placeholders.map((p) => `{${p}}`).join(', ')}`,
  })
  .refine((t) => httpUrlSchema.safeParse(t.replace(/\{[^}]*\}/g, 'x')).success, {
    message: 'must be an http(s) URL once the placeholders are filled',
  });
const name = z.string().trim().min(1).max(200);

export const createSourceSchema = z
  .strictObject({
    id: sourceIdSchema,
    nameZh: name,
    nameEn: name,
    department: z.enum(departmentIds),
    kind: z.enum(sourceKinds),
    url: httpUrlSchema.optional(),
    deepLinkTemplate: templateSchema.optional(),
    types: z.array(typeIdSchema).min(1).max(500),
    region: provinceSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.kind === 'linked' && !s.url) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a linked source needs its query site URL' });
    }
    if (s.kind === 'hosted' && s.deepLinkTemplate) {
      ctx.addIssue({
        code: 'custom',
        path: ['deepLinkTemplate'],
        message: 'a hosted source answers with data, not links',
      });
    }
  });
export type CreateSourceInput = z.infer<typeof createSourceSchema>;

/** The id, department and kind never change: certificates, tokens and links refer to them. */
export const updateSourceSchema = z.strictObject({
  nameZh: name.optional(),
  nameEn: name.optional(),
  url: httpUrlSchema.nullable().optional(),
  deepLinkTemplate: templateSchema.nullable().optional(),
  types: z.array(typeIdSchema).min(1).max(500).optional(),
  region: provinceSchema.nullable().optional(),
});
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;

export const listSourcesSchema = z.object({
  department: z.enum(departmentIds).optional(),
  kind: z.enum(sourceKinds).optional(),
  /** Keyset cursor: the last id of the previous page (`next`). */
  after: sourceIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListSourcesInput = z.infer<typeof listSourcesSchema>;

export const sourceViewSchema = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  department: z.string(),
  kind: z.enum(sourceKinds),
  url: z.string().nullable(),
  deepLinkTemplate: z.string().nullable(),
  types: z.array(z.string()),
  region: z.string().nullable(),
  /** The department's default hosted source: certificates registered without a source belong to it. */
  isDefault: z.boolean(),
  lastUpdateAt: z.string().nullable(),
  /** Where 一试多证 issuance requests are pushed (the secret is write-only and never shown). */
  issuanceUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SourceView = z.infer<typeof sourceViewSchema>;

export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
}

// ---------------------------------------------------------------------------------------------------------------
// Push (issue 5 §2): the facts of POST /api/v1/certificates, the type and number in the path.

/** A push without `status` keeps an existing certificate's status; a new certificate starts valid. */
export const pushRecordSchema = createCertificateSchema
  .omit({ type: true, number: true, status: true })
  .extend({
    status: z.enum(statuses).optional(),
    /** Why the status changed (kept in the certificate's history). */
    reason: z.string().trim().min(2).max(500).optional(),
  });
export type PushRecordInput = z.infer<typeof pushRecordSchema>;

export const batchRecordSchema = pushRecordSchema.extend({
  type: z.string().min(1).max(64),
  number: z.string().min(1).max(64),
});
export type BatchRecordInput = z.infer<typeof batchRecordSchema>;

export const MAX_BATCH = 1000;
// Records are checked one by one (a malformed record is reported `invalid`, the others still apply), so the
// request schema only bounds the list; each record has the shape of the PUT body plus `type` and `number`.
export const batchSchema = z.strictObject({
  records: z
    .array(z.record(z.string(), z.unknown()))
    .min(1)
    .max(MAX_BATCH)
    .describe('each record: the PUT body plus "type" and "number"'),
});

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

export const pushResults = ['created', 'updated', 'unchanged'] as const;
export type PushResultCode = (typeof pushResults)[number];

export const pushResultSchema = z.object({
  result: z.enum(pushResults),
  certificateId: z.string(),
  version: z.number(),
});

export const recordErrorSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });
export type RecordError = z.infer<typeof recordErrorSchema>;

export const batchResultSchema = z.object({
  index: z.number(),
  type: z.string(),
  /** Masked like every number Hutong returns: the stored response must not keep an ID number in clear. */
  number: z.string(),
  result: z.enum([...pushResults, 'invalid']),
  certificateId: z.string().optional(),
  errors: z.array(recordErrorSchema).optional(),
});
export type BatchResult = z.infer<typeof batchResultSchema>;
export const batchResponseSchema = z.object({ results: z.array(batchResultSchema) });
export type BatchResponse = z.infer<typeof batchResponseSchema>;
