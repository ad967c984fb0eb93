/**
 * `node --import tsx bench/faq-search.ts [--rows N]`: how the FAQ search (issue 14 §4) was chosen. N generated
 * Chinese FAQ entries (default 20,000, fixed seed), queried three ways on PGlite and, with DATABASE_URL, on
 * PostgreSQL: the bigram tokens in a `text[]` column with a GIN index (what Hutong uses), pg_trgm's GIN index with
 * LIKE '%q%', and LIKE without an index. Prints mean milliseconds per query and the rows found, so the methods can
 * be compared for the same answers (LIKE finds a contiguous phrase; the bigram index finds entries holding every
 * bigram, a superset).
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { documentTokens, queryTokens } from '../src/tickets/faq.search.ts';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg >= 0 ? Number(process.argv[rowsArg + 1]) : 20_000;
const QUERIES = ['焊工', '复审', '证书复审', '低压电工作业', '一试多证', '培训'];
const REPEAT = 20;

const words = [
  '低压电工作业',
  '高压电工作业',
  '建筑电工',
  '建筑焊工',
  '熔化焊接与热切割作业',
  '特种设备焊接操作人员',
  '职业技能等级证书',
  '安全技术培训',
  '复审',
  '延期',
  '有效期',
  '考试',
  '理论考试',
  '实际操作',
  '补考',
  '报名',
  '评价机构',
  '一试多证',
  '对应目录',
  '视同',
  '中级工',
  '高级工',
  '技师',
  '证书遗失',
  '补办',
  '跨省',
  '互认',
  '豁免',
  '申请材料',
  '办理时限',
  '收费标准',
  '查询',
];
let seed = 20_261_207;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = () => words[Math.floor(random() * words.length)] as string;
// Filler from 3,000 CJK characters, so each term appears in roughly one entry in ten, as in a real FAQ.
const filler = (n: number) =>
  Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 3000))).join('');
const entry = () => `${pick()}${filler(15)}，${pick()}？${filler(30)}${pick()}${filler(30)}。`;

interface Run {
  exec(sql: string, params?: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

async function bench(name: string, run: Run, withTrgm: boolean) {
  await run.exec('drop table if exists faq_bench');
  await run.exec('create table faq_bench (id int primary key, body text not null, tokens text[] not null)');
  for (let start = 0; start < ROWS; start += 1000) {
    const values: string[] = [];
    const params: unknown[] = [];
    for (let i = start; i < Math.min(ROWS, start + 1000); i++) {
      const body = entry();
      params.push(i, body, documentTokens(body));
      values.push(`($${params.length - 2}, $${params.length - 1}, $${params.length})`);
    }
    await run.exec(`insert into faq_bench values ${values.join(',')}`, params);
  }
  await run.exec('create index faq_bench_tokens on faq_bench using gin (tokens)');
  if (withTrgm) {
    await run.exec('create extension if not exists pg_trgm');
    await run.exec('create index faq_bench_trgm on faq_bench using gin (body gin_trgm_ops)');
  }
  await run.exec('analyze faq_bench');
  const time = async (sql: string, params: unknown[]) => {
    const rows = (await run.exec(sql, params)) as Array<{ n: number }>;
    const started = performance.now();
    for (let i = 0; i < REPEAT; i++) await run.exec(sql, params);
    return { ms: (performance.now() - started) / REPEAT, found: Number(rows[0]?.n ?? 0) };
  };
  for (const q of QUERIES) {
    const bigram = await time('select count(*)::int as n from faq_bench where tokens @> $1::text[]', [
      queryTokens(q),
    ]);
    const like = await time(`select count(*)::int as n from faq_bench where body like '%' || $1 || '%'`, [q]);
    const line = [`${name}`, `q=${q}`, `bigram-gin ${bigram.ms.toFixed(2)} ms (${bigram.found})`];
    if (withTrgm) {
      const trgm = await time(`select count(*)::int as n from faq_bench where body like '%' || $1 || '%'`, [
        q,
      ]);
      line.push(`trgm-gin-like ${trgm.ms.toFixed(2)} ms (${trgm.found})`);
      await run.exec('drop index faq_bench_trgm');
      const seq = await time(`select count(*)::int as n from faq_bench where body like '%' || $1 || '%'`, [
        q,
      ]);
      line.push(`like-no-index ${seq.ms.toFixed(2)} ms (${seq.found})`);
      await run.exec('create index faq_bench_trgm on faq_bench using gin (body gin_trgm_ops)');
    } else line.push(`like ${like.ms.toFixed(2)} ms (${like.found})`);
    process.stdout.write(`${line.join(' | ')}\n`);
  }
  await run.exec('drop table faq_bench');
  await run.close();
}

const lite = await PGlite.create({ extensions: { pg_trgm } });
await bench(
  `pglite ${ROWS}`,
  { exec: async (s, p) => (await lite.query(s, p)).rows, close: () => lite.close() },
  true,
);
if (process.env.DATABASE_URL) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await bench(
    `postgres ${ROWS}`,
    { exec: async (s, p) => (await client.query(s, p)).rows, close: () => client.end() },
    true,
  );
}
