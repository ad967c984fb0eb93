import { loadConfig } from './config.ts';
import { createPglite, pgliteDir } from './db/pglite.open.ts';

/**
 * The server's entry: configuration from the environment, then the rest of the server (serve.ts). On the embedded
 * store PGlite starts first: its WebAssembly compiles on V8's background threads (~0.5 s, the main thread idle)
 * while the main thread loads the server's modules (~1 s), instead of one after the other (issue 16 §6: start-up
 * of an existing data dir). serve.ts is loaded with `import()` so that esbuild splits it, and the packages it
 * loads, from this entry (scripts/ensure-server.mjs).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // Several processes (forks, roles) need DATABASE_URL (config.ts): the embedded store is this process alone.
  const embedded = config.databaseUrl ? undefined : createPglite(pgliteDir(config.dataDir));
  // Awaited by startServer; a failure reported there, not as an unhandled rejection while modules load.
  embedded?.catch(() => undefined);
  const { serve } = await import('./serve.ts');
  await serve(config, embedded);
}

main().catch((error: unknown) => {
  process.stderr.write(`Hutong failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
