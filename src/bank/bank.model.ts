import { z } from 'zod';

/**
 * The unified question bank (统一题库, issue 7 §1): items of four types tagged with occupation, level and knowledge
 * point (鉴定要素), versioned (a paper pins `(itemId, version)`), and reviewed before use.
 */
export const itemTypes = ['single', 'multiple', 'true-false', 'practical'] as const;
export type ItemType = (typeof itemTypes)[number];
export const itemStatuses = ['draft', 'reviewed', 'active', 'retired'] as const;
export type ItemStatus = (typeof itemStatuses)[number];
export const itemLevels = ['5', '4', '3', '2', '1'] as const;

export interface ChoiceOption {
  id: string;
  text: string;
}
export interface RubricCriterion {
  criterion: string;
  maxPoints: number;
}

/** What one version holds; choice answers are option ids, true-false a boolean, practical items a rubric. */
export type ItemContent =
  | { type: 'single' | 'multiple'; stem: string; options: ChoiceOption[]; answer: string[]; score: number }
  | { type: 'true-false'; stem: string; answer: boolean; score: number }
  | { type: 'practical'; stem: string; rubric: RubricCriterion[] };

export interface ItemVersion {
  version: number;
  stem: string;
  options: ChoiceOption[];
  answer: string[] | boolean | null;
  rubric: RubricCriterion[] | null;
  score: number;
  difficulty: number;
  createdBy: string;
  createdAt: Date;
}

export interface BankItem {
  id: string;
  occupation: string;
  level: string;
  knowledgePoint: string;
  type: ItemType;
  status: ItemStatus;
  currentVersion: number;
  /** The contributing province; null for items a system admin contributed nationally. */
  province: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const text = (max: number) => z.string().trim().min(1).max(max);
// QTI identifiers are NCNames; keeping option ids to that shape lets every choice item export (exams.md §2.1).
const optionId = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, 'a letter first, then letters, digits, _ . - (QTI identifier)');
const optionSchema = z.strictObject({ id: optionId, text: text(1000) });
const score = z.number().positive().max(100);
const difficulty = z.number().min(0).max(1);
const stem = text(4000);

function checkOptions(
  value: { options: ChoiceOption[]; answer: string[] },
  ctx: z.core.$RefinementCtx,
): void {
  const ids = new Set<string>();
  value.options.forEach((o, i) => {
    if (ids.has(o.id))
      ctx.addIssue({ code: 'custom', path: ['options', i, 'id'], message: 'duplicate option id' });
    ids.add(o.id);
  });
  value.answer.forEach((a, i) => {
    if (!ids.has(a)) ctx.addIssue({ code: 'custom', path: ['answer', i], message: `no option ${a}` });
  });
  if (new Set(value.answer).size !== value.answer.length)
    ctx.addIssue({ code: 'custom', path: ['answer'], message: 'an option is named twice' });
}

const contentShapes = {
  single: {
    type: z.literal('single'),
    stem,
    options: z.array(optionSchema).min(2).max(10),
    answer: z.array(optionId).length(1, 'a single-choice item has exactly one correct option'),
    score,
    difficulty,
  },
  // 多项选择题: two or more correct options, the convention of 职业技能鉴定 theory papers.
  multiple: {
    type: z.literal('multiple'),
    stem,
    options: z.array(optionSchema).min(3).max(10),
    answer: z.array(optionId).min(2, 'a multiple-choice item has at least two correct options'),
    score,
    difficulty,
  },
  trueFalse: { type: z.literal('true-false'), stem, answer: z.boolean(), score, difficulty },
  // The item's score is the rubric's sum, so it is never sent separately (issue 7 §1: practical tasks + rubric).
  practical: {
    type: z.literal('practical'),
    stem,
    rubric: z
      .array(z.strictObject({ criterion: text(500), maxPoints: z.number().positive().max(100) }))
      .min(1)
      .max(30),
    difficulty,
  },
} as const;

const metadata = {
  occupation: z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'an occupation code like 6-31-01-03'),
  level: z.enum(itemLevels),
  knowledgePoint: text(100),
};

