import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Access, Principal, ScopeTarget } from '../accounts/accounts.model.ts';
import { coversScope, isAllowedRole } from '../accounts/accounts.rules.ts';
import { resolveApiToken, resolveSession } from '../accounts/accounts.service.ts';
import type { SecretHashing } from '../accounts/secrets.ts';
import type { AuditContext } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';

export const SESSION_COOKIE = 'hutong_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route declares who may call it; start-up fails for a route that does not. */
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every /api route with its declared access, for the authorisation matrix and the docs. */
    apiRoutes: Array<{ method: string; url: string; access: Access }>;
  }
}

export interface AuthOptions {
  db: Kysely<Database>;
  clock: Clock;
  adminToken: string | undefined;
  /** How session ids and tokens are hashed (the install's crypto profile). */
  secrets: () => SecretHashing;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

const adminPrincipal: Principal = {
  via: 'admin-token',
  userId: null,
  username: 'admin-token',
  role: 'system-admin',
  department: null,
  province: null,
  institution: null,
  holderId: null,
};

/**
 * Resolves the caller (bearer token, else session cookie) and enforces each route's declared access before the
 * body is even parsed: an unauthenticated write is a 401 whatever its body.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthOptions) => {
  const adminDigest = opts.adminToken ? digest(opts.adminToken) : null;
  app.decorateRequest('principal', null);
  app.decorate('apiRoutes', []);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access });
    }
  });

  async function identify(request: FastifyRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1])
        throw new AppError('unauthenticated', 'malformed Authorization header; expected Bearer <token>');
      const token = match[1];
      if (adminDigest && timingSafeEqual(digest(token), adminDigest)) return adminPrincipal;
      const principal = await resolveApiToken(opts.db, token, opts.clock.now(), opts.secrets());
      if (!principal) throw new AppError('unauthenticated', 'invalid, expired or revoked token');
      return principal;
    }
    const session = request.cookies?.[SESSION_COOKIE];
    return session ? resolveSession(opts.db, session, opts.clock.now(), opts.secrets()) : null;
  }

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    request.principal = await identify(request);
    if ('public' in access) return;
    if (!request.principal) throw new AppError('unauthenticated', 'log in or send a bearer token');
    // A department system's token pushes to its source and nothing more (issue 5 §2), whatever its user's role.
    if (request.principal.source && !access.sourceTokens) {
      throw new AppError('forbidden', 'a source token may only push to its source');
    }
    if (!isAllowedRole(request.principal, access)) {
      throw new AppError('forbidden', `role ${request.principal.role} may not call this route`);
    }
  });
});

/** The caller, on a route that requires one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'log in or send a bearer token');
  return request.principal;
}

/** Role AND scope: throws 403 when the caller's scope does not cover the resource. */
export function assertScope(request: FastifyRequest, target: ScopeTarget): void {
  if (!coversScope(principalOf(request), target)) {
    throw new AppError('forbidden', 'outside your scope');
  }
}

export function auditContextOf(request: FastifyRequest, clock: Clock): AuditContext {
  const p = request.principal;
  return {
    actorId: p?.userId ?? null,
    actorLabel: p ? p.username : 'anonymous',
    requestId: request.id,
    at: clock.now(),
  };
}
