import type { Kysely, Selectable } from 'kysely';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database, TrustedIssuersTable } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { didWebUrl, fetchJson } from './remote.ts';
import {
  keysFromDidDocument,
  keysFromJwks,
  keysFromVerificationMethods,
  type RegisterTrustedIssuer,
  type TrustedIssuerView,
  type TrustedKey,
} from './trusted.model.ts';

type Row = Selectable<TrustedIssuersTable>;

function toView(r: Row): TrustedIssuerView {
  return {
    id: r.id,
    issuer: r.issuer,
    name: r.name,
    sourceKind: r.source_kind as TrustedIssuerView['sourceKind'],
    source: r.source,
    keys: (r.keys as TrustedKey[]).map((k) => ({
      kid: k.kid,
      kty: String(k.jwk.kty),
      crv: String(k.jwk.crv),
    })),
    fetchedAt: new Date(r.fetched_at).toISOString(),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The keys and issuer id a registration names, fetched where it points at a URL or a DID. */
export async function resolveRegistration(input: RegisterTrustedIssuer): Promise<{
  issuer: string;
  kind: Row['source_kind'];
  source: string;
  keys: TrustedKey[];
}> {
  const none = (path: string) =>
    new AppError('validation_failed', 'no usable public key (Ed25519, P-256, P-384, P-521) found', [
      { path, message: 'no-usable-key' },
    ]);
  if (input.jwksUrl) {
    const keys = keysFromJwks(await fetchJson(input.jwksUrl));
    if (keys.length === 0) throw none('body.jwksUrl');
    return { issuer: input.issuer as string, kind: 'jwks-url', source: input.jwksUrl, keys };
  }
  if (input.did) {
    const url = didWebUrl(input.did);
    const keys = keysFromDidDocument(await fetchJson(url), input.did);
    if (keys.length === 0) throw none('body.did');
    return { issuer: input.did, kind: 'did-web', source: url, keys };
  }
  const vm = input.verificationMethod as Record<string, unknown>;
  const keys = keysFromVerificationMethods([vm]);
  const controller = typeof vm.controller === 'string' ? vm.controller : undefined;
  if (keys.length === 0) throw none('body.verificationMethod');
  const issuer = input.issuer ?? controller;
  if (!issuer)
    throw new AppError('validation_failed', 'the verification method has no controller; name the issuer', [
      { path: 'body.issuer', message: 'required' },
    ]);
  return { issuer, kind: 'verification-method', source: String(vm.id), keys };
}

export async function registerTrustedIssuer(
  db: Kysely<Database>,
  ctx: AuditContext,
  input: RegisterTrustedIssuer,
): Promise<TrustedIssuerView> {
  const resolved = await resolveRegistration(input);
  const row: Row = {
    id: newId(),
    issuer: resolved.issuer,
    name: input.name,
    source_kind: resolved.kind,
    source: resolved.source,
    keys: resolved.keys,
    fetched_at: ctx.at,
    created_by: ctx.actorLabel,
    created_at: ctx.at,
  };
  return db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('trusted_issuers')
      .select('id')
      .where('issuer', '=', row.issuer)
      .executeTakeFirst();
    if (clash) throw new AppError('conflict', `${row.issuer} is already a trusted issuer`);
    await trx
      .insertInto('trusted_issuers')
      .values({ ...row, keys: JSON.stringify(row.keys) })
      .execute();
    const view = toView(row);
    await appendAudit(trx, ctx, {
      action: 'trusted-issuer.add',
      targetType: 'trusted-issuer',
      targetId: row.id,
      after: view,
    });
    return view;
  });
}

export async function listTrustedIssuers(db: Kysely<Database>): Promise<TrustedIssuerView[]> {
  const rows = await db.selectFrom('trusted_issuers').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toView);
}

/** Fetches the keys again (a JWKS URL or did:web), e.g. after the other system rotated its keys. */
export async function refreshTrustedIssuer(
  db: Kysely<Database>,
  ctx: AuditContext,
  id: string,
): Promise<TrustedIssuerView> {
  const row = await db.selectFrom('trusted_issuers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such trusted issuer');
  if (row.source_kind === 'verification-method')
    throw new AppError(
      'rule_violation',
      'a registered verification method has nothing to fetch; register it again instead',
    );
  const resolved = await resolveRegistration(
    row.source_kind === 'did-web'
      ? { name: row.name, did: row.issuer }
      : { name: row.name, issuer: row.issuer, jwksUrl: row.source },
  );
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('trusted_issuers')
      .set({ keys: JSON.stringify(resolved.keys), fetched_at: ctx.at })
      .where('id', '=', id)
      .execute();
    const after = toView({ ...row, keys: resolved.keys, fetched_at: ctx.at });
    await appendAudit(trx, ctx, {
      action: 'trusted-issuer.refresh',
      targetType: 'trusted-issuer',
      targetId: id,
      before: toView(row),
      after,
    });
    return after;
  });
}

export async function removeTrustedIssuer(
  db: Kysely<Database>,
  ctx: AuditContext,
  id: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('trusted_issuers')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'no such trusted issuer');
    await trx.deleteFrom('trusted_issuers').where('id', '=', id).execute();
    await appendAudit(trx, ctx, {
      action: 'trusted-issuer.remove',
      targetType: 'trusted-issuer',
      targetId: id,
      before: toView(row),
    });
  });
}

export async function trustedKeysOf(
  db: Kysely<Database>,
  issuer: string,
): Promise<{ name: string; keys: TrustedKey[] } | null> {
  const row = await db
    .selectFrom('trusted_issuers')
    .select(['name', 'keys'])
    .where('issuer', '=', issuer)
    .executeTakeFirst();
  return row ? { name: row.name, keys: row.keys as TrustedKey[] } : null;
}
