import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalog } from './catalog.load.ts';
import type { CertificateType, ReviewRule } from './catalog.model.ts';
import { checkCertificateNumber, type NumberContext, validityRuleFor } from './catalog.rules.ts';

const catalog = loadCatalog(path.resolve(import.meta.dirname, '../../catalog'));

function typeOf(id: string): CertificateType {
  const type = catalog.certificateTypesById.get(id);
  assert.ok(type, `${id} is missing`);
  return type;
}

describe('checkCertificateNumber', () => {
  const cases: [type: string, number: string, context: NumberContext, expected: 'ok' | string][] = [
    // MEM: "T" + 公民身份号码 (reference §2.3)
    ['mem.lv-electrician', 'T11010519491231002X', {}, 'ok'],
    ['mem.fusion-welding', 'T440524188001010014', {}, 'ok'],
    ['mem.lv-electrician', 'T110105194912310021', {}, 'embedded-id'], // wrong check digit
    ['mem.lv-electrician', 'T990105194912310021', {}, 'embedded-id'], // no such province
    ['mem.lv-electrician', 'T11010519491231002', {}, 'pattern'], // 17 digits
    ['mem.lv-electrician', '11010519491231002X', {}, 'pattern'], // no "T"
    ['mem.lv-electrician', 'T11010519491231002x', {}, 'pattern'], // lower-case x: normalise before checking
    // MOHURD: 简称 + city letter + 工种 + year + serial (reference §3.3)
    ['mohurd.electrician', '晋A012008000001', {}, 'ok'],
    ['mohurd.electrician', '晋A012008000001', { region: '140000' }, 'ok'],
    ['mohurd.electrician', '晋A012008000001', { region: '140100' }, 'ok'], // 太原市: same province
    ['mohurd.electrician', '蜀A012008000001', { region: '510000' }, 'ok'], // alternative 简称
    ['mohurd.electrician', '晋A012008000001', { region: '320000' }, 'region-mismatch'],
    ['mohurd.electrician', '晋A01200800001', {}, 'pattern'], // 13 characters
    ['mohurd.electrician', 'XA012008000001', {}, 'pattern'],
    ['mohurd.electrician', 'X A012008000001', {}, 'pattern'],
    ['mohurd.electrician', '中A012008000001', {}, 'province-short'],
    ['mohurd.welder', '沪A992024000001', { region: '310000' }, 'ok'],
    // MOHRSS: 22-character code (reference §5.2)
    ['mohrss.skill-level', 'Y000123000001195000001', {}, 'ok'],
    ['mohrss.skill-level', 'Y000123000001195000001', { level: '5' }, 'ok'],
    ['mohrss.skill-level', 'S000031000123243000042', { level: '3' }, 'ok'],
    ['mohrss.skill-level', 'Y000199000001195000001', {}, 'province-code'],
    ['mohrss.skill-level', 'Y000171000001195000001', {}, 'province-code'], // 台湾 71: not one of the 31
    ['mohrss.skill-level', 'Y000123000001196000001', {}, 'level-digit'],
    ['mohrss.skill-level', 'Y000123000001195000001', { level: '4' }, 'level-mismatch'],
    ['mohrss.skill-level', 'X000123000001195000001', {}, 'pattern'],
    ['mohrss.skill-level', 'Y00012300000119500000', {}, 'pattern'],
    // SAMR: format not verified, so only a loose shape
    ['samr.metal-welding', '11010519491231002X', {}, 'ok'],
    ['samr.metal-welding', '12345', {}, 'pattern'],
  ];

  for (const [id, number, context, expected] of cases) {
    it(`${id} ${number} ${JSON.stringify(context)} → ${expected}`, () => {
      const result = checkCertificateNumber(typeOf(id), number, context);
      if (expected === 'ok') assert.deepEqual(result, { ok: true });
      else {
        assert.equal(result.ok, false);
        assert.equal(result.ok ? undefined : result.reason, expected);
        assert.ok(!result.ok && result.message.length > 0);
      }
    });
  }

  it("accepts every type's examples and rejects its counter-examples", () => {
    for (const type of catalog.certificateTypes) {
      for (const example of type.numberFormat.examples) {
        assert.equal(checkCertificateNumber(type, example).ok, true, `${type.id} ${example}`);
      }
      for (const counter of type.numberFormat.counterExamples) {
        assert.equal(checkCertificateNumber(type, counter).ok, false, `${type.id} ${counter}`);
      }
    }
  });
});

