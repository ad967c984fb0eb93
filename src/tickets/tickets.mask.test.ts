import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { maskName, maskPersonalData, placeholders, surnames } from './tickets.mask.ts';

const givenChars = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英玲'];
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

const name = fc
  .tuple(
    fc.constantFrom(...surnames),
    fc.array(fc.constantFrom(...givenChars), { minLength: 1, maxLength: 2 }),
  )
  .map(([s, g]) => s + g.join(''));
const idNumber = fc.oneof(
  fc.tuple(digits(17), fc.constantFrom(...'0123456789X')).map(([d, c]) => d + c),
  digits(15),
  fc.tuple(digits(17), fc.constantFrom(...'0123456789X')).map(([d, c]) => `T${d}${c}`),
);
const mobile = fc.tuple(fc.constantFrom(...'3456789'), digits(9)).map(([a, b]) => `1${a}${b}`);
const phone = fc.oneof(
  mobile,
  mobile.map((m) => `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`),
  mobile.map((m) => `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`),
  mobile.map((m) => `+86 ${m}`),
  fc.tuple(fc.constantFrom('010', '021', '0755', '0571'), digits(8)).map(([a, b]) => `${a}-${b}`),
);
const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{1,10}$/), fc.constantFrom('qq.com', '163.com', 'example.cn'))
  .map(([u, d]) => `${u}@${d}`);

const templates: Array<(p: { name: string; id: string; phone: string; email: string }) => string> = [
  (p) => `您好，我叫${p.name}，身份证号${p.id}，电话${p.phone}，邮箱${p.email}，请问焊工证书复审怎么办理？`,
  (p) => `姓名：${p.name}，联系电话：${p.phone}，证件号码：${p.id}`,
  (p) => `${p.name}先生您好，已收到您的证件号码${p.id}，回电${p.phone}。`,
  (p) => `联系人${p.name}${p.phone}；持证人：${p.name}；${p.email}`,
  (p) => `本人${p.name}想咨询：编号 ${p.id} 的证书还有效吗？可发邮件至 ${p.email}`,
  (p) => `${p.name}同志：您反映的问题已转办。Tel ${p.phone}`,
];

const noSeparators = (s: string) => s.replace(/[\s-]/g, '');

describe('masking personal data for the FAQ', () => {
  it('masks generated names, ID numbers, phone numbers and e-mails in the places people write them (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...templates), name, idNumber, phone, email, (template, n, id, p, e) => {
        const input = template({ name: n, id, phone: p, email: e });
        const { text } = maskPersonalData(input);
        assert.ok(!text.includes(n), `name ${n} left in ${text}`);
        assert.ok(!noSeparators(text).includes(id.replace(/^T/, '')), `ID ${id} left in ${text}`);
        assert.ok(
          !noSeparators(text).includes(noSeparators(p).replace(/^\+86/, '')),
          `phone ${p} left in ${text}`,
        );
        assert.ok(!text.includes(e), `e-mail left in ${text}`);
        assert.equal(maskPersonalData(text).text, text, 'masking is idempotent');
      }),
      { numRuns: 500, seed: 14_2026 },
    );
  });

  it('masks a known name wherever it appears, even without a cue (property)', () => {
    fc.assert(
      fc.property(name, fc.constantFrom('关于', '证书', '复审'), (n, word) => {
        const { text, report } = maskPersonalData(`${word}${n}${word}，${n}`, [n]);
        assert.ok(!text.includes(n), text);
        assert.ok(report.names >= 2);
        assert.equal(maskPersonalData(text, [n]).text, text);
      }),
      { numRuns: 300, seed: 14_2027 },
    );
  });

  it('keeps ordinary text, dates, short numbers and a surname alone', () => {
    const text =
      '2026-12-07 起，持低压电工作业证书（有效期6年）申请建筑电工时免予安全作业培训。我是电工，张先生请注意：费用100元。';
    assert.equal(maskPersonalData(text).text, text);
  });

  it('names the kinds it masked and shows a name as surname + 某', () => {
    const { text, report } = maskPersonalData('我叫欧阳明华，手机13812345678，身份证110105194912310021');
    assert.equal(text, `我叫欧阳某，手机${placeholders.phone}，身份证${placeholders.id}`);
    assert.deepEqual(report, { names: 1, idNumbers: 1, phones: 1, emails: 0 });
    assert.equal(maskName('张三'), '张某');
    assert.equal(maskName('某某'), '某某');
  });

  it('masks full-width digits too', () => {
    const { text } = maskPersonalData('电话１３８１２３４５６７８');
    assert.equal(text, `电话${placeholders.phone}`);
  });
});
