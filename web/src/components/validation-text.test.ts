import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFieldError, type FieldDetail, fieldOf } from './validation-text.ts';

const labels = { number: { zh: '证书编号', en: 'Certificate number' } };

describe('validation details in the reader’s language (issue 15)', () => {
  it('words each Zod issue kind with the field’s label', () => {
    const table: Array<[FieldDetail, string, string]> = [
      [
        { path: 'body.number', message: 'x', kind: 'required' },
        '「证书编号」不能为空',
        'Certificate number is required',
      ],
      [
        { path: 'body.number', message: 'x', kind: 'too_small', origin: 'string', limit: 1 },
        '「证书编号」不能为空',
        'Certificate number is required',
      ],
      [
        { path: 'body.password', message: 'x', kind: 'too_small', origin: 'string', limit: 12 },
        '「密码」至少 12 个字符',
        'Password needs at least 12 characters',
      ],
      [
        { path: 'body.capacity', message: 'x', kind: 'too_big', origin: 'number', limit: 500 },
        '「容量」不能大于 500',
        'Capacity must be at most 500',
      ],
      [
        { path: 'body.scopes', message: 'x', kind: 'too_small', origin: 'array', limit: 1 },
        '「备案范围」至少填写一项',
        'Filed scope needs at least one entry',
      ],
      [
        { path: 'body.validUntil', message: 'Invalid ISO date', kind: 'invalid_format', format: 'date' },
        '「有效期至」应为有效日期',
        'Valid until must be a valid date',
      ],
      [
        { path: 'body.province', message: 'a province code', kind: 'invalid_format', format: 'regex' },
        '「省份」格式不正确',
        'Province is not in the right format',
      ],
      [
        { path: 'body.role', message: 'Invalid option', kind: 'invalid_value' },
        '「角色」不是可选的值，请从列表中选择',
        'Role is not one of the choices',
      ],
      [
        { path: 'body.sites.1.region', message: 'outside-province: 310000' },
        '「地区」不在备案省份内',
        'Region lies outside the filing’s province',
      ],
      [
        { path: 'institution', message: 'required for role institution-operator' },
        '此角色必须填写「评价机构」',
        'Institution is required for this role',
      ],
      [{ path: 'username', message: 'taken' }, '「用户名」已被使用', 'Username is already taken'],
      [
        {
          path: 'body.creditCode',
          message: 'check-character: the check character does not match',
          kind: 'custom',
        },
        '「统一社会信用代码」的校验位不正确，请核对',
        'The check character of Unified social credit code does not match',
      ],
      [
        { path: 'body.creditCode', message: 'weird-check: something odd', kind: 'custom' },
        '「统一社会信用代码」填写有误',
        'Unified social credit code: weird-check: something odd',
      ],
      [
        { path: 'body.mystery', message: 'bad', kind: 'invalid_type' },
        '「该项」填写的类型不正确',
        'This field has the wrong kind of value',
      ],
    ];
    for (const [detail, zh, en] of table) {
      assert.equal(describeFieldError(detail, 'zh', labels), zh, `${detail.path} zh`);
      assert.equal(describeFieldError(detail, 'en', labels), en, `${detail.path} en`);
    }
  });

  it('finds the field in every path style', () => {
    assert.equal(fieldOf('body.holder.idNumber'), 'idNumber');
    assert.equal(fieldOf('/sites/1/region'), 'region');
    assert.equal(fieldOf('body.scopes.0'), 'scopes');
    assert.equal(fieldOf(''), '');
  });
});
