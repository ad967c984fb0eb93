import { z } from 'zod';
import { type CreditCodeReason, checkCreditCode, provinces } from '../shared/identifiers.ts';
import { type FilingStatus, isSiteInProvince, type ScopeEntry } from './institution.rules.ts';

/**
 * The institution register (issue 6 §1): evaluation institutions (评价机构) filed with a province's HRSS department
 * (遴选备案, reference.md §5.4), their sites and filed scope (occupation × level), and the status a filing has.
 */
export const institutionKinds = ['Y', 'S'] as const; // Y 用人单位, S 社会培训评价组织 (reference.md §5.2, position 1)
export type InstitutionKind = (typeof institutionKinds)[number];
export const filingLevels = ['national', 'provincial'] as const;
export type FilingLevel = (typeof filingLevels)[number];
export const effectiveStatuses = ['active', 'suspended', 'revoked', 'expired', 'not-yet-valid'] as const;
/** The five levels a 国家职业标准 sets; a filed scope names one of them. */
export const scopeLevels = ['5', '4', '3', '2', '1'] as const;
/** A provincial filing's national code is fixed (reference.md §5.2, positions 2–5). */
export const PROVINCIAL_NATIONAL_CODE = '0000';

export interface Site {
  id: string;
  name: string;
  address: string;
  region: string;
}

export interface Institution {
  id: string;
  creditCode: string;
  name: string;
  kind: InstitutionKind;
  filingLevel: FilingLevel;
  nationalCode: string;
  province: string;
  siteCode: string;
  code: string;
  status: FilingStatus;
  validFrom: string;
  validUntil: string;
  sites: Site[];
  scopes: ScopeEntry[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const creditCodeMessages: Record<CreditCodeReason, string> = {
  length: 'a 统一社会信用代码 has 18 characters',
  charset: 'only digits and upper-case letters other than I, O, S, V, Z',
  'check-character': 'the check character (GB 32100-2015) does not match',
};

const isoDate = z.iso.date('a date YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
export const creditCodeSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const check = checkCreditCode(value);
    if (!check.ok)
      ctx.addIssue({ code: 'custom', message: `${check.reason}: ${creditCodeMessages[check.reason]}` });
  });
export const provinceSchema = z
  .string()
  .regex(/^\d{2}0000$/, 'a province code like 310000 (GB/T 2260)')
  .refine((code) => provinces.some((p) => p.code === code), 'unknown-province: not one of the 31 provinces');
const regionSchema = z.string().regex(/^\d{6}$/, 'a GB/T 2260 six-digit code like 310115');
const occupationSchema = z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'a 大典 occupation code like 6-31-01-03');
const levelSchema = z.enum(scopeLevels);

export const siteInputSchema = z.strictObject({ name: text(200), address: text(500), region: regionSchema });
export const scopeInputSchema = z.strictObject({ occupation: occupationSchema, level: levelSchema });
const sitesSchema = z.array(siteInputSchema).min(1).max(50);
const scopesSchema = z.array(scopeInputSchema).min(1).max(200);

/** 遴选备案: what a province admin records when an institution is filed. */
export const createInstitutionSchema = z
  .strictObject({
    creditCode: creditCodeSchema,
    name: text(200),
    kind: z.enum(institutionKinds),
    filingLevel: z.enum(filingLevels),
    nationalCode: z
      .string()
      .regex(/^\d{4}$/, 'four digits')
      .optional(),
    province: provinceSchema,
    siteCode: z.string().regex(/^\d{6}$/, 'the six-digit site sequence code the province assigned'),
    validFrom: isoDate,
    validUntil: isoDate,
    sites: sitesSchema,
    scopes: scopesSchema,
  })
  .superRefine((body, ctx) => {
    // reference.md §5.2: 人社部 assigns 0001–9999 to a national filing; a provincial filing carries 0000.
    if (
      body.filingLevel === 'national' &&
      (!body.nationalCode || body.nationalCode === PROVINCIAL_NATIONAL_CODE)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['nationalCode'],
        message: 'national-code-required: a national filing has the 0001–9999 code 人社部 assigned',
      });
    if (
      body.filingLevel === 'provincial' &&
      body.nationalCode &&
      body.nationalCode !== PROVINCIAL_NATIONAL_CODE
    )
      ctx.addIssue({
        code: 'custom',
        path: ['nationalCode'],
        message: 'provincial-code-is-0000: a provincial filing carries 0000',
      });
    if (body.validUntil < body.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'before-valid-from' });
    body.sites.forEach((site, i) => {
      if (!isSiteInProvince(body.province, site.region))
        ctx.addIssue({
          code: 'custom',
          path: ['sites', i, 'region'],
          message: `outside-province: a site of a ${body.province} filing lies in that province`,
        });
    });
    duplicateScopes(body.scopes).forEach((i) => {
      ctx.addIssue({ code: 'custom', path: ['scopes', i], message: 'duplicate: listed twice' });
    });
  });
