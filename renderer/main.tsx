import './zodConfig';
import 'antd/dist/reset.css';
import './app/app.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { logFailure } from './app/failure';
import { IdleSetting } from './auth/idle';
import { pageWasReloaded, ReloadLock } from './auth/reloadLock';
import { deskIdOf, SessionController } from './auth/session';
import { VerifierStore } from './auth/verifier';
import { host } from './host';
import { initI18n, savedLocale } from './i18n';

async function boot() {
  // React's own reports print the error's message, which may name a patient: log kind and code only.
  const root = createRoot(document.getElementById('root') as HTMLElement, {
    onCaughtError: (error) => logFailure('Page failed', error),
    onUncaughtError: (error) => logFailure('Render failed', error),
    onRecoverableError: (error) => logFailure('Render recovered', error),
  });
  await initI18n();
  void host.setLocale(savedLocale());
  const { platformUrl } = await host.appInfo();
  const controller = new SessionController({
    platformUrl,
    verifiers: new VerifierStore(localStorage),
    deskId: deskIdOf(localStorage),
    // A reload returns to the lock screen of whoever was signed in in this tab.
    reloadLock: new ReloadLock(sessionStorage, pageWasReloaded()),
  });
  // The organisation's database opens once someone has signed in (app/Workspace.tsx).
  root.render(<App auth={{ controller, idle: new IdleSetting(localStorage) }} />);
}

void boot();
