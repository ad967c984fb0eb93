import type { Catalog, DepartmentId } from '../catalog/catalog.model.ts';
import type { Protector } from '../protection/protection.model.ts';
import {
  type EventKind,
  eventLabels,
  type InboxItem,
  kindLabels,
  type Label,
  type Named,
  type OfficeView,
  publicEventKinds,
  type SubmitterView,
  statusLabels,
  type TicketKind,
  type TicketStatus,
  type TopicKind,
  topicLabels,
} from './tickets.model.ts';
import type { Office } from './tickets.routing.ts';
import { canAddInformation, canRate, isOverdue } from './tickets.rules.ts';
import type { findAttachments, findEvents, findNotifications, TicketRow } from './tickets.store.ts';

/** Rows → the JSON the submitter and the offices see; sealed bodies are opened here, contacts stay masked. */
const officeNames: Record<string, Label> = {
  mohrss: { zh: '人力资源社会保障部门', en: 'human resources and social security department' },
  mohurd: { zh: '住房城乡建设主管部门', en: 'housing and urban-rural development department' },
  mem: { zh: '应急管理部门', en: 'emergency management department' },
  samr: { zh: '市场监管部门', en: 'market regulation department' },
};

export function namedRegion(catalog: Catalog, code: string): Named {
  const r = catalog.regionsByCode.get(code);
  return { code, zh: r?.nameZh ?? code, en: r?.nameEn ?? code };
}

export function officeView(catalog: Catalog, office: Office): OfficeView {
  const d = catalog.departmentsById.get(office.department as DepartmentId);
  const department = {
    code: office.department,
    zh: d?.nameZh ?? office.department,
    en: d?.nameEn ?? office.department,
  };
  if (office.province === null)
    return {
      department,
      province: null,
      zh: `${department.zh}（全国）`,
      en: `${department.en} (national level)`,
    };
  const province = namedRegion(catalog, office.province);
  const name = officeNames[office.department] ?? { zh: department.zh, en: department.en };
  return { department, province, zh: `${province.zh}${name.zh}`, en: `${province.en} ${name.en}` };
}

export const officeOf = (t: TicketRow): Office => ({ department: t.department, province: t.office_province });

function topicView(t: TicketRow) {
  const kind = t.topic_kind as TopicKind;
  return { kind, ref: t.topic_ref, label: t.topic_label as Label, kindLabel: topicLabels[kind] };
}

type Events = Awaited<ReturnType<typeof findEvents>>;
type Attachments = Awaited<ReturnType<typeof findAttachments>>;
type Notifications = Awaited<ReturnType<typeof findNotifications>>;

const fromOf = (kind: EventKind): 'submitter' | 'office' | 'system' =>
  kind === 'submit' || kind === 'info' || kind === 'rate'
    ? 'submitter'
    : kind === 'escalate'
      ? 'system'
      : 'office';

function message(protector: Protector, e: Events[number]) {
  const kind = e.kind as EventKind;
  return {
    at: e.at.toISOString(),
    kind,
    label: eventLabels[kind],
    from: fromOf(kind),
    text: e.body_cipher ? protector.decrypt(e.body_cipher) : null,
  };
}

function attachmentViews(protector: Protector, rows: Attachments) {
  return rows.map((a) => ({
    id: a.id,
    filename: protector.decrypt(a.filename_cipher),
    mediaType: a.media_type,
    size: a.size,
    createdAt: a.created_at.toISOString(),
  }));
}

function notificationViews(rows: Notifications) {
  return rows.map((n) => ({
    kind: n.kind,
    channel: n.channel as 'email' | 'sms',
    status: n.status === 'pending' ? ('waiting' as const) : (n.status as 'sent' | 'failed'),
    subject: n.subject,
    createdAt: n.created_at.toISOString(),
    sentAt: n.sent_at?.toISOString() ?? null,
  }));
}

function ratingView(protector: Protector, t: TicketRow) {
  return t.rating !== null && t.rated_at
    ? {
        score: t.rating,
        comment: t.rating_comment_cipher ? protector.decrypt(t.rating_comment_cipher) : null,
        ratedAt: t.rated_at.toISOString(),
      }
    : null;
}

export function submitterView(
  catalog: Catalog,
  protector: Protector,
  t: TicketRow,
  parts: { events: Events; attachments: Attachments; notifications: Notifications },
): SubmitterView {
  const status = t.status as TicketStatus;
  return {
    number: t.number,
    kind: t.kind as TicketKind,
    kindLabel: kindLabels[t.kind as TicketKind],
    status,
    statusLabel: statusLabels[status],
    topic: topicView(t),
    region: namedRegion(catalog, t.region),
    office: officeView(catalog, officeOf(t)),
    createdAt: t.created_at.toISOString(),
    dueOn: t.due_on,
    dueProvisional: t.due_provisional,
    contact: t.contact_masked,
    // Internal steps (transfers, assignments, escalation) are the offices' business; their results show in `office`.
    messages: parts.events
      .filter((e) => publicEventKinds.has(e.kind as EventKind))
      .map((e) => message(protector, e)),
    attachments: attachmentViews(protector, parts.attachments),
    notifications: notificationViews(parts.notifications),
    rating: ratingView(protector, t),
    canRate: canRate({ firstRepliedAt: t.first_replied_at, rating: t.rating }),
    canAddInformation: canAddInformation(status),
  };
}

export function inboxItem(
  catalog: Catalog,
  t: TicketRow,
  today: string,
  assignee: { id: string; name: string } | null,
): InboxItem {
  const status = t.status as TicketStatus;
  return {
    id: t.id,
    number: t.number,
    kind: t.kind as TicketKind,
    kindLabel: kindLabels[t.kind as TicketKind],
    status,
    statusLabel: statusLabels[status],
    topic: topicView(t),
    region: namedRegion(catalog, t.region),
    office: officeView(catalog, officeOf(t)),
    dueOn: t.due_on,
    dueProvisional: t.due_provisional,
    overdue: isOverdue({ status, dueOn: t.due_on }, today),
    escalated: t.escalated,
    assignee,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
  };
}

export function officeTicketView(
  catalog: Catalog,
  protector: Protector,
  t: TicketRow,
  today: string,
  parts: {
    events: Events;
    attachments: Attachments;
    notifications: Notifications;
    assignee: { id: string; name: string } | null;
    faqEntry: string | null;
  },
) {
  return {
    ...inboxItem(catalog, t, today, parts.assignee),
    contact:
      t.contact_kind && t.contact_masked
        ? { kind: t.contact_kind as 'phone' | 'email', masked: t.contact_masked }
        : null,
    signedIn: t.holder_id !== null,
    faqRequested: t.faq_requested,
    faqEntry: parts.faqEntry,
    events: parts.events.map((e) => ({
      ...message(protector, e),
      actor: e.actor_label,
      details: (e.details as Record<string, unknown> | null) ?? null,
    })),
    attachments: attachmentViews(protector, parts.attachments),
    notifications: notificationViews(parts.notifications),
    rating: ratingView(protector, t),
    technical: { routingRow: t.routing_row, routingVersion: t.routing_version, rule: t.rule },
  };
}
