import { z } from 'zod';
import { ruleIds, severities } from './supervision.rules-data.ts';
import { warningStatuses } from './warnings.model.ts';
import { warningReferenceSchema } from './warnings.names.ts';

/**
 * What the warnings routes answer, as Zod schemas so the OpenAPI document describes them and the web's client is
 * generated from it (issue 15 item 10). `WarningView` in warnings.model.ts is the same shape as the service builds it.
 */
export const warningViewSchema = z.object({
  id: z.string(),
  /** A rule id; a string, not the current list, since a warning outlives a rules.json that dropped its rule. */
  rule: z.string(),
  /** The rule's title (supervision/rules.json), or the rule id when the current rules no longer have it. */
  title: z.string(),
  severity: z.enum(severities),
  status: z.enum(warningStatuses),
  reviewLevel: z.enum(['province', 'national']),
  institution: z.object({ id: z.string(), name: z.string(), code: z.string() }).nullable(),
  planId: z.string().nullable(),
  planCode: z.string().nullable(),
  sittingId: z.string().nullable(),
  province: z.string().nullable(),
  occupation: z.string().nullable(),
  summary: z.string(),
  /** What the rule found, as it stored it when raised: a JSON object of facts whose ids `references` names. */
  evidence: z.unknown(),
  references: z.array(warningReferenceSchema),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

export const warningPageSchema = z.object({
  items: z.array(warningViewSchema),
  /** The cursor of the next page; absent on the last. */
  next: z.string().optional(),
});

export const warningHistoryEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  /** A workflow action, or `raise` when a rule raised the warning. */
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  comment: z.string().nullable(),
  attachments: z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      mediaType: z.string(),
      size: z.number(),
      sha256: z.string(),
    }),
  ),
});

export const warningDetailSchema = warningViewSchema.extend({
  /** The rule's legal or statistical basis. */
  basis: z.string(),
  history: z.array(warningHistoryEntrySchema),
});

export const supervisionRulesSchema = z.object({
  version: z.string(),
  /** Days the institution has to answer. */
  reviewDays: z.number(),
  rules: z.array(
    z.object({
      id: z.enum(ruleIds),
      severity: z.enum(severities),
      title: z.string(),
      basis: z.string(),
      thresholds: z.record(z.string(), z.unknown()),
    }),
  ),
});
