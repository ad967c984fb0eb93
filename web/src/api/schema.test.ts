import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

// The generated client follows the server's routes: scripts/gen-api.mjs builds the test app (src/testing/app.ts),
// reads its OpenAPI document and compares it and the generated schema.d.ts with the checked-in files.
test('the checked-in API client matches the OpenAPI document the server publishes', () => {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'gen-api.mjs'), '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  assert.match(result.stdout, /up to date/);
});
