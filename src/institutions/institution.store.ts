import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database, InstitutionsTable } from '../db/schema.ts';
import type { FilingLevel, Institution, InstitutionKind, Site } from './institution.model.ts';
import type { EffectiveFilingStatus, FilingStatus, ScopeEntry } from './institution.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;
type InstitutionRow = Selectable<InstitutionsTable>;

function toInstitution(row: InstitutionRow, sites: Site[], scopes: ScopeEntry[]): Institution {
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    kind: row.kind as InstitutionKind,
    filingLevel: row.filing_level as FilingLevel,
    nationalCode: row.national_code,
    province: row.province,
    siteCode: row.site_code,
    code: row.code,
    status: row.status as FilingStatus,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    sites,
    scopes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The rows with their sites (in filing order) and scopes (by occupation, then level from 5 down). */
async function withParts(db: Db, rows: InstitutionRow[]): Promise<Institution[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [sites, scopes] = await Promise.all([
    db
      .selectFrom('institution_sites')
      .select(['id', 'institution_id', 'name', 'address', 'region'])
      .where('institution_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('institution_scopes')
      .select(['institution_id', 'occupation', 'level'])
      .where('institution_id', 'in', ids)
      .orderBy('occupation')
      .orderBy('level', 'desc')
      .execute(),
  ]);
  return rows.map((row) =>
    toInstitution(
      row,
      sites
        .filter((s) => s.institution_id === row.id)
        .map((s) => ({ id: s.id, name: s.name, address: s.address, region: s.region })),
      scopes
        .filter((s) => s.institution_id === row.id)
        .map((s) => ({ occupation: s.occupation, level: s.level })),
    ),
  );
}

export async function getInstitution(
  db: Db,
  id: string,
  forUpdate = false,
): Promise<Institution | undefined> {
  let q = db.selectFrom('institutions').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && (await withParts(db, [row]))[0];
}

/** Which of the filing's unique facts another institution already has. */
export async function findDuplicates(db: Db, i: Pick<Institution, 'creditCode' | 'province' | 'siteCode'>) {
  const rows = await db
    .selectFrom('institutions')
    .select(['credit_code', 'province', 'site_code'])
    .where((eb) =>
      eb.or([
        eb('credit_code', '=', i.creditCode),
        eb.and([eb('province', '=', i.province), eb('site_code', '=', i.siteCode)]),
      ]),
    )
    .execute();
  return {
    creditCode: rows.some((r) => r.credit_code === i.creditCode),
    site: rows.some((r) => r.province === i.province && r.site_code === i.siteCode),
  };
}

export async function insertInstitution(trx: Transaction<Database>, i: Institution): Promise<void> {
  await trx
    .insertInto('institutions')
    .values({
      id: i.id,
      credit_code: i.creditCode,
      name: i.name,
      kind: i.kind,
      filing_level: i.filingLevel,
      national_code: i.nationalCode,
      province: i.province,
      site_code: i.siteCode,
      code: i.code,
      status: i.status,
      valid_from: i.validFrom,
      valid_until: i.validUntil,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      version: i.version,
    })
    .execute();
  await insertSites(trx, i.id, i.sites, i.createdAt);
  await replaceScopes(trx, i.id, i.scopes);
}

/** The fields that change after filing: name, status, end of validity; with the next version. */
export async function updateInstitutionRow(trx: Transaction<Database>, i: Institution): Promise<void> {
  await trx
    .updateTable('institutions')
    .set({
      name: i.name,
      status: i.status,
      valid_until: i.validUntil,
      updated_at: i.updatedAt,
      version: i.version,
    })
    .where('id', '=', i.id)
    .execute();
}

export async function insertSites(
  trx: Transaction<Database>,
  institutionId: string,
  sites: Site[],
  at: Date,
) {
  if (sites.length === 0) return;
  await trx
    .insertInto('institution_sites')
    .values(sites.map((s) => ({ ...s, institution_id: institutionId, created_at: at })))
    .execute();
}

export async function updateSites(trx: Transaction<Database>, sites: Site[]): Promise<void> {
  for (const s of sites) {
    await trx
      .updateTable('institution_sites')
      .set({ name: s.name, address: s.address, region: s.region })
      .where('id', '=', s.id)
      .execute();
  }
}

export async function deleteSites(trx: Transaction<Database>, ids: string[]): Promise<void> {
  if (ids.length > 0) await trx.deleteFrom('institution_sites').where('id', 'in', ids).execute();
}

/** Sites an exam sitting takes place at: removing them would orphan the sitting. */
export async function sitesInUse(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('exam_sittings')
    .select('site_id')
    .distinct()
    .where('site_id', 'in', ids)
    .execute();
  return rows.map((r) => r.site_id);
}

export async function replaceScopes(trx: Transaction<Database>, institutionId: string, scopes: ScopeEntry[]) {
  await trx.deleteFrom('institution_scopes').where('institution_id', '=', institutionId).execute();
  if (scopes.length === 0) return;
  await trx
    .insertInto('institution_scopes')
    .values(scopes.map((s) => ({ institution_id: institutionId, ...s })))
    .execute();
}

export interface InstitutionSearch {
  occupation?: string | undefined;
  level?: string | undefined;
  region?: string | undefined;
  name?: string | undefined;
  status: EffectiveFilingStatus | 'all';
  /** Limits the list to one province (a province admin's or provincial supervisor's scope). */
  province?: string | undefined;
  today: string;
  /** Keyset: the (name, id) of the previous page's last item. */
  after?: readonly [string, string] | undefined;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The directory's query: filters, the effective status on `today`, keyset pages ordered by (name, id). */
export async function searchInstitutions(db: Db, f: InstitutionSearch): Promise<Institution[]> {
  let q = db.selectFrom('institutions as i').selectAll('i');
  if (f.occupation || f.level) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('institution_scopes as s')
          .select('s.level')
          .whereRef('s.institution_id', '=', 'i.id')
          .$if(f.occupation !== undefined, (sq) => sq.where('s.occupation', '=', f.occupation ?? ''))
          .$if(f.level !== undefined, (sq) => sq.where('s.level', '=', f.level ?? '')),
      ),
    );
  }
  const region = f.region;
  if (region?.endsWith('0000')) q = q.where('i.province', '=', region);
  else if (region) {
    // A city code (xxxx00) covers its districts; a district code matches exactly.
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('institution_sites as st')
          .select('st.id')
          .whereRef('st.institution_id', '=', 'i.id')
          .$call((sq) =>
            region.endsWith('00')
              ? sq.where('st.region', 'like', `${region.slice(0, 4)}%`)
              : sq.where('st.region', '=', region),
          ),
      ),
    );
  }
  if (f.name) q = q.where('i.name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.province) q = q.where('i.province', '=', f.province);
  // The SQL twin of filingStatusOn: a stored status first, then the dates of an active filing.
  switch (f.status) {
    case 'all':
      break;
    case 'suspended':
    case 'revoked':
      q = q.where('i.status', '=', f.status);
      break;
    case 'active':
      q = q
        .where('i.status', '=', 'active')
        .where('i.valid_from', '<=', f.today)
        .where('i.valid_until', '>=', f.today);
      break;
    case 'expired':
      q = q.where('i.status', '=', 'active').where('i.valid_until', '<', f.today);
      break;
    case 'not-yet-valid':
      q = q.where('i.status', '=', 'active').where('i.valid_from', '>', f.today);
      break;
  }
  const after = f.after;
  if (after)
    q = q.where((eb) =>
      eb(eb.refTuple('i.name', 'i.id'), '>', eb.tuple(after[0], sql<string>`${after[1]}::uuid`)),
    );
  const rows = await q.orderBy('i.name').orderBy('i.id').limit(f.limit).execute();
  return withParts(db, rows);
}
