/**
 * The demo district's care plans (shared/carePlans): a family doctor contract for the first key-
 * population residents, signed with their family doctor's team a few months ago, and their
 * enrolment in the hypertension, diabetes and elderly programmes they are tagged with, so the panel and
 * the worklists have something to show on first start. Pure: the seed writes what this returns.
 */
import { v7 as uuidv7 } from 'uuid';
import type { CarePlanDoc, PopulationType, Programme } from '../../shared/carePlans/schema';
import { addDays, addYears, localDateOf } from '../../shared/followups/dates';
import type { PatientDoc } from '../../shared/patients/schema';

/** How many key-population residents the demo signs contracts with. */
export const demoContractCount = 12;

/** The staff a contract's team is made of. */
export interface DemoTeamMember {
  id: string;
  displayName: string;
  role: string;
}

const populationOfProgramme: Record<Programme, PopulationType> = {
  hypertension: 'hypertension',
  diabetes: 'diabetes',
  elderly: 'elderly',
  pregnancy: 'pregnant',
  child: 'child',
  transplant: 'ordinary',
};

const programmeOfTag: Partial<Record<string, Programme>> = {
  hypertension: 'hypertension',
  diabetes: 'diabetes',
};

/**
 * Contracts and enrolments for the first {@link demoContractCount} residents of `patients` who
 * have a family doctor among `staff`, signed `monthsAgo` × 30 days before `at` (ISO 8601).
 */
export function demoCarePlans(
  patients: readonly PatientDoc[],
  staff: readonly DemoTeamMember[],
  at: string,
  monthsAgo = 3,
): CarePlanDoc[] {
  const nurse = staff.find((s) => s.role === 'nurse');
  const signedOn = addDays(localDateOf(at), -30 * monthsAgo);
  const docs: CarePlanDoc[] = [];
  let number = 0;
  for (const patient of patients) {
    if (number >= demoContractCount) break;
    const doctor = staff.find((s) => s.role === 'doctor' && s.displayName === patient.familyDoctor);
    if (!doctor) continue;
    number += 1;
    const base = {
      orgId: patient.orgId,
      sharedWith: [],
      patientId: patient.id,
      createdBy: doctor.id,
      createdByName: doctor.displayName,
      createdAt: at,
      updatedAt: at,
    };
    const programmes = patient.tags.map((t) => programmeOfTag[t]).filter((p): p is Programme => !!p);
    const population: PopulationType[] = programmes.length
      ? programmes.map((p) => populationOfProgramme[p])
      : ['ordinary'];
    docs.push({
      ...base,
      id: uuidv7(),
      kind: 'contract',
      contract: {
        agreementNo: `QY-${signedOn.replaceAll('-', '')}-${String(number).padStart(4, '0')}`,
        team: {
          name: `${doctor.displayName}团队`,
          doctorId: doctor.id,
          doctorName: doctor.displayName,
          nurseId: nurse?.id ?? null,
          nurseName: nurse?.displayName ?? '',
          publicHealthId: null,
          publicHealthName: '',
        },
        householdNo: '',
        populationTypes: population,
        packages: [
          { code: 'basic', name: '基础服务包', priceFen: 12000, selfPayFen: 0, insuranceFen: 12000 },
        ],
        startDate: signedOn,
        endDate: addDays(addYears(signedOn, 1), -1),
        channel: 'onSite',
        status: 'active',
        renewsContractId: null,
        terminatedAt: null,
        terminationReason: '',
        residentSignedAs: 'self',
      },
    });
    for (const programme of programmes)
      docs.push({
        ...base,
        id: uuidv7(),
        kind: 'enrolment',
        enrolment: {
          programme,
          enrolledOn: signedOn,
          status: 'active',
          leftOn: null,
          leftReason: null,
          leftNote: '',
          lmp: null,
          dueDate: null,
          transplantOrgId: null,
          transplantDate: null,
          consent: null,
          scheduleEdits: [],
        },
      });
  }
  return docs;
}
