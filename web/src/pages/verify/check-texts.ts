import type { CheckName, CheckStatus } from '../../credential-types';

/** Every check, its outcome and its reason, in Chinese and in English; the page shows one (issue 15 §4). */
interface Text {
  zh: string;
  en: string;
}

export const checkNames: Record<CheckName, Text> = {
  digest: { zh: '二维码摘要', en: 'QR digest' },
  schema: { zh: '凭证格式', en: 'Format' },
  issuer: { zh: '签发方', en: 'Issuer' },
  signature: { zh: '数字签名', en: 'Signature' },
  validity: { zh: '有效期', en: 'Validity period' },
  status: { zh: '吊销与暂停状态', en: 'Revocation and suspension' },
};

export const checkStatuses: Record<CheckStatus, Text & { color: string }> = {
  valid: { zh: '通过', en: 'Passed', color: 'green' },
  invalid: { zh: '未通过', en: 'Failed', color: 'red' },
  error: { zh: '出错', en: 'Error', color: 'orange' },
  skipped: { zh: '未检查', en: 'Skipped', color: 'default' },
};

const reasons: Record<string, Text> = {
  'bad-signature': {
    zh: '签名与凭证内容不符，凭证可能被篡改。',
    en: 'The signature does not match the content: the credential may have been altered.',
  },
  'unknown-key': {
    zh: '签发方没有公布此签名所用的密钥。',
    en: 'The issuer has published no key with this key id.',
  },
  'unknown-issuer': {
    zh: '签发方不在受信任的签发方之列。',
    en: 'The issuer is not among the trusted issuers.',
  },
  expired: { zh: '凭证已超过有效期。', en: 'The credential has expired.' },
  'not-yet-valid': { zh: '凭证尚未生效。', en: 'The credential is not valid yet.' },
  'review-overdue': {
    zh: '证书待复审：已超过复审有效期，复审通过前不属于合法有效证书。持证人应向发证部门申请复审。',
    en: 'Review overdue: the certificate is past its review date and not valid until reviewed. The holder should apply to the issuing department.',
  },
  'bad-review-date': { zh: '凭证的复审日期格式有误。', en: "The credential's review date is malformed." },
  revoked: { zh: '证书已被发证机关吊销。', en: 'The certificate has been revoked by its issuer.' },
  suspended: { zh: '证书已被暂停使用。', en: 'The certificate is suspended.' },
  'status-unavailable': {
    zh: '无法获取状态列表，未能确认证书是否被吊销或暂停。',
    en: 'The status list could not be fetched: revocation and suspension could not be checked.',
  },
  'status-list-invalid': {
    zh: '状态列表的签名无法核验。',
    en: 'The status list did not verify against its issuer.',
  },
  'malformed-status': { zh: '凭证的状态信息格式有误。', en: "The credential's status entry is malformed." },
  'no-status-list': { zh: '凭证未登记状态列表。', en: 'The credential names no status list.' },
  offline: {
    zh: '当前离线，未能检查吊销与暂停状态。',
    en: 'Offline: revocation and suspension were not checked.',
  },
  'wrong-typ': { zh: '凭证标头的 typ 不是 vc+jwt。', en: 'The header typ is not vc+jwt.' },
  'wrong-cty': { zh: '凭证标头的 cty 不是 vc。', en: 'The header cty is not vc.' },
  unsecured: {
    zh: '未签名的凭证（alg 为 none）不予接受。',
    en: 'An unsecured credential (alg none) is refused.',
  },
  'unsupported-algorithm': { zh: '不接受该签名算法。', en: 'This signature algorithm is not accepted.' },
  'unsupported-crit': {
    zh: '凭证含有无法识别的关键标头扩展。',
    en: 'The credential has a critical header extension that is not understood.',
  },
  'forbidden-claim': {
    zh: '凭证含有 VC 2.0 禁止使用的 vc 或 vp 声明。',
    en: 'The credential uses the vc or vp claims, which VC 2.0 forbids here.',
  },
  'issuer-mismatch': {
    zh: 'iss 声明与凭证的签发方不一致。',
    en: 'The iss claim does not agree with the issuer.',
  },
  'wrong-context': {
    zh: '@context 的第一项不是 W3C VC 2.0。',
    en: '@context does not start with the W3C VC 2.0 context.',
  },
  'not-a-credential': {
    zh: 'type 中没有 VerifiableCredential。',
    en: 'type does not include VerifiableCredential.',
  },
  'missing-issuer': { zh: '凭证缺少签发方。', en: 'The issuer is missing.' },
  'missing-subject': { zh: '凭证缺少主体（credentialSubject）。', en: 'credentialSubject is missing.' },
  'bad-date': { zh: '凭证中的日期格式有误。', en: 'A date in the credential is not a valid dateTime.' },
  malformed: { zh: '这不是有效的凭证（紧凑 JWS）。', en: 'This is not a credential (compact JWS).' },
  'digest-mismatch': {
    zh: '凭证与二维码中的摘要不一致，可能已被替换。',
    en: 'The credential does not match the digest in the QR code: it may have been replaced.',
  },
  'no-digest': {
    zh: '链接中没有摘要，未作比对。',
    en: 'The link carries no digest: nothing to compare.',
  },
  'keys-unavailable': {
    zh: '无法获取互通的公钥，本机也没有缓存。',
    en: "Hutong's keys could not be fetched and no copy is cached.",
  },
  'not-checked': {
    zh: '因前面的检查未通过，此项未检查。',
    en: 'Not checked because an earlier check failed.',
  },
};

export function reasonText(reason: string | undefined): Text | null {
  if (!reason) return null;
  // A reason this page does not know yet: said in general words, never as a bare code.
  return reasons[reason] ?? { zh: '凭证未通过此项检查。', en: 'The credential did not pass this check.' };
}
