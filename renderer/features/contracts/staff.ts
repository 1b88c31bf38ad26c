/**
 * The centre's staff a contract's team is made of, from the organisation's `directory` entries
 * (pulled from the platform, so they are there offline too).
 */
import { useEffect, useState } from 'react';
import type { DirectoryEntry } from '../../../shared/directory/schema';
import { useOperator, useServices } from '../../app/services';
import type { StaffChoice } from './contractForm';

export interface CentreStaff {
  doctors: StaffChoice[];
  nurses: StaffChoice[];
  /** Everyone who works with patients (doctors and nurses): public-health staff are among them. */
  clinical: StaffChoice[];
}

const byName = (a: StaffChoice, b: StaffChoice) => a.name.localeCompare(b.name, 'zh-CN');

/** The staff of `orgId` among `entries`, by role, each list sorted by name. */
export function centreStaffOf(entries: readonly DirectoryEntry[], orgId: string): CentreStaff {
  const staff = entries.filter((e) => e.orgId === orgId && e.kind === 'staff');
  const choose = (roles: string[]) =>
    staff
      .filter((e) => e.role && roles.includes(e.role))
      .map((e) => ({ id: e.id, name: e.displayName ?? e.name }))
      .sort(byName);
  return { doctors: choose(['doctor']), nurses: choose(['nurse']), clinical: choose(['doctor', 'nurse']) };
}

/** The signed-in organisation's staff, live; empty lists while loading. */
export function useCentreStaff(): CentreStaff {
  const { db } = useServices();
  const { operator } = useOperator();
  const [staff, setStaff] = useState<CentreStaff>({ doctors: [], nurses: [], clinical: [] });
  useEffect(() => {
    const sub = db.directory
      .find({ selector: { orgId: operator.orgId, kind: 'staff' } })
      .$.subscribe((found) =>
        setStaff(
          centreStaffOf(
            found.map((d) => d.toJSON() as DirectoryEntry),
            operator.orgId,
          ),
        ),
      );
    return () => sub.unsubscribe();
  }, [db, operator.orgId]);
  return staff;
}
