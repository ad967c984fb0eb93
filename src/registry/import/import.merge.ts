import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { AuditContext } from '../../audit/audit.store.ts';
import type { Database } from '../../db/schema.ts';
import { sourceIdOf } from '../../sources/sources.store.ts';

/**
 * The set-based half of an import: rows validated and sealed in JavaScript are staged in a temporary table,
 * then merged into holders and certificates with their history in a few statements. All of it runs inside the
 * import's one transaction: a crash at any point leaves nothing (issue 3 §5).
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

export async function createStage(trx: Transaction<Database>): Promise<void> {
  await sql`create temp table import_stage (
    row integer not null, type text not null, department text not null, number text, number_index text not null,
    number_cipher text, number_masked text not null, id_type text not null, id_index text not null,
    id_cipher text not null, id_masked text not null, name text not null, valid_from date not null, valid_until date,
    reviewed_until date, status text not null, issuer_region text not null, issuer_org text not null, issuer_org_code text,
    occupation text, level text
  ) on commit drop`.execute(trx);
}

/** Later rows with the same (type, number) as an earlier row of the file. */
export async function findDuplicateRows(trx: Transaction<Database>): Promise<number[]> {
  const result = await sql<{ row: number }>`
    select row from (
      select row, row_number() over (partition by type, number_index order by row) as n from import_stage
    ) d where n > 1 order by row`.execute(trx);
  return result.rows.map((r) => r.row);
}

/** Rows that would bring a revoked certificate back: revocation is final (issue 3 §3). */
export async function findRevokedConflicts(trx: Transaction<Database>): Promise<number[]> {
  const result = await sql<{ row: number }>`
    select s.row from import_stage s
    join certificates c on c.type = s.type and c.number_index = s.number_index
    where c.status = 'revoked' and s.status <> 'revoked' order by s.row`.execute(trx);
  return result.rows.map((r) => r.row);
}

export async function dropStagedRows(trx: Transaction<Database>, rows: number[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await sql`delete from import_stage where row in (${sql.join(chunk)})`.execute(trx);
  }
}

/** `historySnapshot` in SQL over a row with the certificate's columns; the review dates only once known. */
function snapshot(alias: string, holder: RawBuilder<unknown>): RawBuilder<unknown> {
  const a = sql.raw(alias);
  return sql`jsonb_strip_nulls(jsonb_build_object('reviewedOn', ${a}.reviewed_on,
    'reviewedUntil', ${a}.reviewed_until)) || jsonb_build_object('number', ${a}.number_masked, 'holderId', ${holder},
    'validFrom', ${a}.valid_from, 'validUntil', ${a}.valid_until, 'status', ${a}.status,
    'issuerRegion', ${a}.issuer_region, 'issuerOrg', ${a}.issuer_org, 'issuerOrgCode', ${a}.issuer_org_code,
    'occupation', ${a}.occupation, 'level', ${a}.level)`;
}

/**
 * Freshness (issue 5 §2): the sources whose data this import delivered — each row's own source, else its
 * department's default hosted source — were last updated now, whether or not a row changed.
 */
export async function touchStagedSources(trx: Transaction<Database>, at: Date): Promise<void> {
  await sql`update sources set last_update_at = ${at} where id in (
    select distinct ${sourceIdOf('c')} from import_stage s
    join certificates c on c.type = s.type and c.number_index = s.number_index)`.execute(trx);
}

export interface MergeCounts {
  staged: number;
  created: number;
  updated: number;
  unchanged: number;
}

export async function mergeStage(
  trx: Transaction<Database>,
  ctx: AuditContext,
  importId: string,
): Promise<MergeCounts> {
  const staged = Number(
    (await sql<{ n: number }>`select count(*)::int as n from import_stage`.execute(trx)).rows[0]?.n ?? 0,
  );
  await sql`analyze import_stage`.execute(trx);
  // The same person from two departments (or two rows) is one holder: the first row's name is kept.
  await sql`
    insert into holders (id, id_type, id_index, id_cipher, id_masked, name, created_at, updated_at)
    select distinct on (id_index) gen_random_uuid(), id_type, id_index, id_cipher, id_masked, name, ${ctx.at}, ${ctx.at}
    from import_stage order by id_index, row
    on conflict (id_index) do nothing`.execute(trx);

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
      from import_stage s
      join holders h on h.id_index = s.id_index
      join certificates c on c.type = s.type and c.number_index = s.number_index
      where (c.holder_id, c.valid_from, c.valid_until, c.status, c.issuer_region, c.issuer_org, c.issuer_org_code,
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

  // A created certificate needs no history row of its own: `import_id` and `created_at` record its origin, the
  // import's audit row records who ran it, and its first state is its current one or the first update's `before`
  // (see `creationEntry`). One history row per created certificate would double the cost of a bulk load.
  const created = await sql`
    insert into certificates (id, type, department, number, number_index, number_cipher, number_masked, holder_id,
      valid_from, valid_until, status, issuer_region, issuer_org, issuer_org_code, occupation, level, import_id,
      created_at, updated_at, version, reviewed_until)
    select gen_random_uuid(), s.type, s.department, s.number, s.number_index, s.number_cipher, s.number_masked,
      h.id, s.valid_from, s.valid_until, s.status, s.issuer_region, s.issuer_org, s.issuer_org_code, s.occupation,
      s.level, ${importId}::uuid, ${ctx.at}, ${ctx.at}, 1, s.reviewed_until
    from import_stage s join holders h on h.id_index = s.id_index
    where not exists (select 1 from certificates c where c.type = s.type and c.number_index = s.number_index)`.execute(
    trx,
  );

  const nUpdated = Number(updated.numAffectedRows ?? 0n);
  const nCreated = Number(created.numAffectedRows ?? 0n);
  return { staged, created: nCreated, updated: nUpdated, unchanged: staged - nCreated - nUpdated };
}
