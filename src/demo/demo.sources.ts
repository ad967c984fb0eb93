import type { CreateSourceInput } from '../sources/sources.model.ts';

/**
 * The demo's linked sources (issue 5 §2: "link what exists, host the rest"): departments' own national query sites,
 * for certificate types the demo hosts no data of (`demo.data.ts` issues none of them; `demo.sources.test.ts`
 * checks). Neither site documents a deep link (both sit behind a CAPTCHA), so the link is the query page itself.
 * The hosted side needs nothing here: each department's default hosted source comes with the migration.
 */
export const demoLinkedSources: CreateSourceInput[] = [
  {
    id: 'samr-cnse',
    nameZh: '全国特种设备公示信息查询平台',
    nameEn: 'National Special Equipment Public Information Platform (SAMR)',
    department: 'samr',
    kind: 'linked',
    // reference.md §4.3; person search by 身份证号 behind a slider CAPTCHA.
    url: 'https://cnse.samr.gov.cn/info-pub/pub',
    types: [
      'samr.power-boiler-operator',
      'samr.mobile-vessel-filling',
      'samr.oxygen-chamber-maintenance',
      'samr.ropeway-repair',
      'samr.ropeway-operator',
      'samr.amusement-ride-repair',
      'samr.amusement-ride-operation',
      'samr.sightseeing-vehicle-driver',
      'samr.safety-valve-calibration',
    ],
  },
  {
    id: 'mem-cx-coal',
    nameZh: '特种作业操作证查询平台（煤矿特种作业）',
    nameEn: 'MEM special-operation certificate query (coal-mine operations)',
    department: 'mem',
    kind: 'linked',
    // reference.md §2.3: cx.mem.gov.cn, special-operation tab; 证件类型 + 证件号码 + 姓名, image CAPTCHA.
    url: 'https://cx.mem.gov.cn/special?index=0',
    types: [
      'mem.coal-underground-electrical',
      'mem.coal-underground-blasting',
      'mem.coal-safety-monitoring',
      'mem.coal-gas-inspection',
      'mem.coal-safety-inspection',
      'mem.coal-hoist-operation',
      'mem.coal-shearer-operation',
      'mem.coal-gas-drainage',
      'mem.coal-outburst-prevention',
      'mem.coal-water-exploration',
    ],
  },
];
