/**
 * Every translation, bundled: zh-CN is the source language (its JSON defines the typed keys),
 * English mirrors it key for key (a test fails when they differ).
 */
import authEn from './locales/en/auth.json';
import commonEn from './locales/en/common.json';
import patientsEn from './locales/en/patients.json';
import settingsEn from './locales/en/settings.json';
import syncEn from './locales/en/sync.json';
import authZh from './locales/zh-CN/auth.json';
import commonZh from './locales/zh-CN/common.json';
import patientsZh from './locales/zh-CN/patients.json';
import settingsZh from './locales/zh-CN/settings.json';
import syncZh from './locales/zh-CN/sync.json';
import encountersEn from './locales/en/encounters.json';
import encountersZh from './locales/zh-CN/encounters.json';
import todayEn from './locales/en/today.json';
import todayZh from './locales/zh-CN/today.json';
import prescriptionsEn from './locales/en/prescriptions.json';
import prescriptionsZh from './locales/zh-CN/prescriptions.json';
import printEn from './locales/en/print.json';
import printZh from './locales/zh-CN/print.json';
import triageEn from './locales/en/triage.json';
import triageZh from './locales/zh-CN/triage.json';
import followupsEn from './locales/en/followups.json';
import followupsZh from './locales/zh-CN/followups.json';
import contractsEn from './locales/en/contracts.json';
import contractsZh from './locales/zh-CN/contracts.json';
import worklistsEn from './locales/en/worklists.json';
import worklistsZh from './locales/zh-CN/worklists.json';
import carePlansEn from './locales/en/carePlans.json';
import carePlansZh from './locales/zh-CN/carePlans.json';
import resultsEn from './locales/en/results.json';
import resultsZh from './locales/zh-CN/results.json';
import panoramaEn from './locales/en/panorama.json';
import panoramaZh from './locales/zh-CN/panorama.json';

export const namespaces = [
  'common',
  'auth',
  'patients',
  'settings',
  'sync',
  'today',
  'encounters',
  'prescriptions',
  'print',
  'triage',
  'followups',
  'contracts',
  'worklists',
  'carePlans',
  'results',
  'panorama',
] as const;
export type Namespace = (typeof namespaces)[number];

export const resources = {
  'zh-CN': {
    common: commonZh,
    auth: authZh,
    patients: patientsZh,
    settings: settingsZh,
    sync: syncZh,
    today: todayZh,
    encounters: encountersZh,
    prescriptions: prescriptionsZh,
    print: printZh,
    triage: triageZh,
    followups: followupsZh,
    contracts: contractsZh,
    worklists: worklistsZh,
    carePlans: carePlansZh,
    results: resultsZh,
    panorama: panoramaZh,
  },
  en: {
    common: commonEn,
    auth: authEn,
    patients: patientsEn,
    settings: settingsEn,
    sync: syncEn,
    today: todayEn,
    encounters: encountersEn,
    prescriptions: prescriptionsEn,
    print: printEn,
    triage: triageEn,
    followups: followupsEn,
    contracts: contractsEn,
    worklists: worklistsEn,
    carePlans: carePlansEn,
    results: resultsEn,
    panorama: panoramaEn,
  },
} as const;

export const defaultNamespace: Namespace = 'common';
