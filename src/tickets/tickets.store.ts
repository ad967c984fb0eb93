import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, TicketsTable } from '../db/schema.ts';
import type { EventKind, InboxQuery, Label } from './tickets.model.ts';
import type { Office } from './tickets.routing.ts';

/** Kysely queries of tickets, their events, attachments and notifications (issue 14, migration 0020). */
type Db = Kysely<Database> | Transaction<Database>;
export type TicketRow = Selectable<TicketsTable>;

/** The next serial of a civil day, atomically (concurrent submitters never share one). */
export async function nextSerial(trx: Transaction<Database>, day: string): Promise<number> {
  const row = await trx
    .insertInto('ticket_sequences')
    .values({ day, last: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ last: eb('ticket_sequences.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export interface NewTicket {
  id: string;
  number: string;
  codeHash: string;
  kind: string;
  topicKind: string;
  topicRef: string;
  topicLabel: Label;
  certificateType: string | null;
  rule: string | null;
  region: string;
  office: Office;
  routingRow: string;
  routingVersion: string;
  dueOn: string;
  dueProvisional: boolean;
  holderId: string | null;
  contact: { kind: 'phone' | 'email'; cipher: string; masked: string } | null;
  at: Date;
}

export async function insertTicket(trx: Transaction<Database>, t: NewTicket): Promise<void> {
  await trx
    .insertInto('tickets')
    .values({
      id: t.id,
      number: t.number,
      code_hash: t.codeHash,
      kind: t.kind,
      topic_kind: t.topicKind,
      topic_ref: t.topicRef,
      topic_label: JSON.stringify(t.topicLabel),
      certificate_type: t.certificateType,
      rule: t.rule,
      region: t.region,
      department: t.office.department,
      office_province: t.office.province,
      routing_row: t.routingRow,
      routing_version: t.routingVersion,
      status: 'open',
      due_on: t.dueOn,
      due_provisional: t.dueProvisional,
      holder_id: t.holderId,
      contact_kind: t.contact?.kind ?? null,
      contact_cipher: t.contact?.cipher ?? null,
      contact_masked: t.contact?.masked ?? null,
      created_at: t.at,
      updated_at: t.at,
    })
    .execute();
}

export interface NewEvent {
  id: string;
  ticketId: string;
  kind: EventKind;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  isPublic: boolean;
  bodyCipher: string | null;
  details: Record<string, unknown> | null;
}

export async function insertEvent(trx: Transaction<Database>, e: NewEvent): Promise<void> {
  await trx
    .insertInto('ticket_events')
    .values({
      id: e.id,
      ticket_id: e.ticketId,
      kind: e.kind,
      at: e.at,
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      is_public: e.isPublic,
      body_cipher: e.bodyCipher,
      details: e.details ? JSON.stringify(e.details) : null,
    })
    .execute();
}

export async function insertAttachments(
  trx: Transaction<Database>,
  ticketId: string,
  eventId: string,
  files: ReadonlyArray<{
    id: string;
    filenameCipher: string;
    mediaType: string;
    size: number;
    sha256: string;
    contentCipher: string;
  }>,
  at: Date,
): Promise<void> {
  if (files.length === 0) return;
  await trx
    .insertInto('ticket_attachments')
    .values(
      files.map((f) => ({
        id: f.id,
        ticket_id: ticketId,
        event_id: eventId,
        filename_cipher: f.filenameCipher,
        media_type: f.mediaType,
        size: f.size,
        sha256: f.sha256,
        path: null,
        content_cipher: f.contentCipher,
        created_at: at,
      })),
    )
    .execute();
}

export interface NewNotification {
  id: string;
  ticketId: string;
  eventId: string;
  channel: 'email' | 'sms';
  kind: string;
  recipientCipher: string;
  subject: string;
  bodyCipher: string;
  at: Date;
}

export async function insertNotification(trx: Transaction<Database>, n: NewNotification): Promise<void> {
  await trx
    .insertInto('ticket_outbox')
    .values({
      id: n.id,
      ticket_id: n.ticketId,
      event_id: n.eventId,
      channel: n.channel,
      kind: n.kind,
      recipient_cipher: n.recipientCipher,
      subject: n.subject,
      body_cipher: n.bodyCipher,
      status: 'pending',
      attempts: 0,
      next_attempt_at: n.at,
      created_at: n.at,
      updated_at: n.at,
    })
    .execute();
}

export function findTicketByNumber(db: Db, number: string) {
  return db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirst();
}

export function findTicket(db: Db, id: string, lock = false) {
  const q = db.selectFrom('tickets').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export function findEvents(db: Db, ticketId: string) {
  return db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('seq')
    .execute();
}

export function findAttachments(db: Db, ticketId: string) {
  return (
    db
      .selectFrom('ticket_attachments')
      // Not the content: a view lists attachments, the download opens one.
      .select([
        'id',
        'ticket_id',
        'event_id',
        'filename_cipher',
        'media_type',
        'size',
        'sha256',
        'created_at',
      ])
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  );
}

export function findNotifications(db: Db, ticketId: string) {
  return db
    .selectFrom('ticket_outbox')
    .select(['id', 'kind', 'channel', 'status', 'subject', 'created_at', 'sent_at'])
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function updateTicket(
  trx: Transaction<Database>,
  id: string,
  patch: Partial<Omit<TicketRow, 'id' | 'number' | 'code_hash' | 'created_at'>> & { updated_at: Date },
): Promise<void> {
  const { topic_label: _label, ...rest } = patch;
  await trx.updateTable('tickets').set(rest).where('id', '=', id).execute();
}

/** The scope of an inbox: who may see which offices' tickets. */
export type InboxScope =
  | { kind: 'all' }
  | { kind: 'department'; department: string; province: string | null }
  | { kind: 'province-hrss'; province: string };

const sortColumns = { due: 'due_on', created: 'created_at', updated: 'updated_at' } as const;

/** The inbox's tickets in scope and matching the filters (not the search), for a page or a search. */
export function inboxTickets(db: Db, scope: InboxScope, q: InboxQuery, today: string, userId: string | null) {
  let query = db.selectFrom('tickets as t').leftJoin('users as u', 'u.id', 't.assignee_id');
  if (scope.kind === 'department') {
    query = query.where('t.department', '=', scope.department);
    if (scope.province) query = query.where('t.office_province', '=', scope.province);
  } else if (scope.kind === 'province-hrss') {
    query = query.where('t.department', '=', 'mohrss').where('t.office_province', '=', scope.province);
  }
  if (q.status === 'overdue') query = query.where('t.status', '=', 'open').where('t.due_on', '<', today);
  else if (q.status) query = query.where('t.status', '=', q.status);
  if (q.office === 'national')
    query = query.where((eb) => eb.or([eb('t.office_province', 'is', null), eb('t.escalated', '=', true)]));
  else if (q.office) query = query.where('t.office_province', '=', q.office);
  if (q.department) query = query.where('t.department', '=', q.department);
  if (q.kind) query = query.where('t.kind', '=', q.kind);
  if (q.escalated) query = query.where('t.escalated', '=', q.escalated === 'true');
  if (q.assignee === 'none') query = query.where('t.assignee_id', 'is', null);
  else if (q.assignee === 'me')
    query = query.where('t.assignee_id', '=', userId ?? '00000000-0000-0000-0000-000000000000');
  return query;
}

/**
 * One page of the inbox, filtered and sorted, with the total for the pager. `only`: the tickets a search found
 * (tickets.search.ts), or null when nothing was searched.
 */
export async function findInbox(
  db: Db,
  scope: InboxScope,
  q: InboxQuery,
  today: string,
  userId: string | null,
  only: string[] | null = null,
) {
  let query = inboxTickets(db, scope, q, today, userId);
  if (only !== null) {
    if (only.length === 0) return { rows: [], total: 0 };
    query = query.where('t.id', 'in', only);
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const descending = q.sort.startsWith('-');
  const column = sortColumns[q.sort.replace('-', '') as keyof typeof sortColumns];
  const rows = await query
    .selectAll('t')
    .select(['u.display_name as assignee_name'])
    .orderBy(`t.${column}`, descending ? 'desc' : 'asc')
    .orderBy('t.created_at', 'asc')
    .orderBy('t.id', 'asc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Open tickets past their deadline that were not escalated yet, locked for the escalation. */
export function findOverdue(trx: Transaction<Database>, today: string, limit: number) {
  return trx
    .selectFrom('tickets')
    .selectAll()
    .where('status', '=', 'open')
    .where('escalated', '=', false)
    .where('due_on', '<', today)
    .orderBy('due_on')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export function findUserForAssignment(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'display_name',
      'role',
      'department',
      'province',
      'institution',
      'holder_id',
      'is_active',
      'username',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findHolderName(db: Db, holderId: string) {
  return db.selectFrom('holders').select('name').where('id', '=', holderId).executeTakeFirst();
}

export function findAssigneeName(db: Db, userId: string) {
  return db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
}

/** Tickets a holder submitted while signed in, newest first. */
export function findHolderTickets(db: Db, holderId: string) {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('holder_id', '=', holderId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}
