import { Card, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { supportedLocales, type Locale } from '../../../shared/ipc/contract';
import { pageSizeNames, type PageSizeName } from '../../print/pageSize';
import { printT } from '../../print/printText';
import { savePrintSettings, usePrintSettings } from './printSettings';

/** Language names in their own language. */
const languageNames: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** The Settings section for prescription printing: default paper size and slip language. */
export function PrintSettings() {
  const { t, i18n } = useTranslation('prescriptions');
  const settings = usePrintSettings();
  const ui = printT(supportedLocales.find((l) => l === i18n.language) ?? 'zh-CN');
  return (
    <Card title={t('printSettings.title')}>
      <Flex vertical gap="middle">
        <Flex gap="small" align="center" wrap>
          <label htmlFor="print-settings-page-size">{t('printSettings.pageSize')}</label>
          <Select<PageSizeName>
            id="print-settings-page-size"
            data-testid="settings-print-page-size"
            value={settings.pageSize}
            onChange={(pageSize) => savePrintSettings({ pageSize })}
            style={{ minWidth: 200 }}
            options={pageSizeNames.map((name) => ({ value: name, label: ui(`pageSize.${name}`) }))}
          />
        </Flex>
        <Flex gap="small" align="center" wrap>
          <label htmlFor="print-settings-language">{t('printSettings.language')}</label>
          <Select<Locale>
            id="print-settings-language"
            data-testid="settings-print-language"
            value={settings.language}
            onChange={(language) => savePrintSettings({ language })}
            style={{ minWidth: 200 }}
            options={supportedLocales.map((l) => ({ value: l, label: languageNames[l] }))}
          />
        </Flex>
        <Typography.Text type="secondary">{t('printSettings.hint')}</Typography.Text>
      </Flex>
    </Card>
  );
}
