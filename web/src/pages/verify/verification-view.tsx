import { Alert, Card, Descriptions, Result, Space, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Bilingual } from '../../components/bilingual';
import type { Check, Verification } from '../../credential-types';
import { credentialFields } from '../../credentials/credential-fields';
import { useI18n } from '../../i18n';
import { isDecisionCredential } from '../decisions/decision-fields';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { checkNames, checkStatuses, reasonText } from './check-texts';
import { DecisionSummary } from './decision-summary';
import {
  type ClaimsStanding,
  claimedIssuerLabel,
  claimsNotes,
  type Verdict,
  verificationViewModel,
} from './verification-model';

export { type Verdict, verdictOf } from './verification-model';

const verdictStatus: Record<Verdict, 'success' | 'error' | 'warning'> = {
  verified: 'success',
  revoked: 'error',
  suspended: 'warning',
  invalid: 'error',
};

function CredentialSummary({ payload }: { payload: Record<string, unknown> }) {
  const { t } = useI18n();
  const catalog = useRegistryCatalog();
  const f = credentialFields(payload);
  const validity = `${f.validFrom ?? '—'} — ${f.validUntil ?? t('cert.noExpiry')}`;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      title={<Typography.Text type="secondary">{t('verify.contentNote')}</Typography.Text>}
      items={[
        {
          key: 'holder',
          label: t('col.holder'),
          children: <span data-testid="vc-holder">{f.holderName}</span>,
        },
        { key: 'id', label: t('col.idNumber'), children: f.idNumberMasked ?? '—' },
        {
          key: 'type',
          label: t('col.type'),
          children: <Bilingual zh={f.typeNameZh ?? f.type ?? '—'} en={f.typeNameEn} />,
        },
        { key: 'number', label: t('col.number'), children: f.number ?? '—' },
        {
          key: 'issuer',
          label: t('col.issuerOrg'),
          children: `${f.issuerOrganization ?? '—'}（${f.issuerRegion ? catalog.regionName(f.issuerRegion) : '—'}）`,
        },
        { key: 'validity', label: t('detail.term'), children: validity },
        ...(f.reviewedUntil
          ? [{ key: 'review', label: t('review.reviewedUntil'), children: f.reviewedUntil }]
          : []),
      ]}
    />
  );
}

/** Above a credential's content when it is not verified: whether anyone vouches for it. */
function ClaimsNote({ standing }: { standing: ClaimsStanding }) {
  const { pick } = useI18n();
  if (standing === 'verified') return null;
  const note = claimsNotes[standing];
  return (
    <Alert
      type={standing === 'unverified' ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      title={pick(note.zh, note.en)}
    />
  );
}

/** Each check on its own line: what was checked, its outcome, and why in a sentence (the code for officials). */
function CheckList({ checks, testId }: { checks: readonly Check[]; testId: string }) {
  const { pick } = useI18n();
  const { token } = theme.useToken();
  return (
    <div data-testid={`${testId}-checks`}>
      {checks.map((c) => {
        const text = reasonText(c.reason);
        return (
          <div
            key={c.check}
            data-testid={`${testId}-check-${c.check}`}
            data-status={c.status}
            style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
          >
            <Space size={8} wrap>
              <Typography.Text strong>{pick(checkNames[c.check].zh, checkNames[c.check].en)}</Typography.Text>
              <Tag color={checkStatuses[c.status].color} data-reason={c.reason ?? ''}>
                {pick(checkStatuses[c.status].zh, checkStatuses[c.status].en)}
              </Tag>
            </Space>
            {text ? (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {pick(text.zh, text.en)}
              </Typography.Paragraph>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** One verification: the verdict in large type, each check as a row with its reason, and what the credential says. */
export function VerificationView(props: {
  result: Verification;
  title: string;
  notes?: ReactNode[];
  testId: string;
}) {
  const { t, pick } = useI18n();
  const { result, testId } = props;
  const model = verificationViewModel(result);
  const { verdict } = model;
  return (
    <Card title={props.title} data-testid={testId} style={{ marginTop: 16 }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div data-testid={`${testId}-verdict`} data-verdict={verdict}>
          <Result
            status={verdictStatus[verdict]}
            title={t(`verify.verdict.${verdict}`)}
            subTitle={
              model.issuer ? (
                <span
                  data-testid={`${testId}-issuer`}
                  data-claim={model.issuer.isClaim ? 'unverified' : 'fact'}
                >
                  {model.issuer.isClaim ? `${pick(claimedIssuerLabel.zh, claimedIssuerLabel.en)}：` : ''}
                  {model.issuer.text}
                </span>
              ) : undefined
            }
            style={{ padding: 8 }}
          />
        </div>
        {(props.notes ?? []).map((note, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of notes, never reordered
          <Alert key={i} type="info" showIcon title={note} />
        ))}
        <CheckList checks={result.checks} testId={testId} />
        {result.credential ? (
          <div data-testid={`${testId}-claims`} data-claims={model.claims}>
            <ClaimsNote standing={model.claims} />
            {isDecisionCredential(result.credential) ? (
              <DecisionSummary payload={result.credential} />
            ) : (
              <CredentialSummary payload={result.credential} />
            )}
          </div>
        ) : null}
      </Space>
    </Card>
  );
}
