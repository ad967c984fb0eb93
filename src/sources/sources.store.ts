import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database, SourcesTable } from '../db/schema.ts';
import type { ListSourcesInput, Source, SourceView } from './sources.model.ts';
import { isDefaultSource } from './sources.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type SourceRow = Selectable<SourcesTable>;

const typesSchema = z.array(z.string());

export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    department: row.department as Source['department'],
    kind: row.kind as Source['kind'],
    url: row.url,
    deepLinkTemplate: row.deep_link_template,
    types: typesSchema.parse(row.types),
    region: row.region,
    lastUpdateAt: row.last_update_at,
    issuanceUrl: row.issuance_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toSourceView(source: Source): SourceView {
  return {
    id: source.id,
    nameZh: source.nameZh,
    nameEn: source.nameEn,
    department: source.department,
    kind: source.kind,
    url: source.url,
    deepLinkTemplate: source.deepLinkTemplate,
    types: source.types,
    region: source.region,
    isDefault: isDefaultSource(source),
    lastUpdateAt: source.lastUpdateAt?.toISOString() ?? null,
    issuanceUrl: source.issuanceUrl,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
  };
}

export async function getSource(db: Db, id: string, forUpdate = false): Promise<Source | undefined> {
  let q = db.selectFrom('sources').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toSource(row);
}

/** Keyset pagination on the id. */
export async function findSources(
  db: Db,
  filter: ListSourcesInput & { department?: string | undefined },
): Promise<Source[]> {
  let q = db.selectFrom('sources').selectAll();
  if (filter.department) q = q.where('department', '=', filter.department);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.after) q = q.where('id', '>', filter.after);
  return (await q.orderBy('id').limit(filter.limit).execute()).map(toSource);
}

export async function findLinkedSources(db: Db): Promise<Source[]> {
  const rows = await db
    .selectFrom('sources')
    .selectAll()
    .where('kind', '=', 'linked')
    .orderBy('id')
    .execute();
  return rows.map(toSource);
}

export async function insertSource(db: Db, source: Source): Promise<void> {
  await db
    .insertInto('sources')
    .values({
      id: source.id,
      name_zh: source.nameZh,
      name_en: source.nameEn,
      department: source.department,
      kind: source.kind,
      url: source.url,
      deep_link_template: source.deepLinkTemplate,
      types: JSON.stringify(source.types),
      region: source.region,
      last_update_at: source.lastUpdateAt,
      created_at: source.createdAt,
      updated_at: source.updatedAt,
    })
    .execute();
}

export async function updateSourceRow(db: Db, source: Source): Promise<void> {
  await db
    .updateTable('sources')
    .set({
      name_zh: source.nameZh,
      name_en: source.nameEn,
      url: source.url,
      deep_link_template: source.deepLinkTemplate,
      types: JSON.stringify(source.types),
      region: source.region,
      last_update_at: source.lastUpdateAt,
      updated_at: source.updatedAt,
    })
    .where('id', '=', source.id)
    .execute();
}

/** Freshness (issue 5 §2): the source delivered its data at `at`. */
export async function touchSource(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('sources').set({ last_update_at: at }).where('id', '=', id).execute();
}

/** The source a certificate row belongs to, as SQL: its own, else its department's default hosted source. */
export function sourceIdOf(alias: string) {
  const a = sql.raw(alias);
  return sql<string>`coalesce(${a}.source_id, ${a}.department || '-hosted')`;
}

/**
 * Claims an idempotency key for this request: true when it is new. A concurrent request with the same key waits
 * on the unique key until the first commits, then finds its row.
 */
export async function claimIdempotencyKey(
  trx: Transaction<Database>,
  row: { sourceId: string; key: string; requestHash: string; at: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ source_id: row.sourceId, key: row.key, request_hash: row.requestHash, created_at: row.at })
    .onConflict((oc) => oc.columns(['source_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function getIdempotencyKey(db: Db, sourceId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response'])
    .where('source_id', '=', sourceId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function storeIdempotentResponse(
  trx: Transaction<Database>,
  sourceId: string,
  key: string,
  response: unknown,
): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(response) })
    .where('source_id', '=', sourceId)
    .where('key', '=', key)
    .execute();
}

/**
 * The linked sources, cached: every public query needs them, and they change only through the admin API, which
 * calls `invalidate()`. Another API process sees a change within `ttlMs`.
 */
export interface SourceDirectory {
  linked(): Promise<Source[]>;
  invalidate(): void;
}

export function createSourceDirectory(db: Kysely<Database>, ttlMs = 5_000): SourceDirectory {
  let cached: { at: number; sources: Promise<Source[]> } | undefined;
  return {
    linked() {
      const now = Date.now();
      if (!cached || now - cached.at > ttlMs) {
        const sources = findLinkedSources(db);
        cached = { at: now, sources };
        sources.catch(() => {
          cached = undefined;
        });
      }
      return cached.sources;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
