import { Alert, App, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api';
import { describeError } from '../../components/error-alert';
import { credentialApi, type PublicCredentialRequest } from '../../credential-api';
import { withChallenge } from '../../credentials/pow';
import { type Translate, useI18n } from '../../i18n';
import type { HostedResult, PublicQuery, PublicResult } from '../../query-types';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { HostedCard } from './hosted-card';
import { PowProgress } from './pow-progress';
import { QueryAnswer } from './query-answer';
import { QueryForm } from './query-form';

type Phase = 'idle' | 'solving' | 'searching' | 'done';

function errorText(error: unknown, t: Translate): { title: string; detail?: string; type: 'info' | 'error' } {
  if (error instanceof ApiError && error.status === 404)
    return { title: t('query.notFound'), detail: t('query.notFoundHint'), type: 'info' };
  if (error instanceof ApiError && error.status === 429)
    return {
      title:
        error.retryAfter !== undefined
          ? t('query.tooMany', { seconds: error.retryAfter })
          : t('query.tooManyLater'),
      type: 'error',
    };
  return { title: describeError(error, t), type: 'error' };
}

/** What to ask for when printing a hosted result: its `ref`, else the name and number the person typed. */
function printRequest(item: HostedResult, query: PublicQuery): PublicCredentialRequest | null {
  if (item.ref) return { ref: item.ref };
  if ('number' in query) return { name: query.name, number: query.number, type: item.type };
  return null;
}

/** 证书查询 (一网通查, issue 5 §1): public; a proof-of-work solved in a worker precedes each query. */
export function QueryPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const catalog = useRegistryCatalog();
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [answer, setAnswer] = useState<{ query: PublicQuery; items: PublicResult[] } | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [printing, setPrinting] = useState<number | null>(null);

  const onProgress = (fraction: number) => {
    setProgress(fraction);
    if (fraction < 1) setPhase('solving');
  };

  const search = async (query: PublicQuery) => {
    setPhase('solving');
    setProgress(0);
    setError(undefined);
    setAnswer(null);
    try {
      const { items } = await withChallenge((pow) => {
        setPhase('searching');
        return credentialApi.search(query, pow);
      }, onProgress);
      setAnswer({ query, items });
    } catch (cause) {
      setError(cause);
    } finally {
      setPhase('done');
    }
  };

  const print = async (item: HostedResult, index: number, query: PublicQuery) => {
    const body = printRequest(item, query);
    if (!body) return;
    setPrinting(index);
    try {
      const issued = await withChallenge(
        (pow) => credentialApi.forPublic(body, pow),
        () => undefined,
      );
      navigate(`/print/${issued.id}`);
    } catch (cause) {
      message.error(errorText(cause, t).title);
      setPrinting(null);
    }
  };

  const shown = error === undefined ? null : errorText(error, t);
  const isBusy = phase === 'solving' || phase === 'searching';
  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('query.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('query.subtitle')}</Typography.Paragraph>
      <QueryForm isBusy={isBusy} onSubmit={(q) => void search(q)} />
      {phase === 'solving' ? <PowProgress fraction={progress} /> : null}
      {phase === 'searching' ? <Spin style={{ display: 'block', margin: 24 }} /> : null}
      {shown ? (
        <Alert
          type={shown.type}
          showIcon
          data-testid="query-error"
          title={shown.title}
          description={shown.detail}
          style={{ maxWidth: 560, marginTop: 16 }}
        />
      ) : null}
      {answer ? (
        <QueryAnswer
          answer={answer}
          renderHosted={(item, index) => (
            <HostedCard
              // Results have no id; the list is replaced whole, so the index is a stable key.
              key={index}
              item={item}
              catalog={catalog}
              canPrint={printRequest(item, answer.query) !== null}
              isPrinting={printing === index}
              onPrint={() => void print(item, index, answer.query)}
            />
          )}
        />
      ) : null}
    </div>
  );
}
