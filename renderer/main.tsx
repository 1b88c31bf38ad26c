import 'antd/dist/reset.css';
import './app/app.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { openDatabase } from './db/database';
import { PatientSearchIndex } from './db/searchIndex';
import { initI18n } from './i18n';
import { host } from './host';
import { savedLocale } from './i18n';

async function boot() {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const i18n = await initI18n();
  void host.setLocale(savedLocale());
  try {
    const db = await openDatabase();
    const searchIndex = new PatientSearchIndex(db.patients);
    void searchIndex.catchUp();
    root.render(<App db={db} searchIndex={searchIndex} />);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = i18n.t('storageError', { message });
    document.body.replaceChildren(p);
  }
}

void boot();
