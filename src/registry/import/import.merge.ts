import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { AuditContext } from '../../audit/audit.store.ts';
import type { Database } from '../../db/schema.ts';
import { sourceIdOf } from '../../sources/sources.store.ts';

/**
 * The set-based half of an import: rows validated and sealed in JavaScript are staged in `import_staged_rows` a
 * chunk at a time, each chunk in its own short transaction (issue 17 §7): new holders and certificates are written
 * there and then, invisible behind the `certificates` view until the job's flip; changes to existing certificates
 * wait for the flip, which applies them with their history in one statement. A job that fails or dies leaves
 * rows that `sweepImportRows` removes, so the import stays all-or-nothing (issue 3 §5).
 */
export const stageColumns = [
  'row',
  'type',
  'department',
  'number',
  'number_index',
  'number_cipher',
  'number_masked',
  'id_type',
  'id_index',
  'id_cipher',
  'id_masked',
  'name',
  'valid_from',
  'valid_until',
  'reviewed_until',
  'status',
  'issuer_region',
  'issuer_org',
  'issuer_org_code',
  'occupation',
  'level',
] as const;
export type StagedRow = Record<(typeof stageColumns)[number], string | number | null>;

/** `historySnapshot` in SQL over a row with the certificate's columns; the review dates only once known. */
function snapshot(alias: string, holder: RawBuilder<unknown>): RawBuilder<unknown> {
  const a = sql.raw(alias);
  return sql`jsonb_strip_nulls(jsonb_build_object('reviewedOn', ${a}.reviewed_on,
    'reviewedUntil', ${a}.reviewed_until)) || jsonb_build_object('number', ${a}.number_masked, 'holderId', ${holder},
    'validFrom', ${a}.valid_from, 'validUntil', ${a}.valid_until, 'status', ${a}.status,
    'issuerRegion', ${a}.issuer_region, 'issuerOrg', ${a}.issuer_org, 'issuerOrgCode', ${a}.issuer_org_code,
    'occupation', ${a}.occupation, 'level', ${a}.level)`;
}

export interface ChunkOutcome {
  duplicates: number[];
  revoked: number[];
  created: number;
  /** Rows for certificates that exist: staged for the flip. */
  existing: number;
  /** Sources whose data the chunk delivered (issue 5 §2: freshness). */
  sources: string[];
}

/** The chunk's rows, COPied by the caller into this table of the chunk's transaction. */
export async function createChunkTable(trx: Transaction<Database>): Promise<void> {
  await sql`create temp table import_chunk (
    row integer not null, type text not null, department text not null, number text, number_index text not null,
    number_cipher text, number_masked text not null, id_type text not null, id_index text not null,
    id_cipher text not null, id_masked text not null, name text not null, valid_from date not null, valid_until date,
    reviewed_until date, status text not null, issuer_region text not null, issuer_org text not null,
    issuer_org_code text, occupation text, level text, existing boolean not null default false
  ) on commit drop`.execute(trx);
}

const sameKey = (a: string, b: string) =>
  sql.raw(`${a}.type = ${b}.type and ${a}.number_index = ${b}.number_index`);

/**
 * One chunk, COPied into `import_chunk`: drops rows repeating an earlier row of the file (in this chunk, written
 * by an earlier one, or staged) and rows that would bring a revoked certificate back (revocation is final, issue 3
 * §3); stages the rows of certificates that exist for the flip; and — unless `write` is false because the job is
 * bound to fail, when every row is staged only to find later duplicates — writes the new holders and certificates
 * as the open job's rows, invisible until its flip.
 */
