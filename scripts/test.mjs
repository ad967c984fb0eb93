// `npm test`: every test file on the configured database (PGlite unless DATABASE_URL is set), then the browser
// tests in Chromium. `node scripts/test.mjs <mode> [filter]` runs a part (a filter keeps files whose path has it):
//   node     every non-browser test file              (npm run test:node)
//   unit     the files that need no database           (npm run test:unit)
//   db       the files that open a database: PGlite, or PostgreSQL when DATABASE_URL is set (npm run test:db)
//   browser  the browser tests in Chromium             (npm run test:browser)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const modes = ['all', 'node', 'unit', 'db', 'browser'];
const mode = process.argv[2] ?? 'all';
if (!modes.includes(mode)) {
  process.stderr.write(`unknown mode ${mode}; use one of: ${modes.join(', ')}\n`);
  process.exit(2);
}
const filter = process.argv[3];

function findTests(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path.relative(root, full));
  }
  return out;
}

const all = [
  ...findTests(path.join(root, 'src')),
  ...findTests(path.join(root, 'web')),
  ...findTests(path.join(root, 'cli')),
]
  .filter((f) => !filter || f.includes(filter))
  .sort();
const browserTests = all.filter((f) => f.endsWith('.browser.test.ts'));
// A test file needs a database when it uses the test app or database helpers (src/testing/) or PGlite directly.
const needsDatabase = (file) =>
  /testing\/|pglite|createTestDatabase/i.test(fs.readFileSync(path.join(root, file), 'utf8'));
const nodeTests = all
  .filter((f) => !f.endsWith('.browser.test.ts'))
  .filter((f) => (mode === 'unit' ? !needsDatabase(f) : mode === 'db' ? needsDatabase(f) : true));

function run(args, env = {}) {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

// The spec reporter ends with a list of the failing tests and their errors, so the tail of a long CI log (often
// all a reader gets) names what failed instead of ending in the middle of a passing file's output.
const reporter = ['--test-reporter=spec', '--test-reporter-destination=stdout'];

let failed = false;
if (mode !== 'browser') {
  const engine = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite';
  process.stdout.write(
    mode === 'unit'
      ? `Running ${nodeTests.length} unit test files (no database)\n`
      : `Running ${nodeTests.length} test files on ${engine}\n`,
  );
  if (!process.env.DATABASE_URL && mode !== 'unit') {
    const status = run([
      '--import',
      'tsx',
      '-e',
      "import('./src/testing/database.ts').then((m) => m.ensurePgliteSnapshot())",
    ]);
    if (status !== 0) process.exit(status);
  }
  if (nodeTests.length === 0) {
    process.stderr.write('no test files found\n');
    process.exit(1);
  }
  failed ||= run(['--import', 'tsx', '--test', ...reporter, '--test-concurrency=2', ...nodeTests]) !== 0;
}

if (mode === 'all' || mode === 'browser') {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    const why = `browser tests SKIPPED: no Chromium at ${chromium} (install it with: apt-get install -y chromium fonts-wqy-zenhei)`;
    if (process.env.CI === 'true' || process.env.HUTONG_REQUIRE_BROWSER === '1') {
      process.stderr.write(`${why}; CI requires them\n`);
      process.exit(1);
    }
    process.stdout.write(`\n*** ${why} ***\n`);
  } else if (browserTests.length > 0) {
    if (run([path.join(root, 'scripts', 'ensure-web.mjs')]) !== 0) process.exit(1);
    process.stdout.write(`Running ${browserTests.length} browser test files in ${chromium}\n`);
    failed ||=
      run(['--import', 'tsx', '--test', ...reporter, '--test-concurrency=1', ...browserTests], {
        CHROMIUM_PATH: chromium,
      }) !== 0;
  }
}
process.exit(failed ? 1 : 0);
