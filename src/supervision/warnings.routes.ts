import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadPlanForWholeAct } from '../exams/plans.whole.ts';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { AppError } from '../shared/errors.ts';
import { listWarningsSchema, warningActionSchema } from './warnings.model.ts';
import { supervisionRulesSchema, warningDetailSchema, warningPageSchema } from './warnings.responses.ts';
import {
  type AttachmentInput,
  actOnWarning,
  getAttachment,
  getWarning,
  listWarnings,
  runPlanRules,
  type SupervisionDeps,
} from './warnings.service.ts';

/** Warnings and their review workflow (issue 8 §2–3; design.md `GET /api/v1/warnings?status=open`). */
const readers = {
  roles: ['system-admin', 'supervisor', 'province-admin', 'institution-operator'],
} as const;
const reviewers = { roles: ['system-admin', 'supervisor', 'province-admin'] } as const;
const params = z.object({ id: z.uuid() });

/** What an institution may attach to its feedback: documents and photos, at most 5 files of 5 MB. */
const MAX_FILES = 5;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const mediaTypes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

async function readFeedback(request: FastifyRequest) {
  if (!request.isMultipart()) {
    const body = z.strictObject({ comment: z.string() }).safeParse(request.body);
    if (!body.success)
      throw new AppError('validation_failed', 'send a comment', [
        { path: 'body.comment', message: 'required' },
      ]);
    return { comment: body.data.comment, attachments: [] };
  }
  let comment = '';
  const attachments: AttachmentInput[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (part.fieldname === 'comment') comment = String(part.value);
      continue;
    }
    const content = await part.toBuffer();
    if (part.file.truncated)
      throw new AppError('payload_too_large', `${part.filename} is larger than ${MAX_FILE_BYTES} bytes`);
    if (!mediaTypes.has(part.mimetype))
      throw new AppError('unsupported_media_type', `${part.filename}: ${part.mimetype} is not accepted`, [
        { path: `files.${attachments.length}`, message: 'PDF, PNG, JPEG, text, XLSX or DOCX' },
      ]);
    if (content.length === 0)
      throw new AppError('validation_failed', `${part.filename} is empty`, [
        { path: `files.${attachments.length}`, message: 'empty' },
      ]);
    const filename =
      part.filename
        .normalize('NFC')
        .replace(/[\\/\0]/g, '_')
        .slice(0, 200) || 'attachment';
    attachments.push({ filename, mediaType: part.mimetype, content });
  }
  return { comment, attachments };
}

export async function warningRoutes(base: FastifyInstance, deps: SupervisionDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(multipart, {
    limits: { files: MAX_FILES, fileSize: MAX_FILE_BYTES, fields: 3, fieldSize: 8192 },
    throwFileSizeLimit: false,
  });
  const ctx = (request: FastifyRequest) => auditContextOf(request, deps.clock);

  app.get(
    '/warnings',
    {
      schema: {
        tags: ['supervision'],
        summary: '预警列表 Warnings in your scope (status=open by default; filters, sort, cursor)',
        querystring: listWarningsSchema,
        response: { 200: warningPageSchema },
      },
      config: { access: readers },
    },
    async (request) => listWarnings(deps, principalOf(request), request.query),
  );

  app.get(
    '/warnings/:id',
    {
      schema: {
        tags: ['supervision'],
        summary: '预警详情 A warning with its basis and history',
        params,
        response: { 200: warningDetailSchema },
      },
      config: { access: readers },
    },
    async (request) => getWarning(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/warnings/:id/actions',
    {
      schema: {
        tags: ['supervision'],
        summary:
          '审核 Send, accept, return, escalate, propose or carry out a sanction, dismiss (supervisors; the filing authority for sanctions)',
        params,
        body: warningActionSchema,
        response: { 200: warningDetailSchema },
      },
      config: { access: reviewers },
    },
    async (request) =>
      actOnWarning(deps, principalOf(request), ctx(request), request.params.id, request.body.action, {
        comment: request.body.comment,
      }),
  );

  app.post(
    '/warnings/:id/feedback',
    {
      schema: {
        tags: ['supervision'],
        summary:
          '反馈 The institution’s answer: a comment and up to 5 attachments (multipart: comment, files)',
        params,
        response: { 200: warningDetailSchema },
      },
      config: { access: { roles: ['institution-operator'] } },
    },
    async (request) => {
      const { comment, attachments } = await readFeedback(request);
      return actOnWarning(deps, principalOf(request), ctx(request), request.params.id, 'answer', {
        comment: comment.trim(),
        attachments,
      });
    },
  );

  app.get(
    '/warnings/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['supervision'],
        summary: '附件 Download an attachment of the feedback',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
      config: { access: readers },
    },
    async (request, reply) => {
      const file = await getAttachment(
        deps,
        principalOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .type(file.media_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(file.content));
    },
  );

  app.get(
    '/supervision/rules',
    {
      schema: {
        tags: ['supervision'],
        summary: '预警规则 The warning rules with their basis and thresholds',
        response: { 200: supervisionRulesSchema },
      },
      config: { access: readers },
    },
    async () => ({
      version: deps.supervision.version,
      reviewDays: deps.supervision.reviewDays,
      rules: Object.values(deps.supervision.rules).map((r) => ({
        ...r,
        thresholds: deps.supervision.thresholds[r.id],
      })),
    }),
  );

  app.post(
    '/plans/:planId/supervision/run',
    {
      schema: {
        tags: ['supervision'],
        summary: '全计划核查 Run every rule over a plan now (idempotent: raises only new findings)',
        params: z.object({ planId: z.uuid() }),
        response: { 200: z.object({ raised: z.number() }) },
      },
      config: { access: { roles: ['system-admin', 'supervisor'] } },
    },
    async (request) => {
      // A run acts on the whole plan: the lead province's supervisors (or national ones) only (issue 17 §4).
      await loadPlanForWholeAct(deps.db, principalOf(request), request.params.planId);
      const raised = await runPlanRules(deps, ctx(request), request.params.planId, true);
      return { raised: raised.length };
    },
  );
}