describe('validityRuleFor', () => {
  it('MEM: 6 years, review every 3 (extendable to 6), apply within 60 days (令30 第二十一、二十二条)', () => {
    const rule = validityRuleFor(typeOf('mem.lv-electrician'), '310000', '2025-03-01');
    assert.equal(rule.scope, 'national');
    assert.equal(rule.years, 6);
    assert.equal(rule.review?.everyYears, 3);
    assert.equal(rule.review?.extendedEveryYears, 6);
    assert.match(rule.review?.extendedIf ?? '', /连续从事本工种10年以上/);
    assert.equal(rule.review?.applyWithinDaysBefore, 60);
    assert.match(rule.basis, /第二十一条/);
  });

  it('MOHURD: 2 years, 延期复核 within 3 months adds 2 years (建质〔2008〕75号)', () => {
    for (const args of [[], ['310000', '2020-01-01'], ['310000']] as [string?, string?][]) {
      const rule = validityRuleFor(typeOf('mohurd.electrician'), ...args);
      assert.equal(rule.scope, 'national');
      assert.equal(rule.years, 2);
      assert.deepEqual(pickReview(rule.review), {
        everyYears: 2,
        applyWithinDaysBefore: 90,
        extensionYears: 2,
      });
      assert.match(rule.basis, /建质〔2008〕75号/);
    }
  });

  it('Shaanxi: 6 years for certificates issued before 2024-02-27, 2 years from then on (陕建质发〔2024〕11号)', () => {
    const welder = typeOf('mohurd.welder');
    const before = validityRuleFor(welder, '610000', '2024-02-26');
    assert.equal(before.scope, 'province');
    assert.equal(before.region, '610000');
    assert.equal(before.years, 6);
    assert.match(before.basis, /陕建质发〔2024〕11号/);

    const from = validityRuleFor(welder, '610100', '2024-02-27'); // 西安市 falls under the province
    assert.equal(from.scope, 'province');
    assert.equal(from.years, 2);
    assert.deepEqual(pickReview(from.review), {
      everyYears: 2,
      applyWithinDaysBefore: 90,
      extensionYears: 2,
    });

    // An unknown issue date is read as "issued now".
    assert.equal(validityRuleFor(welder, '610000').years, 2);
  });

  it('SAMR: 4 years, review applied for at least a month before expiry (TSG Z6001-2019 第二十五条)', () => {
    const rule = validityRuleFor(typeOf('samr.metal-welding'), '440000', '2023-06-30');
    assert.equal(rule.years, 4);
    assert.equal(rule.review?.applyAtLeastDaysBefore, 30);
    assert.equal(rule.review?.applyWithinDaysBefore, null);
    assert.match(rule.basis, /第二十五条/);
  });

  it('MOHRSS skill level: no expiry, no review', () => {
    const rule = validityRuleFor(typeOf('mohrss.skill-level'), '310000', '2019-05-01');
    assert.equal(rule.years, null);
    assert.equal(rule.review, null);
    assert.ok(rule.basis.length > 0);
  });

  it('carries a basis for every type in every province', () => {
    for (const type of catalog.certificateTypes) {
      for (const region of catalog.regions) {
        assert.ok(
          validityRuleFor(type, region.code, '2023-01-01').basis.length > 0,
          `${type.id} ${region.code}`,
        );
      }
    }
  });
});

function pickReview(review: ReviewRule | null) {
  return (
    review && {
      everyYears: review.everyYears,
      applyWithinDaysBefore: review.applyWithinDaysBefore,
      extensionYears: review.extensionYears,
    }
  );
}
