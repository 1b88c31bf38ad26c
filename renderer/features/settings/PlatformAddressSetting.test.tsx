/**
 * The platform address in Settings: editable only in Electron, by an administrator, when the
 * environment does not fix it; read-only (with the reason) in web mode, where the server decides.
 */
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/ipc/contract';
import en from '../../../shared/i18n/locales/en/settings.json';
import zh from '../../../shared/i18n/locales/zh-CN/settings.json';
import { PlatformAddressSetting, readOnlyReason } from './PlatformAddressSetting';

const i18n = createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    ns: ['settings'],
    defaultNS: 'settings',
    resources: { 'zh-CN': { settings: zh }, en: { settings: en } },
    interpolation: { escapeValue: false },
  });
});

const base: AppInfo = {
  name: 'ClinicDesk',
  version: '0.1.0',
  mode: 'electron',
  platform: 'linux',
  versions: {},
  platformUrl: null,
};
const web: AppInfo = {
  ...base,
  mode: 'web',
  platformUrl: 'http://127.0.0.1:5180',
  platformUrlSource: 'server',
};

const render = (info: AppInfo, canConfigure: boolean) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PlatformAddressSetting
        info={info}
        canConfigure={canConfigure}
        save={() => Promise.reject(new Error('not called'))}
        reload={() => undefined}
      />
    </I18nextProvider>,
  );

describe('PlatformAddressSetting', () => {
  it('in web mode shows the server’s platform read-only, even to an administrator', () => {
    const html = render(web, true);
    expect(html).toContain('http://127.0.0.1:5180');
    expect(html).toContain(zh.platformAddress.readOnly.server);
    expect(html).not.toMatch(/<input|<button|<form/);
    expect(readOnlyReason(web, true)).toBe('server');
  });

  it('in Electron lets an administrator type, allow http explicitly and save, by keyboard', () => {
    const html = render(
      { ...base, platformUrl: 'https://platform.example', platformUrlSource: 'settings' },
      true,
    );
    expect(html).toMatch(/<form/);
    // A labelled text field with the current address, a checkbox and a submit button: Enter and
    // Tab reach everything.
    expect(html).toMatch(/<label for="platform-address">新的平台地址<\/label>/);
    expect(html).toMatch(/<input[^>]*id="platform-address"[^>]*value="https:\/\/platform.example"/);
    expect(html).toMatch(/<input[^>]*type="checkbox"/);
    expect(html).toMatch(/<button[^>]*type="submit"/);
    expect(html).not.toContain('tabindex="-1"');
  });

  it('stays read-only for anyone else, and when Electron was started with a platform', () => {
    const settings: AppInfo = {
      ...base,
      platformUrl: 'https://platform.example',
      platformUrlSource: 'settings',
    };
    expect(render(settings, false)).toContain(zh.platformAddress.readOnly.notAdmin);
    expect(render(settings, false)).not.toMatch(/<input/);
    const environment: AppInfo = { ...settings, platformUrlSource: 'environment' };
    expect(render(environment, true)).toContain(zh.platformAddress.readOnly.environment);
    expect(render(environment, true)).not.toMatch(/<input/);
  });

  it('has words for every refusal, in both languages', () => {
    for (const code of ['invalid', 'scheme', 'credentials', 'httpsRequired', 'fixed', 'failed'] as const) {
      expect(zh.platformAddress.errors[code], code).toBeTruthy();
      expect(en.platformAddress.errors[code], code).toBeTruthy();
    }
  });
});
