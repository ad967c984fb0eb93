import { randomInt } from 'node:crypto';
import type { Principal } from '../accounts/accounts.model.ts';
import type { EventKind, TicketKind, TicketStatus } from './tickets.model.ts';
import type { Office } from './tickets.routing.ts';

/**
 * Pure decisions about tickets (issue 14 §3): which office a caller answers for, which step each status allows,
 * when a ticket is overdue, the number and the lookup code. No I/O; dates and randomness are passed in or local.
 */

/**
 * The offices a caller answers for: a department's admins its department's tickets (in their province, or all of
 * them with national scope, escalated ones included); a province's HRSS admin the HRSS tickets of the province;
 * system admins all.
 */
export function coversOffice(principal: Principal, office: Office): boolean {
  switch (principal.role) {
    case 'system-admin':
      return true;
    case 'department-admin':
      return (
        principal.department === office.department &&
        (principal.province === null || principal.province === office.province)
      );
    case 'province-admin':
      return (
        office.department === 'mohrss' &&
        principal.province !== null &&
        principal.province === office.province
      );
    default:
      return false;
  }
}

export type OfficeStep = Extract<EventKind, 'reply' | 'request-info' | 'transfer' | 'close' | 'assign'>;

const allowed: Record<OfficeStep, readonly TicketStatus[]> = {
  // A further reply to a replied ticket is allowed (a correction, an addition).
  reply: ['open', 'awaiting-info', 'replied'],
  'request-info': ['open', 'replied'],
  transfer: ['open', 'awaiting-info'],
  close: ['open', 'awaiting-info', 'replied'],
  assign: ['open', 'awaiting-info', 'replied'],
};

export function canTakeStep(step: OfficeStep, status: TicketStatus): boolean {
  return allowed[step].includes(status);
}

/** The status a step leaves; `transfer` and `assign` leave it as it was. */
export function statusAfter(step: OfficeStep, status: TicketStatus): TicketStatus {
  if (step === 'reply') return 'replied';
  if (step === 'request-info') return 'awaiting-info';
  if (step === 'close') return 'closed';
  return status;
}

/** The submitter may add information until the ticket is closed; an addition reopens a replied one. */
export function canAddInformation(status: TicketStatus): boolean {
  return status !== 'closed';
}

/** A rating once, after a reply. */
export function canRate(t: { firstRepliedAt: Date | null; rating: number | null }): boolean {
  return t.firstRepliedAt !== null && t.rating === null;
}

/** Open past its deadline (a civil date, inclusive); waiting for the submitter stops the clock. */
export function isOverdue(t: { status: TicketStatus; dueOn: string }, today: string): boolean {
  return t.status === 'open' && today > t.dueOn;
}

/** The reply deadline in working days per kind (configuration: 5 for 咨询, 15 for 投诉 by default). */
export interface ReplyDays {
  question: number;
  complaint: number;
}
export function replyDaysFor(days: ReplyDays, kind: TicketKind): number {
  return days[kind];
}

/** HT + civil date + serial: HT20261207-0042 (at least four digits; more on a day with more tickets). */
export function formatTicketNumber(today: string, serial: number): string {
  return `HT${today.replaceAll('-', '')}-${String(serial).padStart(4, '0')}`;
}

// No 0/O, 1/I/L: the code is read off a screen and typed back.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** 12 characters of 31 (~59 bits): with proof-of-work and a per-number limit, not guessable. */
export function newLookupCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** As shown: XXXX-XXXX-XXXX. */
export function formatLookupCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Masks a contact for officials: 138****5678, z***@example.cn. */
export function maskContact(kind: 'phone' | 'email', value: string): string {
  if (kind === 'phone')
    return value.length > 7
      ? `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`
      : '****';
  const [user = '', domain = ''] = value.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}
