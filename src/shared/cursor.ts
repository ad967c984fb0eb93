import { sql } from 'kysely';
import { AppError } from './errors.ts';

/**
 * The keyset cursor of a list: the (sort value, id) of a page's last item, opaque to clients. A cursor that does not
 * decode is the client's error, named as such.
 */
export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, path = 'querystring.cursor'): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    )
      return [value[0], value[1]];
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('validation_failed', 'invalid cursor', [{ path, message: 'malformed' }]);
}

/** "Older than the cursor" on `(<alias>.created_at, <alias>.id)`, for lists newest first. */
export function olderThan(alias: string, cursor: string) {
  const [value, id] = decodeCursor(cursor);
  return sql<boolean>`(${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)}) < (${value}::timestamptz, ${id}::uuid)`;
}

/** One page of rows fetched with `limit + 1`, and the cursor of the next page when there is one. */
export function newestFirstPage<T extends { created_at: Date; id: string }>(rows: T[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? encodeCursor(last.created_at.toISOString(), last.id) : undefined,
  };
}
