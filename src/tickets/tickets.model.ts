import { z } from 'zod';

/**
 * 回应关切 (issue 14): questions and complaints (咨询/投诉) about a certificate type, a recognition rule, a decision, a
 * registration or an evaluation institution, answered by the office the routing table names within a deadline of
 * working days. Labels go out in Chinese with English beside (`{zh, en}`), as the rest of the API does.
 */
export const ticketKinds = ['question', 'complaint'] as const;
export type TicketKind = (typeof ticketKinds)[number];

export const ticketStatuses = ['open', 'awaiting-info', 'replied', 'closed'] as const;
/**
 * `open` — waiting for the office (its deadline runs); `awaiting-info` — the office asked the submitter for more
 * (the deadline restarts when the answer comes); `replied` — answered (the submitter may rate it, or add to it,
 * which reopens it); `closed` — done (办结), rating still allowed when it was answered.
 */
export type TicketStatus = (typeof ticketStatuses)[number];

export const topicKinds = ['certificate-type', 'rule', 'decision', 'registration', 'institution'] as const;
export type TopicKind = (typeof topicKinds)[number];

export const eventKinds = [
  'submit', // the submission (public)
  'reply', // the office's answer (public)
  'request-info', // the office asks for more (public)
  'info', // the submitter's addition (public)
  'transfer', // to another office, with the reason
  'assign', // to a colleague of the office (or back to nobody)
  'close', // 办结 (public)
  'escalate', // overdue: raised to the department's national level
  'rate', // the submitter's rating
  'faq', // published as a FAQ entry
] as const;
export type EventKind = (typeof eventKinds)[number];
export const publicEventKinds: ReadonlySet<EventKind> = new Set([
  'submit',
  'reply',
  'request-info',
  'info',
  'close',
]);

export interface Label {
  zh: string;
  en: string;
}
export const labelSchema = z.object({ zh: z.string(), en: z.string() });
export const namedSchema = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type Named = z.infer<typeof namedSchema>;

export const kindLabels: Record<TicketKind, Label> = {
  question: { zh: '咨询', en: 'Question' },
  complaint: { zh: '投诉', en: 'Complaint' },
};
export const statusLabels: Record<TicketStatus, Label> = {
  open: { zh: '待答复', en: 'Awaiting reply' },
  'awaiting-info': { zh: '待补充材料', en: 'Awaiting your information' },
  replied: { zh: '已答复', en: 'Replied' },
  closed: { zh: '已办结', en: 'Closed' },
};
export const eventLabels: Record<EventKind, Label> = {
  submit: { zh: '提交', en: 'Submitted' },
  reply: { zh: '答复', en: 'Reply' },
  'request-info': { zh: '请补充材料', en: 'More information requested' },
  info: { zh: '补充材料', en: 'Information added' },
  transfer: { zh: '转办', en: 'Transferred' },
  assign: { zh: '指派', en: 'Assigned' },
  close: { zh: '办结', en: 'Closed' },
  escalate: { zh: '逾期升级', en: 'Escalated (overdue)' },
  rate: { zh: '评价', en: 'Rated' },
  faq: { zh: '发布为常见问题', en: 'Published as FAQ' },
};
export const topicLabels: Record<TopicKind, Label> = {
  'certificate-type': { zh: '证书类型', en: 'Certificate type' },
  rule: { zh: '互认规则', en: 'Recognition rule' },
  decision: { zh: '互认决定', en: 'Recognition decision' },
  registration: { zh: '报名', en: 'Registration' },
  institution: { zh: '评价机构', en: 'Evaluation institution' },
};

const province = z.string().regex(/^\d{2}0000$/, 'a province code like 310000 (GB/T 2260)');
const typeId = z
  .string()
  .regex(/^(mohrss|mohurd|mem|samr)\.[a-z0-9]+(-[a-z0-9]+)*$/, 'a certificate type id');
const ruleId = z
  .string()
  .regex(/^[a-z0-9]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/, 'a rule id')
  .max(120);

export const topicSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('certificate-type'), type: typeId }),
  z.strictObject({ kind: z.literal('rule'), rule: ruleId }),
  z.strictObject({ kind: z.literal('decision'), id: z.uuid() }),
  z.strictObject({ kind: z.literal('registration'), id: z.uuid() }),
  z.strictObject({ kind: z.literal('institution'), id: z.uuid() }),
]);
export type TopicInput = z.infer<typeof topicSchema>;

/** Mainland mobile numbers and landlines with area code; spaces and dashes are dropped before the check. */
const phone = z
  .string()
  .max(32)
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(
    z.string().regex(/^(1[3-9]\d{9}|0\d{9,11})$/, 'a mobile number (11 digits) or a landline with area code'),
  );
export const contactSchema = z.union([
  z.strictObject({ phone }),
  z.strictObject({ email: z.email().max(254) }),
]);
export type ContactInput = z.infer<typeof contactSchema>;

export const submitSchema = z.strictObject({
  kind: z.enum(ticketKinds),
  topic: topicSchema,
  /** The province the question is about (or where the submitter works). */
  region: province,
  text: z.string().trim().min(5).max(5000),
  /** Required when not signed in as a holder: where the answer is sent. */
  contact: contactSchema.optional(),
});
export type SubmitInput = z.infer<typeof submitSchema>;

/** `HT` + the civil date of submission + a per-day serial: HT20261207-0042. */
export const TICKET_NUMBER = /^HT\d{8}-\d{4,7}$/;
const number = z.string().trim().toUpperCase().regex(TICKET_NUMBER, 'a ticket number like HT20261207-0042');
/** The code as shown (XXXX-XXXX-XXXX); case, spaces and dashes do not matter. */
const code = z
  .string()
  .max(40)
  .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{12}$/, 'the 12-character code shown when the ticket was submitted'));
