import { Button, Empty, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../shared/identity/mask';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useFormatters } from '../../ui/format';
import { FirstSyncSearchNotice } from '../patients/firstSyncSearch';
import { usePatientSearch } from '../patients/hooks';
import { useListbox } from '../../ui/useListbox';

const searchLimit = 20;

/**
 * A search box and its matches as plain buttons (name, sex, age, masked ID); choosing one calls
 * `onPick`. The matches stay inline, never in a popup: the arrow keys move through them from the
 * box and Enter takes the highlighted one (`useListbox`), or they are clicked.
 */
export function PatientPicker({
  searchTestId,
  resultTestId,
  disabled,
  onPick,
}: {
  searchTestId: string;
  resultTestId: string;
  disabled?: boolean;
  onPick: (patient: PatientDoc) => void;
}) {
  const { t } = useTranslation(['today', 'patients']);
  const { age } = useFormatters();
  const [query, setQuery] = useState('');
  const results = usePatientSearch(query, searchLimit);
  const shown = query.trim() === '' ? [] : results;
  const listbox = useListbox({
    options: shown.map((p) => ({ key: p.id, disabled })),
    onTake: (id) => {
      const patient = shown.find((p) => p.id === id);
      if (patient) onPick(patient);
    },
    label: t('picker.search'),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input
        autoFocus
        data-testid={searchTestId}
        aria-label={t('picker.search')}
        placeholder={t('picker.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        {...listbox.inputProps}
      />
      <FirstSyncSearchNotice />
      {query.trim() === '' ? (
        <Typography.Text type="secondary">{t('picker.hint')}</Typography.Text>
      ) : results.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('picker.noMatch')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} {...listbox.listProps}>
          {results.map((p) => (
            <Button
              key={p.id}
              block
              {...listbox.optionProps(p.id)}
              data-testid={resultTestId}
              disabled={disabled}
              style={{ justifyContent: 'flex-start' }}
              onClick={() => onPick(p)}
            >
              <Space size="middle">
                <Typography.Text strong>{p.name}</Typography.Text>
                <span>{t(`patients:sex.${p.sex}`)}</span>
                <span>{age(p.birthDate)}</span>
                <Typography.Text type="secondary">{maskIdNumber(p.idNumber)}</Typography.Text>
              </Space>
            </Button>
          ))}
        </Space>
      )}
    </Space>
  );
}
