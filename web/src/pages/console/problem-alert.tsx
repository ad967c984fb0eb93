import { Alert } from 'antd';
import { ApiError } from '../../api';
import { describeError } from '../../components/error-alert';
import { describeFieldError } from '../../components/validation-text';
import { useI18n } from '../../i18n';

/**
 * A refused request with each of its reasons: a 422 `rule_violation` names the institution and the reason code
 * (issue 6 §2), so every detail is listed rather than the first.
 */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  if (error === undefined || error === null) return null;
  const details = error instanceof ApiError ? error.details : [];
  // A form's field that failed the schema is worded in the page's language (issue 15); a rule's reasons stay whole.
  const isValidation = error instanceof ApiError && error.code === 'validation_failed';
  return (
    <Alert
      type="error"
      showIcon
      data-testid="problem"
      title={describeError(error, t)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {details.map((d) => (
              <li key={`${d.path} ${d.message}`} data-testid="problem-detail">
                {isValidation
                  ? describeFieldError(d, lang)
                  : /^(institutions|sittings)\./.test(d.path)
                    ? d.message
                    : `${d.path}: ${d.message}`}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
