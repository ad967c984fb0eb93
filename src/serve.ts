import cluster from 'node:cluster';
import type { PGlite } from '@electric-sql/pglite';
import { runApiProcesses } from './cluster.ts';
import type { Config } from './config.ts';
import { startServer } from './runtime.ts';

/**
 * `npm start` after the entry (server.ts): migrations, demo data on first start, then serve. With
 * `HUTONG_API_PROCESSES` above 1 this process forks the HTTP processes and each of them comes back here.
 */
export async function serve(config: Config, embedded?: Promise<PGlite>): Promise<void> {
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const banner = (how?: string) =>
    `Hutong 互通 is running at ${url}  (API docs ${url}/docs${how ? `; ${how}` : ''})`;
  if (config.apiProcesses > 1 && cluster.isPrimary) {
    await runApiProcesses(config, (how) => process.stdout.write(`${banner(how)}\n`));
    return;
  }
  const running = await startServer(config, embedded);
  const lines =
    config.role === 'worker'
      ? [
          'Hutong 互通 worker is running (background work only: jobs — simulations, statistics refresh — the 一试多证 outbox, notifications, warning rules)',
        ]
      : cluster.isWorker
        ? []
        : [banner(config.role === 'api' ? 'api role, background work in worker processes' : undefined)];
  if (running.demoAccounts.length > 0) {
    lines.push('演示账号 Demo accounts (shown once; also in the data directory, demo-accounts.txt):');
    for (const a of running.demoAccounts)
      lines.push(`  ${a.username.padEnd(12)} ${a.password}  ${a.role} (${a.scope})`);
  }
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