const createExtra = {
  ...metadata,
  province: z
    .string()
    .regex(/^\d{2}0000$/)
    .optional(),
};
/** A new item: its tags, its first version, and (system admins only) the contributing province. */
export const createItemSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...contentShapes.single, ...createExtra }).superRefine(checkOptions),
  z.strictObject({ ...contentShapes.multiple, ...createExtra }).superRefine(checkOptions),
  z.strictObject({ ...contentShapes.trueFalse, ...createExtra }),
  z.strictObject({ ...contentShapes.practical, ...createExtra }),
]);
export type CreateItemInput = z.infer<typeof createItemSchema>;

const updateExtra = { baseVersion: z.int().positive(), knowledgePoint: text(100).optional() };
/** An edit: the version it was made from (a stale one is a conflict), then the new content; type stays. */
export const updateItemSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...contentShapes.single, ...updateExtra }).superRefine(checkOptions),
  z.strictObject({ ...contentShapes.multiple, ...updateExtra }).superRefine(checkOptions),
  z.strictObject({ ...contentShapes.trueFalse, ...updateExtra }),
  z.strictObject({ ...contentShapes.practical, ...updateExtra }),
]);
export type UpdateItemInput = z.infer<typeof updateItemSchema>;

export const transitionSchema = z.strictObject({ comment: text(500) });

export const listItemsSchema = z.object({
  occupation: z.string().optional(),
  level: z.enum(itemLevels).optional(),
  status: z.enum(itemStatuses).optional(),
  type: z.enum(itemTypes).optional(),
  knowledgePoint: z.string().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListItemsFilter = z.infer<typeof listItemsSchema>;

export const createEnemySetSchema = z.strictObject({
  name: text(100),
  itemIds: z.array(z.uuid()).min(2).max(50),
});
export type CreateEnemySetInput = z.infer<typeof createEnemySetSchema>;

const versionViewSchema = z.object({
  version: z.number(),
  stem: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
  answer: z.union([z.array(z.string()), z.boolean()]).nullable(),
  rubric: z.array(z.object({ criterion: z.string(), maxPoints: z.number() })).nullable(),
  score: z.number(),
  difficulty: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ItemVersionView = z.infer<typeof versionViewSchema>;

export const itemViewSchema = z.object({
  id: z.string(),
  occupation: z.string(),
  level: z.string(),
  knowledgePoint: z.string(),
  type: z.enum(itemTypes),
  status: z.enum(itemStatuses),
  currentVersion: z.number(),
  province: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  current: versionViewSchema,
});
export type ItemView = z.infer<typeof itemViewSchema>;
export const itemDetailSchema = itemViewSchema.extend({ versions: z.array(versionViewSchema) });
export type ItemDetail = z.infer<typeof itemDetailSchema>;

export const enemySetViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  itemIds: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type EnemySetView = z.infer<typeof enemySetViewSchema>;

/** The version columns of a content input: what the store writes for one version. */
export function versionFields(content: ItemContent & { difficulty: number }) {
  switch (content.type) {
    case 'single':
    case 'multiple':
      return { options: content.options, answer: content.answer, rubric: null, score: content.score };
    case 'true-false':
      return { options: [], answer: content.answer, rubric: null, score: content.score };
    case 'practical':
      return {
        options: [],
        answer: null,
        rubric: content.rubric,
        score: content.rubric.reduce((sum, r) => sum + r.maxPoints, 0),
      };
  }
}

export function toVersionView(v: ItemVersion): ItemVersionView {
  return { ...v, createdAt: v.createdAt.toISOString() };
}

export function toItemView(item: BankItem, current: ItemVersion): ItemView {
  return {
    ...item,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    current: toVersionView(current),
  };
}

/** A version as a bank user (not an author in scope) sees it: the answer key is withheld (issue 17 §4). */
export function withoutAnswerKey<V extends { answer: ItemVersionView['answer'] }>(version: V): V {
  return { ...version, answer: null };
}
