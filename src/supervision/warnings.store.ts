import { type Kysely, sql, type Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import type { Database } from '../db/schema.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { ListWarningsInput } from './warnings.model.ts';

/** Kysely queries of warnings, their actions and attachments (issue 8 §3). */
type Db = Kysely<Database> | Transaction<Database>;

export const warningColumns = [
  'w.id',
  'w.rule',
  'w.severity',
  'w.status',
  'w.review_level',
  'w.institution_id',
  'w.plan_id',
  'w.sitting_id',
  'w.province',
  'w.occupation',
  'w.summary',
  'w.evidence',
  'w.due_at',
  'w.created_at',
  'w.updated_at',
  'w.version',
  'i.name as institution_name',
  'i.code as institution_code',
  'p.code as plan_code',
] as const;

const base = (db: Db) =>
  db
    .selectFrom('warnings as w')
    .leftJoin('institutions as i', 'i.id', 'w.institution_id')
    .leftJoin('exam_plans as p', 'p.id', 'w.plan_id');

export type WarningRow = Awaited<ReturnType<typeof findWarning>> & object;

export function findWarning(db: Db, id: string, lock = false) {
  const q = base(db).select(warningColumns).where('w.id', '=', id);
  return (lock ? q.forUpdate('w') : q).executeTakeFirst();
}

/** Sort keys as text, so one keyset cursor serves both orders; a warning without a deadline sorts last. */
const sortKey = (by: 'created' | 'due') =>
  by === 'created'
    ? sql<string>`to_char(w.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`
    : sql<string>`coalesce(to_char(w.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '9999')`;

export async function listWarningRows(db: Db, principal: Principal, q: ListWarningsInput, now: Date) {
  const by = q.sort.replace('-', '') as 'created' | 'due';
  const desc = q.sort.startsWith('-');
  const key = sortKey(by);
  let query = base(db).select([...warningColumns, key.as('sort_key')]);
  // Scope: supervisors and province admins their province (national ones everything); an institution its own
  // warnings once sent to it (issue 8 §3: the institution's inbox).
  if (principal.role === 'institution-operator')
    query = query
      .where('w.institution_id', '=', principal.institution ?? '00000000-0000-0000-0000-000000000000')
      .where('w.status', '!=', 'created');
  else if (principal.role !== 'system-admin' && principal.province !== null)
    query = query.where('w.province', '=', principal.province);
  if (q.status === 'open') query = query.where('w.status', '!=', 'closed');
  else if (q.status !== 'all') query = query.where('w.status', '=', q.status);
  if (q.rule) query = query.where('w.rule', '=', q.rule);
  if (q.severity) query = query.where('w.severity', '=', q.severity);
  if (q.institution) query = query.where('w.institution_id', '=', q.institution);
  if (q.plan) query = query.where('w.plan_id', '=', q.plan);
  if (q.province) query = query.where('w.province', '=', q.province);
  if (q.overdue === 'true')
    query = query.where('w.status', 'in', ['sent', 'returned']).where('w.due_at', '<', now);
  if (q.overdue === 'false')
    query = query.where((eb) =>
      eb.or([
        eb('w.status', 'not in', ['sent', 'returned']),
        eb('w.due_at', '>=', now),
        eb('w.due_at', 'is', null),
      ]),
    );
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor);
    query = query.where(sql<boolean>`(${key}, w.id) ${sql.raw(desc ? '<' : '>')} (${value}, ${id}::uuid)`);
  }
  const rows = await query
    .orderBy(key, desc ? 'desc' : 'asc')
    .orderBy('w.id', desc ? 'desc' : 'asc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > q.limit && last ? encodeCursor(last.sort_key, last.id) : undefined,
  };
}

export function findActions(db: Db, warningId: string) {
  return db
    .selectFrom('warning_actions')
    .selectAll()
    .where('warning_id', '=', warningId)
    .orderBy('id')
    .execute();
}

export function findAttachments(db: Db, warningId: string) {
  return db
    .selectFrom('warning_attachments')
    .select(['id', 'action_id', 'filename', 'media_type', 'size', 'sha256'])
    .where('warning_id', '=', warningId)
    .orderBy('created_at')
    .execute();
}

export function findAttachment(db: Db, warningId: string, id: string) {
  return db
    .selectFrom('warning_attachments')
    .selectAll()
    .where('warning_id', '=', warningId)
    .where('id', '=', id)
    .executeTakeFirst();
}
