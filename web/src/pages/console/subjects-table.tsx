import { InputNumber, Table } from 'antd';
import type { Subject, SubjectKind } from '../../exam-types';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import type { ExamStandard, SubjectInput } from '../../plan-console-types';

/**
 * The plan's subjects, prefilled from the standard (exams/standards.json). The standard's durations and pass marks
 * are minimums: a plan may be longer or stricter, up to the file's bounds.
 */
export function SubjectsTable(props: {
  subjects: SubjectInput[];
  standard: ExamStandard | undefined;
  onChange?: (subjects: SubjectInput[]) => void;
}) {
  const { t } = useI18n();
  const rule = (kind: SubjectKind) => props.standard?.subjects.find((s) => s.kind === kind);
  const set = (kind: SubjectKind, field: 'durationMinutes' | 'passMark', value: number | null) => {
    if (value === null || !props.onChange) return;
    props.onChange(props.subjects.map((s) => (s.kind === kind ? { ...s, [field]: value } : s)));
  };
  const readOnly = !props.onChange;
  return (
    <Table<SubjectInput>
      locale={{ emptyText: t('empty.subjects') }}
      rowKey="kind"
      size="small"
      pagination={false}
      data-testid="subjects"
      dataSource={props.subjects}
      columns={[
        {
          title: t('pc.subject'),
          dataIndex: 'kind',
          render: (k: SubjectKind) => t(`pc.subject.${k}` as MessageKey),
        },
        {
          title: t('pc.duration'),
          dataIndex: 'durationMinutes',
          render: (value: number, s) =>
            readOnly ? (
              t('pc.minutes', { n: value })
            ) : (
              <InputNumber
                data-testid={`subject-${s.kind}-duration`}
                min={rule(s.kind)?.durationMinutes ?? 1}
                max={props.standard?.bounds.maxDurationMinutes ?? 1440}
                value={value}
                suffix={t('pc.minutesUnit')}
                onChange={(v) => set(s.kind, 'durationMinutes', v)}
              />
            ),
        },
        {
          title: t('pc.passMark'),
          dataIndex: 'passMark',
          render: (value: number, s) =>
            readOnly ? (
              value
            ) : (
              <InputNumber
                data-testid={`subject-${s.kind}-pass`}
                min={rule(s.kind)?.passMark ?? 1}
                max={props.standard?.bounds.maxPassMark ?? 100}
                value={value}
                onChange={(v) => set(s.kind, 'passMark', v)}
              />
            ),
        },
        {
          title: t('pc.fullMark'),
          key: 'fullMark',
          render: (_: unknown, s) => (s as Partial<Subject>).fullMark ?? rule(s.kind)?.fullMark ?? 100,
        },
        {
          title: t('pc.standardMinimum'),
          key: 'minimum',
          render: (_: unknown, s) => {
            const r = rule(s.kind);
            return r ? t('pc.minimum', { minutes: r.durationMinutes, pass: r.passMark }) : '—';
          },
        },
      ]}
    />
  );
}
