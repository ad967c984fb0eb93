import type { Kysely } from 'kysely';
import { type AuditChange, type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { newId, newSecret } from '../shared/ids.ts';
import type { CreateUserInput, Principal, TokenView, UpdateUserInput, UserView } from './accounts.model.ts';
import { checkRoleScope } from './accounts.rules.ts';
import {
  deleteSession,
  deleteUserSessions,
  findUserTokens,
  getSessionUser,
  getToken,
  getTokenUser,
  getUserById,
  getUserByUsername,
  insertSession,
  insertUser,
  toPrincipal,
  toTokenView,
  toUserView,
  updateUserRow,
} from './accounts.store.ts';
import type { LoginThrottle } from './login-throttle.store.ts';
import {
  dummyPasswordHash,
  hashPassword,
  passwordSchemeOf,
  storedSchemeOf,
  verifyPassword,
} from './password.ts';
import type { SecretHashing } from './secrets.ts';

export const SESSION_TTL_MS = 12 * 3600_000;

// Secrets (session ids, API tokens) are stored only as their hash (`secrets.ts`): a database leak yields no
// usable secret.

// What the audit log keeps of a user: never the password hash.
function auditedUser(user: UserView) {
  return { ...user };
}

/** Finds the registry's person by ID type and number (through the blind index); null when unknown. */
export type HolderFinder = (idType: string, idNumber: string) => Promise<string | null>;

export async function createUser(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: CreateUserInput,
  secrets: SecretHashing,
  findHolder?: HolderFinder,
): Promise<UserView> {
  const problems = checkRoleScope(input);
  if (problems.length > 0) throw new AppError('validation_failed', 'role and scope do not fit', problems);
  let holderId: string | null = null;
  if (input.role === 'holder' && input.holderIdNumber) {
    holderId = findHolder ? await findHolder(input.holderIdType ?? 'resident', input.holderIdNumber) : null;
    if (!holderId) {
      throw new AppError('validation_failed', 'no holder with this ID number in the registry', [
        { path: 'holderIdNumber', message: 'not found' },
      ]);
    }
  }
  const passwordHash = await hashPassword(input.password, secrets.profile);
  return db.transaction().execute(async (trx) => {
    if (await getUserByUsername(trx, input.username)) {
      throw new AppError('conflict', `username ${input.username} is taken`, [
        { path: 'username', message: 'taken' },
      ]);
    }
    const row = await insertUser(trx, {
      id: newId(),
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      role: input.role,
      department: input.department ?? null,
      province: input.province ?? null,
      institution: input.institution ?? null,
      holder_id: holderId,
      is_active: true,
      failed_logins: 0,
      locked_until: null,
      created_at: ctx.at,
      updated_at: ctx.at,
    });
    const view = toUserView(row);
    await appendAudit(trx, ctx, {
      action: 'user.create',
      targetType: 'user',
      targetId: row.id,
      after: auditedUser(view),
    });
    return view;
  });
}

export async function updateUser(
  db: Kysely<Database>,
  ctx: AuditContext,
  id: string,
  input: UpdateUserInput,
  secrets: SecretHashing,
): Promise<UserView> {
  const passwordHash = input.password ? await hashPassword(input.password, secrets.profile) : undefined;
  return db.transaction().execute(async (trx) => {
    const before = await getUserById(trx, id);
    if (!before) throw new AppError('not_found', 'no such user');
    const row = await updateUserRow(trx, id, {
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.isActive !== undefined && { is_active: input.isActive }),
      ...(passwordHash && { password_hash: passwordHash, failed_logins: 0, locked_until: null }),
      updated_at: ctx.at,
    });
    // A deactivated account or a reset password ends every open session of that user.
    if (input.isActive === false || passwordHash) await deleteUserSessions(trx, id);
    const after = toUserView(row);
    await appendAudit(trx, ctx, {
      action: passwordHash ? 'user.update+password-reset' : 'user.update',
      targetType: 'user',
      targetId: id,
      before: auditedUser(toUserView(before)),
      after: auditedUser(after),
    });
    return after;
  });
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserView> {
  const row = await getUserById(db, id);
  if (!row) throw new AppError('not_found', 'no such user');
  return toUserView(row);
}

export interface LoginResult {
  user: UserView;
  sessionSecret: string;
  expiresAt: Date;
}

/**
 * Password login, throttled per client address and per (account, address) with growing delays (issue 15 §7; the
 * rules and their reasons are in login-throttle.rules.ts). Unknown user and wrong password give the same error
 * after the same work, and are throttled alike. A delay refuses even the right password, but only from the address
 * that earned it: the real user elsewhere is never locked out by a stranger. Failures against an account and every
 * delay started are audited; the route also caps requests per address per minute.
 */
export async function login(
  db: Kysely<Database>,
  ctx: AuditContext,
  throttle: LoginThrottle,
  attempt: { username: string; password: string; address: string },
  secrets: SecretHashing,
): Promise<LoginResult> {
  const { password, address } = attempt;
  const username = attempt.username.toLowerCase(); // the throttle's key; usernames are lower-case
  const gate = throttle.check(username, address, ctx.at);
  if (!gate.allowed) {
    throw new AppError(
      'too_many_requests',
      'too many failed logins from this address; try again later',
      [{ path: gate.reason, message: `retry after ${gate.retryAfterSeconds} s` }],
      { 'retry-after': String(gate.retryAfterSeconds) },
    );
  }
  const user = await getUserByUsername(db, attempt.username);
  const isActiveUser = Boolean(user?.password_hash && user.is_active);
  const ok = await verifyPassword(
    password,
    user?.password_hash && isActiveUser ? user.password_hash : await dummyPasswordHash(secrets.profile),
  );
  if (user && isActiveUser && ok) {
    // A password hashed under the install's earlier profile moves to the current scheme at its next login (hashed
    // before the transaction: ~0.1 s of key stretching must not hold the embedded store's one session).
    const rehash =
      user.password_hash && storedSchemeOf(user.password_hash) !== passwordSchemeOf(secrets.profile)
        ? await hashPassword(password, secrets.profile)
        : null;
    const result = await db.transaction().execute(async (trx) => {
      const sessionSecret = newSecret('hs');
      const expiresAt = new Date(ctx.at.getTime() + SESSION_TTL_MS);
      await insertSession(trx, {
        id_hash: secrets.digest(sessionSecret),
        user_id: user.id,
        created_at: ctx.at,
        expires_at: expiresAt,
      });
      if (user.failed_logins > 0 || user.locked_until || rehash) {
        await updateUserRow(trx, user.id, {
          failed_logins: 0,
          locked_until: null,
          ...(rehash && { password_hash: rehash }),
        });
      }
      await appendAudit(
        trx,
        { ...ctx, actorId: user.id, actorLabel: user.username },
        { action: 'auth.login', targetType: 'user', targetId: user.id, after: { address } },
      );
      return { user: toUserView(user), sessionSecret, expiresAt };
    });
    throttle.succeed(username, address, ctx.at);
    return result;
  }
  const failure = throttle.fail(username, address, ctx.at);
  const throttled = failure.started.map((s) => ({ kind: s.kind, until: s.until.toISOString() }));
  const changes: AuditChange[] = [];
  if (user) {
    changes.push({
      action: throttled.length > 0 ? 'auth.login-failed+throttled' : 'auth.login-failed',
      targetType: 'user',
      targetId: user.id,
      after: {
        address,
        failedLogins: user.failed_logins + 1,
        accountAddressFailures: failure.accountAddressFailures,
        isUnderAttack: failure.isUnderAttack,
        isKnownAddress: failure.isKnownAddress,
        throttled,
      },
    });
  }
  // An address's own delay is audited on the address (never the username typed: it may be a misplaced password).
  const addressDelay = failure.started.find((s) => s.kind === 'address');
  if (addressDelay) {
    changes.push({
      action: 'auth.login-address-throttled',
      targetType: 'login-address',
      targetId: address,
      after: { failures: failure.addressFailures, until: addressDelay.until.toISOString() },
    });
  }
  if (changes.length > 0) {
    await db.transaction().execute(async (trx) => {
      if (user) await updateUserRow(trx, user.id, { failed_logins: user.failed_logins + 1 });
      await appendAudit(
        trx,
        { ...ctx, actorId: user?.id ?? null, actorLabel: user?.username ?? 'anonymous' },
        changes,
      );
    });
  }
  throw new AppError('invalid_credentials', 'wrong username or password');
}

export async function logout(
  db: Kysely<Database>,
  ctx: AuditContext,
  sessionSecret: string,
  secrets: SecretHashing,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, secrets.candidates(sessionSecret));
    if (ctx.actorId) {
      await appendAudit(trx, ctx, { action: 'auth.logout', targetType: 'user', targetId: ctx.actorId });
    }
  });
}

