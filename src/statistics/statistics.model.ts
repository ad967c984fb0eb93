import { z } from 'zod';

/**
 * 跟踪分析 (issue 8 §4): the figures the notice asks for to follow how mutual recognition works — certificates,
 * recognitions granted, cross-region flows, institutions' pass rates on a funnel plot, and supervision warnings.
 * Each is an aggregate over the caller's scope; none carries personal data.
 */
export const figureNames = [
  'certificates',
  'recognitions',
  'flows',
  'pass-rates',
  'warnings',
  'tickets',
] as const;
export type FigureName = (typeof figureNames)[number];

/** A certificate's status as of a date (registry.model.ts `EffectiveStatus`), in the order tables show them. */
export const effectiveStatuses = ['valid', 'expired', 'not-yet-valid', 'suspended', 'revoked'] as const;
export type EffectiveStatus = (typeof effectiveStatuses)[number];

/** A warning's age from its creation to now: under 7 days, 7 to 30 days, over 30 days. */
export const ageBuckets = ['lt7', '7to30', 'gt30'] as const;
export type AgeBucket = (typeof ageBuckets)[number];

const isoDate = z.iso.date('a date YYYY-MM-DD');
const province = z.string().regex(/^\d{2}0000$/, 'a province code like 310000 (GB/T 2260)');
const occupation = z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'an occupation code like 6-31-01-03');
const level = z.enum(['5', '4', '3', '2', '1']);

const filterShape = {
  /** First and last civil date (China time) of the period, both inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  province: province.optional(),
  occupation: occupation.optional(),
  level: level.optional(),
};

function fromNotAfterTo(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.from > q.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
}

export const statisticsQuerySchema = z.strictObject(filterShape).superRefine(fromNotAfterTo);
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;

/** Pass rates compare peers: one occupation and level (both optional) in one year of sittings. */
export const passRateQuerySchema = z.strictObject({
  province: province.optional(),
  occupation: occupation.optional(),
  level: level.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type PassRateQuery = z.infer<typeof passRateQuerySchema>;

export const exportQuerySchema = z
  .strictObject({
    ...filterShape,
    year: passRateQuerySchema.shape.year,
    /** Comma-separated figure names; all of them when absent. */
    figures: z
      .string()
      .max(200)
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return [...figureNames];
        const names = [...new Set(value.split(',').map((s) => s.trim()))];
        const unknown = names.filter((n) => !(figureNames as readonly string[]).includes(n));
        if (unknown.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown figure ${unknown.join(', ')}; one of ${figureNames}`,
          });
          return z.NEVER;
        }
        return names as FigureName[];
      }),
  })
  .superRefine(fromNotAfterTo);
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** A code with its Chinese and English names (the code itself where the catalog has no name). */
export const namedSchema = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type Named = z.infer<typeof namedSchema>;

/** What the figures were narrowed to: the caller's scope, and the province asked for. */
export const scopeSchema = z.object({ province: z.string().nullable(), department: z.string().nullable() });
export type StatisticsScope = z.infer<typeof scopeSchema>;

const count = z.number().int().nonnegative();
export const statusCountsSchema = z.object({
  valid: count,
  expired: count,
  'not-yet-valid': count,
  suspended: count,
  revoked: count,
});
export type StatusCounts = z.infer<typeof statusCountsSchema>;

const breakdownSchema = z.object({ key: namedSchema, total: count, statuses: statusCountsSchema });
export type Breakdown = z.infer<typeof breakdownSchema>;

export const certificateFiguresSchema = z.object({
  scope: scopeSchema,
  asOf: z.string(),
  /** When the counts were taken ahead (a large registry, issue 16 §7); null: counted live for this answer. */
  talliedAt: z.string().nullable(),
  total: count,
  statuses: statusCountsSchema,
  byDepartment: z.array(breakdownSchema),
  byType: z.array(breakdownSchema.extend({ department: z.string() })),
  byProvince: z.array(breakdownSchema),
});
export type CertificateFigures = z.infer<typeof certificateFiguresSchema>;

export const recognitionFiguresSchema = z.object({
  scope: scopeSchema,
  /** Decisions that granted at least one recognition, and the distinct holders they were about. */
  total: z.object({ decisions: count, holders: count }),
  byRule: z.array(
    z.object({ rule: namedSchema, kind: z.enum(['level', 'exemption']), decisions: count, holders: count }),
  ),
  byProvince: z.array(z.object({ province: namedSchema, decisions: count, holders: count })),
  /** Every month of the period, oldest first (months without a decision included). */
  months: z.array(z.string()),
  byMonth: z.array(z.object({ month: z.string(), rule: z.string(), decisions: count })),
});
export type RecognitionFigures = z.infer<typeof recognitionFiguresSchema>;

export const flowFiguresSchema = z.object({
  scope: scopeSchema,
  /** Where holders applied × where the certificates their recognitions rest on were issued (provinces). */
  flows: z.array(z.object({ applied: namedSchema, issued: namedSchema, decisions: count, holders: count })),
  /** Holders whose recognition in one province rests on a certificate issued in another. */
  crossRegionHolders: count,
});
export type FlowFigures = z.infer<typeof flowFiguresSchema>;

const limitSchema = z.object({ z: z.number(), lower: z.number(), upper: z.number() });
export const passRateFiguresSchema = z.object({
  scope: scopeSchema,
  year: z.number().int(),
  occupation: namedSchema.nullable(),
  level: z.string().nullable(),
  /** The supervision rule the funnel follows (supervision/rules.json). */
  rule: z.object({
    id: z.string(),
    version: z.string(),
    z: z.number(),
    zs: z.array(z.number()),
    winsorize: z.number(),
    minCandidates: count,
    minPeers: count,
  }),
  /** Null when fewer than `minPeers` institutions have `minCandidates` results: no funnel is drawn. */
  funnel: z.object({ target: z.number(), phi: z.number(), tau2: z.number() }).nullable(),
  institutions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      code: z.string(),
      province: namedSchema,
      n: count,
      passed: count,
      rate: z.number(),
      inFunnel: z.boolean(),
      z: z.number().nullable(),
      limits: z.array(limitSchema),
      /** Outside the rule's control limits, and on which side. */
      outlier: z.enum(['above', 'below']).nullable(),
    }),
  ),
  curves: z.array(
    z.object({
      z: z.number(),
      points: z.array(z.object({ n: z.number(), lower: z.number(), upper: z.number() })),
    }),
  ),
});
export type PassRateFigures = z.infer<typeof passRateFiguresSchema>;

export const warningFiguresSchema = z.object({
  scope: scopeSchema,
  asOf: z.string(),
  total: count,
  open: count,
  overdue: count,
  byRule: z.array(z.object({ rule: namedSchema, total: count, open: count, overdue: count })),
  byStatus: z.array(z.object({ status: z.string(), count })),
  byRuleStatus: z.array(z.object({ rule: z.string(), status: z.string(), count })),
  /** Open (not closed) warnings by age. */
  byAge: z.array(z.object({ age: z.enum(ageBuckets), open: count })),
});
export type WarningFigures = z.infer<typeof warningFiguresSchema>;
