import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { auditContextOf, principalOf, SESSION_COOKIE } from '../http/auth.plugin.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import {
  createTokenSchema,
  createUserSchema,
  loginSchema,
  loginThrottleViewSchema,
  type Principal,
  roleSchema,
  tokenViewSchema,
  updateUserSchema,
  userListItemSchema,
  userViewSchema,
} from './accounts.model.ts';
import {
  createToken,
  createUser,
  type HolderFinder,
  listTokens,
  login,
  logout,
  revokeToken,
  updateUser,
} from './accounts.service.ts';
import { findUsers, getUserById, toUserView, withInstitutionNames } from './accounts.store.ts';
import { createLoginThrottle } from './login-throttle.store.ts';
import type { SecretHashing } from './secrets.ts';

export interface AccountsRoutesOptions {
  db: Kysely<Database>;
  clock: Clock;
  loginRateLimit: number;
  /** Binds holder accounts to the registry's person (the registry provides it). */
  findHolder?: HolderFinder;
  /** The install's hashing of passwords, session ids and tokens, by its current crypto profile (issue 18). */
  secrets: () => SecretHashing;
}

const admins = { roles: ['system-admin'] } as const;
const anyUser = {
  roles: [
    'system-admin',
    'department-admin',
    'province-admin',
    'institution-operator',
    'supervisor',
    'holder',
  ],
} as const;
const idParams = z.object({ id: z.uuid() });

export async function accountsRoutes(base: FastifyInstance, opts: AccountsRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = opts;
  const throttle = createLoginThrottle();

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录 Log in with username and password; sets an HttpOnly session cookie',
        body: loginSchema,
        response: { 200: z.object({ user: userViewSchema }) },
      },
      config: {
        access: { public: true },
        // A flat cap per client address, on top of the login throttle's growing delays in the service.
        rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const result = await login(
        db,
        auditContextOf(request, clock),
        throttle,
        {
          username: request.body.username,
          password: request.body.password,
          address: request.ip,
        },
        opts.secrets(),
      );
      reply.setCookie(SESSION_COOKIE, result.sessionSecret, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        expires: result.expiresAt,
      });
      return { user: result.user };
    },
  );

  app.get(
    '/auth/login-throttles',
    {
      schema: {
        tags: ['auth'],
        summary:
          '登录限制 Recent failed logins and the delays in force, per address, per account and address, per account',
        response: { 200: z.object({ items: z.array(loginThrottleViewSchema) }) },
      },
      config: { access: admins },
    },
    async () => {
      const now = clock.now();
      return {
        items: throttle.list(now).map((e) => ({
          kind: e.kind,
          username: e.username,
          address: e.address,
          failures: e.failures,
          lastFailureAt: e.lastFailureAt.toISOString(),
          lockedUntil: e.lockedUntil && e.lockedUntil > now ? e.lockedUntil.toISOString() : null,
        })),
      };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: '退出 Log out' }, config: { access: { public: true } } },
    async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) await logout(db, auditContextOf(request, clock), secret, opts.secrets());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  /**
   * The caller as a user view, or null when its user no longer exists; the bootstrap admin token has no user row,
   * so it is described instead.
   */
  async function userViewOf(p: Principal) {
    if (!p.userId) {
      return {
        id: '00000000-0000-0000-0000-000000000000',
        username: p.username,
        displayName: 'HUTONG_ADMIN_TOKEN',
        role: p.role,
        department: null,
        province: null,
        institution: null,
        holderId: null,
        isActive: true,
        createdAt: new Date(0).toISOString(),
      };
    }
    const row = await getUserById(db, p.userId);
    return row ? toUserView(row) : null;
  }

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: '当前用户 The caller',
        response: { 200: z.object({ user: userViewSchema }) },
      },
      config: { access: anyUser },
    },
    async (request) => {
      const user = await userViewOf(principalOf(request));
      if (!user) throw new AppError('unauthenticated', 'user no longer exists');
      return { user };
    },
  );

  // The web app asks this on every page load: a visitor is a normal answer (200), not an error the browser's
  // console would report as a failed request, as a 401 from /auth/me is (issue 15 item 9).
  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: '会话 Whether the caller is signed in, and as whom',
        response: {
          200: z.union([
            z.object({ authenticated: z.literal(true), user: userViewSchema }),
            z.object({ authenticated: z.literal(false) }),
          ]),
        },
      },
      config: { access: { public: true } },
    },
    async (request) => {
      const user = request.principal ? await userViewOf(request.principal) : null;
      return user ? { authenticated: true as const, user } : { authenticated: false as const };
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['accounts'],
        summary: '用户列表 List users (keyset pagination by username)',
        querystring: z.strictObject({
          role: roleSchema.optional(),
          q: z.string().trim().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(64).optional(),
        }),
        response: { 200: z.object({ items: z.array(userListItemSchema), next: z.string().optional() }) },
      },
      config: { access: admins },
    },
    async (request) => {
      const { limit, cursor, role, q } = request.query;
      const rows = await findUsers(db, { role, q, afterUsername: cursor, limit: limit + 1 });
      const items = await withInstitutionNames(db, rows.slice(0, limit));
      const last = items.at(-1);
      return rows.length > limit && last ? { items, next: last.username } : { items };
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['accounts'],
        summary: '创建用户 Create a user',
        body: createUserSchema,
        response: { 201: userViewSchema },
      },
      config: { access: admins },
    },
    async (request, reply) => {
      const user = await createUser(
        db,
        auditContextOf(request, clock),
        request.body,
        opts.secrets(),
        opts.findHolder,
      );
      return reply.code(201).send(user);
    },
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: '用户 Get a user',
        params: idParams,
        response: { 200: userListItemSchema },
      },
      config: { access: admins },
    },
    async (request) => {
      const row = await getUserById(db, request.params.id);
      if (!row) throw new AppError('not_found', 'no such user');
      const [user] = await withInstitutionNames(db, [row]);
      return user;
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: '修改用户 Update a user (name, active flag, password reset)',
        params: idParams,
        body: updateUserSchema,
        response: { 200: userViewSchema },
      },
      config: { access: admins },
    },
    async (request) =>
      updateUser(db, auditContextOf(request, clock), request.params.id, request.body, opts.secrets()),
  );

  app.get(
    '/users/:id/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: 'API 令牌 List a user’s API tokens (never the secrets)',
        params: idParams,
        response: { 200: z.object({ items: z.array(tokenViewSchema) }) },
      },
      config: { access: admins },
    },
    async (request) => ({ items: await listTokens(db, request.params.id) }),
  );

  app.post(
    '/users/:id/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: '创建令牌 Create an API token; the secret is in this response only',
        params: idParams,
        body: createTokenSchema,
        response: { 201: tokenViewSchema.extend({ token: z.string() }) },
      },
      config: { access: admins },
    },
    async (request, reply) => {
      const token = await createToken(
        db,
        auditContextOf(request, clock),
        request.params.id,
        request.body,
        opts.secrets(),
      );
      return reply.code(201).send(token);
    },
  );

  app.post(
    '/tokens/:id/revoke',
    {
      schema: {
        tags: ['accounts'],
        summary: '吊销令牌 Revoke an API token',
        params: idParams,
        response: { 200: tokenViewSchema },
      },
      config: { access: admins },
    },
    async (request) => revokeToken(db, auditContextOf(request, clock), request.params.id),
  );
}
