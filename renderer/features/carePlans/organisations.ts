/**
 * The district's organisations as the desk knows them from the pulled `directory` (offline too):
 * the hospitals a transplant enrolment can name as its transplant centre, and every
 * organisation's name for the cards.
 */
import { useEffect, useState } from 'react';
import type { DirectoryEntry } from '../../../shared/directory/schema';
import { useServices } from '../../app/services';

export interface OrganisationChoice {
  id: string;
  name: string;
  kind: DirectoryEntry['organisationKind'];
}

/** The organisations among `entries`, by name. */
export function organisationsOf(entries: readonly DirectoryEntry[]): OrganisationChoice[] {
  return entries
    .filter((e) => e.kind === 'organisation')
    .map((e) => ({ id: e.id, name: e.name, kind: e.organisationKind }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Every organisation of the district, live; empty while loading. */
export function useOrganisations(): OrganisationChoice[] {
  const { db } = useServices();
  const [organisations, setOrganisations] = useState<OrganisationChoice[]>([]);
  useEffect(() => {
    const sub = db.directory
      .find({ selector: { kind: 'organisation' } })
      .$.subscribe((found) =>
        setOrganisations(organisationsOf(found.map((d) => d.toJSON() as DirectoryEntry))),
      );
    return () => sub.unsubscribe();
  }, [db]);
  return organisations;
}
