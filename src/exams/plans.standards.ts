/**
 * Evaluation standards as data (issue 6 §2): `exams/standards.json` says which subjects a level sits (theory and
 * skills; 综合评审 too for levels 2 and 1), their minimum durations and pass marks, and the staff ratios — defaults
 * from the national standards' boilerplate (exams.md §1.2–1.3) and per occupation × level overrides.
 */
import path from 'node:path';
import { z } from 'zod';
import { type Catalog, evidenceSchema, type StandardLevel } from '../catalog/catalog.model.ts';
import { readDataFile } from '../shared/data-files.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';

export const subjectKinds = ['theory', 'skills', 'review'] as const;
export const subjectKindSchema = z.enum(subjectKinds);
export type SubjectKind = z.infer<typeof subjectKindSchema>;

const standardLevels = ['5', '4', '3', '2', '1'] as const;
const nonEmpty = z.string().min(1);
const minutes = z.number().int().min(1).max(1440);
const mark = z.number().int().min(1).max(100);

const subjectRuleSchema = z.strictObject({
  /** The standard's minimum (考核时间不少于…). */
  durationMinutes: minutes,
  passMark: mark,
  fullMark: mark,
});
const staffSchema = z.strictObject({
  /** 理论知识考试: at least `minPerRoom` invigilators per room and one per `candidatesPerStaff` candidates. */
  invigilators: z.strictObject({
    minPerRoom: z.number().int().min(1),
    candidatesPerStaff: z.number().int().min(1),
  }),
  /** 技能考核: examiners one per `candidatesPerStaff`, at least `min`, an odd number when `odd`. */
  examiners: z.strictObject({
    min: z.number().int().min(1),
    odd: z.boolean(),
    candidatesPerStaff: z.number().int().min(1),
  }),
  /** 综合评审委员: at least `min`, odd when `odd`. */
  reviewPanel: z.strictObject({ min: z.number().int().min(1), odd: z.boolean() }),
});
export type StaffRatios = z.infer<typeof staffSchema>;

const overrideSchema = z.strictObject({
  occupation: z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'must be a 大典 code like 6-31-01-03'),
  levels: z.array(z.enum(standardLevels)).min(1),
  /** The 国家职业技能标准 the figures come from. */
  standard: nonEmpty,
  subjects: z
    .strictObject({
      theory: subjectRuleSchema.partial().optional(),
      skills: subjectRuleSchema.partial().optional(),
      review: subjectRuleSchema.partial().optional(),
    })
    .optional(),
  subjectKinds: z.array(subjectKindSchema).min(1).optional(),
  staff: staffSchema.partial().optional(),
  evidence: evidenceSchema,
  note: nonEmpty.optional(),
  sources: z.array(nonEmpty).min(1),
});

export const standardsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.iso.date(),
  sources: z.array(nonEmpty).min(1),
  defaults: z.strictObject({
    subjectsByLevel: z.strictObject({
      '5': z.array(subjectKindSchema).min(1),
      '4': z.array(subjectKindSchema).min(1),
      '3': z.array(subjectKindSchema).min(1),
      '2': z.array(subjectKindSchema).min(1),
      '1': z.array(subjectKindSchema).min(1),
    }),
    subjects: z.strictObject({
      theory: subjectRuleSchema,
      skills: subjectRuleSchema,
      review: subjectRuleSchema,
    }),
    staff: staffSchema,
  }),
  /** How far a plan may depart from the standard: longer, and stricter, but not beyond these. */
  planBounds: z.strictObject({ maxDurationMinutes: minutes, maxPassMark: mark }),
  overrides: z.array(overrideSchema),
});
export type ExamStandards = z.infer<typeof standardsFileSchema>;

export interface SubjectRule {
  kind: SubjectKind;
  durationMinutes: number;
  passMark: number;
  fullMark: number;
}

/** What the standard asks of one occupation × level. */
export interface Standard {
  subjects: SubjectRule[];
  staff: StaffRatios;
  bounds: ExamStandards['planBounds'];
  /** The override's standard document, or null when only the defaults apply. */
  standard: string | null;
  version: string;
}

export const standardViewSchema = z.object({
  subjects: z.array(z.object({ kind: subjectKindSchema, ...subjectRuleSchema.shape })),
  staff: staffSchema,
  bounds: z.object({ maxDurationMinutes: z.number(), maxPassMark: z.number() }),
  standard: z.string().nullable(),
  version: z.string(),
});

/** The standard for an occupation × level: the defaults with the override's fields on top. Pure. */
export function standardFor(standards: ExamStandards, occupation: string, level: StandardLevel): Standard {
  const o = standards.overrides.find((x) => x.occupation === occupation && x.levels.includes(level));
  const kinds = o?.subjectKinds ?? standards.defaults.subjectsByLevel[level];
  const subjects = kinds.map((kind) => ({
    kind,
    ...standards.defaults.subjects[kind],
    ...o?.subjects?.[kind],
  }));
  return {
    subjects,
    staff: { ...standards.defaults.staff, ...o?.staff },
    bounds: standards.planBounds,
    standard: o?.standard ?? null,
    version: standards.version,
  };
}

/**
 * Reads and checks `exams/standards.json`: the schema, then every override against the catalog (the occupation
 * exists and has the level) and no occupation × level twice. Any problem stops start-up (`catalog_invalid`).
 */
export function loadExamStandards(file: string, catalog: Catalog): ExamStandards {
  const problems: ErrorDetail[] = [];
  const name = path.basename(file);
  const data = readDataFile(path.dirname(file), name, standardsFileSchema, problems);
  if (data) {
    const seen = new Set<string>();
    data.overrides.forEach((o, i) => {
      const occupation = catalog.occupationsByCode.get(o.occupation);
      if (!occupation) {
        problems.push({
          path: `${name}:overrides.${i}.occupation`,
          message: `unknown occupation ${o.occupation}`,
        });
        return;
      }
      for (const level of o.levels) {
        if (!occupation.levels.some((l) => l.level === level))
          problems.push({
            path: `${name}:overrides.${i}.levels`,
            message: `${o.occupation} has no level ${level}`,
          });
        const key = `${o.occupation}/${level}`;
        if (seen.has(key))
          problems.push({ path: `${name}:overrides.${i}`, message: `${key} is overridden twice` });
        seen.add(key);
      }
    });
    for (const [kind, rule] of Object.entries(data.defaults.subjects)) {
      if (rule.passMark > rule.fullMark)
        problems.push({ path: `${name}:defaults.subjects.${kind}`, message: 'passMark above fullMark' });
    }
  }
  if (problems.length > 0 || !data)
    throw new AppError('catalog_invalid', `exam standards in ${file} are invalid`, problems);
  return data;
}
