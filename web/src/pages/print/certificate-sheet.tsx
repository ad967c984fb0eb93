import type { ReactNode } from 'react';
import { qrSvgUrl, verifyPath } from '../../credential-api';
import type { IssuedCredential } from '../../credential-types';
import type { CredentialFields } from '../../credentials/credential-fields';
import { chinaDate } from '../../format';
import { messages } from '../../messages';
import type { Level } from '../../types';
import type { RegistryCatalog } from '../registry/use-registry-catalog';
import './print-sheet.css';

/** A label as printed: the Chinese, with the English beneath it. */
function Row({ zh, en, children, testId }: { zh: string; en: string; children: ReactNode; testId?: string }) {
  return (
    <tr>
      <th>
        {zh}
        <span className="en">{en}</span>
      </th>
      <td data-testid={testId}>{children}</td>
    </tr>
  );
}

function Both({ zh, en }: { zh: string | null | undefined; en: string | null | undefined }) {
  if (!zh) return <>—</>;
  return (
    <>
      {zh}
      {en && en !== zh ? <span className="en">{en}</span> : null}
    </>
  );
}

const idTypeKey = (idType: string) => `idType.${idType}` as keyof typeof messages;

/**
 * The A4 certificate (issue 5 §6): Chinese layout, English beside every label, every field of the credential,
 * and the QR code a phone scans to verify it.
 */
export function CertificateSheet(props: {
  issued: IssuedCredential;
  fields: CredentialFields;
  catalog: RegistryCatalog;
  levels: Level[];
}) {
  const { issued, fields: f, catalog, levels } = props;
  const department = catalog.departments.find((d) => d.id === f.department);
  const region = catalog.regions.find((r) => r.code === f.issuerRegion);
  const level = levels.find((l) => l.id === f.level);
  const idType = f.idType ? messages[idTypeKey(f.idType)] : undefined;
  // In link mode the QR carries the link itself; a QR carrying the whole credential gets the link printed beside.
  const verifyUrl = issued.qr.mode === 'link' ? issued.qr.text : `${location.origin}${verifyPath(issued)}`;
  return (
    // A printed document, bilingual by design (issue 5 §6) whatever the page's language: not the page's words.
    <article className="hutong-sheet" data-testid="certificate-sheet" data-verbatim="">
      <h1>职业技能证书</h1>
      <div className="sheet-subtitle">
        Vocational Skill Certificate · {f.typeNameZh ?? ''} {f.typeNameEn ?? ''}
      </div>
      <table>
        <tbody>
          <Row zh="持证人" en="Holder" testId="sheet-holder">
            {f.holderName ?? '—'}
          </Row>
          <Row zh="证件类型" en="ID type">
            <Both zh={idType?.zh ?? f.idType} en={idType?.en} />
          </Row>
          <Row zh="证件号码" en="ID number">
            {f.idNumberMasked ?? '—'}
          </Row>
          <Row zh="证书名称" en="Certificate">
            <Both zh={f.typeNameZh ?? f.type} en={f.typeNameEn} />
          </Row>
          <Row zh="证书编号" en="Certificate number" testId="sheet-number">
            {f.number ?? '—'}
          </Row>
          <Row zh="发证部门" en="Issuing department">
            <Both zh={department?.nameZh ?? f.department} en={department?.nameEn} />
          </Row>
          <Row zh="发证机关" en="Issuing organisation">
            {f.issuerOrganization ?? '—'}
          </Row>
          <Row zh="发证地区" en="Issuing region">
            <Both zh={region?.nameZh ?? f.issuerRegion} en={region?.nameEn} />
          </Row>
          {f.occupationCode ? (
            <Row zh="职业（工种）" en="Occupation">
              {f.occupationCode} {f.occupationName}
            </Row>
          ) : null}
          {f.level ? (
            <Row zh="等级" en="Level">
              <Both
                zh={level ? [level.gradeZh, level.nameZh].filter(Boolean).join(' ') : f.level}
                en={level?.nameEn}
              />
            </Row>
          ) : null}
          <Row zh="生效日期" en="Valid from">
            {f.validFrom ?? '—'}
          </Row>
          <Row zh="有效期至" en="Valid until">
            {f.validUntil ?? <Both zh="长期有效" en="No expiry" />}
          </Row>
        </tbody>
      </table>
      <div className="sheet-foot">
        <img className="sheet-qr" data-testid="sheet-qr" src={qrSvgUrl(issued.id)} alt="二维码 QR code" />
        <div className="sheet-meta">
          <strong>扫描二维码验证 Scan to verify</strong>
          <div data-testid="sheet-verify-url">{verifyUrl}</div>
          <div>
            凭证编号 Credential ID: <span data-testid="sheet-credential-id">{issued.id}</span>
          </div>
          <div>签发方 Issuer: {f.issuerName ?? '—'}</div>
          <div>签发时间 Issued: {chinaDate(issued.issuedAt)}</div>
          <div>
            本证书为 W3C 可验证凭证 (VC 2.0) 的打印件 · Printed from a W3C Verifiable Credential (VC 2.0)
          </div>
        </div>
      </div>
    </article>
  );
}
