/**
 * `npm run bench [-- foundation|recognition|simulation|import|credentials|supervision|embedded|crypto|scale] [--rows N] [--holders N] [--json]`: figures with ratios against anchors measured in the
 * same run (these machines are noisy, so only ratios are compared with targets).
 *
 *   foundation  number checks, audited writes, HTTP lookups, start-up time
 *   recognition evaluations/s for holders with 1, 3 and 10 certificates vs json-rules-engine and a bare lookup
 *   simulation  a provincial draft simulated over an N-holder registry (default 1,000,000, --holders N) on PostgreSQL
 *   credentials credential verification vs raw Ed25519; QR sizes; the public query over HTTP vs bare SQL on
 *               PostgreSQL (min(--holders, 100,000) people)
 *   supervision every warning rule over a generated plan of min(--holders, 10,000) candidates vs a bare scoring pass
 *   embedded    the embedded default as a new user runs it: `src/server.ts` on a fresh PGlite data dir, --rows N
 *               (default 30,000) certificates imported, public query / evaluate / health at 30 clients, RSS, start-up
 *   crypto      seal/open, blind index, chain link, sign/verify under the international and gm (国密) profiles
 *   scale       national scale (issue 16 §7, not in the default run): --rows N certificates (default 10,000,000)
 *               on PostgreSQL; public query percentiles, statistics latency, simulation, audited-write ceiling
 *   import      N generated rows (default 1,000,000, fixed seed): Hutong's import vs a raw COPY of the same rows,
 *               on PostgreSQL (DATABASE_URL, or a throw-away server when run as root) and on PGlite; peak RSS
 */
import os from 'node:os';
import { benchCredentials } from './credentials.ts';
import { benchCrypto } from './crypto.ts';
import { benchEmbedded } from './embedded.ts';
import { type Figure, printFigures } from './figures.ts';
import { benchFoundation } from './foundation.ts';
import { benchImport } from './import.ts';
import { benchRecognition } from './recognition.ts';
import { benchScale } from './scale.ts';
import { benchSimulation } from './simulation.ts';
import { benchSupervision } from './supervision.ts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.find((a) =>
    [
      'foundation',
      'recognition',
      'simulation',
      'import',
      'credentials',
      'supervision',
      'embedded',
      'crypto',
      'scale',
    ].includes(a),
  );
  const holdersArg = args.indexOf('--holders');
  const holders = holdersArg >= 0 ? Number(args[holdersArg + 1]) : 1_000_000;
  if (!Number.isInteger(holders) || holders <= 0) throw new Error('--holders must be a positive integer');
  const rowsArg = args.indexOf('--rows');
  const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
  if (!Number.isInteger(rows) || rows <= 0) throw new Error('--rows must be a positive integer');
  const figures: Figure[] = [];
  const started = new Date().toISOString();
  if (!only || only === 'foundation') await benchFoundation(figures);
  if (!only || only === 'recognition') await benchRecognition(figures);
  if (!only || only === 'simulation') await benchSimulation(holders, figures);
  if (!only || only === 'import') await benchImport(rows, figures);
  if (!only || only === 'credentials') await benchCredentials(figures, Math.min(holders, 100_000));
  if (!only || only === 'supervision') await benchSupervision(figures, Math.min(holders, 10_000));
  if (!only || only === 'embedded') await benchEmbedded(figures, rowsArg >= 0 ? rows : 30_000);
  if (!only || only === 'crypto') await benchCrypto(figures);
  // Minutes of building at 10 M rows: only when asked for.
  if (only === 'scale') await benchScale(figures, rowsArg >= 0 ? rows : 10_000_000);
  process.stdout.write(`Hutong bench, ${started}, node ${process.version}, ${os.cpus().length} cores\n`);
  printFigures(figures);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
