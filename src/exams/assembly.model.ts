/**
 * Paper assembly (组卷, issue 7 §2): the blueprint (鉴定要素细目表 — counts per knowledge point × type × difficulty
 * band, total score), exposure control and parallel forms, and the papers it produces. Pure: types, Zod schemas
 * and the difficulty bands.
 */
import { z } from 'zod';

export const itemTypes = ['single', 'multiple', 'true-false', 'practical'] as const;
export type ItemType = (typeof itemTypes)[number];
export const difficultyBands = ['easy', 'medium', 'hard'] as const;
export type DifficultyBand = (typeof difficultyBands)[number];

/**
 * The band of a version's difficulty (0 easiest … 1 hardest, as stored in the bank): easy below 0.4, medium from
 * 0.4 to 0.7 inclusive, hard above 0.7 (exams.md §3.2 allows a mix of easy, medium and hard counts in place of a
 * mean-difficulty window).
 */
export function bandOf(difficulty: number): DifficultyBand {
  if (difficulty < 0.4) return 'easy';
  return difficulty <= 0.7 ? 'medium' : 'hard';
}

export const blueprintRowSchema = z.object({
  knowledgePoint: z.string().trim().min(1).max(200),
  type: z.enum(itemTypes),
  difficulty: z.enum(difficultyBands),
  count: z.int().min(1).max(500),
  /** Each item's score on this paper; without it the item version's own score counts. */
  scoreEach: z.number().positive().max(100).optional(),
});
export type BlueprintRow = z.infer<typeof blueprintRowSchema>;

export const blueprintSchema = z
  .object({
    occupation: z.string().trim().min(1),
    level: z.string().trim().min(1),
    subject: z.enum(['theory', 'skills']),
    totalScore: z.number().positive().max(1000),
    rows: z.array(blueprintRowSchema).min(1).max(200),
    /**
     * Exposure control (exams.md §3.3): an item version may appear in at most this many papers in all, so one
     * already in `usageCap` earlier papers is withheld. Absent: no cap.
     */
    usageCap: z.int().min(1).max(1000).optional(),
    /** Parallel forms (A, B, …) for a joint exam (issue 7 §2). */
    forms: z.int().min(1).max(6).default(1),
    /** Share (0–1) of a form's items that any two forms may have in common. */
    maxOverlap: z.number().min(0).max(1).default(0),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.rows.forEach((row, i) => {
      const key = cellKey(row);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rows', i], message: 'duplicate-cell' });
      seen.add(key);
    });
  });
export type Blueprint = z.output<typeof blueprintSchema>;
export type BlueprintInput = z.input<typeof blueprintSchema>;

/** How a cell is named in answers and on the chart: `安全用电 × single × medium`. */
export function cellKey(row: Pick<BlueprintRow, 'knowledgePoint' | 'type' | 'difficulty'>): string {
  return `${row.knowledgePoint} × ${row.type} × ${row.difficulty}`;
}

/** An item the solver may place: active, pinned at its current version, with its use in earlier papers. */
export interface Candidate {
  itemId: string;
  version: number;
  knowledgePoint: string;
  type: ItemType;
  difficulty: number;
  score: number;
  /** Papers (other than those being replaced) that already use this version. */
  uses: number;
  /** Enemy sets the item belongs to (issue 7 §1). */
  enemySets: string[];
}

export interface PlacedItem {
  itemId: string;
  version: number;
  score: number;
  /** Index of the blueprint row it fills. */
  row: number;
}

export const formNames = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const paperStatuses = ['assembled', 'locked'] as const;
export type PaperStatus = (typeof paperStatuses)[number];

export const coverageSchema = z.object({
  cell: z.string(),
  knowledgePoint: z.string(),
  type: z.enum(itemTypes),
  difficulty: z.enum(difficultyBands),
  required: z.int(),
  assembled: z.int(),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const paperItemViewSchema = z.object({
  position: z.int(),
  itemId: z.uuid(),
  version: z.int(),
  score: z.number(),
  knowledgePoint: z.string(),
  type: z.enum(itemTypes),
  difficulty: z.number(),
});
export type PaperItemView = z.infer<typeof paperItemViewSchema>;

export const paperViewSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  form: z.string(),
  subject: z.enum(['theory', 'skills']),
  status: z.enum(paperStatuses),
  totalScore: z.number(),
  blueprint: z.unknown(),
  createdAt: z.string(),
  items: z.array(paperItemViewSchema),
  coverage: z.array(coverageSchema),
});
export type PaperView = z.infer<typeof paperViewSchema>;

export const paperSummarySchema = paperViewSchema.omit({ items: true, blueprint: true }).extend({
  itemCount: z.int(),
});
export type PaperSummary = z.infer<typeof paperSummarySchema>;
