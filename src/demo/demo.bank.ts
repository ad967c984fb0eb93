/**
 * The demo bank's 电工四级 theory items (issue 15 item 9): questions of the kind a candidate meets in the 低压电工 /
 * 电工 theory exam, each with its right answer and three plausible wrong ones, written out as data so the demo
 * reads like a real bank. Easiest first within each knowledge point: the seed gives the first ten the easy band,
 * the next ten medium, the last ten hard (demo.exams-history.ts). Fictional demo content, checked against the
 * usual references (GB/T 3805 安全电压, GB 13955 剩余电流保护, JGJ 46 施工现场临时用电, 电业安全工作规程).
 */
export interface DemoQuestion {
  stem: string;
  correct: string;
  /** Three wrong answers a candidate who half-knows the topic might pick. */
  distractors: readonly [string, string, string];
}

const safety: readonly DemoQuestion[] = [
  {
    stem: '发现有人触电，首先应当（　）。',
    correct: '迅速切断电源，或用干燥的绝缘物使触电者脱离电源',
    distractors: ['立即用手把触电者拉开', '先打电话报告，在原地等待救援', '立即对触电者进行胸外按压'],
  },
  {
    stem: '我国安全电压额定值的等级不包括（　）。',
    correct: '50 V',
    distractors: ['42 V', '36 V', '12 V'],
  },
  {
    stem: '在金属容器内或特别潮湿的场所工作时，手持照明灯具应采用的安全电压为（　）。',
    correct: '12 V',
    distractors: ['36 V', '24 V', '42 V'],
  },
  {
    stem: '我国工频交流电的频率为（　）。',
    correct: '50 Hz',
    distractors: ['60 Hz', '100 Hz', '25 Hz'],
  },
  {
    stem: '电工作业人员须（　）方可上岗作业。',
    correct: '经专门的安全技术培训并考核合格，取得特种作业操作证',
    distractors: ['具有高中及以上学历', '在本单位工作满一年', '经班组长口头同意'],
  },
  {
    stem: '停电检修时，在一经合闸即可送电到工作地点的开关操作把手上，应悬挂（　）标示牌。',
    correct: '“禁止合闸，有人工作！”',
    distractors: ['“止步，高压危险！”', '“在此工作！”', '“从此上下！”'],
  },
  {
    stem: '使用验电器验电前，应（　）。',
    correct: '先在有电设备上试验，确认验电器良好',
    distractors: ['直接在待检修的设备上验电', '用手触摸验电器金属端检查是否完好', '先将验电器可靠接地'],
  },
  {
    stem: '电气设备发生火灾，在未切断电源前，不得使用（　）灭火。',
    correct: '水或泡沫灭火器',
    distractors: ['二氧化碳灭火器', '干粉灭火器', '干砂'],
  },
  {
    stem: '电气设备的金属外壳接保护导体（PE 线）的主要作用是（　）。',
    correct: '设备漏电时使保护装置迅速动作，并降低外壳对地电压',
    distractors: ['提高设备的功率因数', '减少设备的电能损耗', '防止设备受雷电感应'],
  },
  {
    stem: 'Ⅱ类手持电动工具的主要特征是（　）。',
    correct: '具有双重绝缘或加强绝缘',
    distractors: ['采用安全特低电压供电', '金属外壳必须连接保护导体', '只有基本绝缘'],
  },
  {
    stem: '保证电气工作安全的技术措施，正确的顺序是（　）。',
    correct: '停电、验电、装设接地线、悬挂标示牌和装设遮栏',
    distractors: [
      '验电、停电、装设接地线、悬挂标示牌和装设遮栏',
      '停电、装设接地线、验电、悬挂标示牌和装设遮栏',
      '悬挂标示牌、停电、验电、装设接地线',
    ],
  },
  {
    stem: '装设接地线时，正确的做法是（　）。',
    correct: '先接接地端，后接导体端',
    distractors: ['先接导体端，后接接地端', '接地端与导体端同时连接', '只接导体端，不必接地'],
  },
  {
    stem: '拆除接地线时，正确的做法是（　）。',
    correct: '先拆导体端，后拆接地端',
    distractors: ['先拆接地端，后拆导体端', '两端同时拆除', '只拆接地端，导体端留待下次使用'],
  },
  {
    stem: '用于防止人身直接接触触电的剩余电流动作保护器，其额定剩余动作电流不应大于（　）。',
    correct: '30 mA',
    distractors: ['50 mA', '100 mA', '300 mA'],
  },
  {
    stem: '带电灭火时，宜选用的灭火器是（　）。',
    correct: '二氧化碳灭火器或干粉灭火器',
    distractors: ['泡沫灭火器', '清水灭火器', '酸碱灭火器'],
  },
  {
    stem: '人体触电时，伤害程度主要取决于（　）。',
    correct: '通过人体的电流大小和持续时间',
    distractors: ['电源的额定功率', '导线的截面积', '用电设备的品牌'],
  },
  {
    stem: '对呼吸、心跳均已停止的触电者，应立即（　）。',
    correct: '就地进行心肺复苏（胸外按压与人工呼吸）',
    distractors: ['送往医院途中再行抢救', '将其抬到通风处等待自行苏醒', '往其身上泼冷水促其清醒'],
  },
  {
    stem: '成人心肺复苏时，胸外按压的频率应为每分钟（　）次。',
    correct: '100～120',
    distractors: ['60～80', '40～60', '140～160'],
  },
  {
    stem: '工频交流电通过成年男性人体时，平均感知电流约为（　）。',
    correct: '1 mA',
    distractors: ['10 mA', '50 mA', '100 mA'],
  },
  {
    stem: '工频电流通过人体达到（　）并持续一定时间，即可能危及生命。',
    correct: '50 mA',
    distractors: ['1 mA', '5 mA', '10 mA'],
  },
  {
    stem: '进入跨步电压区域时，人员撤离的正确方法是（　）。',
    correct: '双脚并拢跳离或单脚跳离',
    distractors: ['大步快跑离开', '弯腰匍匐爬出', '原地站立等待救援'],
  },
  {
    stem: '低压带电作业时，下列做法正确的是（　）。',
    correct: '设专人监护，使用绝缘柄工具，站在干燥的绝缘物上',
    distractors: ['为提高效率单人作业', '戴棉纱手套作业', '用手同时接触两根导线比对相位'],
  },
  {
    stem: '绝缘手套和绝缘靴的预防性耐压试验周期一般为（　）。',
    correct: '6 个月',
    distractors: ['3 个月', '1 年', '2 年'],
  },
  {
    stem: '在高压设备上工作时，属于基本绝缘安全用具的是（　）。',
    correct: '绝缘棒（绝缘操作杆）',
    distractors: ['绝缘靴', '绝缘垫', '绝缘台'],
  },
  {
    stem: 'TN-S 系统的特点是（　）。',
    correct: '整个系统的中性导体（N）与保护导体（PE）分开',
    distractors: [
      '整个系统的中性导体与保护导体合为一根 PEN 线',
      '系统前部分 N 与 PE 合用，后部分分开',
      '电源中性点不接地，设备外壳单独接地',
    ],
  },
  {
    stem: '在锅炉、金属容器等狭窄场所内作业，应使用（　）手持电动工具。',
    correct: 'Ⅲ类（由安全隔离变压器供电）',
    distractors: ['Ⅰ类', '不接保护导体的Ⅰ类', '任意类别'],
  },
  {
    stem: '施工现场临时用电的配电系统应采用（　）。',
    correct: '三级配电、二级漏电保护',
    distractors: ['一级配电、一级漏电保护', '二级配电、三级漏电保护', '三级配电、不设漏电保护'],
  },
  {
    stem: '施工现场开关箱中漏电保护器的额定漏电动作时间不应大于（　）。',
    correct: '0.1 s',
    distractors: ['0.5 s', '1 s', '2 s'],
  },
  {
    stem: '施工现场架空敷设的电缆，正确的做法是（　）。',
    correct: '沿电杆、支架或墙壁敷设，并用绝缘子固定',
    distractors: ['直接绑扎在钢管脚手架上', '沿地面拖放穿过通道', '捆绑在金属管道上'],
  },
  {
    stem: '用兆欧表测量设备绝缘电阻前，必须（　）。',
    correct: '切断被测设备的电源，并对其充分放电',
    distractors: ['保持设备运行，以测得实际值', '只需将兆欧表外壳接地', '将 L、E 端子短接后持续摇测'],
  },
];

