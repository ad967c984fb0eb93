import { Alert, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ProblemAlert } from './problem-alert';
import { type ArchiveCheck, resultsApi } from './results-api';

/**
 * 档案 (issue 7 §6): verify the plan's sealed archive chain, and — for the admins over it — purge what retention
 * allows (rosters are kept; the rest leaves a tombstone whose hash still verifies).
 */
export function ArchiveCard({ planId }: { planId: string }) {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const [check, setCheck] = useState<ArchiveCheck | null>(null);
  const [purged, setPurged] = useState<{ purged: number; kept: number } | null>(null);
  const [busy, setBusy] = useState<'verify' | 'purge' | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  const run = async (name: 'verify' | 'purge', action: () => Promise<void>) => {
    setBusy(name);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const verify = () => run('verify', async () => setCheck(await resultsApi.verifyArchive(planId)));
  const purge = () =>
    run('purge', async () => {
      setPurged(await resultsApi.purgeArchive(planId));
      setCheck(await resultsApi.verifyArchive(planId));
    });

  return (
    <Card size="small" title={t('res.archive')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('res.archiveHint')}</Typography.Text>
        <Space wrap>
          <Button data-testid="verify-archive" loading={busy === 'verify'} onClick={verify}>
            {t('res.verify')}
          </Button>
          {hasRole('system-admin', 'province-admin') ? (
            <Popconfirm
              title={t('res.purgeConfirm')}
              okText={t('res.purge')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, id: 'confirm-purge' }}
              onConfirm={purge}
            >
              <Button danger data-testid="purge-archive" loading={busy === 'purge'}>
                {t('res.purge')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
        <ProblemAlert error={error} />
        {purged ? (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setPurged(null)}
            data-testid="purge-outcome"
            title={t('res.purged', purged)}
          />
        ) : null}
        {check ? (
          <Alert
            type={check.ok ? 'success' : 'error'}
            showIcon
            closable
            onClose={() => setCheck(null)}
            data-testid="archive-check"
            data-ok={String(check.ok)}
            title={
              check.ok
                ? t('res.archiveOk', { records: check.records, purged: check.purged })
                : t('res.archiveBad')
            }
            description={
              check.problems.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {check.problems.map((p) => (
                    <li key={`${p.position} ${p.reason}`}>
                      {t('res.archiveProblem', { position: p.position, reason: p.reason })}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        ) : null}
      </Space>
    </Card>
  );
}
