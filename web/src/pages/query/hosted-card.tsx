import { Button, Card, Descriptions, Tooltip, Typography } from 'antd';
import { Bilingual } from '../../components/bilingual';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { HostedResult } from '../../query-types';
import { ReviewAdvice, ReviewTag } from '../registry/review-tag';
import { CertificateStatusTag } from '../registry/status-tag';
import type { RegistryCatalog } from '../registry/use-registry-catalog';

/** One certificate Hutong hosts: every field of the answer, its source and how fresh that source is. */
export function HostedCard(props: {
  item: HostedResult;
  catalog: RegistryCatalog;
  canPrint: boolean;
  isPrinting: boolean;
  onPrint: () => void;
}) {
  const { t, lang, pick } = useI18n();
  const { item, catalog } = props;
  const printButton = (
    <Button
      type="primary"
      data-testid="print-certificate"
      disabled={!props.canPrint}
      loading={props.isPrinting}
      onClick={props.onPrint}
    >
      {t('query.print')}
    </Button>
  );
  return (
    <Card
      data-testid="hosted-result"
      title={<Bilingual zh={item.typeNameZh} en={item.typeNameEn} />}
      extra={
        props.canPrint ? printButton : <Tooltip title={t('query.printUnavailable')}>{printButton}</Tooltip>
      }
      style={{ marginBottom: 16 }}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'holder', label: t('col.holder'), children: item.holderName },
          {
            key: 'number',
            label: t('col.number'),
            children: <span data-testid="result-number">{item.number}</span>,
          },
          {
            key: 'issuer',
            label: t('query.issuer'),
            children: `${item.issuer.organization}（${catalog.regionName(item.issuer.region)}）`,
          },
          {
            key: 'validity',
            label: t('query.validity'),
            children: `${item.validFrom} — ${item.validUntil ?? t('cert.noExpiry')}`,
          },
          {
            key: 'status',
            label: t('query.statusToday'),
            children: (
              <span>
                <CertificateStatusTag status={item.status} />
                <ReviewTag review={item.review} />
              </span>
            ),
          },
          {
            key: 'source',
            label: t('query.source'),
            children: (
              <span>
                {pick(item.source.nameZh, item.source.nameEn)} ·{' '}
                {catalog.departmentName(item.source.department)}
                <br />
                <Typography.Text type="secondary" data-testid="result-updated">
                  {t('query.updatedAt', { time: formatDateTime(item.source.updatedAt, lang) })}
                </Typography.Text>
              </span>
            ),
          },
        ]}
      />
      <ReviewAdvice review={item.review} audience="public" />
    </Card>
  );
}