export const credentialsSchema = z.strictObject({ number, code });
export const supplementSchema = credentialsSchema.extend({ text: z.string().trim().min(2).max(5000) });
export const rateSchema = credentialsSchema.extend({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

const text = z.string().trim().min(2).max(5000);
export const replySchema = z.strictObject({
  text,
  /** Offer the answer for the FAQ: it is masked and previewed before anything is published. */
  faq: z.boolean().optional(),
});
export const requestInfoSchema = z.strictObject({ text });
export const transferSchema = z.strictObject({
  department: z.enum(['mohrss', 'mohurd', 'mem', 'samr']),
  /** null: the department's national level. */
  province: province.nullable(),
  reason: z.string().trim().min(2).max(1000),
});
export type TransferInput = z.infer<typeof transferSchema>;
export const closeSchema = z.strictObject({ note: z.string().trim().min(2).max(1000).optional() });
export const assignSchema = z.strictObject({ userId: z.uuid().nullable() });

export const inboxSorts = ['due', '-due', 'created', '-created', 'updated', '-updated'] as const;
export const inboxQuerySchema = z.strictObject({
  /** `overdue`: open past its deadline. */
  status: z.enum([...ticketStatuses, 'overdue']).optional(),
  /** `national`: tickets at a department's national level or escalated to it; a province code: that province's. */
  office: z
    .string()
    .regex(/^(national|\d{2}0000)$/, 'national or a province code')
    .optional(),
  department: z.enum(['mohrss', 'mohurd', 'mem', 'samr']).optional(),
  kind: z.enum(ticketKinds).optional(),
  escalated: z.enum(['true', 'false']).optional(),
  assignee: z.enum(['me', 'none']).optional(),
  /** A ticket number (or its beginning), or words of the text or topic (tickets.search.ts). */
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(inboxSorts).default('due'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const faqPreviewSchema = z.strictObject({
  /** Defaults: the ticket's text and the office's last reply. */
  question: z.string().trim().min(2).max(5000).optional(),
  answer: z.string().trim().min(2).max(5000).optional(),
});
export const faqPublishSchema = z.strictObject({
  question: z.string().trim().min(2).max(5000),
  answer: z.string().trim().min(2).max(5000),
  /** From the preview: proves these are the texts the official saw masked. */
  confirmation: z.string().min(10).max(100),
});

// ---------------------------------------------------------------------------------------------------------------
// Views

export const officeSchema = z.object({
  department: namedSchema,
  /** null: the department's national level. */
  province: namedSchema.nullable(),
  zh: z.string(),
  en: z.string(),
});
export type OfficeView = z.infer<typeof officeSchema>;

const topicViewSchema = z.object({
  kind: z.enum(topicKinds),
  ref: z.string(),
  label: labelSchema,
  kindLabel: labelSchema,
});
const messageSchema = z.object({
  at: z.string(),
  kind: z.enum(eventKinds),
  label: labelSchema,
  from: z.enum(['submitter', 'office', 'system']),
  text: z.string().nullable(),
});
const attachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
const notificationSchema = z.object({
  kind: z.string(),
  channel: z.enum(['email', 'sms']),
  /** `waiting`: in the outbox (no sender configured for the channel, or not yet sent). */
  status: z.enum(['waiting', 'sent', 'failed']),
  subject: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/** What the submitter sees (`POST /public/tickets/lookup`): no office internals, the contact masked. */
export const submitterViewSchema = z.object({
  number: z.string(),
  kind: z.enum(ticketKinds),
  kindLabel: labelSchema,
  status: z.enum(ticketStatuses),
  statusLabel: labelSchema,
  topic: topicViewSchema,
  region: namedSchema,
  office: officeSchema,
  createdAt: z.string(),
  dueOn: z.string(),
  /** The deadline counted weekends only in a year whose holiday arrangement is not published yet. */
  dueProvisional: z.boolean(),
  contact: z.string().nullable(),
  messages: z.array(messageSchema),
  attachments: z.array(attachmentSchema),
  notifications: z.array(notificationSchema),
  rating: z
    .object({ score: z.number().int(), comment: z.string().nullable(), ratedAt: z.string() })
    .nullable(),
  canRate: z.boolean(),
  canAddInformation: z.boolean(),
});
export type SubmitterView = z.infer<typeof submitterViewSchema>;

export const inboxItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(ticketKinds),
  kindLabel: labelSchema,
  status: z.enum(ticketStatuses),
  statusLabel: labelSchema,
  topic: topicViewSchema,
  region: namedSchema,
  office: officeSchema,
  dueOn: z.string(),
  /** The deadline counted weekends only in a year whose holiday arrangement is not published yet. */
  dueProvisional: z.boolean(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

/** What an office sees of one ticket: the whole thread, the contact masked (personal data), routing explained. */
export const officeViewSchema = inboxItemSchema.extend({
  contact: z.object({ kind: z.enum(['phone', 'email']), masked: z.string() }).nullable(),
  signedIn: z.boolean(),
  faqRequested: z.boolean(),
  faqEntry: z.string().nullable(),
  events: z.array(
    messageSchema.extend({ actor: z.string(), details: z.record(z.string(), z.unknown()).nullable() }),
  ),
  attachments: z.array(attachmentSchema),
  notifications: z.array(notificationSchema),
  rating: z
    .object({ score: z.number().int(), comment: z.string().nullable(), ratedAt: z.string() })
    .nullable(),
  technical: z.object({ routingRow: z.string(), routingVersion: z.string(), rule: z.string().nullable() }),
});
export type OfficeTicketView = z.infer<typeof officeViewSchema>;
