import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { createUserSchema } from '../src/accounts/accounts.model.ts';
import { createToken, createUser } from '../src/accounts/accounts.service.ts';
import { getUserByUsername } from '../src/accounts/accounts.store.ts';
import { secretHashingOf } from '../src/accounts/secrets.ts';
import { verifyAuditLog } from '../src/audit/audit.service.ts';
import { loadCatalog } from '../src/catalog/catalog.load.ts';
import { loadConfig, projectRoot } from '../src/config.ts';
import { rotateSigningKey, rotateSm2SigningKey } from '../src/credentials/keys.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { seedDemo } from '../src/demo/demo.seed.ts';
import { migrateCryptoProfile } from '../src/protection/profile-migration.service.ts';
import { loadMasterKey, openKeyring, rotateDataKey } from '../src/protection/protection.service.ts';
import { loadPolicyPacks } from '../src/recognition/recognition.load.ts';
import { findHolderId } from '../src/registry/registry.service.ts';
import { openConfiguredDatabase } from '../src/runtime.ts';
import { systemClock } from '../src/shared/clock.ts';
import { AppError } from '../src/shared/errors.ts';
import { describeResult, verifyFromCommandLine } from './verify.command.ts';

const cliContext = () => ({
  actorId: null,
  actorLabel: `cli:${process.env.USER ?? 'unknown'}`,
  requestId: null,
  at: systemClock.now(),
});

async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openConfiguredDatabase(loadConfig());
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

const program = new Command()
  .name('hutong')
  .description('互通 Hutong — mutual recognition of vocational certificates')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the server (same as npm start, without building the web UI)')
  .action(async () => {
    await import('../src/server.ts');
  });

const db = program.command('db').description('database maintenance');
db.command('migrate')
  .description('apply pending migrations (also done at start-up)')
  .action(async () => {
    await withDatabase(async (handle) => {
      process.stdout.write(`database (${handle.engine}) is at the latest migration\n`);
    });
  });

const users = program.command('users').description('user accounts');
users
  .command('create')
  .description('create a user; the password is read from HUTONG_PASSWORD or --password')
  .requiredOption('--username <name>')
  .requiredOption(
    '--role <role>',
    'system-admin | department-admin | province-admin | institution-operator | supervisor | holder',
  )
  .option('--display-name <name>')
  .option('--password <password>', 'prefer the HUTONG_PASSWORD variable: arguments show up in process lists')
  .option('--department <id>', 'mohrss | mohurd | mem | samr')
  .option('--province <code>', 'GB/T 2260 province code, e.g. 310000')
  .option('--institution <id>')
  .option(
    '--holder-id-number <n>',
    'for role holder: the ID number of the person in the registry (HUTONG_HOLDER_ID_NUMBER)',
  )
  .action(async (opts) => {
    const input = createUserSchema.parse({
      username: opts.username,
      displayName: opts.displayName ?? opts.username,
      password: opts.password ?? process.env.HUTONG_PASSWORD,
      role: opts.role,
      ...(opts.department && { department: opts.department }),
      ...(opts.province && { province: opts.province }),
      ...(opts.institution && { institution: opts.institution }),
      ...((opts.holderIdNumber ?? process.env.HUTONG_HOLDER_ID_NUMBER) && {
        holderIdNumber: opts.holderIdNumber ?? process.env.HUTONG_HOLDER_ID_NUMBER,
      }),
    });
    const config = loadConfig();
    await withDatabase(async ({ db, bulk }) => {
      const keyring = await openKeyring(db, loadMasterKey(config.dataKey, config.dataDir), 0, {
        profile: config.cryptoProfile,
      });
      const deps = { db, bulk, keyring, catalog: loadCatalog(config.catalogDir), clock: systemClock };
      const user = await createUser(db, cliContext(), input, secretHashingOf(keyring.protector()), (t, n) =>
        findHolderId(deps, t, n),
      );
      keyring.close();
      process.stdout.write(`created ${user.username} (${user.role}) id ${user.id}\n`);
    });
  });

