import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TriageAttribution } from '../../../shared/encounters/schema';
import { nurseFieldsOf } from '../../../shared/observations/rules';
import { useFormatters } from '../../ui/format';
import { fieldLabel } from './display';

/**
 * Marks what of a consultation's vitals or chief complaint is still the triage nurse's (who and
 * when, and which measurements): the fields the doctor has since changed are the doctor's and
 * are not named. Nothing when no field of `part` is the nurse's.
 */
export function TriageNote({
  triage,
  part,
}: {
  triage: TriageAttribution | undefined;
  part: 'vitals' | 'chiefComplaint';
}) {
  const { t } = useTranslation('encounters');
  const { dateTime } = useFormatters();
  const fields = nurseFieldsOf(triage, part);
  if (!triage || !fields.length) return null;
  const time = dateTime(triage.at);
  return (
    <Tag color="purple" data-testid={part === 'vitals' ? 'enc-triage-vitals' : 'enc-triage-complaint'}>
      {part === 'vitals'
        ? t('triageHandover.takenBy', {
            name: triage.byName,
            time,
            fields: fields.map((f) => fieldLabel(f, t)).join(t('page.listSeparator')),
          })
        : t('triageHandover.complaintBy', { name: triage.byName, time })}
    </Tag>
  );
}