export async function resolveSession(
  db: Kysely<Database>,
  secret: string,
  now: Date,
  secrets: SecretHashing,
): Promise<Principal | null> {
  const row = await getSessionUser(db, secrets.candidates(secret), now);
  return row ? toPrincipal(row, 'session') : null;
}

export async function resolveApiToken(
  db: Kysely<Database>,
  secret: string,
  now: Date,
  secrets: SecretHashing,
): Promise<Principal | null> {
  const row = await getTokenUser(db, secrets.candidates(secret), now);
  if (!row) return null;
  // last-used is kept to the hour so an active token does not write on every request.
  if (!row.token_last_used_at || now.getTime() - row.token_last_used_at.getTime() > 3600_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  return { ...toPrincipal(row, 'token'), source: row.token_source };
}

export async function listTokens(db: Kysely<Database>, userId: string): Promise<TokenView[]> {
  await getUser(db, userId);
  return (await findUserTokens(db, userId)).map(toTokenView);
}

export async function createToken(
  db: Kysely<Database>,
  ctx: AuditContext,
  userId: string,
  input: { label: string; expiresInDays?: number | undefined; sourceId?: string | undefined },
  secrets: SecretHashing,
): Promise<TokenView & { token: string }> {
  const secret = newSecret('htk');
  return db.transaction().execute(async (trx) => {
    const user = await getUserById(trx, userId);
    if (!user) throw new AppError('not_found', 'no such user');
    const row = await trx
      .insertInto('api_tokens')
      .values({
        id: newId(),
        user_id: userId,
        label: input.label,
        token_hash: secrets.digest(secret),
        prefix: secret.slice(0, 8),
        created_at: ctx.at,
        expires_at: input.expiresInDays
          ? new Date(ctx.at.getTime() + input.expiresInDays * 86_400_000)
          : null,
        revoked_at: null,
        last_used_at: null,
        source_id: input.sourceId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = toTokenView(row);
    await appendAudit(trx, ctx, {
      action: 'token.create',
      targetType: 'api-token',
      targetId: row.id,
      after: { ...view, userId },
    });
    return { ...view, token: secret };
  });
}

export async function revokeToken(db: Kysely<Database>, ctx: AuditContext, id: string): Promise<TokenView> {
  return db.transaction().execute(async (trx) => {
    const before = await getToken(trx, id);
    if (!before) throw new AppError('not_found', 'no such token');
    if (before.revoked_at) throw new AppError('conflict', 'token already revoked');
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: ctx.at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toTokenView(row);
    await appendAudit(trx, ctx, {
      action: 'token.revoke',
      targetType: 'api-token',
      targetId: id,
      before: toTokenView(before),
      after,
    });
    return after;
  });
}