const tokens = program.command('tokens').description('API tokens for systems');
tokens
  .command('create')
  .description('create an API token for a user; the token is printed once')
  .requiredOption('--username <name>')
  .requiredOption('--label <label>')
  .option('--expires-in-days <days>', 'expiry', positiveInt)
  .action(async (opts) => {
    const config = loadConfig();
    await withDatabase(async ({ db }) => {
      const user = await getUserByUsername(db, opts.username);
      if (!user) throw new AppError('not_found', `no user ${opts.username}`);
      const keyring = await openKeyring(db, loadMasterKey(config.dataKey, config.dataDir), 0, {
        profile: config.cryptoProfile,
      });
      const secrets = secretHashingOf(keyring.protector());
      keyring.close();
      const token = await createToken(
        db,
        cliContext(),
        user.id,
        {
          label: opts.label,
          expiresInDays: opts.expiresInDays,
        },
        secrets,
      );
      process.stdout.write(`${token.token}\n`);
      process.stderr.write(`token ${token.id} for ${user.username}: store it now, it is not shown again\n`);
    });
  });

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description('check the hash chain; exits 1 and names the first bad row')
  .action(async () => {
    await withDatabase(async ({ db }) => {
      const result = await verifyAuditLog(db);
      if (result.ok) {
        process.stdout.write(`audit log OK: ${result.checked} rows, head ${result.headHash ?? '(empty)'}\n`);
        return;
      }
      const p = result.problem;
      process.stdout.write(
        `audit log BROKEN at position ${p?.position} (id ${p?.id}): ${p?.kind} — ${p?.message}\n` +
          `${result.checked} rows before it are intact\n`,
      );
      process.exitCode = 1;
    });
  });

program
  .command('import')
  .description(
    'import a department file (CSV or XLSX) in one transaction: all or nothing unless --accept-valid',
  )
  .argument('<file>', 'the CSV or XLSX file')
  .option('--accept-valid', 'write the valid rows and report the others')
  .option('--as <username>', 'import with this user’s role and scope (default: an operator with full scope)')
  .option('--errors <file>', 'write the full error report to this CSV file')
  .action(async (file: string, opts: { acceptValid?: boolean; as?: string; errors?: string }) => {
    const { importFile } = await import('./import.command.ts');
    process.exitCode = await importFile(file, opts);
  });

program
  .command('demo')
  .description('demo data')
  .command('seed')
  .description('seed demo accounts and ~1,000 holders’ certificates into an empty store (PostgreSQL too)')
  .option('--holders <n>', 'number of demo holders', positiveInt)
  .action(async (opts: { holders?: number }) => {
    const config = loadConfig();
    await withDatabase(async ({ db, bulk }) => {
      const keyring = await openKeyring(db, loadMasterKey(config.dataKey, config.dataDir), 0, {
        profile: config.cryptoProfile,
      });
      const accounts = await seedDemo(
        { db, keyring, catalog: loadCatalog(config.catalogDir), clock: systemClock, bulk },
        config.dataDir,
        opts.holders === undefined ? {} : { holders: opts.holders },
      );
      keyring.close();
      if (accounts.length === 0) {
        process.stdout.write('the store already has users: nothing seeded\n');
        return;
      }
      process.stdout.write('演示账号 Demo accounts (shown once):\n');
      for (const a of accounts)
        process.stdout.write(`  ${a.username.padEnd(12)} ${a.password}  ${a.role} (${a.scope})\n`);
    });
  });

program
  .command('backup')
  .description(
    'back up the store to FILE (PGlite: its data directory, server stopped; PostgreSQL: pg_dump -Fc, online); keys stay out unless --include-keys',
  )
  .argument('<file>', 'the backup file to write')
  .option(
    '--include-keys [which]',
    'also seal master and/or signing key into the file (master,signing; default both) with a passphrase from HUTONG_BACKUP_PASSPHRASE or --passphrase-file',
  )
  .option('--passphrase-file <file>', 'read the passphrase from the first line of this file')
  .option('--pg-bin <dir>', 'directory of pg_dump (default: PATH, then /usr/lib/postgresql/<newest>/bin)')
  .option(
    '--assume-stopped',
    'PGlite: back up although postmaster.pid is present (no server runs; one was killed)',
  )
  .action(async (file: string, opts) => {
    const { backupCommand } = await import('./backup.command.ts');
    process.exitCode = await backupCommand(file, opts);
  });

