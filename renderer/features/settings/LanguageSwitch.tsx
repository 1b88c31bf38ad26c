import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { supportedLocales, type Locale } from '../../../shared/ipc/contract';
import { host } from '../../host';
import { changeLocale } from '../../i18n';

const labels: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** Chooses the interface language; the choice persists and is passed on to the host. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const choose = async (locale: Locale) => {
    await changeLocale(locale);
    await host.setLocale(locale);
  };
  return (
    <Segmented
      aria-label="language"
      value={i18n.language}
      options={supportedLocales.map((l) => ({ value: l, label: labels[l] }))}
      onChange={(value) => void choose(value as Locale)}
    />
  );
}
