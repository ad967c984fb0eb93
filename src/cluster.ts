import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.ts';
import { openConfiguredDatabase } from './runtime.ts';

/**
 * `HUTONG_API_PROCESSES=N` in the api role (issue 16 §4): Node's own cluster forks N HTTP processes that share the
 * port. What must hold across them already lives in PostgreSQL (rate-limit windows, spent challenges, leases:
 * src/limits/), so the processes share nothing else. This primary migrates the database once before forking, so N
 * processes do not queue on the migration lock, restarts a process that dies, and stops them all on SIGTERM.
 */
export async function runApiProcesses(config: Config, announce: (line: string) => void): Promise<void> {
  await (await openConfiguredDatabase(config)).close();
  let stopping = false;
  let listening = 0;
  const served = new WeakSet<Worker>();
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      served.add(worker);
      listening += 1;
      if (listening === config.apiProcesses) announce(`${config.apiProcesses} API processes`);
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // One that died before it ever listened (a taken port, a bad configuration) would only die again: stop here,
    // with its own error above this line, rather than restart it every second.
    if (!served.has(worker)) {
      process.stderr.write(
        `Hutong API process ${worker.process.pid} exited (${signal ?? code}) before serving\n`,
      );
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exit(1);
    }
    process.stderr.write(
      `Hutong API process ${worker.process.pid} exited (${signal ?? code}); starting another in 1 s\n`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000).unref();
  });
  for (let i = 0; i < config.apiProcesses; i++) fork();
  const stop = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