export async function mergeChunk(
  trx: Transaction<Database>,
  importId: string,
  at: Date,
  write: boolean,
): Promise<ChunkOutcome> {
  const id = sql`${importId}::uuid`;
  const duplicates = (
    await sql<{ row: number }>`
      select row from (
        select row, row_number() over (partition by type, number_index order by row) as n from import_chunk
      ) d where n > 1
      union
      select s.row from import_chunk s where exists (
          select 1 from certificate_rows c where ${sameKey('c', 's')} and c.written_by_import = ${id})
        or exists (select 1 from import_staged_rows e where e.import_id = ${id} and ${sameKey('e', 's')})
      order by row`.execute(trx)
  ).rows.map((r) => r.row);
  const revoked = (
    await sql<{ row: number }>`select s.row from import_chunk s join certificates c on ${sameKey('c', 's')}
      where c.status = 'revoked' and s.status <> 'revoked' order by s.row`.execute(trx)
  ).rows.map((r) => r.row);
  const dropped = [...duplicates, ...revoked];
  for (let i = 0; i < dropped.length; i += 5000) {
    await sql`delete from import_chunk where row in (${sql.join(dropped.slice(i, i + 5000))})`.execute(trx);
  }
  // Another open job's row counts as existing: the flip then finds it invisible and says so.
  await sql`update import_chunk s set existing = true
    where exists (select 1 from certificate_rows c where ${sameKey('c', 's')})`.execute(trx);
  const staged = await sql`insert into import_staged_rows select ${id}, ${sql.join(
    stageColumns.map((c) => sql.ref(`s.${c}`)),
  )} from import_chunk s where ${write ? sql`s.existing` : sql`true`}`.execute(trx);
  const sources = (
    await sql<{ source: string }>`
      select distinct s.department || '-hosted' as source from import_chunk s where not s.existing
      union
      select distinct ${sourceIdOf('c')} from import_chunk s join certificates c on ${sameKey('c', 's')}
      where s.existing`.execute(trx)
  ).rows.map((r) => r.source);
  const existing = Number(staged.numAffectedRows ?? 0n);
  if (!write) return { duplicates, revoked, created: 0, existing, sources };

  // The same person from two departments (or two rows) is one holder: the first row's name is kept.
  await sql`
    insert into holders (id, id_type, id_index, id_cipher, id_masked, name, created_at, updated_at,
      written_by_import)
    select distinct on (s.id_index) gen_random_uuid(), s.id_type, s.id_index, s.id_cipher, s.id_masked, s.name,
      ${at}, ${at}, ${id}
    from import_chunk s order by s.id_index, s.row
    on conflict (id_index) do nothing`.execute(trx);
  // A created certificate needs no history row of its own: `import_id` and `created_at` record its origin, the
  // import's audit row records who ran it, and its first state is its current one or the first update's `before`
  // (see `creationEntry`). One history row per created certificate would double the cost of a bulk load.
  const created = await sql`
    insert into certificate_rows (id, type, department, number, number_index, number_cipher, number_masked,
      holder_id, valid_from, valid_until, status, issuer_region, issuer_org, issuer_org_code, occupation, level,
      import_id, created_at, updated_at, version, reviewed_until, written_by_import)
    select gen_random_uuid(), s.type, s.department, s.number, s.number_index, s.number_cipher, s.number_masked,
      h.id, s.valid_from, s.valid_until, s.status, s.issuer_region, s.issuer_org, s.issuer_org_code, s.occupation,
      s.level, ${id}, ${at}, ${at}, 1, s.reviewed_until, ${id}
    from import_chunk s join holders h on h.id_index = s.id_index
    where not s.existing`.execute(trx);
  return { duplicates, revoked, created: Number(created.numAffectedRows ?? 0n), existing, sources };
}

/** Rows staged as changes to a certificate that is not visible now: another job holds it, pending or swept. */
export async function findHeldRows(trx: Transaction<Database>, importId: string): Promise<number[]> {
  const result = await sql<{ row: number }>`select s.row from import_staged_rows s
    where s.import_id = ${importId}::uuid and not exists (
      select 1 from certificates c where c.type = s.type and c.number_index = s.number_index)
    order by s.row`.execute(trx);
  return result.rows.map((r) => r.row);
}

/**
 * The flip's half of the merge: the job's changes to existing certificates, with their history, in one statement.
 * Returns how many certificates changed.
 */
