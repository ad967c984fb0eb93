import { z } from 'zod';

/**
 * What the results routes answer (issue 7 §4–6), as Zod schemas so the OpenAPI document describes them and the web
 * generates its client from them (issue 15 item 10). The shapes are those the services build: results.service.ts,
 * results.issue.ts, results.appeals.ts, results.sheets.ts, archive.ts.
 */
const subjectKind = z.enum(['theory', 'skills', 'review']);

export const subjectScoreSchema = z.object({
  kind: subjectKind,
  score: z.number().nullable(),
  passMark: z.number(),
  passed: z.boolean(),
  /** Examiners' totals behind a combined score (skills, review). */
  examiners: z.array(z.number()).optional(),
});

export const resultFlagSchema = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('examiner-disagreement'),
    subject: subjectKind,
    spread: z.number(),
    threshold: z.number(),
  }),
  z.object({ code: z.literal('missing-score'), subject: subjectKind }),
  z.object({ code: z.literal('too-few-examiners'), subject: subjectKind, count: z.number() }),
]);

export const resultStatuses = ['computed', 'published', 'appealed', 'final', 'issued'] as const;
export const appealOutcomes = ['upheld', 'rejected'] as const;

export const planResultSchema = z.object({
  registrationId: z.string(),
  holder: z.object({ name: z.string(), idNumberMasked: z.string() }),
  province: z.string(),
  scores: z.array(subjectScoreSchema),
  passed: z.boolean(),
  flags: z.array(resultFlagSchema),
  status: z.enum(resultStatuses),
  publicityUntil: z.string().nullable(),
  appealUntil: z.string().nullable(),
  /** The certificate's number (masked when it embeds an ID number), once issued. */
  certificateNumber: z.string().nullable(),
  /** The candidate's latest appeal, and how it was resolved (issue 7 §5). */
  appeal: z
    .object({
      reason: z.string(),
      at: z.string(),
      outcome: z.enum(appealOutcomes).nullable(),
      resolution: z.string().nullable(),
    })
    .nullable(),
});

export const planResultsSchema = z.object({ items: z.array(planResultSchema) });

export const issueOutcomeSchema = z.object({
  issued: z.array(
    z.object({
      registrationId: z.string(),
      number: z.string(),
      /** 一试多证: the other departments asked to issue (issue 13 item 8); they number their own certificates. */
      requested: z.array(z.object({ type: z.string(), status: z.enum(['pending', 'already-held']) })),
    }),
  ),
  /** Registrations whose publicity or appeal window is still open. */
  waiting: z.array(z.string()),
});

export const appealFiledSchema = z.object({ registrationId: z.string(), status: z.literal('appealed') });

export const appealResolvedSchema = z.object({
  registrationId: z.string(),
  status: z.literal('final'),
  outcome: z.enum(appealOutcomes),
  passed: z.boolean(),
});

export const archiveCheckSchema = z.object({
  ok: z.boolean(),
  records: z.number(),
  purged: z.number(),
  problems: z.array(
    z.object({ position: z.number(), reason: z.enum(['content-changed', 'link-broken', 'gap']) }),
  ),
});

export const archivePurgeSchema = z.object({ purged: z.number(), kept: z.number() });

export const scoreEnteredSchema = z.object({
  registrationId: z.string(),
  staffId: z.string(),
  subject: z.enum(['skills', 'review']),
  total: z.number(),
});
