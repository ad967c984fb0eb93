import { loadConfig } from './config.ts';
import { startServer } from './runtime.ts';

/** `npm start`: configuration from the environment, migrations, demo data on first start, then serve. */
async function main(): Promise<void> {
  const config = loadConfig();
  const running = await startServer(config);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [`Hutong 互通 is running at ${url}  (API docs ${url}/docs)`];
  if (running.demoAccounts.length > 0) {
    lines.push('演示账号 Demo accounts (shown once; also in the data directory, demo-accounts.txt):');
    for (const a of running.demoAccounts)
      lines.push(`  ${a.username.padEnd(12)} ${a.password}  ${a.role} (${a.scope})`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Hutong failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
