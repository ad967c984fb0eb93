import { Card, Col, Row, Select, Space, Spin, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../i18n';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { asOfSuffix, useAsOf } from './explain-parts';
import './explain.css';

/** 政策解读 (issue 14 §1): every certificate type by department, each province's arrangements, what changed. */
export function ExplainIndexPage() {
  const { t, pick } = useI18n();
  const asOf = useAsOf();
  const navigate = useNavigate();
  const catalog = useRegistryCatalog();
  const suffix = asOfSuffix(asOf);
  if (catalog.types.length === 0) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <div className="hutong-explain" data-testid="explain-index">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('ex.indexTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ex.indexSubtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('ex.pickProvince')}
          placeholder={t('ex.pickProvince')}
          style={{ minWidth: 180 }}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="ex-pick-province"
          options={catalog.provinces.map((r) => ({ value: r.code, label: pick(r.nameZh, r.nameEn) }))}
          onChange={(code: string) => navigate(`/explain/regions/${code}${suffix}`)}
        />
        <Link to={`/explain/changes${suffix}`}>{t('ex.changesTitle')}</Link>
        <Link to="/faq">{t('nav.faq')}</Link>
      </Space>
      <Row gutter={[16, 16]}>
        {catalog.departments.map((d) => {
          const types = catalog.types.filter((type) => type.department === d.id);
          if (types.length === 0) return null;
          return (
            <Col xs={24} md={12} key={d.id}>
              <Card size="small" title={pick(d.nameZh, d.nameEn)} data-testid={`ex-department-${d.id}`}>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {types.map((type) => (
                    <li key={type.id} style={{ padding: '4px 0' }}>
                      <Link to={`/explain/types/${type.id}${suffix}`}>{pick(type.nameZh, type.nameEn)}</Link>
                    </li>
                  ))}
                </ul>
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