program
  .command('restore')
  .description(
    'restore FILE into the configured store (an empty PGlite data directory or PostgreSQL database), then check counts, audit chain and keys',
  )
  .argument('<file>', 'a file written by hutong backup')
  .option(
    '--force',
    'restore into a non-empty target (PGlite: the old directory is moved aside; PostgreSQL: --clean)',
  )
  .option(
    '--passphrase-file <file>',
    'passphrase for keys sealed in the backup (else HUTONG_BACKUP_PASSPHRASE)',
  )
  .option('--pg-bin <dir>', 'directory of pg_restore')
  .action(async (file: string, opts) => {
    const { restoreCommand } = await import('./backup.command.ts');
    process.exitCode = await restoreCommand(file, opts);
  });

const keys = program.command('keys').description('keys that protect personal data');
keys
  .command('rotate')
  .description(
    'add a data key, re-encrypt every sealed ID number under it, retire the old keys (no downtime)',
  )
  .option('--grace-seconds <s>', 'wait this long for running servers to load the new key first', '35')
  .action(async (opts: { graceSeconds: string }) => {
    const graceMs = Number(opts.graceSeconds) * 1000;
    if (!Number.isFinite(graceMs) || graceMs < 0)
      throw new InvalidArgumentError('--grace-seconds must be ≥ 0');
    const config = loadConfig();
    await withDatabase(async ({ db }) => {
      const result = await rotateDataKey(db, loadMasterKey(config.dataKey, config.dataDir), cliContext(), {
        graceMs,
        onProgress: (p) => process.stderr.write(`${p.table}: ${p.reencrypted} re-encrypted\n`),
      });
      process.stdout.write(
        `data key ${result.newKeyId} is current; ${result.reencrypted} values re-encrypted\n`,
      );
    });
  });

keys
  .command('migrate')
  .description(
    '国密 (issue 18): re-seal every sealed value under a data key of another crypto profile, then switch to it; resumable, no downtime',
  )
  .requiredOption('--profile <profile>', 'the target profile: gm or international')
  .option('--grace-seconds <s>', 'wait this long for running servers to load the new key first', '35')
  .action(async (opts: { profile: string; graceSeconds: string }) => {
    if (opts.profile !== 'gm' && opts.profile !== 'international')
      throw new InvalidArgumentError('--profile must be gm or international');
    const target = opts.profile;
    const graceMs = Number(opts.graceSeconds) * 1000;
    if (!Number.isFinite(graceMs) || graceMs < 0)
      throw new InvalidArgumentError('--grace-seconds must be ≥ 0');
    const config = loadConfig();
    await withDatabase(async ({ db }) => {
      const master = loadMasterKey(config.dataKey, config.dataDir);
      // Records the installed profile if nothing has yet (a store never opened by a server).
      (await openKeyring(db, master, 0)).close();
      const result = await migrateCryptoProfile(db, master, target, cliContext(), {
        graceMs,
        onProgress: (p) =>
          process.stderr.write(
            'column' in p
              ? `${p.column}: ${p.resealed} re-sealed\n`
              : `${p.index}: ${p.rebuilt}/${p.total} blind indexes rebuilt\n`,
          ),
      });
      process.stdout.write(
        result.switched
          ? `crypto profile is now ${target} (data key ${result.keyId}); ${result.resealed} values re-sealed; set HUTONG_CRYPTO_PROFILE=${target} and restart servers to sign with SM2\n`
          : `the crypto profile is already ${target}\n`,
      );
    });
  });

