import { Form } from 'antd';
import { useId, type CSSProperties } from 'react';

/** Native selects look like the antd inputs around them. */
const selectStyle: CSSProperties = {
  minWidth: 160,
  height: 32,
  padding: '0 8px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fff',
  font: 'inherit',
};

/**
 * One labelled native `<select>` of the centre's doctors or departments, with a first choice for
 * none (any doctor, no department, all): reachable with Tab, moved with the arrow keys, and a
 * value is taken only when the person moves to it. The value is '' for that first choice.
 */
export function DirectorySelect({
  label,
  testId,
  noneLabel,
  options,
  value,
  onChange,
  disabled,
}: {
  label: string;
  testId: string;
  noneLabel: string;
  options: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <Form.Item label={label} htmlFor={id} style={{ marginBottom: 0 }}>
      <select
        id={id}
        data-testid={testId}
        style={selectStyle}
        disabled={disabled}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{noneLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Form.Item>
  );
}
