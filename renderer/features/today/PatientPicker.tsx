import { Button, Empty, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../shared/identity/mask';
import type { PatientDoc } from '../../../shared/patients/schema';
import { useFormatters } from '../../ui/format';
import { FirstSyncSearchNotice } from '../patients/firstSyncSearch';
import { usePatientSearch } from '../patients/hooks';

const searchLimit = 20;

/**
 * A search box and its matches as plain buttons (name, sex, age, masked ID); choosing one calls
 * `onPick`. The buttons stay inline, never in a popup, so they can be tabbed to and clicked.
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
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input
        autoFocus
        data-testid={searchTestId}
        aria-label={t('picker.search')}
        placeholder={t('picker.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <FirstSyncSearchNotice />
      {query.trim() === '' ? (
        <Typography.Text type="secondary">{t('picker.hint')}</Typography.Text>
      ) : results.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('picker.noMatch')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} role="list">
          {results.map((p) => (
            <Button
              key={p.id}
              block
              role="listitem"
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
