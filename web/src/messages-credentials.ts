/** UI text of the verifiable-credential pages (issue 5): verify, print, my credentials. Chinese first. */
export const credentialMessages = {
  'nav.publicGroup': { zh: '公共服务', en: 'Public services' },
  'nav.query': { zh: '一网通查', en: 'Certificate query' },
  'nav.verify': { zh: '验证凭证', en: 'Verify' },
  'nav.myCredentials': { zh: '我的凭证', en: 'My credentials' },

  'verify.title': { zh: '验证凭证', en: 'Verify a credential' },
  'verify.subtitle': {
    zh: '粘贴可验证凭证，或上传证书上的二维码图片。签名在您的浏览器中核验；联网时同时检查是否已吊销或暂停。',
    en: 'Paste a verifiable credential or upload a photo of the QR code on a certificate. The signature is checked in your browser; when online, revocation and suspension are checked too.',
  },
  'verify.tab.paste': { zh: '粘贴凭证', en: 'Paste a credential' },
  'verify.tab.upload': { zh: '上传二维码图片', en: 'Upload a QR image' },
  'verify.pastePlaceholder': {
    zh: '粘贴电子凭证的内容或二维码中的链接',
    en: 'Paste a vc+jwt credential (eyJ…) or the link from a QR code',
  },
  'verify.submit': { zh: '验证', en: 'Verify' },
  'verify.uploadHint': {
    zh: '选择包含二维码的图片（PNG、JPEG），图片只在本机读取，不会上传',
    en: 'Choose an image with the QR code (PNG, JPEG); it is read on this device and never uploaded',
  },
  'verify.noQr': { zh: '图片中未找到二维码', en: 'No QR code found in the image' },
  'verify.unrecognised': {
    zh: '无法识别：既不是凭证，也不是互通的验证链接',
    en: 'Not recognised: neither a credential nor a Hutong verify link',
  },
  'verify.notFound': { zh: '未找到该凭证', en: 'No such credential' },
  'verify.working': { zh: '正在核验…', en: 'Verifying…' },
  'verify.inBrowser': { zh: '在本浏览器中核验的结果', en: 'Checked in this browser' },
  'verify.onServer': { zh: '服务器核验', en: 'Verify on the server' },
  'verify.serverResult': { zh: '服务器核验的结果', en: 'Checked by the server' },
  'verify.foreignIssuer': {
    zh: '该凭证不是互通签发的：已交由服务器按受信任的签发方核验',
    en: 'Issued by another issuer: verified by the server against its trusted issuers',
  },
  'verify.cachedKeys': {
    zh: '无法联网获取公钥：签名已使用本机缓存的互通公钥（获取于 {time}）核验',
    en: 'The keys could not be fetched: the signature was checked with the copy cached on {time}',
  },
  'verify.freshKeys': { zh: '公钥获取于 {time}', en: 'Keys fetched {time}' },
  'verify.verdict.verified': { zh: '凭证有效', en: 'Credential verified' },
  'verify.verdict.revoked': { zh: '证书已吊销', en: 'Certificate revoked' },
  'verify.verdict.suspended': { zh: '证书已暂停', en: 'Certificate suspended' },
  'verify.verdict.invalid': { zh: '验证未通过', en: 'Not verified' },
  'verify.contentNote': {
    zh: '以下为凭证所载内容，仅在上方验证通过时可信',
    en: 'What the credential states; trust it only when the verdict above is positive',
  },
  'verify.col.check': { zh: '检查项', en: 'Check' },
  'verify.col.result': { zh: '结果', en: 'Result' },
  'verify.col.reason': { zh: '说明', en: 'Reason' },

  'print.title': { zh: '证书', en: 'Certificate' },
  'print.print': { zh: '打印', en: 'Print' },
  'print.back': { zh: '返回', en: 'Back' },
  'print.scan': { zh: '扫描二维码验证', en: 'Scan to verify' },
  'print.notFound': { zh: '未找到该凭证', en: 'No such credential' },

  'mine.title': { zh: '我的凭证', en: 'My credentials' },
  'mine.subtitle': {
    zh: '您名下的每本证书都可以下载为电子凭证，或打印带二维码的证书，任何人都能核验其真伪。',
    en: 'Each of your certificates as an electronic credential to download, or printed with a QR code anyone can verify.',
  },
  'mine.download': { zh: '下载凭证', en: 'Download' },
  'mine.qr': { zh: '二维码', en: 'QR code' },
  'mine.print': { zh: '打印', en: 'Print' },
  'mine.verify': { zh: '验证', en: 'Verify' },
  'mine.none': { zh: '您名下暂无证书', en: 'No certificates in your name' },
  'mine.notHolder': {
    zh: '此账号未关联持证人',
    en: 'This account is not linked to a certificate holder',
  },
  'mine.qrTitle': { zh: '证书 {number} 的二维码', en: 'QR code of certificate {number}' },
} as const satisfies Record<string, { zh: string; en: string }>;
