import { Form } from 'antd';
import type { ReactNode } from 'react';

/**
 * One labelled field of the care-plan forms with its error beside it, translated; the error is
 * announced (role="alert") and tied to the input with aria-describedby by antd.
 */
export function FieldRow({
  label,
  htmlFor,
  error,
  required,
  extra,
  testId,
  children,
}: {
  label: ReactNode;
  htmlFor?: string;
  error?: string | undefined;
  required?: boolean;
  extra?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Form.Item
      label={label}
      htmlFor={htmlFor}
      required={required}
      validateStatus={error ? 'error' : undefined}
      help={error ? <span data-testid={testId ? `${testId}-error` : undefined}>{error}</span> : undefined}
      extra={extra}
    >
      {children}
    </Form.Item>
  );
}
