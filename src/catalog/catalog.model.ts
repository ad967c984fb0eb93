/**
 * The reference catalog (design.md "Canonical identifiers"): departments, certificate types, occupations, levels,
 * regions and the provinces that designate a certificate. The files in `catalog/` are validated with these schemas;
 * `z.strictObject` everywhere, so a misspelt key is an error rather than a silently ignored field.
 */
import { z } from 'zod';

export const departmentIds = ['mohrss', 'mohurd', 'mem', 'samr'] as const;
export const departmentIdSchema = z.enum(departmentIds);
export type DepartmentId = z.infer<typeof departmentIdSchema>;

/** The official numbering, `5` = 五级/初级工 … `1` = 一级/高级技师; the eight-level system adds three more. */
export const levelIds = ['apprentice', '5', '4', '3', '2', '1', 'principal', 'chief'] as const;
export const levelIdSchema = z.enum(levelIds);
export type LevelId = z.infer<typeof levelIdSchema>;

/** The five levels a 国家职业标准 sets 申报条件 for, and that a 22-character certificate number encodes. */
export const standardLevelSchema = z.enum(['5', '4', '3', '2', '1']);
export type StandardLevel = z.infer<typeof standardLevelSchema>;

/** reference.md legend: `V` stated by a source, `V?` one weak source or conflicting, `NOT VERIFIED` unknown. */
import type { Prefecture } from './catalog.prefectures.ts';

export const evidenceSchema = z.enum(['V', 'V?', 'NOT VERIFIED']);
export type Evidence = z.infer<typeof evidenceSchema>;

const isoDateSchema = z.iso.date();
const versionSchema = isoDateSchema.describe('the date this version of the file was published');
const regionCodeSchema = z.string().regex(/^\d{6}$/, 'must be a GB/T 2260 six-digit code');
const occupationCodeSchema = z
  .string()
  .regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'must be a 大典 code like 6-31-01-03');
const certificateTypeIdSchema = z
  .string()
  .regex(/^(mohrss|mohurd|mem|samr)\.[a-z0-9]+(-[a-z0-9]+)*$/, 'must be <department>.<kebab-slug>');
const nonEmpty = z.string().min(1);

export const departmentSchema = z.strictObject({
  id: departmentIdSchema,
  nameZh: nonEmpty,
  nameEn: nonEmpty,
  shortZh: nonEmpty,
});
export type Department = z.infer<typeof departmentSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Certificate types

export const reviewRuleSchema = z.strictObject({
  /** A review (复审 / 延期复核) is due every this many years. */
  everyYears: z.number().int().positive(),
  /** The longer interval a holder may be granted (MEM: 10 years in the trade → every 6 years, 令30 第二十一条). */
  extendedEveryYears: z.number().int().positive().optional(),
  /** Whose clean record earns `extendedEveryYears`, as the clause says it (required with it, catalog check). */
  extendedIf: nonEmpty.optional(),
  /** The application window: within this many days before expiry (MEM 60 days; MOHURD 3 months ≈ 90 days). */
  applyWithinDaysBefore: z.number().int().positive().nullable(),
  /** A deadline instead of a window: at least this many days before expiry (SAMR one month, TSG Z6001-2019 第二十五条). */
  applyAtLeastDaysBefore: z.number().int().positive().optional(),
  /** A passed review extends the certificate by this many years (MOHURD 延期复核: 2 years). */
  extensionYears: z.number().int().positive().optional(),
  /**
   * The interval is the issuing province's (MOHURD, reference §3.4 "CONFLICTING"): the figures above are the
   * national default, and a review date is not checked against them.
   */
  variesByProvince: z.boolean().optional(),
  /** Where the rule is written down in the research notes, e.g. `domain/reference.md §2.2`. */
  reference: nonEmpty,
  /** How well the rule is sourced (reference.md legend). */
  evidence: evidenceSchema,
  /** What is not verified about the rule, where `evidence` alone does not say. */
  note: nonEmpty.optional(),
});
export type ReviewRule = z.infer<typeof reviewRuleSchema>;

/**
 * A province that sets its own validity. `issuedBefore` / `issuedFrom` bound the issue dates it covers (half-open:
 * `issuedFrom ≤ issuedOn < issuedBefore`).
 */
