/**
 * i18next set up with every namespace bundled; zh-CN first. The chosen language persists in
 * localStorage and is passed to the host so native menus follow it.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { supportedLocales, type Locale } from '../../shared/ipc/contract';
import { defaultNamespace, namespaces, resources } from '../../shared/i18n/resources';

const storageKey = 'clinicdesk.locale';

export function savedLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  return supportedLocales.find((l) => l === saved) ?? 'zh-CN';
}

export function dayjsLocale(locale: Locale): string {
  return locale === 'zh-CN' ? 'zh-cn' : 'en';
}

export async function initI18n(): Promise<typeof i18next> {
  const lng = savedLocale();
  dayjs.locale(dayjsLocale(lng));
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'zh-CN',
    supportedLngs: [...supportedLocales],
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

/** Switches the interface language and remembers it. */
export async function changeLocale(locale: Locale): Promise<void> {
  localStorage.setItem(storageKey, locale);
  dayjs.locale(dayjsLocale(locale));
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}
