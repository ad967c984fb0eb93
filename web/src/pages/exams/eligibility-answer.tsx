import { Alert, Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { EligibilityAnswer, RequirementStatus, RouteAnswer } from '../../exam-types';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { SentencePair } from '../recognition/result-parts';
import { type EligibilityContext, heldSentence, ignoredSentence } from './eligibility-sentences';

const statusColors: Record<RequirementStatus, string> = { met: 'green', unmet: 'red', unknown: 'default' };
const statusLabel = {
  met: 'rec.condition.met',
  unmet: 'rec.condition.not-met',
  unknown: 'rec.condition.unknown',
} as const;
const requirementKinds = new Set(['level-held', 'years', 'school', 'apprenticeship']);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginTop: 12 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** One 申报条件: its status, its text in both languages, and which of its parts are met. */
function Route({ route }: { route: RouteAnswer }) {
  const { t, lang } = useI18n();
  const [main, other] = lang === 'en' ? [route.textEn, route.textZh] : [route.textZh, route.textEn];
  return (
    <li data-route={route.id} data-status={route.status} style={{ marginBottom: 6 }}>
      <Space size={4} align="start" wrap>
        <Tag color={statusColors[route.status]}>{t(statusLabel[route.status])}</Tag>
        <span>
          <span lang={lang === 'en' ? 'en' : 'zh-CN'}>{main}</span>
          <Typography.Text
            type="secondary"
            lang={lang === 'en' ? 'zh-CN' : 'en'}
            style={{ display: 'block', fontSize: 12 }}
          >
            {other}
          </Typography.Text>
        </span>
        {route.requirements.length > 1 || route.status !== 'met'
          ? route.requirements.map((q) => (
              <Tag key={q.kind} bordered={false} color={statusColors[q.status]} data-requirement={q.kind}>
                {requirementKinds.has(q.kind) ? t(`elig.req.${q.kind}` as MessageKey) : q.kind}
                {' · '}
                {t(statusLabel[q.status])}
              </Tag>
            ))
          : null}
      </Space>
    </li>
  );
}

/**
 * The eligibility answer the way the calculator explains itself: a verdict, the summary sentence, the level held
 * with its certificates and rule, each 申报条件 with met / not met / unknown, and the certificates not counted.
 */
export function EligibilityAnswerView({
  answer,
  ctx,
}: {
  answer: EligibilityAnswer;
  ctx: EligibilityContext;
}) {
  const { t } = useI18n();
  const alreadyHeld = answer.reasonCodes.includes('level-already-held');
  const verdict = answer.eligible ? 'elig.eligible' : alreadyHeld ? 'elig.alreadyHeld' : 'elig.notEligible';
  return (
    <Card
      size="small"
      title={t('elig.result')}
      data-testid="eligibility-result"
      data-eligible={String(answer.eligible)}
      style={{ marginTop: 16 }}
    >
      <Alert
        data-testid="eligibility-verdict"
        type={answer.eligible ? 'success' : alreadyHeld ? 'info' : 'warning'}
        showIcon
        title={t(verdict)}
      />
      {answer.reasonCodes.includes('deemed-level-not-held') ? (
        <Alert
          data-testid="eligibility-deemed-warning"
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          title={t('elig.deemedNotHeld')}
        />
      ) : null}
      <Section title={t('elig.summary')}>
        <div data-testid="eligibility-summary">
          <SentencePair text={{ zh: answer.summaryZh, en: answer.summaryEn }} />
        </div>
      </Section>
      <Section title={t('elig.held')}>
        <div data-testid="held-level" data-rule={answer.heldLevel?.rule ?? ''}>
          <SentencePair text={heldSentence(answer, ctx)} />
        </div>
      </Section>
      {answer.routes.length > 0 ? (
        <Section title={t('elig.routes')}>
          <ul data-testid="eligibility-routes" style={{ margin: 0, paddingInlineStart: 20 }}>
            {answer.routes.map((r) => (
              <Route key={r.id} route={r} />
            ))}
          </ul>
        </Section>
      ) : null}
      {answer.ignored.length > 0 ? (
        <Section title={t('elig.ignored')}>
          {answer.ignored.map((item) => (
            <div
              key={`${item.type}:${item.number}`}
              data-testid={`ignored-${item.number}`}
              data-reason={item.reason}
            >
              <SentencePair text={ignoredSentence(item, ctx)} />
            </div>
          ))}
        </Section>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('elig.decision', { id: answer.decisionId })}
      </Typography.Text>
    </Card>
  );
}
