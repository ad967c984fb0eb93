import { Alert, Card, Divider, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { EvaluationRequest, EvaluationResponse } from '../../recognition-types';
import { AskAboutResult } from '../tickets/ask-about-result';
import { DecisionActions } from './decision-actions';
import {
  exemptionSentence,
  ignoredSentence,
  levelSentence,
  type SentenceContext,
} from './recognition-sentences';
import { RecognitionTrace } from './recognition-trace';
import { ConditionList, ProvisionalTag, SentencePair } from './result-parts';
import type { RecognitionCatalog } from './use-recognition-catalog';
import { useRuleInfo } from './use-rule-info';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 8 }}>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** The answer in plain words: deemed levels, exemptions, the certificates not used, and the trace. */
export function RecognitionResult(props: {
  request: EvaluationRequest;
  response: EvaluationResponse;
  catalog: RecognitionCatalog;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  // The trace names rule and type ids: a technical view for officials, never shown to a worker.
  const isOfficial = user !== null && user !== undefined && user.role !== 'holder';
  const { response, catalog } = props;
  const rules = useRuleInfo(response);
  const ctx: SentenceContext = { request: props.request, response, catalog, rules };
  const policy =
    t('rec.policyUsed', { asOf: response.asOf, national: response.policy.national }) +
    (response.region && response.policy.province
      ? t('rec.policyProvince', {
          region: catalog.regionName(response.region),
          version: response.policy.province,
        })
      : '');
  const nothing = response.levels.length === 0 && response.exemptions.length === 0;

  return (
    <Card data-testid="recognition-result" title={t('rec.result')} style={{ marginTop: 24 }}>
      <Typography.Paragraph type="secondary" data-testid="recognition-policy">
        {policy}
      </Typography.Paragraph>
      {nothing ? <Alert type="info" showIcon title={t('rec.nothing')} style={{ marginBottom: 16 }} /> : null}
      {response.levels.length > 0 ? (
        <Section title={t('rec.levels')}>
          {response.levels.map((level) => (
            <div key={level.occupation} data-testid={`level-${level.occupation}`} data-rule={level.rule}>
              <SentencePair
                text={levelSentence(level, ctx)}
                extra={<ProvisionalTag rule={level.rule} rules={rules} />}
              />
              <ConditionList title={t('rec.conditions')} conditions={level.conditions} />
            </div>
          ))}
        </Section>
      ) : null}
      {response.exemptions.length > 0 ? (
        <Section title={t('rec.exemptions')}>
          {response.exemptions.map((e) => (
            <div
              key={`${e.basis}:${e.target}:${e.rule}`}
              data-testid={`exemption-${e.target}`}
              data-rule={e.rule}
              data-exempt={e.exempt.join(' ')}
            >
              <SentencePair
                text={exemptionSentence(e, ctx)}
                extra={<ProvisionalTag rule={e.rule} rules={rules} />}
              />
              <ConditionList title={t('rec.exemptionConditions')} conditions={e.conditions ?? []} />
            </div>
          ))}
        </Section>
      ) : null}
      {response.ignored.length > 0 ? (
        <Section title={t('rec.ignored')}>
          {response.ignored.map((item) => (
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
      {isOfficial && response.trace && response.trace.length > 0 ? (
        <>
          <Divider style={{ margin: '8px 0' }} />
          <RecognitionTrace trace={response.trace} catalog={catalog} rules={rules} />
        </>
      ) : null}
      <DecisionActions response={response} />
      <AskAboutResult response={response} firstType={props.request.certificates[0]?.type} />
    </Card>
  );
}
