import type { Insertable, Kysely, Transaction } from 'kysely';
import type { ApiTokenRow, Database, NewUserRow, SessionsTable, UserRow } from '../db/schema.ts';
import type { Principal, Role, TokenView, UserListItem, UserView } from './accounts.model.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    department: row.department,
    province: row.province,
    institution: row.institution,
    holderId: row.holder_id,
    isActive: row.is_active,
    createdAt: row.created_at.toISOString(),
  };
}

export function toTokenView(row: ApiTokenRow): TokenView {
  return {
    id: row.id,
    label: row.label,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    source: row.source_id ?? null,
  };
}

export function toPrincipal(row: UserRow, via: Principal['via']): Principal {
  return {
    via,
    userId: row.id,
    username: row.username,
    role: row.role as Role,
    department: row.department,
    province: row.province,
    institution: row.institution,
    holderId: row.holder_id,
  };
}

export function getUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserRow(db: Db, id: string, patch: Partial<NewUserRow>): Promise<UserRow> {
  return db.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface UserFilter {
  role?: Role | undefined;
  q?: string | undefined;
  afterUsername?: string | undefined;
  limit: number;
}

/** Keyset pagination on the unique username. */
export function findUsers(db: Db, filter: UserFilter): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll();
  if (filter.role) q = q.where('role', '=', filter.role);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('username', 'ilike', like), eb('display_name', 'ilike', like)]));
  }
  if (filter.afterUsername) q = q.where('username', '>', filter.afterUsername);
  return q.orderBy('username').limit(filter.limit).execute();
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The users' views with their institutions' names (issue 15 §4). `users.institution` is free text while
 * `institutions.id` is a uuid, so only uuid-shaped values are looked up; any other value keeps a null name.
 */
export async function withInstitutionNames(db: Db, rows: UserRow[]): Promise<UserListItem[]> {
  const ids = [
    ...new Set(rows.map((r) => r.institution).filter((v): v is string => !!v && uuidPattern.test(v))),
  ];
  const found =
    ids.length === 0
      ? []
      : await db.selectFrom('institutions').select(['id', 'name']).where('id', 'in', ids).execute();
  const names = new Map(found.map((r) => [r.id, r.name]));
  return rows.map((row) => ({
    ...toUserView(row),
    institutionName: row.institution ? (names.get(row.institution.toLowerCase()) ?? null) : null,
  }));
}

export function countUsers(db: Db): Promise<number> {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function insertSession(db: Db, row: Insertable<SessionsTable>) {
  await db.insertInto('sessions').values(row).execute();
}

/** `idHashes`: every digest the presented session id may be stored under (`SecretHashing.candidates`). */
export function getSessionUser(db: Db, idHashes: string[], now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id_hash', 'in', idHashes)
    .where('sessions.expires_at', '>', now)
    .where('users.is_active', '=', true)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, idHashes: string[]): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', 'in', idHashes).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function getTokenUser(db: Db, tokenHashes: string[], now: Date) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.last_used_at as token_last_used_at',
      'api_tokens.source_id as token_source',
    ])
    .where('api_tokens.token_hash', 'in', tokenHashes)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.is_active', '=', true)
    .executeTakeFirst();
}

export function getToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}
