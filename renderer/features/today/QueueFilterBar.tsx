import { Form, Space } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueFilter } from '../../../shared/appointments/assignment';
import { selectStyle } from './AssignmentFields';
import type { QueueDirectory } from './queueDirectory';

/**
 * What the front desk narrows the day's list to: one doctor's queue (theirs and the unassigned,
 * as that doctor sees it) and/or one department. Native selects, like the dialogs' pickers.
 */
export function QueueFilterBar({
  directory,
  value,
  onChange,
}: {
  directory: QueueDirectory;
  value: QueueFilter;
  onChange: (next: QueueFilter) => void;
}) {
  const { t } = useTranslation('today');
  const doctorId = useId();
  const departmentId = useId();
  return (
    <Form layout="inline" component="div">
      <Space wrap>
        <Form.Item label={t('filter.doctor')} htmlFor={doctorId} style={{ marginBottom: 0 }}>
          <select
            id={doctorId}
            data-testid="queue-filter-doctor"
            style={selectStyle}
            value={value.doctorId ?? ''}
            onChange={(e) => {
              const { doctorId: _, ...rest } = value;
              onChange(e.target.value ? { ...rest, doctorId: e.target.value } : rest);
            }}
          >
            <option value="">{t('filter.all')}</option>
            {directory.doctors.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Form.Item>
        <Form.Item label={t('filter.department')} htmlFor={departmentId} style={{ marginBottom: 0 }}>
          <select
            id={departmentId}
            data-testid="queue-filter-department"
            style={selectStyle}
            value={value.department ?? ''}
            onChange={(e) => {
              const { department: _, ...rest } = value;
              onChange(e.target.value ? { ...rest, department: e.target.value } : rest);
            }}
          >
            <option value="">{t('filter.all')}</option>
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
