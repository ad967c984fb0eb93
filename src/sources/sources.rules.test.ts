import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testCatalog } from '../testing/app.ts';
import type { Source } from './sources.model.ts';
import {
  coversRegion,
  coversType,
  decidePush,
  defaultSourceId,
  fillTemplate,
  linkedSourceFor,
  linkTargets,
  type PushedState,
} from './sources.rules.ts';

const at = new Date('2026-11-29T00:00:00Z');
function makeSource(overrides: Partial<Source>): Source {
  return {
    id: 'samr-cnse',
    nameZh: '全国特种设备公示信息查询平台',
    nameEn: 'National special equipment public information platform',
    department: 'samr',
    kind: 'linked',
    url: 'https://cnse.samr.gov.cn/info-pub/pub',
    deepLinkTemplate: null,
    types: ['samr.forklift-driver'],
    region: null,
    lastUpdateAt: at,
    issuanceUrl: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

describe('which source serves a type', () => {
  it('covers its listed types of its own department; an empty list is the default source’s “all”', () => {
    const cases: Array<[Partial<Source>, string, boolean]> = [
      [{ types: ['samr.forklift-driver'] }, 'samr.forklift-driver', true],
      [{ types: ['samr.forklift-driver'] }, 'samr.crane-operator', false],
      [{ types: [] }, 'samr.crane-operator', true],
      [{ types: [] }, 'mem.lv-electrician', false],
    ];
    for (const [overrides, type, expected] of cases) {
      assert.equal(coversType(makeSource(overrides), type), expected, `${JSON.stringify(overrides)} ${type}`);
    }
  });

  it('limits a provincial source to its province', () => {
    assert.equal(coversRegion({ region: null }, '440300'), true);
    assert.equal(coversRegion({ region: '330000' }, '330100'), true);
    assert.equal(coversRegion({ region: '330000' }, '310000'), false);
    const zj = makeSource({
      id: 'zj',
      department: 'mohurd',
      types: ['mohurd.electrician'],
      region: '330000',
    });
    assert.equal(linkedSourceFor([zj], 'mohurd.electrician', '330100')?.id, 'zj');
    assert.equal(linkedSourceFor([zj], 'mohurd.electrician', '310000'), undefined);
  });

  it('names the default source of a department', () => {
    assert.equal(defaultSourceId('mem'), 'mem-hosted');
  });
});

describe('deep links', () => {
  it('URL-encodes every value and gives null when a placeholder has no value', () => {
    assert.equal(
      fillTemplate('https://x.gov.cn/q?n={name}&id={idNumber}', {
        name: '张 三&',
        idNumber: '11010519491231002X',
      }),
      'https://x.gov.cn/q?n=%E5%BC%A0%20%E4%B8%89%26&id=11010519491231002X',
    );
    assert.equal(fillTemplate('https://x.gov.cn/q?no={number}', { name: '张三' }), null);
  });

  it('for name + ID number: every linked source whose template needs only the name and the ID number', () => {
    const sources = [
      makeSource({ id: 'by-id', deepLinkTemplate: 'https://a.gov.cn/?id={idNumber}' }),
      makeSource({ id: 'by-number', deepLinkTemplate: 'https://b.gov.cn/?no={number}' }),
      makeSource({ id: 'page-only' }),
    ];
    const targets = linkTargets(testCatalog(), sources, { name: '张三', idNumber: '11010519491231002X' });
    assert.deepEqual(
      targets.map((t) => [t.source.id, t.deepLink]),
      [
        ['by-id', 'https://a.gov.cn/?id=11010519491231002X'],
        ['page-only', 'https://cnse.samr.gov.cn/info-pub/pub'],
      ],
    );
  });

  it('for name + number: the sources covering a type whose number format accepts it, per type with {type}', () => {
    const mohurd = makeSource({
      id: 'zj-mohurd',
      department: 'mohurd',
      types: ['mohurd.electrician', 'mohurd.scaffolder'],
      region: '330000',
      deepLinkTemplate: 'https://zj.gov.cn/?t={type}&no={number}',
    });
    const mem = makeSource({ id: 'mem-coal', department: 'mem', types: ['mem.coal-gas-inspection'] });
    const catalog = testCatalog();
    const zj = linkTargets(catalog, [mohurd, mem], { name: '张三', number: '浙A012024000123' });
    assert.deepEqual(
      zj.map((t) => [t.source.id, t.types, t.deepLink]),
      [
        [
          'zj-mohurd',
          ['mohurd.electrician'],
          'https://zj.gov.cn/?t=mohurd.electrician&no=%E6%B5%99A012024000123',
        ],
        [
          'zj-mohurd',
          ['mohurd.scaffolder'],
          'https://zj.gov.cn/?t=mohurd.scaffolder&no=%E6%B5%99A012024000123',
        ],
      ],
    );
    // 沪 is not 浙's 简称: the Zhejiang site is not offered for a Shanghai number.
    assert.deepEqual(linkTargets(catalog, [mohurd, mem], { name: '张三', number: '沪A012024000123' }), []);
    const t = linkTargets(catalog, [mohurd, mem], { name: '张三', number: 'T11010519491231002X' });
    assert.deepEqual(
      t.map((x) => x.source.id),
      ['mem-coal'],
    );
  });
});

describe('what a pushed record does', () => {
  const stored: PushedState = {
    holderIndex: 'h1',
    sourceId: null,
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    status: 'valid',
    issuerRegion: '310000',
    issuerOrg: '上海市应急管理局',
    issuerOrgCode: null,
    occupation: null,
    level: null,
    reviewedUntil: null,
  };
  const mine = { ...stored, sourceId: 'mem-national' };
  const cases: Array<[string, PushedState | undefined, Partial<PushedState>, string]> = [
    ['new', undefined, {}, 'create'],
    ['same facts, own source', mine, {}, 'unchanged'],
    ['a new 复审 date', mine, { reviewedUntil: '2027-02-28' }, 'update:push.update'],
    ['registered without a source: taken over', stored, {}, 'update:push.update'],
    ['another source’s', { ...stored, sourceId: 'other' }, {}, 'invalid:other-source'],
    ['new end of validity', mine, { validUntil: '2032-02-28' }, 'update:push.update'],
    ['suspend', mine, { status: 'suspended' }, 'update:suspend'],
    ['reinstate', { ...mine, status: 'suspended' }, { status: 'valid' }, 'update:reinstate'],
    ['revoke', mine, { status: 'revoked' }, 'update:revoke'],
    ['revoked is final', { ...mine, status: 'revoked' }, { status: 'valid' }, 'invalid:revoked-is-final'],
    [
      'revoked: no edits either',
      { ...mine, status: 'revoked' },
      { status: 'revoked', issuerOrg: 'x' },
      'invalid:revoked-is-final',
    ],
    ['revoked and unchanged', { ...mine, status: 'revoked' }, { status: 'revoked' }, 'unchanged'],
  ];
  for (const [label, existing, change, expected] of cases) {
    it(label, () => {
      const d = decidePush(existing, { ...mine, ...change });
      const got =
        d.kind === 'update'
          ? `update:${d.action}`
          : d.kind === 'invalid'
            ? `invalid:${d.problems[0]?.code}`
            : d.kind;
      assert.equal(got, expected);
    });
  }
});
