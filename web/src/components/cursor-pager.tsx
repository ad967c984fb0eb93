import { Button, Select, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n';

const pageSizes = [20, 50, 100];

/** Pages over a cursor-paginated list: a stack of the cursors that start each page visited so far. */
export function useCursorPages(initialSize = 20) {
  const [starts, setStarts] = useState<Array<string | undefined>>([undefined]);
  const [limit, setLimitState] = useState(initialSize);
  const cursor = starts[starts.length - 1];
  const page = starts.length;

  const goNext = useCallback((next: string) => setStarts((s) => [...s, next]), []);
  const goPrev = useCallback(() => setStarts((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStarts([undefined]), []);
  const setLimit = useCallback((size: number) => {
    setLimitState(size);
    setStarts([undefined]);
  }, []);

  return { cursor, page, limit, goNext, goPrev, reset, setLimit };
}

interface CursorPagerProps {
  page: number;
  limit: number;
  next: string | undefined;
  isLoading: boolean;
  onPrev: () => void;
  onNext: (cursor: string) => void;
  onLimit: (size: number) => void;
}

export function CursorPager({ page, limit, next, isLoading, onPrev, onNext, onLimit }: CursorPagerProps) {
  const { t } = useI18n();
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }} wrap>
      <Button onClick={onPrev} disabled={page <= 1 || isLoading}>
        {t('pager.prev')}
      </Button>
      <Typography.Text>{t('pager.page', { page })}</Typography.Text>
      <Button onClick={() => next && onNext(next)} disabled={!next || isLoading}>
        {t('pager.next')}
      </Button>
      <Select
        aria-label={t('pager.pageSize', { size: limit })}
        value={limit}
        onChange={onLimit}
        style={{ width: 110 }}
        options={pageSizes.map((size) => ({ value: size, label: t('pager.pageSize', { size }) }))}
      />
    </Space>
  );
}
