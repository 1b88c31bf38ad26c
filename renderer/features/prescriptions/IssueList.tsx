import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { lineOfPath } from './builder';

/** One translated error or warning, addressed by its rule path (`items.<index>.<field>`, …). */
export interface Issue {
  path: string;
  message: string;
}

/** The builder's errors (`rx-error`) or warnings (`rx-warning`), each with its line number. */
export function IssueList({
  kind,
  title,
  issues,
}: {
  kind: 'error' | 'warning';
  title: string;
  issues: Issue[];
}) {
  const { t } = useTranslation('prescriptions');
  if (issues.length === 0) return null;
  const testId = kind === 'error' ? 'rx-error' : 'rx-warning';
  return (
    <Alert
      type={kind}
      showIcon
      title={title}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {issues.map((issue, i) => {
            const line = lineOfPath(issue.path);
            return (
              <li key={`${issue.path}-${i}`} data-testid={testId}>
                {line === null
                  ? issue.message
                  : t(kind === 'error' ? 'builder.errorAt' : 'builder.warningAt', {
                      line,
                      message: issue.message,
                    })}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
