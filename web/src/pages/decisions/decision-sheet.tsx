import type { ReactNode } from 'react';
import { qrSvgUrl, verifyPath } from '../../credential-api';
import { chinaDate } from '../../format';
import type { RegistryCatalog } from '../registry/use-registry-catalog';
import { type DecisionCredential, exemptText, type Intake, outcomeText } from './decision-api';
import type { DecisionBasis, DecisionFields } from './decision-fields';
import '../print/print-sheet.css';

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

function Basis({ basis, catalog }: { basis: DecisionBasis[]; catalog: RegistryCatalog }) {
  return (
    <span className="en">
      依据 Basis:{' '}
      {basis
        .map(
          (b) => `${b.certificateType ? catalog.typeName(b.certificateType) : '—'} ${b.numberMasked ?? ''}`,
        )
        .join('；')}
    </span>
  );
}

/**
 * The A4 互认决定书 (issue 13 item 7): the holder, each exemption and deemed level with its basis, the policy
 * versions, the outcomes the departments recorded, and the QR code that verifies it like a certificate.
 */
export function DecisionSheet(props: {
  issued: DecisionCredential;
  fields: DecisionFields;
  intakes: Intake[];
  catalog: RegistryCatalog;
}) {
  const { issued, fields: f, intakes, catalog } = props;
  const verifyUrl = issued.qr.mode === 'link' ? issued.qr.text : `${location.origin}${verifyPath(issued)}`;
  return (
    // A printed document, bilingual by design whatever the page's language: not the page's words.
    <article className="hutong-sheet" data-testid="decision-sheet" data-verbatim="">
      <h1>互认决定书</h1>
      <div className="sheet-subtitle">Mutual Recognition Decision · 职业技能证书互通互认</div>
      <table>
        <tbody>
          <Row zh="持证人" en="Holder" testId="decision-holder">
            {f.holderName ?? '—'}
          </Row>
          <Row zh="证件号码" en="ID number">
            {f.idNumberMasked ?? '—'}
          </Row>
          <Row zh="决定日期 / 地区" en="As of / region">
            {f.asOf ?? '—'} · {f.region ? catalog.regionName(f.region) : '未指明地区 No region given'}
          </Row>
          {f.exemptions.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the credential's own order, never reordered
            <Row key={`e${i}`} zh="免予" en="Exemption" testId={`decision-exemption-${e.target}`}>
              {e.targetNameZh ?? e.target}：{e.exempt.map((x) => exemptText[x]?.zh ?? x).join('、')}
              <span className="en">
                {e.targetNameEn ?? e.target}: {e.exempt.map((x) => exemptText[x]?.en ?? x).join(', ')} (
                {e.rule})
              </span>
              <Basis basis={e.basis} catalog={catalog} />
            </Row>
          ))}
          {f.levels.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the credential's own order, never reordered
            <Row key={`l${i}`} zh="视同等级" en="Deemed level" testId={`decision-level-${l.occupation}`}>
              {l.occupationName ?? l.occupation}（{l.occupation}）视同 {l.deemedLevel} 级
              {l.mayApplyFor ? `，可申报 ${l.mayApplyFor} 级` : ''}
              <span className="en">
                Deemed level {l.deemedLevel}
                {l.mayApplyFor ? `, may apply for level ${l.mayApplyFor}` : ''} ({l.rule})
              </span>
              <Basis basis={l.basis} catalog={catalog} />
            </Row>
          ))}
          <Row zh="政策版本" en="Policy versions">
            全国 national {f.national ?? '—'}
            {f.province ? ` · 省级 province ${f.province}` : ''}
          </Row>
          <Row zh="事实摘要" en="Facts hash (SHA-256)">
            <code style={{ fontSize: '8pt', wordBreak: 'break-all' }}>{f.factsHash ?? '—'}</code>
          </Row>
          <Row zh="有效期" en="Valid" testId="decision-validity">
            {f.validFrom ?? '—'} — {f.validUntil ?? '—'}
          </Row>
          <Row zh="受理结果" en="Intake outcomes" testId="decision-intakes">
            {intakes.length === 0
              ? '尚无 None yet'
              : intakes.map((i) => (
                  <div
                    key={i.department}
                    data-testid={`decision-intake-${i.department}`}
                    data-outcome={i.outcome}
                  >
                    {catalog.departments.find((d) => d.id === i.department)?.nameZh ?? i.department}：
                    {outcomeText[i.outcome].zh} {outcomeText[i.outcome].en}
                    {i.reason ? `（${i.reason}）` : ''} · {chinaDate(i.recordedAt)}
                  </div>
                ))}
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
          <div>签发时间 Issued: {chinaDate(issued.issuedAt)}</div>
          <div>
            任一依据证书被撤销或暂停，本决定书即不再通过验证 · It stops verifying once a basis certificate is
            revoked or suspended
          </div>
        </div>
      </div>
    </article>
  );
}
