import type { TestApp } from '../testing/app.ts';
import { addCertificate, addDecision, addResults, addWarning } from './statistics.test-helpers.ts';

/**
 * The data every statistics test counts from, with the hand-worked figures in the tests that read it. Today is
 * 2026-12-15 in China (`NOW`).
 */
export const NOW = new Date('2026-12-15T04:00:00Z');

export interface Tokens {
  national: string;
  sh: string;
  mem: string;
  samr: string;
  mohrss: string;
  hrssSh: string;
}

export async function seedFigures(t: TestApp): Promise<Tokens> {
  const tokens: Tokens = { national: '', sh: '', mem: '', samr: '', mohrss: '', hrssSh: '' };
  tokens.national = await t.tokenFor('supervisor');
  tokens.sh = await t.tokenFor('supervisor', { province: '310000' });
  tokens.mem = await t.tokenFor('department-admin', { department: 'mem' });
  tokens.samr = await t.tokenFor('department-admin', { department: 'samr' });
  tokens.mohrss = await t.tokenFor('department-admin', { department: 'mohrss' });
  tokens.hrssSh = await t.tokenFor('province-admin', { province: '310000' });

  // Certificates: two in Shanghai, two in Guangdong (one issued by a city, 440300), two in Beijing.
  const a = await addCertificate(t, {
    type: 'mem.lv-electrician',
    region: '310000',
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
  });
  await addCertificate(t, {
    type: 'mem.lv-electrician',
    region: '310000',
    validFrom: '2024-05-01',
    validUntil: '2030-04-30',
    status: 'suspended',
  });
  const c = await addCertificate(t, {
    type: 'mem.hv-electrician',
    region: '440300',
    validFrom: '2025-02-01',
    validUntil: '2031-01-31',
  });
  const d = await addCertificate(t, {
    type: 'samr.metal-welding',
    region: '440000',
    validFrom: '2021-01-01',
    validUntil: '2025-12-31',
  });
  await addCertificate(t, {
    type: 'samr.metal-welding',
    region: '110000',
    validFrom: '2027-01-01',
    validUntil: '2030-12-31',
  });
  await addCertificate(t, {
    type: 'mem.fusion-welding',
    region: '110000',
    validFrom: '2023-06-01',
    validUntil: '2029-05-31',
    status: 'revoked',
  });

  // Decisions. D2 is made at 01:00 on 1 November in China (still 31 October in UTC): a November decision.
  const lv5 = { kind: 'level', rule: 'nat.level.electrician-5' } as const;
  const lvExempt = { kind: 'exemption', rule: 'nat.exempt.mem-lv-to-mohurd-electrician' } as const;
  await addDecision(t, {
    holderId: a.holderId,
    region: '320000',
    at: '2026-10-10T02:00:00Z',
    held: a,
    grants: [lv5, lvExempt],
  });
  await addDecision(t, {
    holderId: a.holderId,
    region: '320500',
    at: '2026-10-31T17:00:00Z',
    held: a,
    grants: [lv5, lvExempt],
  });
  await addDecision(t, {
    holderId: c.holderId,
    region: '440000',
    at: '2026-11-20T02:00:00Z',
    held: c,
    grants: [
      { kind: 'level', rule: 'nat.level.electrician-4' },
      { kind: 'exemption', rule: 'nat.exempt.mem-hv-to-mohurd-electrician' },
    ],
  });
  // Nothing granted: a skill-level certificate counting for itself, and an exemption a province denies.
  await addDecision(t, {
    holderId: d.holderId,
    region: '310000',
    at: '2026-11-22T02:00:00Z',
    held: d,
    grants: [
      { kind: 'level', rule: 'held.skill-level' },
      { kind: 'exemption', rule: 'nat.exempt.mem-fusion-to-samr-metal-welding', denied: true },
    ],
  });
  await addDecision(t, {
    holderId: null,
    region: null,
    at: '2026-12-01T02:00:00Z',
    held: a,
    grants: [lvExempt],
  });
  await addDecision(t, {
    holderId: a.holderId,
    region: '310000',
    at: '2026-12-05T02:00:00Z',
    held: a,
    grants: [lv5, lvExempt],
  });

  // Results of 2026, 6-31-01-03 level 4. Guangdong's second institution passes 2 of 20: below the funnel.
  await addResults(t, { province: '310000', n: 20, passed: 18 }).then((i1) =>
    addResults(t, {
      province: '310000',
      n: 10,
      passed: 5,
      level: '3',
      institutionId: i1.id,
      siteId: i1.siteId,
    }),
  );
  await addResults(t, { province: '310000', n: 20, passed: 17 });
  await addResults(t, { province: '440000', n: 20, passed: 18 });
  await addResults(t, { province: '440000', n: 20, passed: 2 });
  await addResults(t, { province: '110000', n: 30, passed: 26 });
  await addResults(t, { province: '110000', n: 10, passed: 9 });
  await addResults(t, { province: '110000', n: 3, passed: 3 });

  const w = { now: NOW };
  await addWarning(t, {
    ...w,
    rule: 'staff.ratio',
    province: '310000',
    status: 'sent',
    ageDays: 3,
    dueDays: -1,
  });
  await addWarning(t, {
    ...w,
    rule: 'staff.ratio',
    province: '310000',
    status: 'closed',
    ageDays: 10,
    dueDays: -5,
  });
  await addWarning(t, {
    ...w,
    rule: 'institution.pass-rate-funnel',
    province: '440000',
    status: 'created',
    ageDays: 40,
    dueDays: null,
    occupation: '6-31-01-03',
  });
  await addWarning(t, {
    ...w,
    rule: 'integrity.answer-copying',
    province: '440000',
    status: 'answered',
    ageDays: 8,
    dueDays: 2,
  });
  return tokens;
}
