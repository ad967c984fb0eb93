/**
 * The second anchor of the public query bench (issue 16 §6: "≥ 0.8× a minimal Fastify route doing that same
 * lookup"): Fastify with one JSON route and nothing else (no auth hook, no helmet, no rate limit, no logging, no
 * schema), running the public query's own compiled SQL on a `pg` pool of the server's size. The body carries the
 * blind index already computed (one HMAC, ~3 µs, is the only work of Hutong's route it leaves out).
 *
 *   node --import tsx bench/query-minimal.ts <database-url> <sql>
 */
import Fastify from 'fastify';
import pg from 'pg';
import { POOL } from './query-seed.ts';

const [url, statement] = process.argv.slice(2);
if (!url || !statement) throw new Error('usage: query-minimal.ts URL SQL');
const pool = new pg.Pool({ connectionString: url, max: POOL });
const app = Fastify({ logger: false });
app.post<{ Body: { index: string } }>('/lookup', async (request) => {
  const { rows } = await pool.query(statement, [request.body.index]);
  return { found: rows.length > 0, certificates: rows };
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address !== 'object') throw new Error('no address');
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.destroy();
await app.close();
await pool.end();
process.stdout.write(`${JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
