/** The reference lists a region code is named from: the catalog's provinces and prefecture-level divisions. */
export interface RegionNameLists {
  regions: readonly { code: string; nameZh: string; nameEn: string }[];
  prefectures?: readonly { code: string; nameZh: string; province: string }[] | undefined;
}

/**
 * A GB/T 2260 code by name (issue 15 §4): a province (440000 广东省), a prefecture with its province (440600
 * 广东省佛山市), a county-level code by its prefecture (440604 → 广东省佛山市: coarser but true). The four
 * municipalities' districts and the county-level cities under a province directly (XX90YY) have no prefecture, so
 * they are named by their province. Any other code is 「未知地区（code）」: never a neighbour's or a parent's guess.
 * The prefectures have no English names in their source, so English mode shows the Chinese one beside the province.
 */
export function regionName(code: string, lists: RegionNameLists, lang: 'zh' | 'en'): string {
  const unknown = lang === 'zh' ? `未知地区（${code}）` : `Unknown region (${code})`;
  if (!/^\d{6}$/.test(code)) return unknown;
  const province = lists.regions.find((r) => r.code === `${code.slice(0, 2)}0000`);
  if (!province) return unknown;
  const provinceName = lang === 'zh' ? province.nameZh : province.nameEn || province.nameZh;
  if (code === province.code) return provinceName;
  const prefecture = lists.prefectures?.find((p) => p.code === `${code.slice(0, 4)}00`);
  if (prefecture)
    return lang === 'zh' ? `${provinceName}${prefecture.nameZh}` : `${prefecture.nameZh}, ${provinceName}`;
  const isMunicipality = ['11', '12', '31', '50'].includes(code.slice(0, 2));
  const isUnderProvince = code.slice(2, 4) === '90';
  // A municipality's district code names no prefecture, but its XX0000 province is itself the city.
  if (isMunicipality || isUnderProvince) return provinceName;
  return unknown;
}
