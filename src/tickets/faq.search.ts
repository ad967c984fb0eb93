import { type Kysely, sql } from 'kysely';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import type { Named } from './tickets.model.ts';
import { namedRegion } from './tickets.views.ts';

/**
 * FAQ search (issue 14 §4) that works for short Chinese queries on PGlite and PostgreSQL alike: each entry keeps the
 * CJK unigrams and bigrams of its text (and its Latin/digit words) in a `text[]` column with a GIN index. A query's
 * CJK runs become their bigrams (a single character stays a unigram), so 焊工 is one token and 焊工证书复审 is four.
 * `all` finds entries holding every token (search); `any` finds entries sharing any token and ranks them by how many
 * (the form's "matching FAQ entries" while a worker types). pg_trgm was measured and not chosen: under the C/C.UTF-8
 * ctype both engines use, it treats a CJK run as one word, so a two-character query has no trigram to look up
 * (similarity 0, LIKE falls back to a scan) — see docs/ARCHITECTURE.md.
 */
const cjk = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const word = /[a-z0-9]+/g;

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Every token an entry is found by. */
export function documentTokens(text: string): string[] {
  const t = normalise(text);
  const tokens = new Set<string>();
  for (const run of t.match(cjk) ?? []) {
    const chars = [...run];
    chars.forEach((c, i) => {
      tokens.add(c);
      const next = chars[i + 1];
      if (next) tokens.add(c + next);
    });
  }
  for (const w of t.match(word) ?? []) tokens.add(w);
  return [...tokens].sort();
}

/** The tokens a query looks for: bigrams of each CJK run (a lone character as itself), and words. */
export function queryTokens(query: string): string[] {
  const t = normalise(query);
  const tokens = new Set<string>();
  for (const run of t.match(cjk) ?? []) {
    const chars = [...run];
    if (chars.length === 1) tokens.add(chars[0] as string);
    for (let i = 0; i + 1 < chars.length; i++) tokens.add((chars[i] as string) + (chars[i + 1] as string));
  }
  for (const w of t.match(word) ?? []) tokens.add(w);
  return [...tokens].slice(0, 64);
}

export interface FaqQuery {
  q?: string | undefined;
  type?: string | undefined;
  region?: string | undefined;
  match: 'all' | 'any';
  /** The page size. */
  limit: number;
  /** 1-based. */
  page?: number | undefined;
}

export interface FaqItem {
  id: string;
  question: string;
  answer: string;
  type: Named | null;
  region: Named | null;
  publishedAt: string;
  /** Matching tokens (question tokens count twice); 0 without a query. */
  score: number;
}

/** One page of the entries matching, best first, with how many match in all (for the pager). */
export async function searchFaq(
  db: Kysely<Database>,
  catalog: Catalog,
  query: FaqQuery,
): Promise<{ items: FaqItem[]; total: number }> {
  const tokens = query.q ? queryTokens(query.q) : [];
  let q = db.selectFrom('faq_entries');
  if (tokens.length > 0) {
    const array = sql`${tokens}::text[]`;
    q = q.where(query.match === 'all' ? sql<boolean>`tokens @> ${array}` : sql<boolean>`tokens && ${array}`);
  } else if (query.q) {
    return { items: [], total: 0 };
  }
  if (query.type) q = q.where('certificate_type', '=', query.type);
  if (query.region)
    q = q.where((eb) => eb.or([eb('region', '=', query.region as string), eb('region', 'is', null)]));
  const score =
    tokens.length > 0
      ? sql<number>`(select count(*) from unnest(question_tokens) x where x = any(${sql`${tokens}::text[]`}))::int * 2
          + (select count(*) from unnest(tokens) x where x = any(${sql`${tokens}::text[]`}))::int`
      : sql<number>`0`;
  const counted = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .select(score.as('score'))
    .orderBy('score', 'desc')
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(query.limit)
    .offset(((query.page ?? 1) - 1) * query.limit)
    .execute();
  const items = rows.map((r) => {
    const type = r.certificate_type ? catalog.certificateTypesById.get(r.certificate_type) : undefined;
    return {
      id: r.id,
      question: r.question,
      answer: r.answer,
      type: r.certificate_type
        ? {
            code: r.certificate_type,
            zh: type?.nameZh ?? r.certificate_type,
            en: type?.nameEn ?? r.certificate_type,
          }
        : null,
      region: r.region ? namedRegion(catalog, r.region) : null,
      publishedAt: r.published_at.toISOString(),
      score: Number(r.score),
    };
  });
  return { items, total: Number(counted.n) };
}
