import { Card, Col, Row, Table } from 'antd';
import { useCallback } from 'react';
import { call, client, type QueryOf, type ResponseOf } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import type { Named, StatisticsFilter } from '../../statistics-api';
import { useApiData } from '../../use-api-data';

/** 受理统计 (issue 13 item 7): `GET /statistics/intakes`, accepted / refused 互认决定书 per rule, department, province. */
type IntakeFigures = ResponseOf<'/api/v1/statistics/intakes'>;
type Line = IntakeFigures['total'];
type IntakeQuery = QueryOf<'/api/v1/statistics/intakes'>;

const loadIntakes = (f: StatisticsFilter) => {
  const { year: _year, ...query } = f;
  // `level` as read from the URL; the server answers 400 for an unknown one.
  return call(
    client.GET('/api/v1/statistics/intakes', {
      params: { query: { ...query, level: query.level as IntakeQuery['level'] } },
    }),
  );
};

function OutcomeTable<K extends 'rule' | 'department' | 'province'>(props: {
  field: K;
  title: string;
  rows: (Line & Record<K, Named>)[];
}) {
  const { t, pick } = useI18n();
  return (
    <Table<Line & Record<K, Named>>
      size="small"
      pagination={false}
      rowKey={(r) => r[props.field].code}
      dataSource={props.rows}
      data-testid={`intakes-by-${props.field}`}
      locale={{ emptyText: '—' }}
      columns={[
        {
          key: 'name',
          title: props.title,
          render: (_, r) => (
            <span title={r[props.field].code}>{pick(r[props.field].zh, r[props.field].en)}</span>
          ),
        },
        { key: 'accepted', title: t('dec.outcome.accepted'), dataIndex: 'accepted', align: 'right' },
        { key: 'refused', title: t('dec.outcome.refused'), dataIndex: 'refused', align: 'right' },
      ]}
    />
  );
}

export function IntakeFiguresCard({ filter }: { filter: StatisticsFilter }) {
  const { t } = useI18n();
  const load = useCallback(() => loadIntakes(filter), [filter]);
  const { data, error, reload } = useApiData(load);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="intake-figures"
      title={`${t('stat.intakes')}${data ? ` · ${data.total.accepted} / ${data.total.refused}` : ''}`}
    >
      <ErrorAlert error={error} onRetry={reload} />
      {data ? (
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <OutcomeTable field="rule" title={t('dec.rule')} rows={data.byRule} />
          </Col>
          <Col xs={24} xl={7}>
            <OutcomeTable field="department" title={t('dec.department')} rows={data.byDepartment} />
          </Col>
          <Col xs={24} xl={7}>
            <OutcomeTable field="province" title={t('stat.filter.province')} rows={data.byProvince} />
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
