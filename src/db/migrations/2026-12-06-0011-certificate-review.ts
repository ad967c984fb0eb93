import { type Kysely, sql } from 'kysely';

/**
 * 复审 in 合法有效 (issue 13 item 5): a certificate of a type with a review rule (令30 第二十一条: MEM special
 * operations every 3 years; TSG Z6001-2019 第二十五条: SAMR at 4 years) carries the date of its last review and the
 * date it is reviewed until. Null = not known, which is not the same as overdue. The history needs nothing new: a
 * review is a `certificate_history` row with action `review` whose snapshots carry both dates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('certificates')
    .addColumn('reviewed_on', 'date')
    .addColumn('reviewed_until', 'date')
    .execute();
  await db.schema
    .alterTable('certificates')
    .addCheckConstraint(
      'certificates_review_check',
      sql`reviewed_on is null or reviewed_until is null or reviewed_until >= reviewed_on`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('certificates').dropConstraint('certificates_review_check').execute();
  await db.schema.alterTable('certificates').dropColumn('reviewed_until').dropColumn('reviewed_on').execute();
}
