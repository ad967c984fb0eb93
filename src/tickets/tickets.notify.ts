import type { Kysely, Transaction } from 'kysely';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import type { Keyring } from '../protection/protection.service.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { onFirstUse } from '../shared/lazy.ts';
import { insertNotification, type TicketRow } from './tickets.store.ts';

/**
 * Notifications to the submitter (issue 14 §6): a reply or a request for information writes one outbox row in the
 * step's own transaction, with the recipient and the text sealed; the ticket worker sends due rows through the
 * notifier of their channel. SMTP (`HUTONG_SMTP_URL`) is the one real channel; without a notifier for a channel
 * (no SMTP configured, or a phone number: no SMS gateway) the rows wait in the outbox and the submitter's lookup
 * shows them as waiting.
 */
export type Channel = 'email' | 'sms';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Notifier {
  readonly channel: Channel;
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
}

/** E-mail through an SMTP server: `smtp://user:pass@host:587`, `smtps://…:465`. */
export function createSmtpNotifier(url: string, from: string): Notifier {
  const transport = onFirstUse<typeof import('nodemailer')>('nodemailer')().createTransport(url, { from });
  return {
    channel: 'email',
    async send(m) {
      await transport.sendMail({ to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}

const subjects: Record<'reply' | 'request-info', (n: string) => string> = {
  reply: (n) => `【互通】您的咨询/投诉 ${n} 已有答复 · Your ticket ${n} has a reply`,
  'request-info': (n) => `【互通】您的咨询/投诉 ${n} 需补充材料 · More information needed for ${n}`,
};

/** Queues the message to the ticket's contact, if it has one (a signed-in holder without one reads it online). */
export async function queueNotification(
  trx: Transaction<Database>,
  keyring: Keyring,
  publicUrl: string,
  ticket: TicketRow,
  eventId: string,
  kind: 'reply' | 'request-info',
  text: string,
  at: Date,
): Promise<void> {
  if (!ticket.contact_cipher || !ticket.contact_kind) return;
  const protector = keyring.protector();
  const body = [
    '您好：',
    '',
    text,
    '',
    `编号 Ticket: ${ticket.number}`,
    `凭编号和查询码查看办理情况 · Look it up with its number and code: ${publicUrl}/tickets/lookup`,
    '',
    '职业技能证书互通互认平台 Hutong',
  ].join('\n');
  await insertNotification(trx, {
    id: newId(),
    ticketId: ticket.id,
    eventId,
    channel: ticket.contact_kind === 'email' ? 'email' : 'sms',
    kind,
    // The contact stays sealed under its own ciphertext: the worker opens it only to send.
    recipientCipher: ticket.contact_cipher,
    subject: subjects[kind](ticket.number),
    bodyCipher: protector.encrypt(body),
    at,
  });
}

export interface DeliveryDeps {
  db: Kysely<Database>;
  keyring: Keyring;
  clock: Clock;
}

const MAX_ATTEMPTS = 8;
const LEASE_MS = 120_000;

/** 1 min, 2, 4 … capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** The error kind only (ECONNREFUSED, EAUTH, a reply code): never the server's text, which may echo the address. */
function errorKind(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown };
  const kind = [e.code, e.responseCode]
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' ');
  return /^[A-Za-z0-9_ ]{1,40}$/.test(kind) ? kind : 'error';
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/** Sends the due rows of the channels that have a notifier; each outcome is written and audited. */
export async function deliverDue(
  deps: DeliveryDeps,
  notifiers: readonly Notifier[],
  batch = 20,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const channels = notifiers.map((n) => n.channel);
  if (channels.length === 0) return report;
  const now = deps.clock.now();
  const claimed = await deps.db
    .updateTable('ticket_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + LEASE_MS) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('ticket_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('channel', 'in', channels)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(batch)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'ticket_id', 'channel', 'recipient_cipher', 'subject', 'body_cipher', 'attempts'])
    .execute();
  for (const row of claimed) {
    const notifier = notifiers.find((n) => n.channel === row.channel);
    if (!notifier) continue;
    let error: string | null = null;
    try {
      const protector = deps.keyring.protector();
      await notifier.send({
        to: protector.decrypt(row.recipient_cipher),
        subject: row.subject,
        text: protector.decrypt(row.body_cipher),
      });
    } catch (err) {
      error = errorKind(err);
    }
    const at = deps.clock.now();
    const status = error === null ? 'sent' : row.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    const ctx: AuditContext = { actorId: null, actorLabel: 'ticket-notifier', requestId: null, at };
    await deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('ticket_outbox')
        .set({
          status,
          sent_at: status === 'sent' ? at : null,
          last_error: error,
          next_attempt_at: status === 'pending' ? new Date(at.getTime() + retryDelayMs(row.attempts)) : null,
          updated_at: at,
        })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .where('attempts', '=', row.attempts)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return;
      await appendAudit(trx, ctx, {
        action:
          status === 'sent'
            ? 'ticket-notification.send'
            : status === 'failed'
              ? 'ticket-notification.fail'
              : 'ticket-notification.attempt-failed',
        targetType: 'ticket-notification',
        targetId: row.id,
        after: {
          ticket: row.ticket_id,
          channel: row.channel,
          attempts: row.attempts,
          status,
          lastError: error,
        },
      });
    });
    if (status === 'sent') report.sent += 1;
    else if (status === 'failed') report.failed += 1;
    else report.retried += 1;
  }
  return report;
}