program
  .command('verify')
  .description(
    'verify a credential (a compact vc+jwt) from a file or stdin; exit 0 when it verifies, 1 when not',
  )
  .argument('[file]', 'the credential file, or - for stdin', '-')
  .option('--json', 'print the answer of POST /api/v1/credentials/verify')
  .option('--offline', 'use only cached keys and status lists; checks that need the network are skipped')
  .option('--cache <dir>', 'where keys and status lists are cached (default: <data dir>/verify-cache)')
  .option(
    '--trust <file>',
    'a verification method document (JsonWebKey) to trust for this run (repeatable)',
    (file: string, all: string[]) => [...all, file],
    [] as string[],
  )
  .action(
    async (file: string, opts: { json?: boolean; offline?: boolean; cache?: string; trust?: string[] }) => {
      const text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
      // A file may hold the bare JWS, the JSON of GET /certificates/{id}/credential, or (issue 18) its
      // `?serialization=json` form / a bare JWS JSON serialization, whose SM2 signature is checked too.
      const credential = text.trim().startsWith('{')
        ? (JSON.parse(text) as { credential?: unknown }).credential
        : undefined;
      const compact = typeof credential === 'string' ? credential : text.trim();
      const result = await verifyFromCommandLine(compact, {
        offline: opts.offline ?? false,
        cacheDir: opts.cache ?? path.join(loadConfig().dataDir, 'verify-cache'),
        trust: opts.trust ?? [],
      });
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : describeResult(result));
      process.exitCode = result.verified ? 0 : 1;
    },
  );

keys
  .command('rotate-signing')
  .description(
    'make a new credential signing key in the data directory; old public keys stay published (restart servers)',
  )
  .action(async () => {
    const config = loadConfig();
    if (config.signingKey)
      throw new InvalidArgumentError(
        'HUTONG_SIGNING_KEY is set: rotate by setting a new value; the old public key stays published',
      );
    await withDatabase(async ({ db }) => {
      const key = await rotateSigningKey(db, config.dataDir, systemClock.now());
      process.stdout.write(
        `signing key ${key.thumbprint} is current; restart running servers to sign with it\n`,
      );
    });
  });

keys
  .command('rotate-sm2')
  .description(
    '国密 (issue 18): make a new SM2 credential signing key in the data directory; old SM2 public keys stay published (restart servers)',
  )
  .action(async () => {
    const config = loadConfig();
    if (config.sm2SigningKey)
      throw new InvalidArgumentError(
        'HUTONG_SM2_SIGNING_KEY is set: rotate by setting a new value; the old public key stays published',
      );
    await withDatabase(async ({ db }) => {
      const key = await rotateSm2SigningKey(db, config.dataDir, systemClock.now());
      process.stdout.write(
        `SM2 signing key ${key.thumbprint} is current; restart running servers to sign with it\n`,
      );
    });
  });

const catalog = program.command('catalog').description('reference data');
catalog
  .command('check')
  .description('validate every catalog file')
  .option('--dir <dir>', 'catalog directory (default: the bundled catalog/)')
  .action(async (opts) => {
    const dir = z.string().optional().parse(opts.dir) ?? loadConfig().catalogDir;
    const loaded = loadCatalog(dir);
    const packs = loadPolicyPacks(path.join(projectRoot, 'policies'), loaded);
    process.stdout.write(
      `policies OK: national ${packs.national.version}, ${packs.provinces.size} provincial packs\n`,
    );
    process.stdout.write(
      `catalog OK (${dir}): ${loaded.departments.length} departments, ${loaded.certificateTypes.length} certificate types, ` +
        `${loaded.occupations.length} occupations, ${loaded.regions.length} regions\n`,
    );
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof z.ZodError) {
    for (const issue of error.issues)
      process.stderr.write(`error: ${issue.path.join('.') || 'input'}: ${issue.message}\n`);
  } else if (error instanceof AppError) {
    process.stderr.write(`error (${error.code}): ${error.message}\n`);
    for (const d of error.details ?? []) process.stderr.write(`  ${d.path}: ${d.message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 1;
});
