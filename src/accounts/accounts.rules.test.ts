import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal, Role, ScopeTarget } from './accounts.model.ts';
import { checkRoleScope, coversScope } from './accounts.rules.ts';

function principal(role: Role, scope: Partial<Principal> = {}): Principal {
  return {
    via: 'session',
    userId: 'u',
    username: 'u',
    role,
    department: null,
    province: null,
    institution: null,
    holderId: null,
    ...scope,
  };
}

describe('coversScope', () => {
  const sh = { province: '310000' };
  const gd = { province: '440000' };
  const cases: Array<[string, Principal, ScopeTarget, boolean]> = [
    ['system admin covers anything', principal('system-admin'), { department: 'mem', ...gd }, true],
    ['province admin: own province', principal('province-admin', { province: '310000' }), sh, true],
    ['province admin: other province', principal('province-admin', { province: '310000' }), gd, false],
    [
      'province admin: resource without province',
      principal('province-admin', { province: '310000' }),
      {},
      false,
    ],
    [
      'department admin: own department',
      principal('department-admin', { department: 'mem' }),
      { department: 'mem', ...gd },
      true,
    ],
    [
      'department admin: other department',
      principal('department-admin', { department: 'mem' }),
      { department: 'samr' },
      false,
    ],
    [
      'provincial department admin: own province',
      principal('department-admin', { department: 'mohurd', province: '310000' }),
      { department: 'mohurd', ...sh },
      true,
    ],
    [
      'provincial department admin: other province',
      principal('department-admin', { department: 'mohurd', province: '310000' }),
      { department: 'mohurd', ...gd },
      false,
    ],
    ['national supervisor: any province', principal('supervisor'), gd, true],
    ['provincial supervisor: other province', principal('supervisor', { province: '310000' }), gd, false],
    [
      'institution operator: own',
      principal('institution-operator', { institution: 'i1' }),
      { institution: 'i1' },
      true,
    ],
    [
      'institution operator: other',
      principal('institution-operator', { institution: 'i1' }),
      { institution: 'i2' },
      false,
    ],
    ['holder: own records', principal('holder', { holderId: 'h1' }), { holderId: 'h1' }, true],
    ['holder: someone else', principal('holder', { holderId: 'h1' }), { holderId: 'h2' }, false],
  ];
  for (const [name, p, target, expected] of cases) {
    it(name, () => assert.equal(coversScope(p, target), expected));
  }
});

describe('checkRoleScope', () => {
  it('department admin needs a department', () => {
    assert.deepEqual(
      checkRoleScope({ role: 'department-admin' }).map((p) => p.path),
      ['department'],
    );
  });
  it('province admin needs a province and takes no department', () => {
    assert.deepEqual(
      checkRoleScope({ role: 'province-admin', department: 'mem' }).map((p) => p.path),
      ['province', 'department'],
    );
  });
  it('system admin takes no scope', () => {
    assert.deepEqual(
      checkRoleScope({ role: 'system-admin', province: '310000' }).map((p) => p.path),
      ['province'],
    );
  });
  it('a well-formed scope passes', () => {
    assert.deepEqual(
      checkRoleScope({ role: 'department-admin', department: 'mohurd', province: '310000' }),
      [],
    );
    assert.deepEqual(checkRoleScope({ role: 'supervisor', province: '310000' }), []);
  });
});
