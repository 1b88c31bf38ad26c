/**
 * The district's organisations as the desk knows them from the pulled `directory` (offline too):
 * the hospitals a transplant enrolment can name as its transplant centre, and every
 * organisation's name for the cards.
 */
import { useEffect, useState } from 'react';
import { mayBeTransplantCentre } from '../../../shared/carePlans/consent';
import type { DirectoryEntry } from '../../../shared/directory/schema';
import { useServices } from '../../app/services';

export interface OrganisationChoice {
  id: string;
  name: string;
  kind: DirectoryEntry['organisationKind'];
  /** Hospital grade (1–3); null for a centre or when the directory does not say. */
  level: number | null;
}

/** The organisations among `entries`, by name. */
export function organisationsOf(entries: readonly DirectoryEntry[]): OrganisationChoice[] {
  return entries
    .filter((e) => e.kind === 'organisation')
    .map((e) => ({ id: e.id, name: e.name, kind: e.organisationKind, level: e.level ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * The organisations a transplant enrolment may name as its transplant centre: tertiary hospitals
 * (shared/carePlans/consent.ts `mayBeTransplantCentre`, the rule the platform applies).
 */
export const transplantCentresOf = (organisations: readonly OrganisationChoice[]): OrganisationChoice[] =>
  organisations.filter(mayBeTransplantCentre);

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
