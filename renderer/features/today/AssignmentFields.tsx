import { Form, Space } from 'antd';
import { useId, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueDirectory } from './queueDirectory';

/** Whom a walk-in or booking is for: a named doctor (or any), and a department (科别, or none). */
export interface Assignment {
  doctorId: string | null;
  department: string;
}

export const unassigned: Assignment = { doctorId: null, department: '' };

/** Native selects look like the antd inputs around them. */
export const selectStyle: CSSProperties = {
  minWidth: 160,
  height: 32,
  padding: '0 8px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fff',
  font: 'inherit',
};

/**
 * The doctor and department pickers of the walk-in and booking dialogs. They are native
 * `<select>`s: labelled (医生, 科别), reachable with Tab, moved with the arrow keys, and a value
 * is taken only when the person moves to it.
 */
export function AssignmentFields({
  directory,
  value,
  onChange,
  disabled,
}: {
  directory: QueueDirectory;
  value: Assignment;
  onChange: (next: Assignment) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('today');
  const doctorId = useId();
  const departmentId = useId();
  return (
    <Form layout="inline" component="div">
      <Space wrap>
        <Form.Item label={t('assign.doctor')} htmlFor={doctorId} style={{ marginBottom: 0 }}>
          <select
            id={doctorId}
            data-testid="assign-doctor"
            style={selectStyle}
            disabled={disabled}
            value={value.doctorId ?? ''}
            onChange={(e) => onChange({ ...value, doctorId: e.target.value || null })}
          >
            <option value="">{t('assign.anyDoctor')}</option>
            {directory.doctors.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Form.Item>
        <Form.Item label={t('assign.department')} htmlFor={departmentId} style={{ marginBottom: 0 }}>
          <select
            id={departmentId}
            data-testid="assign-department"
            style={selectStyle}
            disabled={disabled}
            value={value.department}
            onChange={(e) => onChange({ ...value, department: e.target.value })}
          >
            <option value="">{t('assign.noDepartment')}</option>
            {directory.departments.map((d) => (
              <option key={d.id} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </Form.Item>
      </Space>
    </Form>
  );
}
