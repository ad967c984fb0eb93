import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import type { Keyring } from '../protection/protection.service.ts';
import type { PolicyPacks } from '../recognition/recognition.load.ts';
import { type Clock, todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { sealUploads, type Upload } from './tickets.attachments.ts';
import { deadlineAfter, type WorkCalendar } from './tickets.calendar.ts';
import type { ContactInput, SubmitInput, SubmitterView, TicketKind, TicketStatus } from './tickets.model.ts';
import { type RoutingTable, routeTicket } from './tickets.routing.ts';
import {
  canAddInformation,
  canRate,
  formatLookupCode,
  formatTicketNumber,
  maskContact,
  newLookupCode,
  type ReplyDays,
  replyDaysFor,
} from './tickets.rules.ts';
import {
  findAttachments,
  findEvents,
  findHolderTickets,
  findNotifications,
  findTicketByNumber,
  insertAttachments,
  insertEvent,
  insertTicket,
  nextSerial,
  type TicketRow,
  updateTicket,
} from './tickets.store.ts';
import { resolveTopic } from './tickets.topics.ts';
import { officeView, submitterView } from './tickets.views.ts';

/**
 * The submitter's use cases (issue 14 §2, §5): submit, look up with number + code, add information, rate. Each
 * write is one transaction with its event and audit rows; audit rows carry ids, offices and statuses only.
 */
export interface TicketDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  clock: Clock;
  keyring: Keyring;
  policies: PolicyPacks;
  /** Attachments live under `<dataDir>/tickets/`. */
  dataDir: string;
  calendar: WorkCalendar;
  routing: RoutingTable;
  replyDays: ReplyDays;
}

/** The keyed hash of a ticket's lookup code; the number is part of it, so a code is good for one ticket only. */
export function codeHash(keyring: Keyring, number: string, code: string): string {
  return keyring.protector().index('ticket:code', `${number}:${code}`);
}

function contactOf(keyring: Keyring, contact: ContactInput | undefined) {
  if (!contact) return null;
  const [kind, value] =
    'phone' in contact
      ? (['phone', contact.phone] as const)
      : (['email', contact.email.toLowerCase()] as const);
  return { kind, cipher: keyring.protector().encrypt(value), masked: maskContact(kind, value) };
}

export async function submitTicket(
  deps: TicketDeps,
  ctx: AuditContext,
  principal: Principal | null,
  input: SubmitInput,
  files: readonly Upload[],
) {
  const holderId = principal?.role === 'holder' ? principal.holderId : null;
  if (!holderId && !input.contact)
    throw new AppError('validation_failed', 'give a phone number or an e-mail address for the answer', [
      { path: 'body.contact', message: 'required when not signed in' },
    ]);
  if (!deps.catalog.regionsByCode.has(input.region))
    throw new AppError('validation_failed', 'unknown province', [
      { path: 'body.region', message: 'unknown' },
    ]);
  const topic = await resolveTopic(deps, input.topic);
  const routed = routeTicket(deps.routing, { ...topic.facts, region: input.region });
  if (!routed.ok) throw new AppError('rule_violation', `this ticket cannot be routed: ${routed.reason}`);
  const today = todayInChina(deps.clock);
  const { dueOn, provisional } = deadlineAfter(
    deps.calendar,
    today,
    replyDaysFor(deps.replyDays, input.kind),
  );
  const id = newId();
  const code = newLookupCode();
  const protector = deps.keyring.protector();
  const stored = sealUploads(protector, files);
  const number = await deps.db.transaction().execute(async (trx) => {
    const number = formatTicketNumber(today, await nextSerial(trx, today));
    await insertTicket(trx, {
      id,
      number,
      codeHash: codeHash(deps.keyring, number, code),
      kind: input.kind,
      topicKind: input.topic.kind,
      topicRef: topic.ref,
      topicLabel: topic.label,
      certificateType: topic.certificateType,
      rule: topic.rule,
      region: input.region,
      office: routed.office,
      routingRow: routed.row,
      routingVersion: deps.routing.version,
      dueOn,
      dueProvisional: provisional,
      holderId,
      contact: contactOf(deps.keyring, input.contact),
      at: ctx.at,
    });
    const eventId = newId();
    await insertEvent(trx, {
      id: eventId,
      ticketId: id,
      kind: 'submit',
      at: ctx.at,
      actorId: ctx.actorId,
      actorLabel: ctx.actorLabel,
      isPublic: true,
      bodyCipher: protector.encrypt(input.text),
      details: stored.length > 0 ? { attachments: stored.map((s) => s.id) } : null,
    });
    await insertAttachments(trx, id, eventId, stored, ctx.at);
    await appendAudit(trx, ctx, {
      action: 'ticket.submit',
      targetType: 'ticket',
      targetId: id,
      after: {
        number,
        kind: input.kind,
        topic: { kind: input.topic.kind, ref: topic.ref },
        region: input.region,
        office: routed.office,
        routingRow: routed.row,
        dueOn,
        signedIn: holderId !== null,
        attachments: stored.length,
      },
    });
    return number;
  });
  return {
    number,
    code: formatLookupCode(code),
    dueOn,
    dueProvisional: provisional,
    office: officeView(deps.catalog, routed.office),
  };
}

