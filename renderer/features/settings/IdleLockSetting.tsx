import { InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { idleMinutes, validIdleMinutes } from '../../auth/idle';
import { useDeskAuth, useIdleMinutes } from '../../auth/SessionContext';

/** Minutes without input before the desk locks itself; a valid number applies at once. */
export function IdleLockSetting() {
  const { t } = useTranslation('settings');
  const { idle } = useDeskAuth();
  const minutes = useIdleMinutes();
  const [draft, setDraft] = useState<number | null>(minutes);
  const change = (value: number | null) => {
    setDraft(value);
    const valid = validIdleMinutes(value);
    if (valid !== undefined && valid !== idle.get()) idle.set(valid);
  };
  return (
    <Space direction="vertical">
      <label htmlFor="idle-lock-minutes">{t('security.idleLock')}</label>
      <InputNumber
        id="idle-lock-minutes"
        min={idleMinutes.min}
        max={idleMinutes.max}
        precision={0}
        value={draft}
        onChange={change}
        onBlur={() => setDraft(idle.get())}
        suffix={t('security.minutes')}
        style={{ width: 160 }}
      />
      <Typography.Text type="secondary">
        {t('security.idleLockHint', { min: idleMinutes.min, max: idleMinutes.max, count: minutes })}
      </Typography.Text>
    </Space>
  );
}
