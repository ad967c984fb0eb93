import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadRoutingTable, type RoutingFacts, routeTicket } from './tickets.routing.ts';

const table = loadRoutingTable();

describe('routing table (tickets/routing.json)', () => {
  const cases: Array<[string, RoutingFacts, { department: string; province: string | null; row: string }]> = [
    [
      'a MEM certificate type goes to MEM in the province named',
      { topic: 'certificate-type', region: '310000', typeDepartment: 'mem' },
      { department: 'mem', province: '310000', row: 'certificate-type' },
    ],
    [
      'a skill-level certificate goes to HRSS in the province',
      { topic: 'certificate-type', region: '440000', typeDepartment: 'mohrss' },
      { department: 'mohrss', province: '440000', row: 'certificate-type' },
    ],
    [
      'a national exemption goes to the target certificate’s department (如无特别规定)',
      {
        topic: 'rule',
        region: '320000',
        pack: { kind: 'national', department: null, region: null },
        ruleKind: 'exemption',
        ruleTargetDepartment: 'mohurd',
      },
      { department: 'mohurd', province: '320000', row: 'rule.national-exemption' },
    ],
    [
      'a national deemed level goes to HRSS of the province',
      {
        topic: 'rule',
        region: '320000',
        pack: { kind: 'national', department: null, region: null },
        ruleKind: 'deemed-level',
      },
      { department: 'mohrss', province: '320000', row: 'rule.national-level' },
    ],
    [
      'a department’s national 特别规定 goes to that department’s national level',
      { topic: 'rule', region: '330000', pack: { kind: 'department', department: 'mem', region: null } },
      { department: 'mem', province: null, row: 'rule.department' },
    ],
    [
      'a provincial department’s rule goes to that department in its province, not the one named',
      { topic: 'rule', region: '330000', pack: { kind: 'department', department: 'samr', region: '310000' } },
      { department: 'samr', province: '310000', row: 'rule.department' },
    ],
    [
      'a province’s 对应目录 row goes to that province’s HRSS',
      { topic: 'rule', region: '110000', pack: { kind: 'province', department: 'mohrss', region: '440000' } },
      { department: 'mohrss', province: '440000', row: 'rule.province' },
    ],
    [
      'a decision goes to HRSS where it was decided',
      { topic: 'decision', region: '110000', objectProvince: '310000' },
      { department: 'mohrss', province: '310000', row: 'decision' },
    ],
    [
      'a decision without a region goes to HRSS of the province named',
      { topic: 'decision', region: '110000', objectProvince: null },
      { department: 'mohrss', province: '110000', row: 'decision' },
    ],
    [
      'a registration goes to HRSS of its plan’s province',
      { topic: 'registration', region: '110000', objectProvince: '320000' },
      { department: 'mohrss', province: '320000', row: 'registration' },
    ],
    [
      'an institution goes to the HRSS of the province that filed it (谁备案谁负责)',
      { topic: 'institution', region: '110000', objectProvince: '440000' },
      { department: 'mohrss', province: '440000', row: 'institution' },
    ],
  ];
  for (const [name, facts, expected] of cases) {
    it(name, () => {
      const result = routeTicket(table, facts);
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(
        { department: result.office.department, province: result.office.province, row: result.row },
        expected,
      );
    });
  }

  it('refuses a row whose department cannot be known (no type department given)', () => {
    const result = routeTicket(table, { topic: 'certificate-type', region: '310000' });
    assert.equal(result.ok, false);
  });

  it('every topic has a row and the file has a version', () => {
    assert.ok(table.version.length > 0);
    for (const topic of ['certificate-type', 'rule', 'decision', 'registration', 'institution'])
      assert.ok(
        table.rows.some((r) => r.topic === topic),
        topic,
      );
  });
});
