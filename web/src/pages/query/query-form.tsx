import { Button, Form, Input, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { PublicQuery } from '../../query-types';
import { type IdType, idTypes } from '../../registry-types';
import { residentIdProblem } from './id-check';

interface Values {
  name: string;
  idType: IdType;
  idNumber?: string;
  number?: string;
}

type Mode = 'id' | 'number';

/** Name + (ID number | certificate number), both required; a resident ID number is checked before sending. */
export function QueryForm({ isBusy, onSubmit }: { isBusy: boolean; onSubmit: (query: PublicQuery) => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>('id');
  const [form] = Form.useForm<Values>();
  const idType = Form.useWatch('idType', form);

  const submit = (values: Values) => {
    const name = values.name.trim();
    if (mode === 'number') return onSubmit({ name, number: (values.number ?? '').trim() });
    onSubmit({
      name,
      idNumber: (values.idNumber ?? '').trim(),
      ...(values.idType !== 'resident' && { idType: values.idType }),
    });
  };

  return (
    <Form<Values>
      form={form}
      name="public-query"
      layout="vertical"
      initialValues={{ idType: 'resident' }}
      onFinish={submit}
      style={{ maxWidth: 560 }}
    >
      <Tabs
        activeKey={mode}
        onChange={(key) => setMode(key as Mode)}
        items={[
          { key: 'id', label: <span data-testid="mode-id">{t('query.byId')}</span> },
          { key: 'number', label: <span data-testid="mode-number">{t('query.byNumber')}</span> },
        ]}
      />
      <Form.Item
        name="name"
        label={t('query.name')}
        htmlFor="query-name"
        rules={[{ required: true, whitespace: true, message: t('query.nameRequired') }, { max: 64 }]}
      >
        <Input id="query-name" autoComplete="name" />
      </Form.Item>
      {mode === 'id' ? (
        <>
          <Form.Item name="idType" label={t('query.idType')}>
            <Select options={idTypes.map((value) => ({ value, label: t(`idType.${value}`) }))} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('query.idNumber')}
            htmlFor="query-id-number"
            rules={[
              { required: true, whitespace: true, message: t('query.idRequired') },
              { max: 32 },
              {
                validator: async (_, value?: string) => {
                  if (!value?.trim() || idType !== 'resident') return;
                  const problem = residentIdProblem(value);
                  if (problem) throw new Error(t(`query.id.${problem}`));
                },
              },
            ]}
          >
            <Input id="query-id-number" autoComplete="off" />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          name="number"
          label={t('query.number')}
          htmlFor="query-number"
          rules={[{ required: true, whitespace: true, message: t('query.numberRequired') }, { max: 64 }]}
        >
          <Input id="query-number" autoComplete="off" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={isBusy} data-testid="query-submit">
        {t('query.submit')}
      </Button>
    </Form>
  );
}
