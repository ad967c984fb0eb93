import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { CreateUserInput } from '../accounts/accounts.model.ts';
import { createUser } from '../accounts/accounts.service.ts';
import { countUsers } from '../accounts/accounts.store.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';

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
    username: 'sh-hrss',
    displayName: '上海市人社 管理员 Shanghai HRSS admin',
    role: 'province-admin',
    province: '310000',
  },
  { username: 'supervisor', displayName: '质量督导员 Supervisor', role: 'supervisor' },
];

/**
 * First start of the embedded demo: creates the demo accounts with fresh random passwords, prints nothing itself
 * and returns them once; they are also written to `<data dir>/demo-accounts.txt` (mode 600) for later reference.
 * Does nothing when any user exists.
 */
export async function seedDemo(db: Kysely<Database>, dataDir: string, clock: Clock): Promise<DemoAccount[]> {
  if ((await countUsers(db)) > 0) return [];
  const ctx = { actorId: null, actorLabel: 'demo-seed', requestId: null, at: clock.now() };
  const accounts: DemoAccount[] = [];
  for (const user of demoUsers) {
    const password = demoPassword();
    await createUser(db, ctx, { ...user, password });
    accounts.push({
      username: user.username,
      password,
      role: user.role,
      scope: [user.department, user.province].filter(Boolean).join(' ') || 'national',
    });
  }
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
