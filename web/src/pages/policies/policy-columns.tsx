import { Space, type TableColumnsType, Tag, Typography } from 'antd';
import { withoutEnglishNotes } from '../../format';
import { useI18n } from '../../i18n';
import type {
  CorrespondenceRow,
  DepartmentRule,
  NationalRule,
  OneExamMultiCert,
  Override,
} from '../../policy-types';
import type { ExemptionCode, RuleEvidence } from '../../recognition-types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { useNationalRules } from '../recognition/use-rule-info';

function Code({ children }: { children: string }) {
  return <Typography.Text code>{children}</Typography.Text>;
}

export function ExemptTags({ codes }: { codes: readonly ExemptionCode[] }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {codes.map((code) => (
        <Tag key={code} color="blue">
          {t(`exempt.${code}`)}
        </Tag>
      ))}
    </Space>
  );
}

const evidenceColors: Record<RuleEvidence, string> = {
  attachment: 'green',
  'notice-text': 'green',
  'general-clause': 'default',
  provisional: 'warning',
};

export function EvidenceTag({ evidence }: { evidence: RuleEvidence }) {
  const { t } = useI18n();
  return <Tag color={evidenceColors[evidence]}>{t(`pol.evidence.${evidence}`)}</Tag>;
}

function period(from: string, until: string | null | undefined, onwards: string): string {
  return until ? `${from} – ${until}` : `${from} ${onwards}`;
}

/**
 * Column sets of the policy tables, shared by the catalog's read-only view and the draft editor. Rows are read in
 * words: a rule a row changes by what it grants, not by its id; ids and condition codes are for the technical view
 * (`idColumn`, which the editor adds, and the officials' expanded rows).
 */
export function usePolicyColumns(catalog: RecognitionCatalog) {
  const { t, pick, lang } = useI18n();
  const nationalRules = useNationalRules();
  const ruleWords = (ruleId: string) => {
    const rule = nationalRules.find((r) => r.id === ruleId);
    if (!rule) return <Code>{ruleId}</Code>;
    const from = rule.from.map((id) => catalog.typeName(id)).join('、');
    return (
      <span title={ruleId}>
        {from} → {rule.kind === 'exemption' ? catalog.typeName(rule.to) : occupation(rule.occupation)}
      </span>
    );
  };
  const types = (ids: readonly string[]) => (
    <Space orientation="vertical" size={0}>
      {ids.map((id) => (
        <span key={id} title={id}>
          {catalog.typeName(id)}
        </span>
      ))}
    </Space>
  );
  function occupation(code: string) {
    const o = catalog.occupationByCode.get(code);
    return o ? pick(o.nameZh, o.nameEn) : code;
  }
  const level = (id: string) => {
    const l = catalog.levelById.get(id);
    return l ? [l.gradeZh, pick(l.nameZh, l.nameEn)].filter(Boolean).join(' ') : id;
  };
  const effective = {
    key: 'effective',
    title: t('pol.effective'),
    render: (_: unknown, row: { effectiveFrom: string; effectiveUntil?: string | null }) =>
      period(row.effectiveFrom, row.effectiveUntil, t('pol.openEnded')),
  };
  const id = {
    key: 'id',
    title: t('col.id'),
    render: (_: unknown, row: { id: string }) => <Code>{row.id}</Code>,
  };
  const basis = {
    key: 'basis',
    title: t('pol.basis'),
    render: (_: unknown, row: { basis: string }) =>
      lang === 'zh' ? withoutEnglishNotes(row.basis) : row.basis,
  };

  const rules: TableColumnsType<NationalRule> = [
    {
      key: 'kind',
      title: t('pol.kind'),
      render: (_, rule) => <Tag>{t(`pol.kind.${rule.kind}`)}</Tag>,
    },
    { key: 'from', title: t('pol.from'), render: (_, rule) => types(rule.from) },
    {
      key: 'to',
      title: t('pol.to'),
      render: (_, rule) => (rule.kind === 'exemption' ? types([rule.to]) : occupation(rule.occupation)),
    },
    {
      key: 'grants',
      title: t('pol.grants'),
      render: (_, rule) =>
        rule.kind === 'exemption' ? (
          <ExemptTags codes={rule.exempt} />
        ) : (
          t('pol.deemedArrow', { deemed: level(rule.deemedLevel), next: level(rule.mayApplyFor) })
        ),
    },
    { key: 'clause', title: t('pol.clause'), dataIndex: 'clause' },
    effective,
    {
      key: 'evidence',
      title: t('col.evidence'),
      render: (_, rule) => (
        <span title={rule.note}>
          <EvidenceTag evidence={rule.evidence} />
          {rule.overridable ? <Tag>{t('pol.overridable')}</Tag> : null}
        </span>
      ),
    },
  ];

  const overrides: TableColumnsType<Override> = [
    { key: 'rule', title: t('pol.rule'), render: (_, row) => ruleWords(row.rule) },
    {
      key: 'action',
      title: t('pol.action'),
      render: (_, row) => (
        <Space orientation="vertical" size={4}>
          <Tag color={row.action === 'deny' ? 'red' : 'orange'}>{t(`pol.action.${row.action}`)}</Tag>
          {row.action === 'narrow' && row.targets ? <ExemptTags codes={row.targets} /> : null}
          {row.action === 'condition' && row.condition ? <span>{row.condition.text}</span> : null}
        </Space>
      ),
    },
    basis,
    effective,
  ];

  const departmentRules: TableColumnsType<DepartmentRule> = [
    {
      key: 'action',
      title: t('pol.action'),
      render: (_, row) => (
        <Space orientation="vertical" size={4}>
          <Tag color={row.action === 'deny' ? 'red' : row.action === 'grant' ? 'green' : 'orange'}>
            {t(`pol.action.${row.action}`)}
          </Tag>
          {row.action === 'narrow' ? <ExemptTags codes={row.targets} /> : null}
          {row.action === 'extend' ? <ExemptTags codes={row.add} /> : null}
          {row.action === 'grant' ? <ExemptTags codes={row.exempt} /> : null}
          {row.action === 'condition' ? <span>{row.condition.text}</span> : null}
        </Space>
      ),
    },
    {
      key: 'rule',
      title: t('pol.rule'),
      render: (_, row) =>
        row.action === 'grant' ? (
          <span>
            {types(row.from)} → {catalog.typeName(row.to)}
          </span>
        ) : (
          ruleWords(row.rule)
        ),
    },
    {
      key: 'region',
      title: t('pol.region'),
      render: (_, row) => (row.region ? catalog.regionName(row.region) : t('pol.everywhere')),
    },
    basis,
    effective,
  ];

  const correspondence: TableColumnsType<CorrespondenceRow> = [
    { key: 'from', title: t('pol.from'), render: (_, row) => types(row.from) },
    { key: 'occupation', title: t('col.occupation'), render: (_, row) => occupation(row.occupation) },
    {
      key: 'levels',
      title: t('pol.deemedLevel'),
      render: (_, row) =>
        t('pol.deemedArrow', { deemed: level(row.deemedLevel), next: level(row.mayApplyFor) }),
    },
    basis,
    effective,
  ];

  const oneExam: TableColumnsType<OneExamMultiCert> = [
    { key: 'occupation', title: t('col.occupation'), render: (_, row) => occupation(row.occupation) },
    { key: 'level', title: t('col.level'), render: (_, row) => level(row.level) },
    { key: 'issues', title: t('pol.issues'), render: (_, row) => types(row.issues) },
    basis,
    effective,
  ];

  return { idColumn: id, rules, overrides, departmentRules, correspondence, oneExam };
}
