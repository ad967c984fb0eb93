import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CreateUserInput, Principal } from '../accounts/accounts.model.ts';
import { createUser } from '../accounts/accounts.service.ts';
import { countUsers } from '../accounts/accounts.store.ts';
import { secretHashingOf } from '../accounts/secrets.ts';
import { setDesignation } from '../catalog/designations.service.ts';
import { runImport } from '../registry/import/import.engine.ts';
import { ErrorSink } from '../registry/import/import.errors.ts';
import { arraySource } from '../registry/import/import.parse.ts';
import { createImportJob } from '../registry/import/import.service.ts';
import { addDays } from '../registry/registry.rules.ts';
import { findHolderId, type RegistryDeps } from '../registry/registry.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { createSource } from '../sources/sources.service.ts';
import { createSourceDirectory } from '../sources/sources.store.ts';
import { generateDemoCertificates } from './demo.data.ts';
import { seedDemoExams } from './demo.exams.ts';
import { demoLinkedSources } from './demo.sources.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  scope: string;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
function demoPassword(): string {
  return Array.from({ length: 14 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

type DemoUser = Omit<CreateUserInput, 'password'>;
const demoUsers: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员 System admin', role: 'system-admin' },
  {
    username: 'mem-admin',
    displayName: '应急管理部 管理员 MEM admin',
    role: 'department-admin',
    department: 'mem',
  },
  {
    username: 'mohurd-sh',
    displayName: '上海市住建 管理员 MOHURD Shanghai admin',
    role: 'department-admin',
    department: 'mohurd',
    province: '310000',
  },
  {
    username: 'samr-admin',
    displayName: '市场监管总局 管理员 SAMR admin',
    role: 'department-admin',
    department: 'samr',
  },
  {
    username: 'sh-hrss',
    displayName: '上海市人社 管理员 Shanghai HRSS admin',
    role: 'province-admin',
    province: '310000',
  },
  { username: 'supervisor', displayName: '质量督导员 Supervisor', role: 'supervisor' },
];

const seeder: Principal = {
  via: 'session',
  userId: null,
  username: 'demo-seed',
  role: 'system-admin',
  department: null,
  province: null,
  institution: null,
  holderId: null,
};

/**
 * A holder account (持证人) bound to a demo person who holds electrician certificates of two departments — the
 * case the recognition calculator's "use my certificates" shows best.
 */
async function seedHolderAccount(
  deps: RegistryDeps,
  ctx: Parameters<typeof createUser>[1],
): Promise<DemoAccount> {
  const person = await deps.db
    .selectFrom('certificates as c')
    .innerJoin('holders as h', 'h.id', 'c.holder_id')
    .select(['h.id', 'h.id_type', 'h.id_cipher'])
    .where('c.type', 'in', ['mem.lv-electrician', 'mohurd.electrician'])
    // Both in force today: the worker of issue 6's walk-through registers for 电工四级 on the 低压电工作业 one.
    .where('c.status', '=', 'valid')
    // In force for a month already: the demo's 第五期 registered them ten days ago (demo.exams-today.ts).
    .where('c.valid_from', '<=', addDays(todayInChina(deps.clock), -30))
    .where('c.valid_until', '>=', todayInChina(deps.clock))
    // …and no 电工 skill-level certificate yet, so 电工四级 is the next step for them.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('certificates as s')
            .select('s.id')
            .whereRef('s.holder_id', '=', 'h.id')
            .where('s.type', '=', 'mohrss.skill-level')
            .where('s.occupation', '=', '6-31-01-03'),
        ),
      ),
    )
    // …nor a 高压电工作业 certificate, which the notice deems 四级 already (nat.level.electrician-4).
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('certificates as v')
            .select('v.id')
            .whereRef('v.holder_id', '=', 'h.id')
            .where('v.type', '=', 'mem.hv-electrician'),
        ),
      ),
    )
    .groupBy(['h.id', 'h.id_type', 'h.id_cipher'])
    .having((eb) => eb.fn.count('c.type').distinct(), '=', 2)
    .orderBy('h.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const password = demoPassword();
  await createUser(
    deps.db,
    ctx,
    {
      username: 'holder-demo',
      displayName: '持证人演示 Demo holder',
      password,
      role: 'holder',
      holderIdType: person.id_type as 'resident',
      holderIdNumber: deps.keyring.protector().decrypt(person.id_cipher),
    },
    secretHashingOf(deps.keyring.protector()),
    (idType, idNumber) => findHolderId(deps, idType, idNumber),
  );
  return { username: 'holder-demo', password, role: 'holder', scope: 'own certificates' };
}

/**
 * The embedded demo (issue 3 §6), on an empty store only: demo accounts with fresh random passwords (returned once
 * to be printed, and written to `<data dir>/demo-accounts.txt`, mode 600), and ~1,000 holders' certificates of all
 * four departments from the deterministic generator, loaded through the import engine like any department file,
 * and two linked sources (departments' own query sites) for types the demo holds no data of.
 */
export async function seedDemo(
  deps: RegistryDeps,
  dataDir: string,
  options: { holders?: number } = {},
): Promise<DemoAccount[]> {
  if ((await countUsers(deps.db)) > 0) return [];
  const ctx = { actorId: null, actorLabel: 'demo-seed', requestId: null, at: deps.clock.now() };
  const accounts: DemoAccount[] = [];
  for (const user of demoUsers) {
    const password = demoPassword();
    await createUser(deps.db, ctx, { ...user, password }, secretHashingOf(deps.keyring.protector()));
    accounts.push({
      username: user.username,
      password,
      role: user.role,
      scope: [user.department, user.province].filter(Boolean).join(' ') || 'national',
    });
  }
  // Demo designations go into the same table admins keep, marked as demo wherever shown (issue 13 §4).
  for (const d of deps.catalog.provinceDesignations) {
    await setDesignation(deps.db, ctx, deps.catalog, {
      type: d.type,
      region: d.region,
      status: 'issued',
      basis: `演示数据 Demo: ${d.basis}`,
      designatedOn: todayInChina(deps.clock),
      isDemo: true,
    });
  }
  const rows = generateDemoCertificates({
    today: todayInChina(deps.clock),
    ...(options.holders !== undefined && { holders: options.holders }),
    welderRegions: deps.catalog.provinceDesignations
      .filter((d) => d.type === 'mohurd.welder')
      .map((d) => d.region),
  });
  const importId = await createImportJob(deps, seeder, {
    filePath: '',
    filename: 'demo-seed',
    acceptValid: false,
    format: 'csv',
    sha256: 'generated',
  });
  const outcome = await runImport(deps, {
    importId,
    acceptValid: false,
    principal: seeder,
    ctx,
    source: arraySource(rows),
    errors: new ErrorSink(),
  });
  if (outcome.status !== 'succeeded') throw new Error(`the demo data did not load: ${outcome.message}`);
  const sources = {
    ...deps,
    directory: createSourceDirectory(deps.db),
    secrets: () => secretHashingOf(deps.keyring.protector()),
  };
  for (const source of demoLinkedSources) await createSource(sources, ctx, seeder, source);
  accounts.push(await seedHolderAccount(deps, ctx));
  accounts.push(...(await seedDemoExams(deps, ctx, seeder, demoPassword)));
  fs.mkdirSync(dataDir, { recursive: true });
  const lines = accounts.map((a) => `${a.username}\t${a.password}\t${a.role}\t${a.scope}`);
  fs.writeFileSync(
    path.join(dataDir, 'demo-accounts.txt'),
    `# username\tpassword\trole\tscope\n${lines.join('\n')}\n`,
    {
      mode: 0o600,
    },
  );
  return accounts;
}