export const provinceOverrideSchema = z.strictObject({
  region: regionCodeSchema,
  issuedFrom: isoDateSchema.optional(),
  issuedBefore: isoDateSchema.optional(),
  years: z.number().int().positive().nullable(),
  review: reviewRuleSchema.nullable(),
  basis: nonEmpty,
  evidence: evidenceSchema,
});
export type ProvinceOverride = z.infer<typeof provinceOverrideSchema>;

export const validitySchema = z.strictObject({
  /** Years from issue; null = no expiry (MOHRSS skill-level certificates). */
  years: z.number().int().positive().nullable(),
  review: reviewRuleSchema.nullable(),
  basis: nonEmpty,
  provinceOverrides: z.array(provinceOverrideSchema),
});
export type Validity = z.infer<typeof validitySchema>;

/** Named checks beyond the pattern, implemented in `catalog.rules.ts`. */
export const numberCheckSchema = z.enum([
  'gb11643-embedded', // MEM: the 18 characters after "T" are a valid 公民身份号码 (reference §2.3)
  'province-short', // MOHURD: the first character is a province 简称 (reference §3.3)
  'mohrss-code', // MOHRSS: province code and level digit of the 22-character code (reference §5.2)
]);
export type NumberCheck = z.infer<typeof numberCheckSchema>;

export const numberFormatSchema = z.strictObject({
  /** A regular expression compiled with the `u` flag; anchored with ^ and $. */
  pattern: nonEmpty,
  checks: z.array(numberCheckSchema),
  descriptionZh: nonEmpty,
  descriptionEn: nonEmpty,
  /** Numbers that must pass the format (checked at load). */
  examples: z.array(nonEmpty).min(1),
  /** Near misses that must fail it (checked at load). */
  counterExamples: z.array(z.string()).min(1),
});
export type NumberFormat = z.infer<typeof numberFormatSchema>;

export const categorySchema = z.strictObject({
  code: nonEmpty,
  nameZh: nonEmpty,
  nameEn: nonEmpty,
});
export type Category = z.infer<typeof categorySchema>;

export const certificateKindSchema = z.enum([
  'qualification', // 技能人员职业资格证书, incl. special-operation certificates
  'skill-level', // 职业技能等级证书
]);
export type CertificateKind = z.infer<typeof certificateKindSchema>;

export const certificateTypeSchema = z.strictObject({
  id: certificateTypeIdSchema,
  department: departmentIdSchema,
  /** The item's code in its department's catalog (MEM "1.2", MOHURD "01", SAMR "Q2"); null where not verified. */
  officialCode: nonEmpty.nullable(),
  nameZh: nonEmpty,
  nameEn: nonEmpty,
  kind: certificateKindSchema,
  category: categorySchema.nullable(),
  validity: validitySchema,
  numberFormat: numberFormatSchema,
  /** The certificate carries an occupation and a level of its own (only `mohrss.skill-level`). */
  requiresOccupation: z.boolean(),
  /** The 大典 occupation the notice (part 二) links this qualification to. */
  occupation: occupationCodeSchema.optional(),
  /** Issued only in provinces that designate it (建筑焊工: 省级认定的其他特种作业, 建质〔2008〕75号 第三条(七)). */
  issuedOnlyWhereDesignated: z.boolean(),
  evidence: evidenceSchema,
  /** What is and is not verified about this entry, where `evidence` alone does not say. */
  note: nonEmpty.optional(),
  sources: z.array(nonEmpty).min(1),
});
export type CertificateType = z.infer<typeof certificateTypeSchema>;

export const certificateTypesFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: versionSchema,
  department: departmentIdSchema,
  types: z.array(certificateTypeSchema).min(1),
});

// ---------------------------------------------------------------------------------------------------------------
// Occupations and their 申报条件

/** School kinds named in the 2018 national standards' 申报条件 (reference §6). */
export const schoolKindSchema = z.enum([
  'technical-school', // 技工学校本专业或相关专业毕业 (含应届)
  'secondary-vocational', // 经评估论证、以中级技能为培养目标的中等及以上职业学校本专业或相关专业毕业
  'senior-technical-school', // 高级技工学校、技师学院毕业 (含应届)
  'higher-vocational', // 经评估论证、以高级技能为培养目标的高等职业学校本专业或相关专业毕业
  'college', // 大专及以上本专业或相关专业毕业
]);
export type SchoolKind = z.infer<typeof schoolKindSchema>;

