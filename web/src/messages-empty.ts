/**
 * Empty states that say what is empty and, where the reader can act, what to do (issue 15 §2 "empty states
 * everywhere a list can be empty"). `empty.default` is the ConfigProvider's text for any list without its own.
 */
export const emptyMessages = {
  'empty.default': { zh: '暂无内容', en: 'Nothing here yet' },
  'empty.sittings': { zh: '该计划尚无场次', en: 'This plan has no sitting yet' },
  'empty.sittingsAdd': {
    zh: '该计划尚无场次，请点击「新增场次」安排第一场',
    en: 'This plan has no sitting yet: use “Add sitting” to schedule the first',
  },
  'empty.batchErrors': { zh: '名单中没有出错的行', en: 'No row of the roster is in error' },
  'empty.criteria': { zh: '该科目尚无评分细则', en: 'This subject has no scoring criteria yet' },
  'empty.planInstitutions': {
    zh: '该计划尚无参加的评价机构',
    en: 'No institution takes part in this plan yet',
  },
  'empty.staffingChecks': {
    zh: '尚无可核对的配备，请先添加考务人员',
    en: 'Nothing to check yet: add the staff first',
  },
  'empty.blueprint': {
    zh: '组卷蓝图尚无行，请点击「添加一行」',
    en: 'The blueprint has no row yet: add one',
  },
  'empty.subjects': {
    zh: '标准未为该职业等级规定科目',
    en: 'The standard sets no subject for this occupation and level',
  },
  'empty.importErrors': { zh: '本次导入没有出错的行', en: 'No row of this import is in error' },
  'empty.departmentRules': { zh: '该政策包尚无部门规则', en: 'This pack has no department rule yet' },
  'empty.policyVersions': { zh: '尚无已发布的版本', en: 'No version has been published yet' },
  'empty.cosignatures': { zh: '尚无部门会同签署', en: 'No department has co-signed yet' },
  'empty.overrides': { zh: '该草稿尚无省级调整条目', en: 'This draft has no provincial adjustment yet' },
  'empty.correspondence': { zh: '该草稿尚无对应关系条目', en: 'This draft has no correspondence row yet' },
  'empty.oneExam': {
    zh: '该草稿尚无一试多证条目',
    en: 'This draft has no one-exam-several-certificates row yet',
  },
  'empty.fieldChanges': { zh: '该条目的字段没有变化', en: 'No field of this row changed' },
  'empty.simulationSample': { zh: '模拟未涉及任何持证人', en: 'The simulation touched no holder' },
  'empty.designations': { zh: '没有符合条件的省份', en: 'No province matches' },
  'empty.certificateTypes': {
    zh: '没有符合条件的证书类型，请调整筛选条件',
    en: 'No certificate type matches: change the filters',
  },
} as const;
