import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { type BankItem, bankApi, type ItemType } from '../../bank-api';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';

interface Values {
  type: ItemType;
  occupation: string;
  level: string;
  knowledgePoint: string;
  stem: string;
  difficulty: number;
  score?: number;
  options?: Array<{ id: string; text: string; correct?: boolean }>;
  truth?: boolean;
  rubric?: Array<{ criterion: string; maxPoints: number }>;
}

const letters = 'ABCDEFGHIJ';
const types: ItemType[] = ['single', 'multiple', 'true-false', 'practical'];

function initialValues(item: BankItem | undefined): Values {
  if (!item)
    return {
      type: 'single',
      occupation: '6-31-01-03',
      level: '4',
      knowledgePoint: '',
      stem: '',
      difficulty: 0.5,
      score: 1,
      options: [0, 1, 2, 3].map((i) => ({ id: letters[i] ?? 'A', text: '' })),
    };
  const v = item.current;
  const answer = Array.isArray(v.answer) ? v.answer : [];
  return {
    type: item.type,
    occupation: item.occupation,
    level: item.level,
    knowledgePoint: item.knowledgePoint,
    stem: v.stem,
    difficulty: v.difficulty,
    score: v.score,
    options: v.options.map((o) => ({ ...o, correct: answer.includes(o.id) })),
    truth: v.answer === true,
    rubric: v.rubric ?? [],
  };
}

/** The body the API takes: the content fields of the item's type (the server validates and names bad fields). */
function toBody(values: Values): Record<string, unknown> {
  const base = { type: values.type, stem: values.stem, difficulty: values.difficulty };
  if (values.type === 'practical') return { ...base, rubric: values.rubric ?? [] };
  if (values.type === 'true-false') return { ...base, answer: values.truth === true, score: values.score };
  const options = (values.options ?? []).map((o, i) => ({ id: o.id || (letters[i] ?? 'X'), text: o.text }));
  const answer = (values.options ?? []).flatMap((o, i) => (o.correct ? [options[i]?.id ?? ''] : []));
  return { ...base, options, answer, score: values.score };
}

/** 新建 / 修订 (issue 7 §1): one form per type — options with the correct ones ticked, or a rubric. */
export function ItemFormModal(props: { item?: BankItem; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch('type', form) ?? props.item?.type ?? 'single';
  const editing = props.item !== undefined;

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const body = toBody(values);
      const saved = props.item
        ? await bankApi.update(props.item.id, {
            ...body,
            baseVersion: props.item.currentVersion,
            knowledgePoint: values.knowledgePoint,
          })
        : await bankApi.create({
            ...body,
            occupation: values.occupation,
            level: values.level,
            knowledgePoint: values.knowledgePoint,
          });
      message.success(t('bank.saved', { version: saved.currentVersion }));
      props.onSaved();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={editing ? t('bank.edit') : t('bank.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={save}
      onCancel={props.onClose}
    >
      <Form form={form} layout="vertical" initialValues={initialValues(props.item)}>
        <Space wrap>
          <Form.Item name="type" label={t('bank.col.type')} rules={[{ required: true }]}>
            <Select
              disabled={editing}
              style={{ width: 140 }}
              options={types.map((v) => ({ value: v, label: t(`bank.type.${v}`) }))}
            />
          </Form.Item>
          <Form.Item name="occupation" label={t('bank.col.occupation')} rules={[{ required: true }]}>
            <Input disabled={editing} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="level" label={t('bank.col.level')} rules={[{ required: true }]}>
            <Select
              disabled={editing}
              style={{ width: 80 }}
              options={['5', '4', '3', '2', '1'].map((v) => ({ value: v }))}
            />
          </Form.Item>
          <Form.Item name="knowledgePoint" label={t('bank.col.knowledgePoint')} rules={[{ required: true }]}>
            <Input placeholder="电工-4-安全用电-01" style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item name="stem" label={t('bank.stem')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="difficulty" label={t('bank.col.difficulty')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1} step={0.05} />
          </Form.Item>
          {type !== 'practical' && (
            <Form.Item name="score" label={t('bank.col.score')} rules={[{ required: true }]}>
              <InputNumber min={0.5} max={100} step={0.5} />
            </Form.Item>
          )}
        </Space>
        {(type === 'single' || type === 'multiple') && (
          <Form.List name="options">
            {(fields, { add, remove }) => (
              <Form.Item label={t('bank.options')}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'correct']} valuePropName="checked" noStyle>
                      <Checkbox />
                    </Form.Item>
                    <Form.Item name={[field.name, 'id']} noStyle>
                      <Input style={{ width: 56 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'text']}
                      rules={[{ required: true }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input style={{ width: 480 }} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(field.name)}>
                      ✕
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ id: letters[fields.length] ?? '', text: '' })}>
                  {t('bank.addOption')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        )}
        {type === 'true-false' && (
          <Form.Item name="truth" label={t('bank.answer')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: true, label: t('bank.answerTrue') },
                { value: false, label: t('bank.answerFalse') },
              ]}
            />
          </Form.Item>
        )}
        {type === 'practical' && (
          <Form.List name="rubric">
            {(fields, { add, remove }) => (
              <Form.Item label={t('bank.rubric')}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[field.name, 'criterion']}
                      rules={[{ required: true }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input placeholder={t('bank.criterion')} style={{ width: 420 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'maxPoints']}
                      rules={[{ required: true }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber placeholder={t('bank.maxPoints')} min={0.5} max={100} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(field.name)}>
                      ✕
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ criterion: '', maxPoints: 10 })}>
                  {t('bank.addCriterion')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}
