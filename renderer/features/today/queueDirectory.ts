/**
 * The doctors and departments a walk-in or booking can name, from the organisation's own
 * `directory` entries (pulled from the platform, so they are there offline too).
 */
import { useEffect, useState } from 'react';
import type { DirectoryEntry } from '../../../shared/directory/schema';
import { useOperator, useServices } from '../../app/services';

export interface DirectoryChoice {
  id: string;
  name: string;
}

export interface QueueDirectory {
  /** Staff of the organisation with the doctor role, by name. */
  doctors: DirectoryChoice[];
  /** The organisation's departments, by name. */
  departments: DirectoryChoice[];
}

const byName = (a: DirectoryChoice, b: DirectoryChoice) => a.name.localeCompare(b.name, 'zh-CN');

/** The doctors and departments of `orgId` among `entries`, each sorted by name. */
export function queueDirectoryOf(entries: readonly DirectoryEntry[], orgId: string): QueueDirectory {
  const own = entries.filter((e) => e.orgId === orgId);
  return {
    doctors: own
      .filter((e) => e.kind === 'staff' && e.role === 'doctor')
      .map((e) => ({ id: e.id, name: e.displayName ?? e.name }))
      .sort(byName),
    departments: own
      .filter((e) => e.kind === 'department')
      .map((e) => ({ id: e.id, name: e.name }))
      .sort(byName),
  };
}

/** The signed-in organisation's doctors and departments, live; empty lists while loading. */
export function useQueueDirectory(): QueueDirectory {
  const { db } = useServices();
  const { operator } = useOperator();
  const [directory, setDirectory] = useState<QueueDirectory>({ doctors: [], departments: [] });
  useEffect(() => {
    const sub = db.directory
      .find({ selector: { orgId: operator.orgId, kind: { $in: ['staff', 'department'] } } })
      .$.subscribe((found) =>
        setDirectory(
          queueDirectoryOf(
            found.map((d) => d.toJSON() as DirectoryEntry),
            operator.orgId,
          ),
        ),
      );
    return () => sub.unsubscribe();
  }, [db, operator.orgId]);
  return directory;
}
