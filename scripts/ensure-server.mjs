// `npm start` runs the server compiled ahead of time (issue 16 §6: transpiling every source with tsx at each start
// cost ~0.7 s and more on a busy machine): dist/server.mjs is bundled with esbuild (tsx's own, so nothing extra
// is installed) when it is missing or older than anything under src/ or package.json (catalog/ and policies/ are
// read at run time, not bundled). Packages stay external (node_modules). If the build fails, `npm start` falls back
// to tsx (scripts/start.mjs).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const serverBundle = path.join(root, 'dist', 'server.mjs');

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Builds dist/server.mjs when stale; true when it is up to date afterwards. */
export async function ensureServer() {
  const sources = Math.max(
    newestMtime(path.join(root, 'src')),
    fs.statSync(path.join(root, 'package.json')).mtimeMs,
  );
  if (fs.existsSync(serverBundle) && fs.statSync(serverBundle).mtimeMs >= sources) return true;
  try {
    const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild');
    const temporary = `${serverBundle}.${process.pid}.tmp`;
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'server.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: temporary,
      sourcemap: 'linked',
      logLevel: 'error',
    });
    fs.renameSync(`${temporary}.map`, `${serverBundle}.map`);
    // The map keeps the temporary name in the bundle's last line: point it at the final one.
    const code = fs
      .readFileSync(temporary, 'utf8')
      .replace(/sourceMappingURL=.*$/m, 'sourceMappingURL=server.mjs.map');
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, serverBundle);
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