export type CreateInstitutionInput = z.infer<typeof createInstitutionSchema>;

/**
 * The credit code, category, codes and province never change: issued certificate numbers carry them (reference.md
 * §5.2). A site with an id is edited, one without is added, and an existing site left out is removed; the scope
 * list replaces the filed scope. `version` is the one the caller read (optimistic concurrency).
 */
export const updateInstitutionSchema = z
  .strictObject({
    version: z.number().int().min(1),
    name: text(200).optional(),
    sites: z
      .array(siteInputSchema.extend({ id: z.uuid().optional() }))
      .min(1)
      .max(50)
      .optional(),
    scopes: scopesSchema.optional(),
  })
  .superRefine((body, ctx) => {
    duplicateScopes(body.scopes ?? []).forEach((i) => {
      ctx.addIssue({ code: 'custom', path: ['scopes', i], message: 'duplicate: listed twice' });
    });
  });
export type UpdateInstitutionInput = z.infer<typeof updateInstitutionSchema>;

export const reasonSchema = z.strictObject({ reason: z.string().trim().min(2, 'give a reason').max(500) });
export const renewSchema = z.strictObject({
  validUntil: isoDate,
  reason: z.string().trim().min(2).max(500).optional(),
});

/**
 * The directory (机构查询, design.md `GET /api/v1/institutions?occupation=…&level=…&region=…`). Without `status`
 * it lists institutions active today; `status` (an effective status, or `all`) is for overseers in their scope.
 */
export const listInstitutionsSchema = z.object({
  occupation: occupationSchema.optional(),
  level: levelSchema.optional(),
  region: regionSchema.optional().describe('a province (xx0000), a city (xxxx00) or a district code'),
  name: z.string().trim().min(1).max(100).optional().describe('part of the name'),
  status: z.enum([...effectiveStatuses, 'all']).optional(),
  cursor: z.string().max(500).optional().describe('`next` of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListInstitutionsInput = z.infer<typeof listInstitutionsSchema>;

export const siteViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  region: z.string(),
});
export const scopeViewSchema = z.object({
  occupation: z.string(),
  occupationNameZh: z.string(),
  occupationNameEn: z.string(),
  level: z.string(),
});

/** What anyone may read: a filing is public information, the credit code of an organisation too. */
export const publicInstitutionViewSchema = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  kind: z.enum(institutionKinds),
  filingLevel: z.enum(filingLevels),
  nationalCode: z.string(),
  /** The 13 characters certificate numbers start with (reference.md §5.2). */
  code: z.string(),
  province: z.string(),
  siteCode: z.string(),
  /** On today (China Standard Time): a lapsed filing is `expired` whatever is stored. */
  status: z.enum(effectiveStatuses),
  validFrom: z.string(),
  validUntil: z.string(),
  sites: z.array(siteViewSchema),
  scopes: z.array(scopeViewSchema),
});
export type PublicInstitutionView = z.infer<typeof publicInstitutionViewSchema>;

/** What the filing province's admins, system admins and supervisors read. */
export const institutionViewSchema = publicInstitutionViewSchema.extend({
  storedStatus: z.enum(['active', 'suspended', 'revoked']),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InstitutionView = z.infer<typeof institutionViewSchema>;

// An admin reads the full view, everyone else the public one; the first branch that fits is sent.
export const anyInstitutionViewSchema = z.union([institutionViewSchema, publicInstitutionViewSchema]);

export const institutionHistoryEntrySchema = z.object({
  position: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type InstitutionHistoryEntry = z.infer<typeof institutionHistoryEntrySchema>;

/** Indexes of scope entries that repeat an earlier one. */
function duplicateScopes(scopes: readonly ScopeEntry[]): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  scopes.forEach((s, i) => {
    const key = `${s.occupation}|${s.level}`;
    if (seen.has(key)) repeated.push(i);
    seen.add(key);
  });
  return repeated;
}