export async function applyUpdates(
  trx: Transaction<Database>,
  ctx: AuditContext,
  importId: string,
): Promise<number> {
  // 复审 (issue 13 item 5): an empty reviewed_until keeps the stored one (a file never erases a recorded review);
  // a new one clears reviewed_on, which the file does not carry and which belonged to the old date.
  const updated = await sql`
    with next as (
      select c.id, c.number_masked, h.id as holder_id, s.valid_from, s.valid_until, s.status, s.issuer_region,
        s.issuer_org, s.issuer_org_code, s.occupation, s.level,
        coalesce(s.reviewed_until, c.reviewed_until) as reviewed_until,
        case when s.reviewed_until is null or s.reviewed_until = c.reviewed_until then c.reviewed_on end
          as reviewed_on,
        ${snapshot('c', sql`c.holder_id`)} as before
      from import_staged_rows s
      join holders h on h.id_index = s.id_index
      join certificates c on c.type = s.type and c.number_index = s.number_index
      where s.import_id = ${importId}::uuid
        and (c.holder_id, c.valid_from, c.valid_until, c.status, c.issuer_region, c.issuer_org, c.issuer_org_code,
             c.occupation, c.level, c.reviewed_until)
        is distinct from (h.id, s.valid_from, s.valid_until, s.status, s.issuer_region, s.issuer_org,
             s.issuer_org_code, s.occupation, s.level, coalesce(s.reviewed_until, c.reviewed_until))
    ), changed as (
      select n.*, ${snapshot('n', sql`n.holder_id`)} as after from next n
    ), history as (
      insert into certificate_history (certificate_id, at, actor_id, actor_label, action, reason, before, after,
        request_id, import_id)
      select id, ${ctx.at}, ${ctx.actorId}, ${ctx.actorLabel}, 'import.update', null, before, after, ${ctx.requestId},
        ${importId}::uuid
      from changed
    )
    update certificates c set holder_id = ch.holder_id, valid_from = ch.valid_from, valid_until = ch.valid_until,
      status = ch.status, issuer_region = ch.issuer_region, issuer_org = ch.issuer_org,
      issuer_org_code = ch.issuer_org_code, occupation = ch.occupation, level = ch.level,
      reviewed_on = ch.reviewed_on, reviewed_until = ch.reviewed_until,
      import_id = ${importId}::uuid, updated_at = ${ctx.at}, version = c.version + 1
    from changed ch where c.id = ch.id`.execute(trx);
  return Number(updated.numAffectedRows ?? 0n);
}

/** Freshness (issue 5 §2): the sources whose data this import delivered were last updated now. */
export async function touchSources(
  trx: Transaction<Database>,
  sources: Iterable<string>,
  at: Date,
): Promise<void> {
  const ids = [...new Set(sources)];
  if (ids.length > 0)
    await sql`update sources set last_update_at = ${at} where id in (${sql.join(ids)})`.execute(trx);
}

const STEP = 5000;

/** Repeats `statement` (which touches at most STEP rows) in short transactions until it touches none. */
async function inSteps(db: Kysely<Database>, statement: () => RawBuilder<unknown>): Promise<void> {
  for (;;) {
    const result = await statement().execute(db);
    if (Number(result.numAffectedRows ?? 0n) === 0) return;
  }
}

/** A job becomes open before its first write: its rows are invisible until it closes (`closeImport`). */
export async function openImport(db: Kysely<Database>, importId: string): Promise<void> {
  await sql`insert into import_open (id) values (${importId}::uuid) on conflict do nothing`.execute(db);
}

/** The flip, in the caller's transaction: the job's rows become visible. */
export async function closeImport(trx: Transaction<Database>, importId: string): Promise<void> {
  await sql`delete from import_open where id = ${importId}::uuid`.execute(trx);
}

/**
 * A job that failed or died: its certificates, the holders it created that nothing else refers to, and its staged
 * rows are removed, in short steps, and then it is closed. Nothing of it was ever visible.
 */
export async function sweepImportRows(db: Kysely<Database>, importId: string): Promise<void> {
  const id = sql`${importId}::uuid`;
  const open = await sql`select 1 from import_open where id = ${id}`.execute(db);
  if (open.rows.length > 0) {
    await inSteps(
      db,
      () => sql`delete from certificate_rows where id in (
      select id from certificate_rows where written_by_import = ${id} limit ${STEP})`,
    );
    // A holder another writer found meanwhile (a certificate, a registration, a request…) stays, as an ordinary one.
    await sql`update holders h set written_by_import = null where h.written_by_import = ${id} and (
      exists (select 1 from certificate_rows c where c.holder_id = h.id)
      or exists (select 1 from exam_registrations r where r.holder_id = h.id)
      or exists (select 1 from qualification_requests q where q.holder_id = h.id)
      or exists (select 1 from users u where u.holder_id = h.id)
      or exists (select 1 from recognition_decisions d where d.holder_id = h.id))`.execute(db);
    await inSteps(
      db,
      () => sql`delete from holders where id in (
      select id from holders where written_by_import = ${id} limit ${STEP})`,
    );
  }
  await dropStaged(db, importId);
  await sql`delete from import_open where id = ${id}`.execute(db);
}

/** After the flip: what was staged for it goes. */
export async function dropStaged(db: Kysely<Database>, importId: string): Promise<void> {
  await inSteps(
    db,
    () => sql`delete from import_staged_rows where ctid in (
    select ctid from import_staged_rows where import_id = ${importId}::uuid limit ${STEP})`,
  );
}

/** Jobs still open or with staged rows: a job that died, or a flip whose clean-up was cut short. */
export async function jobsWithRows(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ id: string }>`
    select id from import_open union select distinct import_id from import_staged_rows`.execute(db);
  return result.rows.map((r) => r.id);
}