const NOT_FOUND = 'no ticket with this number and code';
// Compared against when the number does not exist, so a miss takes the time a wrong code takes.
const DUMMY_HASH = 'x'.repeat(43);

/**
 * The ticket for a number and its code. A wrong code and an unknown number are the same 404, with the same message
 * and the same work (one keyed hash, one constant-time comparison).
 */
export async function loadByCode(
  deps: Pick<TicketDeps, 'db' | 'keyring'>,
  number: string,
  code: string,
): Promise<TicketRow> {
  const row = await findTicketByNumber(deps.db, number);
  const expected = Buffer.from(codeHash(deps.keyring, number, code));
  const stored = Buffer.from(row?.code_hash ?? DUMMY_HASH);
  const same = expected.length === stored.length && timingSafeEqual(expected, stored);
  if (!row || !same) throw new AppError('not_found', NOT_FOUND);
  return row;
}

export async function viewForSubmitter(deps: TicketDeps, row: TicketRow): Promise<SubmitterView> {
  const [events, attachments, notifications] = await Promise.all([
    findEvents(deps.db, row.id),
    findAttachments(deps.db, row.id),
    findNotifications(deps.db, row.id),
  ]);
  return submitterView(deps.catalog, deps.keyring.protector(), row, { events, attachments, notifications });
}

export async function lookupTicket(deps: TicketDeps, number: string, code: string): Promise<SubmitterView> {
  return viewForSubmitter(deps, await loadByCode(deps, number, code));
}

/**
 * The submitter adds information (the answer to 请补充材料, or a follow-up). Waiting for it stopped the clock: the
 * deadline restarts from today; a replied ticket is reopened the same way.
 */
export async function addInformation(
  deps: TicketDeps,
  ctx: AuditContext,
  input: { number: string; code: string; text: string },
  files: readonly Upload[],
): Promise<SubmitterView> {
  const found = await loadByCode(deps, input.number, input.code);
  const stored = sealUploads(deps.keyring.protector(), files);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', found.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const status = row.status as TicketStatus;
    if (!canAddInformation(status)) throw new AppError('invalid_transition', 'this ticket is closed');
    const reopen = status === 'awaiting-info' || status === 'replied';
    const today = todayInChina(deps.clock);
    const deadline = reopen
      ? deadlineAfter(deps.calendar, today, replyDaysFor(deps.replyDays, row.kind as TicketKind))
      : { dueOn: row.due_on, provisional: row.due_provisional };
    const dueOn = deadline.dueOn;
    await updateTicket(trx, row.id, {
      status: 'open',
      due_on: dueOn,
      due_provisional: deadline.provisional,
      updated_at: ctx.at,
    });
    const eventId = newId();
    await insertEvent(trx, {
      id: eventId,
      ticketId: row.id,
      kind: 'info',
      at: ctx.at,
      actorId: ctx.actorId,
      actorLabel: ctx.actorLabel,
      isPublic: true,
      bodyCipher: deps.keyring.protector().encrypt(input.text),
      details: stored.length > 0 ? { attachments: stored.map((s) => s.id) } : null,
    });
    await insertAttachments(trx, row.id, eventId, stored, ctx.at);
    await appendAudit(trx, ctx, {
      action: 'ticket.add-information',
      targetType: 'ticket',
      targetId: row.id,
      before: { status, dueOn: row.due_on },
      after: { status: 'open', dueOn, attachments: stored.length },
    });
  });
  return lookupTicket(deps, input.number, input.code);
}

/** 满意度: once, after a reply, 1–5 with an optional comment (sealed: people write names into comments). */
export async function rateTicket(
  deps: TicketDeps,
  ctx: AuditContext,
  input: { number: string; code: string; score: number; comment?: string | undefined },
): Promise<SubmitterView> {
  const found = await loadByCode(deps, input.number, input.code);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', found.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!canRate({ firstRepliedAt: row.first_replied_at, rating: row.rating }))
      throw new AppError(
        row.rating === null ? 'invalid_transition' : 'conflict',
        row.rating === null ? 'a ticket is rated once it has a reply' : 'this ticket was already rated',
      );
    await updateTicket(trx, row.id, {
      rating: input.score,
      rating_comment_cipher: input.comment ? deps.keyring.protector().encrypt(input.comment) : null,
      rated_at: ctx.at,
      updated_at: ctx.at,
    });
    await insertEvent(trx, {
      id: newId(),
      ticketId: row.id,
      kind: 'rate',
      at: ctx.at,
      actorId: ctx.actorId,
      actorLabel: ctx.actorLabel,
      isPublic: false,
      bodyCipher: null,
      details: { score: input.score },
    });
    await appendAudit(trx, ctx, {
      action: 'ticket.rate',
      targetType: 'ticket',
      targetId: row.id,
      after: { score: input.score, comment: input.comment !== undefined },
    });
  });
  return lookupTicket(deps, input.number, input.code);
}

/** A signed-in holder's own tickets (no code needed). */
export async function listMyTickets(deps: TicketDeps, principal: Principal): Promise<SubmitterView[]> {
  if (principal.role !== 'holder' || !principal.holderId)
    throw new AppError('forbidden', 'a holder account bound to a person');
  const rows = await findHolderTickets(deps.db, principal.holderId);
  return Promise.all(rows.map((r) => viewForSubmitter(deps, r)));
}
