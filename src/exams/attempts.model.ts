/**
 * The computer-based theory exam (组织实施, issue 7 §3): an attempt per registration on a pinned paper, its answers
 * logged as given with the server's time, graded on submit. What the candidate sees never carries the key.
 */
import { z } from 'zod';

export const itemTypes = ['single', 'multiple', 'true-false', 'practical'] as const;
export type ItemType = (typeof itemTypes)[number];
export const attemptStatuses = ['in-progress', 'submitted'] as const;
export type AttemptStatus = (typeof attemptStatuses)[number];

/** An option id (single), option ids (multiple) or a boolean (true/false). */
export const responseSchema = z.union([
  z.string().min(1).max(64),
  z.array(z.string().min(1).max(64)).max(26),
  z.boolean(),
]);
export type Response = z.infer<typeof responseSchema>;

export const answerBodySchema = z.strictObject({ response: responseSchema });

export const attemptItemSchema = z.object({
  itemId: z.string(),
  type: z.enum(itemTypes),
  stem: z.string(),
  score: z.number(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
});
export type AttemptItem = z.infer<typeof attemptItemSchema>;

export const attemptViewSchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  status: z.enum(attemptStatuses),
  startedAt: z.string(),
  deadlineAt: z.string(),
  submittedAt: z.string().nullable(),
  /** From the server's clock; the page counts down from it. */
  serverTime: z.string(),
  remainingSeconds: z.number(),
  score: z.number().nullable(),
  maxScore: z.number(),
  /** In the candidate's shuffled order, options shuffled too; never the answers. */
  items: z.array(attemptItemSchema),
  /** The latest saved response per item id. */
  responses: z.record(z.string(), responseSchema),
});
export type AttemptView = z.infer<typeof attemptViewSchema>;

export const savedAnswerSchema = z.object({
  itemId: z.string(),
  answeredAt: z.string(),
  remainingSeconds: z.number(),
});
