import type { Kysely } from 'kysely';

/**
 * The institution register (issue 6 §1). The province assigns each 评价机构(站点) its 6-digit sequence code
 * (reference.md §5.2, positions 8–13), so a (province, site code) pair names one institution whatever its category
 * or national code; the index is the guard of last resort behind the service's 409. The directory pages by
 * (name, id) and filters sites by region.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('institutions_site_code_idx')
    .on('institutions')
    .columns(['province', 'site_code'])
    .unique()
    .execute();
  await db.schema.createIndex('institutions_name_idx').on('institutions').columns(['name', 'id']).execute();
  await db.schema
    .createIndex('institution_sites_region_idx')
    .on('institution_sites')
    .column('region')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('institution_sites_region_idx').execute();
  await db.schema.dropIndex('institutions_name_idx').execute();
  await db.schema.dropIndex('institutions_site_code_idx').execute();
}
