import { Alert, Tag } from 'antd';
import { useI18n } from '../../i18n';
import type { CertificateReview, ReviewStatus } from '../../registry-types';

const colors: Record<ReviewStatus, string> = {
  current: 'green',
  overdue: 'red',
  unknown: 'default',
  'not-required': 'default',
};

/**
 * 复审 beside a certificate's status (issue 13 item 5): 待复审 when the review date has passed — the certificate is
 * then not 合法有效 — the date it holds until otherwise; nothing for a type without a review rule.
 */
export function ReviewTag({ review }: { review: CertificateReview | undefined }) {
  const { t } = useI18n();
  if (!review || review.status === 'not-required') return null;
  const text =
    review.status === 'current'
      ? t('review.status.current', { date: review.reviewedUntil ?? '' })
      : t(`review.status.${review.status}`);
  return (
    <Tag color={colors[review.status]} data-testid="review-tag" data-review={review.status}>
      {text}
    </Tag>
  );
}

/** What to do about a certificate awaiting review, in plain words: for its holder, or for anyone checking it. */
export function ReviewAdvice(props: {
  review: CertificateReview | undefined;
  audience: 'holder' | 'public';
}) {
  const { t } = useI18n();
  const { review } = props;
  if (review?.status !== 'overdue') return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="review-advice"
      title={t('review.overdueSince', { date: review.reviewedUntil ?? '' })}
      description={t(props.audience === 'holder' ? 'review.advice' : 'review.advicePublic')}
    />
  );
}
