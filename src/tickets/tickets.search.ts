import type { Principal } from '../accounts/accounts.model.ts';
import { AppError } from '../shared/errors.ts';
import type { InboxQuery, Label } from './tickets.model.ts';
import { coversOffice } from './tickets.rules.ts';
import type { TicketDeps } from './tickets.service.ts';
import { type InboxScope, inboxTickets } from './tickets.store.ts';
import { officeOf } from './tickets.views.ts';

/**
 * Searching the inbox (issue 14 §3) by ticket number or by text. The submitter's words are encrypted at rest, so SQL
 * cannot search them: the newest tickets of the filtered inbox (at most `searchScanLimit`) are decrypted here and
 * matched, together with the topic's name. `truncated` says that older tickets were not searched.
 */
export const searchScanLimit = 2000;
const numberLike = /^HT[\d-]*$/i;

export async function searchInbox(
  deps: Pick<TicketDeps, 'db' | 'keyring'>,
  scope: InboxScope,
  query: InboxQuery & { q: string },
  today: string,
  userId: string | null,
): Promise<{ ids: string[]; truncated: boolean }> {
  const q = query.q.trim();
  const base = inboxTickets(deps.db, scope, query, today, userId);
  if (numberLike.test(q)) {
    const rows = await base
      .select('t.id')
      .where('t.number', 'ilike', `${q.toUpperCase().replace(/[%_\\]/g, '')}%`)
      .limit(searchScanLimit)
      .execute();
    return { ids: rows.map((r) => r.id), truncated: rows.length === searchScanLimit };
  }
  const candidates = await base
    .select(['t.id', 't.topic_label', 't.number'])
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(searchScanLimit + 1)
    .execute();
  const truncated = candidates.length > searchScanLimit;
  const scanned = candidates.slice(0, searchScanLimit);
  if (scanned.length === 0) return { ids: [], truncated };
  const needle = q.toLowerCase();
  const has = (text: string | null | undefined) => !!text && text.toLowerCase().includes(needle);
  const found = new Set(
    scanned
      .filter((c) => has(c.number) || has((c.topic_label as Label).zh) || has((c.topic_label as Label).en))
      .map((c) => c.id),
  );
  const protector = deps.keyring.protector();
  // The submitter's own words: the submission and what they added when asked.
  for (let i = 0; i < scanned.length; i += 500) {
    const ids = scanned.slice(i, i + 500).map((c) => c.id);
    const events = await deps.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'body_cipher'])
      .where('ticket_id', 'in', ids)
      .where('kind', 'in', ['submit', 'info'])
      .where('body_cipher', 'is not', null)
      .execute();
    for (const e of events)
      if (!found.has(e.ticket_id) && e.body_cipher && has(protector.decrypt(e.body_cipher)))
        found.add(e.ticket_id);
  }
  return { ids: [...found], truncated };
}

/**
 * The colleagues a ticket may be assigned to: active officials who answer for its office (the same rule the
 * assignment checks), by name only. A national administrator is not an office's colleague and is left out.
 */
export async function listColleagues(
  deps: Pick<TicketDeps, 'db'>,
  principal: Principal,
  ticket: Parameters<typeof officeOf>[0],
): Promise<{ id: string; name: string; isMe: boolean }[]> {
  const office = officeOf(ticket);
  if (!coversOffice(principal, office)) throw new AppError('not_found', 'no such ticket');
  const users = await deps.db
    .selectFrom('users')
    .select(['id', 'display_name', 'username', 'role', 'department', 'province', 'institution', 'holder_id'])
    .where('is_active', '=', true)
    .where('role', 'in', ['department-admin', 'province-admin'])
    .where((eb) =>
      eb.or([
        eb('department', '=', office.department),
        ...(office.department === 'mohrss' && office.province ? [eb('province', '=', office.province)] : []),
      ]),
    )
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return users
    .filter((u) =>
      coversOffice(
        {
          via: 'session',
          userId: u.id,
          username: u.username,
          role: u.role as Principal['role'],
          department: u.department,
          province: u.province,
          institution: u.institution,
          holderId: u.holder_id,
        },
        office,
      ),
    )
    .map((u) => ({ id: u.id, name: u.display_name, isMe: u.id === principal.userId }));
}
