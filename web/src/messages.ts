import { attemptMessages } from './messages-attempts';
import { bankMessages } from './messages-bank';
import { credentialMessages } from './messages-credentials';
import { decisionMessages } from './messages-decisions';
import { emptyMessages } from './messages-empty';
import { examMessages } from './messages-exams';
import { institutionMessages } from './messages-institutions';
import { issuanceMessages } from './messages-issuance';
import { jobMessages } from './messages-jobs';
import { paperMessages } from './messages-papers';
import { planConsoleMessages } from './messages-plans';
import { policyMessages } from './messages-policies';
import { queryMessages } from './messages-query';
import { recognitionMessages } from './messages-recognition';
import { registryMessages } from './messages-registry';
import { resultMessages } from './messages-results';
import { statisticsMessages } from './messages-statistics';
import { liveMessages } from './messages-supervision-live';
import { ticketMessages } from './messages-tickets';
import { warningMessages } from './messages-warnings';

/** UI text, Chinese first. `{name}` placeholders are filled by `t(key, { name })`. */
const allMessages = {
  ...emptyMessages,
  ...registryMessages,
  ...recognitionMessages,
  ...policyMessages,
  ...credentialMessages,
  ...queryMessages,
  ...examMessages,
  ...attemptMessages,
  ...institutionMessages,
  ...bankMessages,
  ...planConsoleMessages,
  ...paperMessages,
  ...resultMessages,
  ...statisticsMessages,
  ...warningMessages,
  ...liveMessages,
  ...issuanceMessages,
  ...decisionMessages,
  ...ticketMessages,
  ...jobMessages,
  'app.name': { zh: '互通', en: 'Hutong' },
  'app.tagline': { zh: '职业技能证书互通互认平台', en: 'Vocational certificate mutual recognition' },
  'lang.switch': { zh: 'EN', en: '中文' },
  'lang.switchLabel': { zh: '切换到英文', en: '切换到中文' },

  'nav.catalog': { zh: '证书目录', en: 'Catalog' },
  'nav.admin': { zh: '系统管理', en: 'Administration' },
  'nav.users': { zh: '用户管理', en: 'Users' },
  'nav.audit': { zh: '审计日志', en: 'Audit log' },
  'nav.jobs': { zh: '后台任务', en: 'Jobs' },
  'header.login': { zh: '登录', en: 'Log in' },
  'header.logout': { zh: '退出登录', en: 'Log out' },

  'common.all': { zh: '全部', en: 'All' },
  'common.yes': { zh: '是', en: 'Yes' },
  'common.no': { zh: '否', en: 'No' },
  'common.cancel': { zh: '取消', en: 'Cancel' },
  'common.save': { zh: '保存', en: 'Save' },
  'common.retry': { zh: '重试', en: 'Retry' },
  'common.actions': { zh: '操作', en: 'Actions' },
  'common.never': { zh: '从未', en: 'Never' },
  'common.required': { zh: '必填', en: 'Required' },
  'common.loadingName': { zh: '正在读取…', en: 'Loading…' },
  'common.unknownOption': { zh: '未知（请重新选择）', en: 'Unknown (choose again)' },
  'common.total': { zh: '共 {count} 条', en: '{count} in total' },

  'pager.prev': { zh: '上一页', en: 'Previous' },
  'pager.next': { zh: '下一页', en: 'Next' },
  'pager.page': { zh: '第 {page} 页', en: 'Page {page}' },
  'pager.pageSize': { zh: '{size} 条/页', en: '{size} / page' },

  'error.forbidden': { zh: '无权访问', en: 'Access denied' },
  'error.forbiddenDetail': {
    zh: '您的账号没有执行此操作的权限。如需访问，请联系系统管理员。',
    en: 'Your account is not allowed to do this. Ask a system administrator for access.',
  },
  'error.unauthenticated': { zh: '请先登录', en: 'Please log in' },
  'error.unauthenticatedDetail': {
    zh: '登录已失效或尚未登录。',
    en: 'You are not logged in, or your session has expired.',
  },
  'error.network': {
    zh: '无法连接服务器，请检查网络后重试',
    en: 'Cannot reach the server. Check your connection and try again',
  },
  'error.generic': { zh: '操作没有成功，请稍后再试', en: 'That did not work. Please try again later' },
  'error.server': {
    zh: '服务器暂时出了问题，请稍后再试',
    en: 'Something went wrong on the server. Please try again later',
  },
  'error.validation': {
    zh: '填写的内容不符合要求，请检查后再提交',
    en: 'Some of what you entered is not accepted. Check it and submit again',
  },
  'error.notFound': {
    zh: '没有找到要查看的内容：可能已被删除，或您无权查看',
    en: 'Not found: it may have been removed, or you may not see it',
  },
  'error.conflict': {
    zh: '没有完成：内容已被他人修改或状态已经变化，请刷新后再试',
    en: 'Not done: someone changed it meanwhile or its state moved on. Refresh and try again',
  },
  'error.cosign': {
    zh: '需要相关部门会签后才能发布',
    en: 'The departments concerned must co-sign before this is published',
  },
  'error.rule': { zh: '不符合办理规定，没有完成', en: 'Not done: this goes against a rule' },
  'error.tooMany': { zh: '操作过于频繁，请稍后再试', en: 'Too many requests. Please wait a moment' },
  'error.challenge': { zh: '页面已过期，请刷新后再试', en: 'The page has expired. Refresh and try again' },
  'error.tooLarge': { zh: '文件太大，无法上传', en: 'The file is too large' },
  'error.mediaType': { zh: '不支持这种文件类型', en: 'This file type is not accepted' },
  'error.badGateway': {
    zh: '需要查询的外部系统暂时无法访问，请稍后再试',
    en: 'Another system we need did not answer. Please try again later',
  },
  'error.requestId': { zh: '求助时请提供请求编号', en: 'Request ID for support' },
  'tech.title': { zh: '判定依据 / 技术详情', en: 'Basis / technical details' },
  'common.empty': { zh: '暂无内容', en: 'Nothing here yet' },
  'empty.audit': { zh: '还没有审计记录', en: 'No audit entries yet' },
  'empty.imports': { zh: '还没有导入过数据', en: 'Nothing imported yet' },
  'empty.certificates': {
    zh: '没有符合条件的证书，可以调整筛选条件再查',
    en: 'No certificate matches. Change the filters and search again',
  },
  'empty.holderCertificates': { zh: '此持证人名下没有证书', en: 'No certificates in this person’s name' },
  'empty.tokens': { zh: '此用户还没有 API 令牌', en: 'This user has no API tokens yet' },
  'empty.plans': { zh: '还没有认定计划', en: 'No evaluation plans yet' },
  'nav.menu': { zh: '菜单', en: 'Menu' },
  'page.notFound': { zh: '页面不存在', en: 'Page not found' },
  'page.backToCatalog': { zh: '返回证书目录', en: 'Back to the catalog' },

  'login.title': { zh: '登录互通', en: 'Log in to Hutong' },
  'login.username': { zh: '用户名', en: 'Username' },
  'login.password': { zh: '密码', en: 'Password' },
  'login.submit': { zh: '登录', en: 'Log in' },
  'login.usernameRequired': { zh: '请输入用户名', en: 'Enter your username' },
  'login.passwordRequired': { zh: '请输入密码', en: 'Enter your password' },
  'login.invalid': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'login.tooMany': {
    zh: '尝试次数过多，请 {seconds} 秒后再试',
    en: 'Too many attempts. Try again in {seconds} s',
  },
  'login.tooManyLater': { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts. Try again later' },
  'login.publicCatalog': { zh: '无需登录即可浏览证书目录', en: 'Browse the catalog without logging in' },

  'catalog.title': { zh: '证书目录', en: 'Certificate catalog' },
  'catalog.subtitle': {
    zh: '四部门证书类型、职业申报条件、等级与行政区划',
    en: 'Certificate types, occupations, levels and regions of the four departments',
  },
  'catalog.tab.types': { zh: '证书类型', en: 'Certificate types' },
  'catalog.tab.departments': { zh: '部门', en: 'Departments' },
  'catalog.tab.occupations': { zh: '职业与申报条件', en: 'Occupations' },
  'catalog.tab.levels': { zh: '技能等级', en: 'Levels' },
  'catalog.tab.regions': { zh: '行政区划', en: 'Regions' },

  'col.id': { zh: '标识', en: 'ID' },
  'col.name': { zh: '名称', en: 'Name' },
  'col.department': { zh: '部门', en: 'Department' },
  'col.kind': { zh: '证书类别', en: 'Kind' },
  'col.officialCode': { zh: '官方编码', en: 'Official code' },
  'col.category': { zh: '作业类别', en: 'Category' },
  'col.validity': { zh: '有效期', en: 'Validity' },
  'col.evidence': { zh: '核实情况', en: 'Evidence' },
  'col.code': { zh: '代码', en: 'Code' },
  'col.short': { zh: '简称', en: 'Short name' },
  'col.altShort': { zh: '其他简称', en: 'Other short names' },
  'col.rank': { zh: '序位', en: 'Rank' },
  'col.standard': { zh: '国家职业标准', en: 'National standard' },
  'col.levels': { zh: '等级', en: 'Levels' },

  'kind.qualification': { zh: '职业资格证书', en: 'Qualification' },
  'kind.skill-level': { zh: '职业技能等级证书', en: 'Skill-level certificate' },
  'evidence.V': { zh: '已核实', en: 'Verified' },
  'evidence.V?': { zh: '待确认', en: 'Unconfirmed' },
  'evidence.NOT VERIFIED': { zh: '未核实', en: 'Not verified' },

  'types.search': { zh: '搜索名称、编码或标识', en: 'Search name, code or ID' },
  'types.allDepartments': { zh: '全部部门', en: 'All departments' },
  'types.allKinds': { zh: '全部类别', en: 'All kinds' },
  'validity.years': { zh: '{years} 年', en: '{years} years' },
  'validity.noTerm': { zh: '无固定期限', en: 'No fixed term' },
  'validity.review': { zh: '每 {every} 年复审', en: 'review every {every} years' },
  'validity.reviewExtended': { zh: '符合条件者每 {every} 年复审', en: 'every {every} years if eligible' },
  'validity.applyBefore': { zh: '期满前 {days} 天内申请', en: 'apply within {days} days before expiry' },
  'validity.extension': { zh: '可延期 {years} 年', en: 'extendable by {years} years' },

  'detail.validity': { zh: '有效期规则', en: 'Validity rule' },
  'detail.term': { zh: '有效期', en: 'Term' },
  'detail.review': { zh: '复审', en: 'Review' },
  'detail.basis': { zh: '依据', en: 'Basis' },
  'detail.overrides': { zh: '地方规定', en: 'Provincial rules' },
  'detail.region': { zh: '地区', en: 'Region' },
  'detail.issuedBefore': { zh: '此前颁发', en: 'Issued before' },
  'detail.issuedFrom': { zh: '此后颁发', en: 'Issued from' },
  'detail.numberFormat': { zh: '证书编号格式', en: 'Number format' },
  'detail.description': { zh: '说明', en: 'Description' },
  'detail.pattern': { zh: '正则表达式', en: 'Pattern' },
  'detail.checks': { zh: '校验', en: 'Checks' },
  'detail.examples': { zh: '示例', en: 'Examples' },
  'detail.other': { zh: '其他', en: 'Other' },
  'detail.requiresOccupation': { zh: '须注明职业与等级', en: 'Carries occupation and level' },
  'detail.designatedOnly': { zh: '仅在指定省份颁发', en: 'Issued only where a province designates it' },
  'detail.sources': { zh: '资料来源', en: 'Sources' },
  'detail.note': { zh: '备注', en: 'Note' },

  'occupations.routes': { zh: '申报条件', en: 'Application conditions' },
  'occupations.none': { zh: '无申报条件', en: 'No conditions listed' },
  'regions.search': { zh: '搜索名称或代码', en: 'Search name or code' },

  'role.system-admin': { zh: '系统管理员', en: 'System administrator' },
  'role.department-admin': { zh: '部门管理员', en: 'Department administrator' },
  'role.province-admin': { zh: '省级人社管理员', en: 'Provincial HRSS administrator' },
  'role.institution-operator': { zh: '评价机构操作员', en: 'Evaluation institution operator' },
  'role.supervisor': { zh: '质量督导', en: 'Quality supervisor' },
  'role.holder': { zh: '持证人', en: 'Certificate holder' },

  'users.title': { zh: '用户管理', en: 'Users' },
  'users.create': { zh: '新建用户', en: 'New user' },
  'users.search': { zh: '搜索用户名或姓名', en: 'Search username or name' },
  'users.none': { zh: '没有符合条件的用户', en: 'No user matches' },
  'users.allRoles': { zh: '全部角色', en: 'All roles' },
  'users.edit': { zh: '编辑', en: 'Edit' },
  'users.tokens': { zh: 'API 令牌', en: 'API tokens' },
  'users.institutionUnknown': { zh: '未登记的评价机构', en: 'Unregistered institution' },
  'users.ids': { zh: '标识', en: 'Identifiers' },
  'users.created': { zh: '已创建用户 {username}', en: 'Created user {username}' },
  'users.saved': { zh: '已保存', en: 'Saved' },
  'users.conflict': { zh: '该用户名已存在', en: 'This username is already taken' },
  'users.editTitle': { zh: '编辑用户 {username}', en: 'Edit user {username}' },
  'col.username': { zh: '用户名', en: 'Username' },
  'col.displayName': { zh: '姓名', en: 'Display name' },
  'col.role': { zh: '角色', en: 'Role' },
  'col.scope': { zh: '管辖范围', en: 'Scope' },
  'col.status': { zh: '状态', en: 'Status' },
  'col.createdAt': { zh: '创建时间', en: 'Created' },
  'status.active': { zh: '启用', en: 'Active' },
  'status.inactive': { zh: '停用', en: 'Inactive' },
  'form.usernameRule': {
    zh: '3–64 位小写字母、数字、点、横线或下划线，以字母或数字开头',
    en: '3–64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit',
  },
  'form.passwordMin': { zh: '至少 10 个字符', en: 'At least 10 characters' },
  'form.department': { zh: '部门', en: 'Department' },
  'form.province': { zh: '省份', en: 'Province' },
  'form.provinceOptional': { zh: '省份（可选）', en: 'Province (optional)' },
  'form.institution': { zh: '评价机构', en: 'Institution' },
  'form.institutionHint': { zh: '评价机构标识', en: 'Evaluation institution ID' },
  'form.isActive': { zh: '启用账号', en: 'Account active' },
  'form.newPassword': { zh: '重置密码', en: 'Reset password' },
  'form.newPasswordHint': { zh: '留空则不修改', en: 'Leave empty to keep the current password' },

  'tokens.title': { zh: '{name} 的 API 令牌', en: 'API tokens of {name}' },
  'tokens.label': { zh: '用途', en: 'Label' },
  'tokens.expiresInDays': { zh: '有效天数', en: 'Expires in (days)' },
  'tokens.noExpiryHint': { zh: '留空表示不过期', en: 'Leave empty for no expiry' },
  'tokens.create': { zh: '创建令牌', en: 'Create token' },
  'col.prefix': { zh: '前缀', en: 'Prefix' },
  'col.expiresAt': { zh: '到期时间', en: 'Expires' },
  'col.lastUsedAt': { zh: '最近使用', en: 'Last used' },
  'tokens.active': { zh: '有效', en: 'Active' },
  'tokens.revokedStatus': { zh: '已吊销', en: 'Revoked' },
  'tokens.expired': { zh: '已过期', en: 'Expired' },
  'tokens.revoke': { zh: '吊销', en: 'Revoke' },
  'tokens.revokeConfirm': {
    zh: '吊销后，使用该令牌的程序将立即无法访问。确定吊销？',
    en: 'Programs using this token lose access at once. Revoke it?',
  },
  'tokens.revoked': { zh: '令牌已吊销', en: 'Token revoked' },
  'tokens.createdTitle': { zh: '新令牌已创建', en: 'New token created' },
  'tokens.onceWarning': {
    zh: '令牌只显示这一次，关闭后无法再次查看。请立即复制并妥善保存。',
    en: 'This token is shown only once and cannot be shown again. Copy it now and keep it safe.',
  },
  'tokens.copy': { zh: '复制', en: 'Copy' },
  'tokens.copied': { zh: '已复制', en: 'Copied' },
  'tokens.done': { zh: '我已保存', en: 'I have saved it' },

  'audit.title': { zh: '审计日志', en: 'Audit log' },
  'audit.subtitle': {
    zh: '每条记录以哈希与前一条相连，任何修改、删除或重排都能被发现。',
    en: 'Each entry is hash-linked to the one before, so edits, removals and reordering are detectable.',
  },
  'audit.verify': { zh: '校验哈希链', en: 'Verify chain' },
  'audit.verifyOk': {
    zh: '哈希链完整：已校验 {checked} 条记录',
    en: 'Chain intact: {checked} entries checked',
  },
  'audit.verifyFailed': {
    zh: '哈希链异常：第 {position} 条记录{kind}（已校验 {checked} 条）',
    en: 'Chain broken at position {position}: {kind} ({checked} entries checked)',
  },
  'audit.kind.edited': { zh: '被修改', en: 'edited' },
  'audit.kind.removed': { zh: '被删除', en: 'removed' },
  'audit.kind.reordered': { zh: '顺序被改变', en: 'reordered' },
  'col.position': { zh: '序号', en: 'Position' },
  'col.at': { zh: '时间', en: 'Time' },
  'col.actor': { zh: '操作人', en: 'Actor' },
  'col.action': { zh: '操作', en: 'Action' },
  'col.target': { zh: '对象', en: 'Target' },
  'col.requestId': { zh: '请求编号', en: 'Request ID' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof allMessages;
/**
 * Typed by key only: the texts as plain strings, so indexing by a union of keys stays cheap for TypeScript (a union
 * of ~1,300 literal texts made "union type too complex" errors).
 */
export const messages: Readonly<Record<MessageKey, { readonly zh: string; readonly en: string }>> =
  allMessages;
