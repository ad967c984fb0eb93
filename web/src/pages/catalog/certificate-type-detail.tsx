import { Descriptions, type DescriptionsProps, Space, Table, Tag, Typography } from 'antd';
import { TechDetails } from '../../components/tech-details';
import { withoutEnglishNotes } from '../../format';
import { type Translate, useI18n } from '../../i18n';
import type { CertificateType, ProvinceOverride, ValidityRule } from '../../types';
import { useRegistryCatalog } from '../registry/use-registry-catalog';

function reviewText(review: NonNullable<ValidityRule['review']>, t: Translate): string {
  const parts = [t('validity.review', { every: review.everyYears })];
  if (review.extendedEveryYears !== undefined) {
    parts.push(t('validity.reviewExtended', { every: review.extendedEveryYears }));
  }
  parts.push(t('validity.applyBefore', { days: review.applyWithinDaysBefore }));
  if (review.extensionYears !== undefined)
    parts.push(t('validity.extension', { years: review.extensionYears }));
  return parts.join('；');
}

function Overrides({ overrides }: { overrides: ProvinceOverride[] }) {
  const { t } = useI18n();
  const catalog = useRegistryCatalog();
  return (
    <Table<ProvinceOverride>
      size="small"
      pagination={false}
      rowKey={(row) => `${row.region}-${row.issuedBefore ?? ''}-${row.issuedFrom ?? ''}`}
      dataSource={overrides}
      columns={[
        {
          title: t('detail.region'),
          dataIndex: 'region',
          render: (code: string) => catalog.regionName(code),
        },
        {
          title: t('detail.term'),
          dataIndex: 'years',
          render: (years: number | null) =>
            years === null ? t('validity.noTerm') : t('validity.years', { years }),
        },
        { title: t('detail.issuedBefore'), dataIndex: 'issuedBefore', render: (v?: string) => v ?? '—' },
        { title: t('detail.issuedFrom'), dataIndex: 'issuedFrom', render: (v?: string) => v ?? '—' },
        {
          title: t('detail.basis'),
          dataIndex: 'basis',
          render: (basis: string) => withoutEnglishNotes(basis),
        },
      ]}
    />
  );
}

/** Validity rule and number format of one certificate type (the expanded row of the catalog table). */
export function CertificateTypeDetail({ type }: { type: CertificateType }) {
  const { t, pick, lang } = useI18n();
  const { validity, numberFormat } = type;

  const validityItems: DescriptionsProps['items'] = [
    {
      key: 'term',
      label: t('detail.term'),
      children:
        validity.years === null ? t('validity.noTerm') : t('validity.years', { years: validity.years }),
    },
    {
      key: 'review',
      label: t('detail.review'),
      children: validity.review ? reviewText(validity.review, t) : '—',
    },
    {
      key: 'basis',
      label: t('detail.basis'),
      span: 'filled',
      children: (lang === 'zh' ? withoutEnglishNotes(validity.basis) : validity.basis) || '—',
    },
  ];
  if (validity.provinceOverrides.length > 0) {
    validityItems.push({
      key: 'overrides',
      label: t('detail.overrides'),
      span: 'filled',
      children: <Overrides overrides={validity.provinceOverrides} />,
    });
  }

  const formatItems: DescriptionsProps['items'] = [
    {
      key: 'description',
      label: t('detail.description'),
      span: 'filled',
      children: pick(numberFormat.descriptionZh, numberFormat.descriptionEn),
    },
    {
      key: 'examples',
      label: t('detail.examples'),
      children: (
        <Space wrap size={4}>
          {numberFormat.examples.map((example) => (
            <Typography.Text key={example} code copyable>
              {example}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
  ];

  const flags = [
    type.category
      ? `${t('col.category')}: ${type.category.code} ${pick(type.category.nameZh, type.category.nameEn)}`
      : null,
    type.requiresOccupation ? t('detail.requiresOccupation') : null,
    type.issuedOnlyWhereDesignated ? t('detail.designatedOnly') : null,
  ].filter((flag): flag is string => flag !== null);

  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%', minWidth: 0, wordBreak: 'break-word' }}
      data-testid={`detail-${type.id}`}
    >
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        title={t('detail.validity')}
        items={validityItems}
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        title={t('detail.numberFormat')}
        items={formatItems}
      />
      {flags.length > 0 ? (
        <Space wrap>
          {flags.map((flag) => (
            <Tag key={flag} color="geekblue">
              {flag}
            </Tag>
          ))}
        </Space>
      ) : null}
      {/* Where the catalog's facts come from and how numbers are checked: for officials, never for a worker. */}
      <TechDetails testId={`tech-${type.id}`}>
        <Descriptions
          size="small"
          column={1}
          style={{ wordBreak: 'break-all' }}
          items={[
            { key: 'id', label: t('col.id'), children: <Typography.Text code>{type.id}</Typography.Text> },
            {
              key: 'evidence',
              label: t('col.evidence'),
              children: `${t(`evidence.${type.evidence}`)} (${type.evidence})`,
            },
            {
              key: 'pattern',
              label: t('detail.pattern'),
              children: <Typography.Text code>{numberFormat.pattern}</Typography.Text>,
            },
            {
              key: 'checks',
              label: t('detail.checks'),
              children: numberFormat.checks.length ? numberFormat.checks.join(', ') : '—',
            },
            ...(validity.basis ? [{ key: 'basis', label: t('detail.basis'), children: validity.basis }] : []),
            ...(type.note ? [{ key: 'note', label: t('detail.note'), children: type.note }] : []),
            ...(type.sources.length > 0
              ? [{ key: 'sources', label: t('detail.sources'), children: type.sources.join('；') }]
              : []),
          ]}
        />
      </TechDetails>
    </Space>
  );
}