const basics: readonly DemoQuestion[] = [
  {
    stem: '电阻两端电压为 220 V，电阻为 44 Ω，通过电阻的电流为（　）。',
    correct: '5 A',
    distractors: ['2.2 A', '10 A', '0.5 A'],
  },
  {
    stem: '两个 10 Ω 的电阻并联，其等效电阻为（　）。',
    correct: '5 Ω',
    distractors: ['20 Ω', '10 Ω', '2.5 Ω'],
  },
  {
    stem: '两个 10 Ω 的电阻串联后接在 20 V 电源上，电路中的电流为（　）。',
    correct: '1 A',
    distractors: ['2 A', '0.5 A', '4 A'],
  },
  {
    stem: '电流表应与被测电路（　），电压表应与被测电路（　）。',
    correct: '串联；并联',
    distractors: ['并联；串联', '串联；串联', '并联；并联'],
  },
  {
    stem: '1 kW·h 的电能可供一只 220 V、100 W 的灯泡正常工作（　）。',
    correct: '10 h',
    distractors: ['1 h', '100 h', '0.1 h'],
  },
  {
    stem: '一只 220 V、100 W 的白炽灯，其额定电流约为（　）。',
    correct: '0.45 A',
    distractors: ['2.2 A', '0.22 A', '4.5 A'],
  },
  {
    stem: '导体的电阻与下列哪一项无关？（　）',
    correct: '导体两端的电压',
    distractors: ['导体的长度', '导体的横截面积', '导体的材料'],
  },
  {
    stem: '一根铜导线长度不变、横截面积增大一倍，其电阻（　）。',
    correct: '减小为原来的一半',
    distractors: ['增大一倍', '保持不变', '减小为原来的四分之一'],
  },
  {
    stem: '三相四线制低压配电系统中，线电压为 380 V，相电压为（　）。',
    correct: '220 V',
    distractors: ['380 V', '127 V', '660 V'],
  },
  {
    stem: '用万用表测量电阻时，正确的做法是（　）。',
    correct: '断开被测电路的电源后再测量',
    distractors: ['在电路带电时直接测量', '使用电流挡测量', '换挡后不必重新调零'],
  },
  {
    stem: '正弦交流电最大值与有效值的关系是（　）。',
    correct: '最大值是有效值的 √2 倍',
    distractors: ['有效值是最大值的 √2 倍', '最大值与有效值相等', '最大值是有效值的 √3 倍'],
  },
  {
    stem: '对称三相负载作星形联结时，线电流与相电流的关系是（　）。',
    correct: '线电流等于相电流',
    distractors: ['线电流是相电流的 √3 倍', '相电流是线电流的 √3 倍', '线电流是相电流的 3 倍'],
  },
  {
    stem: '对称三相负载作三角形联结时，线电流是相电流的（　）。',
    correct: '√3 倍',
    distractors: ['1 倍', '3 倍', '√2 倍'],
  },
  {
    stem: '变压器是利用（　）原理工作的。',
    correct: '电磁感应',
    distractors: ['电流的热效应', '静电感应', '光电效应'],
  },
  {
    stem: '变压器一次、二次绕组匝数比为 10∶1，一次侧电压为 380 V，二次侧空载电压约为（　）。',
    correct: '38 V',
    distractors: ['3800 V', '380 V', '10 V'],
  },
  {
    stem: '三相异步电动机的旋转方向取决于（　）。',
    correct: '三相电源的相序',
    distractors: ['电源电压的高低', '电源频率的高低', '所带负载的大小'],
  },
  {
    stem: '要使运行中的三相异步电动机反转，应（　）。',
    correct: '任意对调两根电源相线',
    distractors: ['将三根相线依次轮换后接入', '降低电源电压', '改接中性线'],
  },
  {
    stem: '熔断器在低压电路中主要起（　）保护作用。',
    correct: '短路',
    distractors: ['欠电压', '失电压', '漏电'],
  },
  {
    stem: '热继电器在电动机控制电路中主要起（　）保护作用。',
    correct: '过载',
    distractors: ['短路', '欠电压', '失电压'],
  },
  {
    stem: '钳形电流表的主要优点是（　）。',
    correct: '不断开电路即可测量电流',
    distractors: ['能精确测量微小电流', '可以测量绝缘电阻', '可徒手在高压线路上直接使用'],
  },
  {
    stem: '纯电感电路中，电流与电压的相位关系是（　）。',
    correct: '电流滞后电压 90°',
    distractors: ['电流超前电压 90°', '电流与电压同相', '电流与电压反相'],
  },
  {
    stem: '纯电容电路中，电流与电压的相位关系是（　）。',
    correct: '电流超前电压 90°',
    distractors: ['电流滞后电压 90°', '电流与电压同相', '电流与电压反相'],
  },
  {
    stem: '功率因数是指（　）。',
    correct: '有功功率与视在功率之比',
    distractors: ['无功功率与视在功率之比', '有功功率与无功功率之比', '视在功率与有功功率之比'],
  },
  {
    stem: '提高感性负载功率因数的常用方法是（　）。',
    correct: '在负载两端并联适当容量的电容器',
    distractors: ['在负载回路中串联电阻', '在负载两端并联电感器', '提高电源电压'],
  },
  {
    stem: '异步电动机的同步转速 n₁ 与电源频率 f、磁极对数 p 的关系是（　）。',
    correct: 'n₁ = 60f / p',
    distractors: ['n₁ = 60p / f', 'n₁ = f / (60p)', 'n₁ = 60fp'],
  },
  {
    stem: '一台 4 极三相异步电动机接在 50 Hz 电源上，其同步转速为（　）。',
    correct: '1500 r/min',
    distractors: ['3000 r/min', '1000 r/min', '750 r/min'],
  },
  {
    stem: '接触器自锁控制电路中，自锁触头应与启动按钮（　）。',
    correct: '并联',
    distractors: ['串联', '混联', '不相连接'],
  },
  {
    stem: '电动机正反转控制电路中设置互锁的目的是（　）。',
    correct: '防止正反转接触器同时吸合造成相间短路',
    distractors: ['使电动机能够自动换向', '提高电动机的转速', '减小电动机的启动电流'],
  },
  {
    stem: '三相异步电动机采用星—三角（Y-Δ）降压启动时，启动电流为直接启动时的（　）。',
    correct: '1/3',
    distractors: ['1/√3', '1/2', '3 倍'],
  },
  {
    stem: '星—三角（Y-Δ）降压启动只适用于（　）的三相异步电动机。',
    correct: '正常运行时定子绕组为三角形联结',
    distractors: ['正常运行时定子绕组为星形联结', '绕线转子', '任何联结方式'],
  },
];

/** The questions of a demo knowledge point (`电工-4-安全用电`, `电工-4-电工基础`), thirty each. */
export const demoQuestions: Readonly<Record<string, readonly DemoQuestion[]>> = {
  '电工-4-安全用电': safety,
  '电工-4-电工基础': basics,
};

/**
 * The options A–D of a question with its right answer under `key`, the wrong ones in their written order in the
 * other places: deterministic, so the seed's simulated candidates (who answer by key) get the same paper each run.
 */
export function optionsOf(
  question: DemoQuestion,
  key: 'A' | 'B' | 'C' | 'D',
): Array<{ id: string; text: string }> {
  const wrong = [...question.distractors];
  return (['A', 'B', 'C', 'D'] as const).map((id) => ({
    id,
    text: id === key ? question.correct : (wrong.shift() as string),
  }));
}