export const applicationRouteSchema = z.strictObject({
  id: nonEmpty,
  textZh: nonEmpty,
  textEn: nonEmpty,
  /** All of these at once. With `levelHeld`, `yearsInOccupation` counts from obtaining that level (累计从事本职业). */
  requires: z.strictObject({
    levelHeld: z.enum(['5', '4', '3', '2']).optional(),
    yearsInOccupation: z.number().int().nonnegative().optional(),
    school: schoolKindSchema.optional(),
    apprenticeship: z.boolean().optional(),
  }),
});
export type ApplicationRoute = z.infer<typeof applicationRouteSchema>;

export const occupationLevelSchema = z.strictObject({
  level: standardLevelSchema,
  /** Alternatives: any one suffices. */
  routes: z.array(applicationRouteSchema),
  /** Why the routes are incomplete, where the sources break off. */
  note: nonEmpty.optional(),
});
export type OccupationLevel = z.infer<typeof occupationLevelSchema>;

export const occupationSchema = z.strictObject({
  code: occupationCodeSchema,
  nameZh: nonEmpty,
  nameEn: nonEmpty,
  standard: z.strictObject({ nameZh: nonEmpty, document: nonEmpty, year: z.number().int() }),
  levels: z.array(occupationLevelSchema),
  evidence: evidenceSchema,
  sources: z.array(nonEmpty).min(1),
});
export type Occupation = z.infer<typeof occupationSchema>;

export const occupationsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: versionSchema,
  occupations: z.array(occupationSchema).min(1),
});

// ---------------------------------------------------------------------------------------------------------------
// Levels, regions, designations, departments (file shapes)

export const levelSchema = z.strictObject({
  id: levelIdSchema,
  nameZh: nonEmpty,
  nameEn: nonEmpty,
  /** 五级 … 一级 for the five official levels, null for the three the eight-level system adds. */
  gradeZh: nonEmpty.nullable(),
  /** 1 = 学徒工 (lowest) … 8 = 首席技师 (highest). */
  rank: z.number().int().min(1).max(8),
  /** One of the five levels of the national occupational standards. */
  isStandardLevel: z.boolean(),
});
export type Level = z.infer<typeof levelSchema>;

export const levelsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: versionSchema,
  sources: z.array(nonEmpty).min(1),
  levels: z.array(levelSchema).min(1),
});

export const organisationSchema = z.strictObject({
  id: nonEmpty,
  nameZh: nonEmpty,
  nameEn: nonEmpty,
  note: nonEmpty.optional(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const regionSchema = z.strictObject({
  code: regionCodeSchema,
  nameZh: nonEmpty,
  nameEn: nonEmpty,
  short: z.string().length(1),
  altShort: z.array(z.string().length(1)),
  /** Province-level organisations without a GB/T 2260 code of their own (新疆生产建设兵团 under 650000). */
  organisations: z.array(organisationSchema).optional(),
});
export type Region = z.infer<typeof regionSchema>;

export const regionsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: versionSchema,
  sources: z.array(nonEmpty).min(1),
  regions: z.array(regionSchema).min(1),
});

export const provinceDesignationSchema = z.strictObject({
  type: certificateTypeIdSchema,
  region: regionCodeSchema,
  basis: nonEmpty,
  evidence: evidenceSchema,
  /** A demonstration entry, not a verified designation: the UI says so. */
  isDemo: z.boolean(),
});
export type ProvinceDesignation = z.infer<typeof provinceDesignationSchema>;

export const provinceDesignationsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: versionSchema,
  designations: z.array(provinceDesignationSchema),
});

export const departmentsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: versionSchema,
  departments: z.array(departmentSchema).min(1),
});

/** The loaded catalog: the arrays in file order plus indexes. Built once at start-up, read-only afterwards. */
export interface Catalog {
  /** Version of each file, by path relative to the catalog directory. */
  readonly versions: Readonly<Record<string, string>>;
  readonly departments: readonly Department[];
  readonly departmentsById: ReadonlyMap<DepartmentId, Department>;
  readonly certificateTypes: readonly CertificateType[];
  readonly certificateTypesById: ReadonlyMap<string, CertificateType>;
  readonly occupations: readonly Occupation[];
  readonly occupationsByCode: ReadonlyMap<string, Occupation>;
  readonly levels: readonly Level[];
  readonly levelsById: ReadonlyMap<LevelId, Level>;
  readonly regions: readonly Region[];
  readonly regionsByCode: ReadonlyMap<string, Region>;
  /** Prefecture-level divisions (catalog.prefectures.ts), for naming city codes; not part of `regions`. */
  readonly prefectures: readonly Prefecture[];
  readonly provinceDesignations: readonly ProvinceDesignation[];
}
