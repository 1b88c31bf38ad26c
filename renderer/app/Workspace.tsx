import { Result, Spin } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { openDatabase } from '../db/database';
import { closeDatabase } from '../db/lifecycle';
import { holdOpen } from '../db/localData';
import { PatientSearchIndex } from '../db/searchIndex';
import { ServicesContext, type Services } from './services';

/**
 * The local database of one organisation. Each organisation signed in at this desk has its own
 * (a hospital specialist signing in after a centre's registrar sees none of the centre's records,
 * and sync checkpoints never mix); the database opens after sign-in and stays open while the desk
 * is locked.
 */
export function databaseNameFor(orgId: string): string {
  // IndexedDB takes any name; RxDB wants lower-case letters, digits, `_` and `-`.
  const safe = orgId.toLowerCase().replace(/[^a-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
  return `clinicdesk-${safe}`;
}

type Opened = { services: Services } | { error: string };

export function Workspace({ orgId, children }: { orgId: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<Opened>();

  useEffect(() => {
    let cancelled = false;
    let services: (Services & { release: () => void }) | undefined;
    void (async () => {
      try {
        const db = await openDatabase({ name: databaseNameFor(orgId) });
        const searchIndex = new PatientSearchIndex(db.patients);
        services = { db, searchIndex, release: holdOpen(db.name) };
        if (cancelled) return close(services);
        searchIndex.catchUp().catch((error: unknown) => {
          if (!cancelled) console.error('The search index could not catch up:', error);
        });
        setOpened({ services });
      } catch (error) {
        if (!cancelled) setOpened({ error: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
      setOpened(undefined);
      if (services) close(services);
    };
  }, [orgId]);

  if (!opened) return <Spin fullscreen />;
  if ('error' in opened)
    return <Result status="error" title={t('storageError', { message: opened.error })} role="alert" />;
  return <ServicesContext.Provider value={opened.services}>{children}</ServicesContext.Provider>;
}

/** Closes after the current tick, so the screens and sync under it have stopped using it. */
function close({ db, searchIndex, release }: Services & { release?: () => void }): void {
  setTimeout(() => {
    searchIndex.close();
    // Clearing the organisation's data (db/localData.ts) waits for this.
    void closeDatabase(db).finally(release);
  }, 0);
}
