// `npm start` runs the server compiled ahead of time (issue 16 §6: transpiling every source with tsx at each start
// cost ~0.7 s and more on a busy machine): dist/server/ is bundled with esbuild (tsx's own, so nothing extra is
// installed) when it is missing or older than anything under src/, package.json or this script (catalog/ and
// policies/ are read at run time, not bundled). Most packages stay external (node_modules; INLINED below). Split at
// server.ts's `import()`: the entry chunk starts the embedded database before the rest of the server, and its
// packages, load. If the build fails, `npm start` falls back to tsx (scripts/start.mjs).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bundleDir = path.join(root, 'dist', 'server');
export const serverBundle = path.join(bundleDir, 'server.mjs');

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/**
 * Packages the bundle inlines: pure JavaScript ones of many files (kysely alone is ~200 modules), whose loading
 * from node_modules one file at a time was a third of start-up's module loading (serve chunk 0.71–0.99 s → 0.51 s).
 * zod goes with the type provider, so both see one zod. The rest stay in node_modules: they find their own files at
 * run time (PGlite's WebAssembly, swagger-ui's assets, pino's transports) or load optional parts with `require`.
 */
const INLINED = new Set(['kysely', 'zod', 'jose', 'fastify-type-provider-zod']);

function externalPackages() {
  const { dependencies } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return Object.keys(dependencies)
    .filter((name) => !INLINED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

/** Builds dist/server/ when stale; true when it is up to date afterwards. */
export async function ensureServer() {
  const sources = Math.max(
    newestMtime(path.join(root, 'src')),
    fs.statSync(path.join(root, 'package.json')).mtimeMs,
    fs.statSync(import.meta.filename).mtimeMs,
  );
  if (fs.existsSync(serverBundle) && fs.statSync(serverBundle).mtimeMs >= sources) return true;
  try {
    const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild');
    const temporary = `${bundleDir}.${process.pid}.tmp`;
    fs.rmSync(temporary, { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'server.ts')],
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: externalPackages(),
      outdir: temporary,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      // An inlined package's `require` of a Node built-in (esbuild's ESM output has no `require` of its own).
      banner: {
        js: "import { createRequire as __hutongRequire } from 'node:module'; const require = __hutongRequire(import.meta.url);",
      },
      sourcemap: 'linked',
      logLevel: 'error',
    });
    // The whole directory at once: a process starting meanwhile sees the old build or the new one, not a mix.
    const previous = `${bundleDir}.${process.pid}.old`;
    if (fs.existsSync(bundleDir)) fs.renameSync(bundleDir, previous);
    fs.renameSync(temporary, bundleDir);
    fs.rmSync(previous, { recursive: true, force: true });
    return true;
  } catch (error) {
    process.stderr.write(
      `Could not compile the server (${error instanceof Error ? error.message : error}); running it with tsx\n`,
    );
    return false;
  }
}

// `npm run build:server`
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exit((await ensureServer()) ? 0 : 1);
}
