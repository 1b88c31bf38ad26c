import { Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { DirectorySelect } from './DirectorySelect';
import type { QueueDirectory } from './queueDirectory';

/** Whom a walk-in or booking is for: a named doctor (or any), and a department (科别, or none). */
export interface Assignment {
  doctorId: string | null;
  department: string;
}

export const unassigned: Assignment = { doctorId: null, department: '' };

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
  return (
    <Form layout="inline" component="div">
      <Space wrap>
        <DirectorySelect
          label={t('assign.doctor')}
          testId="assign-doctor"
          noneLabel={t('assign.anyDoctor')}
          options={directory.doctors.map((d) => ({ value: d.id, label: d.name }))}
          value={value.doctorId ?? ''}
          onChange={(doctorId) => onChange({ ...value, doctorId: doctorId || null })}
          disabled={disabled}
        />
        <DirectorySelect
          label={t('assign.department')}
          testId="assign-department"
          noneLabel={t('assign.noDepartment')}
          options={directory.departments.map((d) => ({ value: d.name, label: d.name }))}
          value={value.department}
          onChange={(department) => onChange({ ...value, department })}
          disabled={disabled}
        />
      </Space>
    </Form>
  );
}
