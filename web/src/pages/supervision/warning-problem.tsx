import { Alert } from 'antd';
import { ApiError } from '../../api';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';

/**
 * A refused step with the API's code (409 `invalid_transition` when someone else acted first, 400
 * `validation_failed` for a missing reason, 415 for a file type) and each field it names.
 */
export function WarningProblem({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === undefined || error === null) return null;
  if (!(error instanceof ApiError) || error.status === 0 || error.status === 401 || error.status === 403)
    return <ErrorAlert error={error} />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="warning-problem"
      data-code={error.code}
      title={describeError(error, t)}
      description={
        error.details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {error.details.map((d) => (
              <li key={`${d.path} ${d.message}`}>{d.message}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
