import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RegionNameLists, regionName } from './region-names.ts';

const lists: RegionNameLists = {
  regions: [
    { code: '310000', nameZh: '上海市', nameEn: 'Shanghai' },
    { code: '320000', nameZh: '江苏省', nameEn: 'Jiangsu' },
    { code: '420000', nameZh: '湖北省', nameEn: 'Hubei' },
    { code: '440000', nameZh: '广东省', nameEn: 'Guangdong' },
  ],
  prefectures: [
    { code: '320500', nameZh: '苏州市', province: '320000' },
    { code: '440600', nameZh: '佛山市', province: '440000' },
  ],
};

describe('region names (issue 15 §4)', () => {
  it('names provinces, prefectures and counties, and says when a code is unknown', () => {
    const table: Array<[string, 'zh' | 'en', string]> = [
      ['440000', 'zh', '广东省'],
      ['440000', 'en', 'Guangdong'],
      ['440600', 'zh', '广东省佛山市'],
      ['440600', 'en', '佛山市, Guangdong'],
      ['320500', 'zh', '江苏省苏州市'],
      ['440604', 'zh', '广东省佛山市'], // a district of 佛山: named by its city
      ['310104', 'zh', '上海市'], // a municipality's district
      ['429004', 'zh', '湖北省'], // 仙桃市, a county-level city under the province directly
      ['440699', 'zh', '广东省佛山市'],
      ['449900', 'zh', '未知地区（449900）'], // no such prefecture: never 广东省 alone, never a neighbour
      ['990000', 'zh', '未知地区（990000）'],
      ['990000', 'en', 'Unknown region (990000)'],
      ['44060', 'zh', '未知地区（44060）'],
    ];
    for (const [code, lang, expected] of table)
      assert.equal(regionName(code, lists, lang), expected, `${code} ${lang}`);
  });

  it('never falls back to the province for a city it cannot name', () => {
    assert.equal(regionName('440600', { regions: lists.regions }, 'zh'), '未知地区（440600）');
    assert.equal(regionName('310104', { regions: lists.regions }, 'zh'), '上海市');
  });
});
