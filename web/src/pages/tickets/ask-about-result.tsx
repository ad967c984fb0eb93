import { Link } from 'react-router';
import { useI18n } from '../../i18n';

interface RecognitionAnswer {
  region?: string | null;
  exemptions: Array<{ rule: string }>;
  levels: Array<{ rule: string }>;
}

/**
 * 对结果有疑问？向主管部门咨询 (issue 14 §2): opens the ticket form about the decision (a holder's stored one) or the
 * rule the answer rests on, in the answer's province.
 */
export function askLinkOf(
  response: RecognitionAnswer & { decisionId?: unknown },
  firstType?: string,
): string {
  const params = new URLSearchParams();
  const rule = response.exemptions[0]?.rule ?? response.levels[0]?.rule;
  const [topic, ref] =
    typeof response.decisionId === 'string'
      ? ['decision', response.decisionId]
      : rule
        ? ['rule', rule]
        : ['certificate-type', firstType];
  if (ref) {
    params.set('topic', topic);
    params.set('ref', ref);
  }
  if (response.region) params.set('region', `${response.region.slice(0, 2)}0000`);
  return `/tickets/new?${params.toString()}`;
}

export function AskAboutResult(props: { response: RecognitionAnswer; firstType?: string | undefined }) {
  const { t } = useI18n();
  return (
    <div style={{ marginTop: 12 }}>
      <Link to={askLinkOf(props.response, props.firstType)} data-testid="ask-about-result">
        {t('rec.askAboutResult')}
      </Link>
    </div>
  );
}
