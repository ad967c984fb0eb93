import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../accounts/accounts.model.ts';
import { createInstitutionSchema } from './institution.model.ts';
import {
  canManageInstitution,
  canOverseeInstitution,
  checkFilingRenewal,
  type FilingAction,
  type FilingStatus,
  filingStatusOn,
  institutionCode,
  nextFilingStatus,
  scopeProblems,
} from './institution.rules.ts';
import { creditCode, makeInstitution } from './institution.test-helpers.ts';

const filing = (status: FilingStatus) => ({ status, validFrom: '2026-01-01', validUntil: '2026-12-31' });

describe('institution rules (issue 6 §1)', () => {
  it('builds the 13-character code of reference.md §5.2 (Y 0001 23 XXXXXX)', () => {
    assert.equal(institutionCode('Y', '0001', '230000', '123456'), 'Y000123123456');
    assert.equal(institutionCode('S', '0000', '310000', '000042'), 'S000031000042');
  });

  it('derives the effective status from the stored status and the dates', () => {
    const cases: Array<[FilingStatus, string, string]> = [
      ['active', '2025-12-31', 'not-yet-valid'],
      ['active', '2026-01-01', 'active'],
      ['active', '2026-12-31', 'active'],
      ['active', '2027-01-01', 'expired'],
      ['suspended', '2027-01-01', 'suspended'],
      ['revoked', '2026-06-01', 'revoked'],
    ];
    for (const [status, date, expected] of cases)
      assert.equal(filingStatusOn(filing(status), date), expected, `${status} on ${date}`);
  });

  it('allows suspend → reinstate, withdraw from active or suspended, and nothing after withdrawal', () => {
    const cases: Array<[FilingStatus, FilingAction, FilingStatus | string]> = [
      ['active', 'suspend', 'suspended'],
      ['suspended', 'reinstate', 'active'],
      ['active', 'withdraw', 'revoked'],
      ['suspended', 'withdraw', 'revoked'],
      ['active', 'reinstate', 'invalid-transition'],
      ['suspended', 'suspend', 'invalid-transition'],
      ['revoked', 'reinstate', 'withdrawn-is-final'],
      ['revoked', 'withdraw', 'withdrawn-is-final'],
      ['revoked', 'suspend', 'withdrawn-is-final'],
    ];
    for (const [from, action, expected] of cases) {
      const result = nextFilingStatus(from, action);
      assert.equal(result.ok ? result.status : result.code, expected, `${action} from ${from}`);
    }
  });

  it('renews to a later date only, and never a withdrawn filing', () => {
    assert.deepEqual(checkFilingRenewal(filing('active'), '2029-12-31'), { ok: true });
    assert.equal(checkFilingRenewal(filing('suspended'), '2027-01-01').ok, true);
    const same = checkFilingRenewal(filing('active'), '2026-12-31');
    assert.equal(same.ok ? 'ok' : same.code, 'not-later');
    const revoked = checkFilingRenewal(filing('revoked'), '2029-12-31');
    assert.equal(revoked.ok ? 'ok' : revoked.code, 'withdrawn-is-final');
  });

  it('checks the filed scope against the catalog’s occupations and their levels', () => {
    const occupations = new Map([['6-31-01-03', { levels: [{ level: '5' }, { level: '4' }] }]]);
    const problems = scopeProblems(occupations, [
      { occupation: '6-31-01-03', level: '4' },
      { occupation: '6-31-01-03', level: '1' },
      { occupation: '9-99-99-99', level: '5' },
    ]);
    assert.deepEqual(
      problems.map((p) => `${p.index}.${p.field}:${p.code}`),
      ['1.level:level-not-in-standard', '2.occupation:unknown-occupation'],
    );
  });

  it('lets system admins and the province’s admins manage; supervisors of the province oversee', () => {
    const who = (role: Principal['role'], province: string | null = null): Principal => ({
      via: 'token',
      userId: 'u',
      username: 'u',
      role,
      department: null,
      province,
      institution: null,
      holderId: null,
    });
    const cases: Array<[Principal, boolean, boolean]> = [
      [who('system-admin'), true, true],
      [who('province-admin', '310000'), true, true],
      [who('province-admin', '440000'), false, false],
      [who('supervisor'), false, true],
      [who('supervisor', '310000'), false, true],
      [who('supervisor', '440000'), false, false],
      [who('department-admin'), false, false],
      [who('holder'), false, false],
    ];
    for (const [principal, manages, oversees] of cases) {
      const label = `${principal.role} ${principal.province ?? 'national'}`;
      assert.equal(canManageInstitution(principal, '310000'), manages, `${label} manages`);
      assert.equal(canOverseeInstitution(principal, '310000'), oversees, `${label} oversees`);
    }
  });
});

describe('the filing body', () => {
  const issuesOf = (body: object) => {
    const parsed = createInstitutionSchema.safeParse(body);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a provincial filing without a national code', () => {
    assert.deepEqual(issuesOf(makeInstitution(1)), []);
  });

  it('names the credit code’s problem with the reason of GB 32100', () => {
    const valid = creditCode(7);
    const wrongCheck = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    const cases: Array<[string, string]> = [
      [valid.slice(0, 17), 'length'],
      [`${valid.slice(0, 16)}I${valid[17]}`, 'charset'],
      [wrongCheck, 'check-character'],
    ];
    for (const [code, reason] of cases) {
      const issues = issuesOf(makeInstitution(1, { creditCode: code }));
      assert.ok(
        issues.some((i) => i.startsWith(`creditCode: ${reason}:`)),
        `${code}: ${issues.join('; ')}`,
      );
    }
  });

  it('needs a 0001–9999 code for a national filing and 0000 (or none) for a provincial one', () => {
    const national = (nationalCode?: string) =>
      issuesOf(makeInstitution(1, { filingLevel: 'national', ...(nationalCode && { nationalCode }) }));
    assert.deepEqual(national('0001'), []);
    assert.match(national()[0] ?? '', /^nationalCode: national-code-required/);
    assert.match(national('0000')[0] ?? '', /^nationalCode: national-code-required/);
    assert.match(
      issuesOf(makeInstitution(1, { nationalCode: '0007' }))[0] ?? '',
      /^nationalCode: provincial/,
    );
    assert.deepEqual(issuesOf(makeInstitution(1, { nationalCode: '0000' })), []);
  });

  it('keeps sites in the province, dates in order, scope entries unique, provinces real', () => {
    const body = makeInstitution(1, {
      validUntil: '2024-12-31',
      sites: [{ name: '广州考点', address: '广州', region: '440106' }],
      scopes: [
        { occupation: '6-31-01-03', level: '4' },
        { occupation: '6-31-01-03', level: '4' },
      ],
    });
    assert.deepEqual(
      issuesOf(body)
        .map((i) => i.split(':')[0])
        .sort(),
      ['scopes.1', 'sites.0.region', 'validUntil'],
    );
    assert.match(
      issuesOf(makeInstitution(1, { province: '990000' }))[0] ?? '',
      /^province: unknown-province/,
    );
    assert.match(issuesOf(makeInstitution(1, { sites: [] }))[0] ?? '', /^sites/);
  });
});
