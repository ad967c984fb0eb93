import type { Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { readStored } from './tickets.attachments.ts';
import type {
  InboxItem,
  InboxQuery,
  OfficeTicketView,
  TicketStatus,
  TransferInput,
} from './tickets.model.ts';
import { queueNotification } from './tickets.notify.ts';
import type { Office } from './tickets.routing.ts';
import { canTakeStep, coversOffice, type OfficeStep, statusAfter } from './tickets.rules.ts';
import { listColleagues, searchInbox } from './tickets.search.ts';
import type { TicketDeps } from './tickets.service.ts';
import {
  findAssigneeName,
  findAttachments,
  findEvents,
  findInbox,
  findNotifications,
  findOverdue,
  findTicket,
  findUserForAssignment,
  type InboxScope,
  insertEvent,
  type TicketRow,
  updateTicket,
} from './tickets.store.ts';
import { inboxItem, officeOf, officeTicketView } from './tickets.views.ts';

/**
 * The offices' use cases (issue 14 §3): the inbox, one ticket, and each step — reply, request information, transfer
 * (with its reason), close, assign to a colleague — each one transaction with its event and audit row. A ticket
 * outside the caller's offices is a 404, as if it did not exist. Overdue tickets are escalated to the national level
 * of the same department by the ticket worker (`escalateOverdue`, with the injected clock).
 */
export interface OfficeDeps extends TicketDeps {
  publicUrl: string;
}

function inboxScope(principal: Principal): InboxScope {
  if (principal.role === 'system-admin') return { kind: 'all' };
  if (principal.role === 'department-admin' && principal.department)
    return { kind: 'department', department: principal.department, province: principal.province };
  if (principal.role === 'province-admin' && principal.province)
    return { kind: 'province-hrss', province: principal.province };
  throw new AppError('forbidden', 'the ticket inbox is for department and province offices');
}

export async function listInbox(
  deps: OfficeDeps,
  principal: Principal,
  query: InboxQuery,
): Promise<{ items: InboxItem[]; page: number; pageSize: number; total: number; searchTruncated: boolean }> {
  const today = todayInChina(deps.clock);
  const scope = inboxScope(principal);
  const search = query.q
    ? await searchInbox(deps, scope, { ...query, q: query.q }, today, principal.userId)
    : null;
  const { rows, total } = await findInbox(
    deps.db,
    scope,
    query,
    today,
    principal.userId,
    search?.ids ?? null,
  );
  return {
    items: rows.map((r) =>
      inboxItem(
        deps.catalog,
        r,
        today,
        r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
      ),
    ),
    page: query.page,
    pageSize: query.pageSize,
    total,
    searchTruncated: search?.truncated ?? false,
  };
}

/** Who in the ticket's office it may be assigned to (names only). */
export async function listTicketColleagues(deps: OfficeDeps, principal: Principal, id: string) {
  const row = await visibleTicket(deps.db, principal, id);
  return { items: await listColleagues(deps, principal, row) };
}

async function visibleTicket(
  db: OfficeDeps['db'] | Transaction<Database>,
  principal: Principal,
  id: string,
  lock = false,
) {
  inboxScope(principal);
  const row = await findTicket(db, id, lock);
  if (!row || !coversOffice(principal, officeOf(row))) throw new AppError('not_found', 'no such ticket');
  return row;
}

export async function getOfficeTicket(
  deps: OfficeDeps,
  principal: Principal,
  id: string,
): Promise<OfficeTicketView> {
  return viewOf(deps, await visibleTicket(deps.db, principal, id));
}

async function viewOf(deps: OfficeDeps, row: TicketRow): Promise<OfficeTicketView> {
  const [events, attachments, notifications, assignee, faq] = await Promise.all([
    findEvents(deps.db, row.id),
    findAttachments(deps.db, row.id),
    findNotifications(deps.db, row.id),
    row.assignee_id ? findAssigneeName(deps.db, row.assignee_id) : undefined,
    deps.db.selectFrom('faq_entries').select('id').where('ticket_id', '=', row.id).executeTakeFirst(),
  ]);
  return officeTicketView(deps.catalog, deps.keyring.protector(), row, todayInChina(deps.clock), {
    events,
    attachments,
    notifications,
    assignee: row.assignee_id ? { id: row.assignee_id, name: assignee?.display_name ?? '' } : null,
    faqEntry: faq?.id ?? null,
  });
}

/** Locks the ticket, checks scope and the step, runs `fn`, then answers with the ticket as the office now sees it. */
async function step(
  deps: OfficeDeps,
  principal: Principal,
  id: string,
  kind: OfficeStep,
  fn: (trx: Transaction<Database>, row: TicketRow, eventId: string) => Promise<void>,
): Promise<OfficeTicketView> {
  const eventId = newId();
  const after = await deps.db.transaction().execute(async (trx) => {
    const row = await visibleTicket(trx, principal, id, true);
    const status = row.status as TicketStatus;
    if (!canTakeStep(kind, status))
      throw new AppError('invalid_transition', `a ${status} ticket cannot be given a ${kind}`);
    await fn(trx, row, eventId);
    const updated = await findTicket(trx, id);
    if (!updated) throw new Error('ticket vanished');
    return updated;
  });
  return viewOf(deps, after);
}

const event = (ctx: AuditContext, ticketId: string, id: string) => ({
  id,
  ticketId,
  at: ctx.at,
  actorId: ctx.actorId,
  actorLabel: ctx.actorLabel,
});

export function replyToTicket(
  deps: OfficeDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: { text: string; faq?: boolean | undefined },
) {
  return step(deps, principal, id, 'reply', async (trx, row, eventId) => {
    await updateTicket(trx, row.id, {
      status: statusAfter('reply', row.status as TicketStatus),
      first_replied_at: row.first_replied_at ?? ctx.at,
      faq_requested: row.faq_requested || input.faq === true,
      updated_at: ctx.at,
    });
    await insertEvent(trx, {
      ...event(ctx, row.id, eventId),
      kind: 'reply',
      isPublic: true,
      bodyCipher: deps.keyring.protector().encrypt(input.text),
      details: { office: officeOf(row), faq: input.faq === true },
    });
    await queueNotification(trx, deps.keyring, deps.publicUrl, row, eventId, 'reply', input.text, ctx.at);
    await appendAudit(trx, ctx, {
      action: 'ticket.reply',
      targetType: 'ticket',
      targetId: row.id,
      before: { status: row.status },
      after: { status: 'replied', office: officeOf(row), faq: input.faq === true, event: eventId },
    });
  });
}

export function requestInformation(
  deps: OfficeDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  text: string,
) {
  return step(deps, principal, id, 'request-info', async (trx, row, eventId) => {
    await updateTicket(trx, row.id, { status: 'awaiting-info', updated_at: ctx.at });
    await insertEvent(trx, {
      ...event(ctx, row.id, eventId),
      kind: 'request-info',
      isPublic: true,
      bodyCipher: deps.keyring.protector().encrypt(text),
      details: { office: officeOf(row) },
    });
    await queueNotification(trx, deps.keyring, deps.publicUrl, row, eventId, 'request-info', text, ctx.at);
    await appendAudit(trx, ctx, {
      action: 'ticket.request-info',
      targetType: 'ticket',
      targetId: row.id,
      before: { status: row.status },
      after: { status: 'awaiting-info', event: eventId },
    });
  });
}

/** 转办: to another office, with the reason; the deadline runs on (the submitter waited already). */
export function transferTicket(
  deps: OfficeDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: TransferInput,
) {
  if (input.province !== null && !deps.catalog.regionsByCode.has(input.province))
    throw new AppError('validation_failed', 'unknown province', [
      { path: 'body.province', message: 'unknown' },
    ]);
  return step(deps, principal, id, 'transfer', async (trx, row, eventId) => {
    const from = officeOf(row);
    const to: Office = { department: input.department, province: input.province };
    if (from.department === to.department && from.province === to.province)
      throw new AppError('conflict', 'the ticket is already with that office');
    await updateTicket(trx, row.id, {
      department: to.department,
      office_province: to.province,
      assignee_id: null,
      updated_at: ctx.at,
    });
    await insertEvent(trx, {
      ...event(ctx, row.id, eventId),
      kind: 'transfer',
      isPublic: false,
      bodyCipher: deps.keyring.protector().encrypt(input.reason),
      details: { from, to },
    });
    await appendAudit(trx, ctx, {
      action: 'ticket.transfer',
      targetType: 'ticket',
      targetId: row.id,
      before: { office: from, assignee: row.assignee_id },
      after: { office: to, assignee: null, event: eventId },
    });
  });
}

export function closeTicket(
  deps: OfficeDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  note: string | undefined,
) {
  return step(deps, principal, id, 'close', async (trx, row, eventId) => {
    await updateTicket(trx, row.id, { status: 'closed', closed_at: ctx.at, updated_at: ctx.at });
    await insertEvent(trx, {
      ...event(ctx, row.id, eventId),
      kind: 'close',
      isPublic: true,
      bodyCipher: note ? deps.keyring.protector().encrypt(note) : null,
      details: null,
    });
    await appendAudit(trx, ctx, {
      action: 'ticket.close',
      targetType: 'ticket',
      targetId: row.id,
      before: { status: row.status },
      after: { status: 'closed', event: eventId },
    });
  });
}

/** To a colleague who answers for the same office (or back to nobody). */
export function assignTicket(
  deps: OfficeDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  userId: string | null,
) {
  return step(deps, principal, id, 'assign', async (trx, row, eventId) => {
    if (userId !== null) {
      const user = await findUserForAssignment(trx, userId);
      const colleague: Principal | null = user
        ? {
            via: 'session',
            userId: user.id,
            username: user.username,
            role: user.role as Principal['role'],
            department: user.department,
            province: user.province,
            institution: user.institution,
            holderId: user.holder_id,
          }
        : null;
      if (!user?.is_active || !colleague || !coversOffice(colleague, officeOf(row)))
        throw new AppError('rule_violation', 'assign to an active colleague who answers for this office', [
          { path: 'body.userId', message: 'not a colleague of this office' },
        ]);
    }
    await updateTicket(trx, row.id, { assignee_id: userId, updated_at: ctx.at });
    await insertEvent(trx, {
      ...event(ctx, row.id, eventId),
      kind: 'assign',
      isPublic: false,
      bodyCipher: null,
      details: { from: row.assignee_id, to: userId },
    });
    await appendAudit(trx, ctx, {
      action: 'ticket.assign',
      targetType: 'ticket',
      targetId: row.id,
      before: { assignee: row.assignee_id },
      after: { assignee: userId, event: eventId },
    });
  });
}

/**
 * Escalates open tickets past their deadline (today, China time, after `due_on`) to the national level of the same
 * department: flagged `escalated`, seen there in the `national` inbox; the office keeps the ticket. Audited.
 */
export async function escalateOverdue(deps: Pick<OfficeDeps, 'db' | 'clock'>, batch = 200): Promise<number> {
  const at = deps.clock.now();
  const today = todayInChina(deps.clock);
  const ctx: AuditContext = { actorId: null, actorLabel: 'ticket-deadlines', requestId: null, at };
  return deps.db.transaction().execute(async (trx) => {
    const rows = await findOverdue(trx, today, batch);
    for (const row of rows) {
      await updateTicket(trx, row.id, { escalated: true, escalated_at: at, updated_at: at });
      const to: Office = { department: row.department, province: null };
      const eventId = newId();
      await insertEvent(trx, {
        ...event(ctx, row.id, eventId),
        kind: 'escalate',
        isPublic: false,
        bodyCipher: null,
        details: { from: officeOf(row), to, dueOn: row.due_on },
      });
      await appendAudit(trx, ctx, {
        action: 'ticket.escalate',
        targetType: 'ticket',
        targetId: row.id,
        before: { escalated: false, dueOn: row.due_on },
        after: { escalated: true, to, event: eventId },
      });
    }
    return rows.length;
  });
}

/** An attachment's bytes for an office in scope (opened from its seal). */
export async function getAttachment(
  deps: OfficeDeps,
  principal: Principal,
  id: string,
  attachmentId: string,
) {
  await visibleTicket(deps.db, principal, id);
  const row = await deps.db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('ticket_id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such attachment');
  const protector = deps.keyring.protector();
  return {
    filename: protector.decrypt(row.filename_cipher),
    mediaType: row.media_type,
    content: await readStored(protector, deps.dataDir, row),
  };
}
