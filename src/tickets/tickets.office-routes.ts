import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import type { NationalPack } from '../recognition/recognition.model.ts';
import { todayInChina } from '../shared/clock.ts';
import { previewFaq, publishFaq } from './faq.service.ts';
import {
  assignSchema,
  closeSchema,
  faqPreviewSchema,
  faqPublishSchema,
  inboxItemSchema,
  inboxQuerySchema,
  officeViewSchema,
  replySchema,
  requestInfoSchema,
  transferSchema,
} from './tickets.model.ts';
import {
  assignTicket,
  closeTicket,
  getAttachment,
  getOfficeTicket,
  listInbox,
  listTicketColleagues,
  type OfficeDeps,
  replyToTicket,
  requestInformation,
  transferTicket,
} from './tickets.office.ts';
import { getTicketStats, statsCsv, ticketStatsQuerySchema, ticketStatsSchema } from './tickets.stats.ts';

const tags = ['tickets'];
// Each office sees the tickets it answers for (tickets.rules.ts coversOffice); another office's are a 404.
const offices = { roles: ['system-admin', 'department-admin', 'province-admin'] } as const;
const analysts = { roles: ['system-admin', 'department-admin', 'province-admin', 'supervisor'] } as const;
const params = z.object({ id: z.uuid() });
const maskReport = z.object({
  names: z.number(),
  idNumbers: z.number(),
  phones: z.number(),
  emails: z.number(),
});

/** 回应关切, the offices' side (issue 14 §3, §5): the inbox, each step on a ticket, FAQ publishing, statistics. */
export async function officeTicketRoutes(
  base: FastifyInstance,
  deps: OfficeDeps & { national: NationalPack },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/tickets',
    {
      schema: {
        tags,
        summary:
          '咨询投诉待办 The office’s inbox: filter by status (overdue too), office, kind, escalation, assignee; sorted; paged',
        querystring: inboxQuerySchema,
        response: {
          200: z.object({
            items: z.array(inboxItemSchema),
            page: z.number(),
            pageSize: z.number(),
            total: z.number(),
            /** A text search looked at the newest tickets only (tickets.search.ts searchScanLimit). */
            searchTruncated: z.boolean(),
          }),
        },
      },
      config: { access: offices },
    },
    async (request) => listInbox(deps, principalOf(request), request.query),
  );

  app.get(
    '/tickets/:id/colleagues',
    {
      schema: {
        tags,
        summary:
          '同事 The officials a ticket may be assigned to: active users answering for its office; names only',
        params,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.uuid(), name: z.string(), isMe: z.boolean() })),
          }),
        },
      },
      config: { access: offices },
    },
    async (request) => listTicketColleagues(deps, principalOf(request), request.params.id),
  );

  app.get(
    '/tickets/statistics',
    {
      schema: {
        tags,
        summary:
          '咨询投诉跟踪分析 Tickets by topic, rule, type, province, department and month; median time to reply; overdue share; satisfaction',
        querystring: ticketStatsQuerySchema,
        response: { 200: ticketStatsSchema },
      },
      config: { access: analysts },
    },
    async (request) =>
      getTicketStats({ ...deps, national: deps.national }, principalOf(request), request.query),
  );

  app.get(
    '/tickets/statistics/export.csv',
    {
      schema: {
        tags,
        summary:
          '导出 The same figures as CSV (UTF-8 with BOM; cells that could open as formulas are quoted)',
        querystring: ticketStatsQuerySchema,
      },
      config: { access: analysts },
    },
    async (request, reply) => {
      const stats = await getTicketStats(deps, principalOf(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="tickets-${stats.scope.province ?? 'national'}-${todayInChina(deps.clock)}.csv"`,
        )
        .send(statsCsv(stats));
    },
  );

  app.get(
    '/tickets/:id',
    {
      schema: {
        tags,
        summary: '咨询投诉详情 One ticket: the whole thread, contact masked',
        params,
        response: { 200: officeViewSchema },
      },
      config: { access: offices },
    },
    async (request) => getOfficeTicket(deps, principalOf(request), request.params.id),
  );

  const ctx = (request: Parameters<typeof auditContextOf>[0]) => auditContextOf(request, deps.clock);

  app.post(
    '/tickets/:id/reply',
    {
      schema: {
        tags,
        summary:
          '答复 Reply to the submitter (notified by e-mail where configured); `faq: true` offers it for the FAQ',
        params,
        body: replySchema,
        response: { 200: officeViewSchema },
      },
      config: { access: offices },
    },
    async (request) =>
      replyToTicket(deps, ctx(request), principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/tickets/:id/request-info',
    {
      schema: {
        tags,
        summary: '请补充材料 Ask the submitter for more information; the deadline restarts when it comes',
        params,
        body: requestInfoSchema,
        response: { 200: officeViewSchema },
      },
      config: { access: offices },
    },
    async (request) =>
      requestInformation(deps, ctx(request), principalOf(request), request.params.id, request.body.text),
  );

  app.post(
    '/tickets/:id/transfer',
    {
      schema: {
        tags,
        summary:
          '转办 Transfer to another office (a department, a province or its national level), with the reason',
        params,
        body: transferSchema,
        response: { 200: officeViewSchema },
      },
      config: { access: offices },
    },
    async (request) =>
      transferTicket(deps, ctx(request), principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/tickets/:id/close',
    {
      schema: {
        tags,
        summary: '办结 Close the ticket, with an optional note to the submitter',
        params,
        body: closeSchema,
        response: { 200: officeViewSchema },
      },
      config: { access: offices },
    },
    async (request) =>
      closeTicket(deps, ctx(request), principalOf(request), request.params.id, request.body.note),
  );

  app.post(
    '/tickets/:id/assign',
    {
      schema: {
        tags,
        summary: '指派 Assign to a colleague of the same office (null: to nobody)',
        params,
        body: assignSchema,
        response: { 200: officeViewSchema },
      },
      config: { access: offices },
    },
    async (request) =>
      assignTicket(deps, ctx(request), principalOf(request), request.params.id, request.body.userId),
  );

  app.post(
    '/tickets/:id/faq/preview',
    {
      schema: {
        tags,
        summary:
          '常见问题预览 The question and answer as they would be published, masked; confirm with the returned code',
        params,
        body: faqPreviewSchema,
        response: {
          200: z.object({
            question: z.string(),
            answer: z.string(),
            masked: z.object({ question: maskReport, answer: maskReport }),
            confirmation: z.string(),
          }),
        },
      },
      config: { access: offices },
    },
    async (request) => previewFaq(deps, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/tickets/:id/faq/publish',
    {
      schema: {
        tags,
        summary: '发布常见问题 Publish exactly the previewed (masked) texts as a FAQ entry',
        params,
        body: faqPublishSchema,
        response: {
          201: z.object({
            id: z.string(),
            question: z.string(),
            answer: z.string(),
            publishedAt: z.string(),
          }),
        },
      },
      config: { access: offices },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await publishFaq(deps, ctx(request), principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/tickets/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: '附件 Download an attachment (opened from its seal)',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
      config: { access: offices },
    },
    async (request, reply) => {
      const file = await getAttachment(
        deps,
        principalOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  );
}
