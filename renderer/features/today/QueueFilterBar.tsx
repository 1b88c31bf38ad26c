import { Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueueFilter } from '../../../shared/appointments/assignment';
import { DirectorySelect } from './DirectorySelect';
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
  // Choosing "all" drops the field from the filter rather than setting it empty.
  const set = (field: 'doctorId' | 'department', chosen: string) => {
    const { [field]: _, ...rest } = value;
    onChange(chosen ? { ...rest, [field]: chosen } : rest);
  };
  return (
    <Form layout="inline" component="div">
      <Space wrap>
        <DirectorySelect
          label={t('filter.doctor')}
          testId="queue-filter-doctor"
          noneLabel={t('filter.all')}
          options={directory.doctors.map((d) => ({ value: d.id, label: d.name }))}
          value={value.doctorId ?? ''}
          onChange={(chosen) => set('doctorId', chosen)}
        />
        <DirectorySelect
          label={t('filter.department')}
          testId="queue-filter-department"
          noneLabel={t('filter.all')}
          options={directory.departments.map((d) => ({ value: d.name, label: d.name }))}
          value={value.department ?? ''}
          onChange={(chosen) => set('department', chosen)}
        />
      </Space>
    </Form>
  );
}
