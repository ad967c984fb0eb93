// `npm start`: the web UI and the server compiled when stale (ensure-web.mjs, ensure-server.mjs), then the server
// in this process — from dist/server.mjs, or through tsx from the sources if it could not be compiled.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServer, serverBundle } from './ensure-server.mjs';

if (await ensureServer()) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(serverBundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.resolve(import.meta.dirname, '..', 'src', 'server.ts')).href);
}
