/**
 * Every translation, bundled: zh-CN is the source language (its JSON defines the typed keys),
 * English mirrors it key for key (a test fails when they differ).
 */
import commonEn from './locales/en/common.json';
import patientsEn from './locales/en/patients.json';
import settingsEn from './locales/en/settings.json';
import commonZh from './locales/zh-CN/common.json';
import patientsZh from './locales/zh-CN/patients.json';
import settingsZh from './locales/zh-CN/settings.json';

export const namespaces = ['common', 'patients', 'settings'] as const;
export type Namespace = (typeof namespaces)[number];

export const resources = {
  'zh-CN': { common: commonZh, patients: patientsZh, settings: settingsZh },
  en: { common: commonEn, patients: patientsEn, settings: settingsEn },
} as const;

export const defaultNamespace: Namespace = 'common';
