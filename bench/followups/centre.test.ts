import { describe, expect, it } from 'vitest';
import type { CarePlanDoc } from '../../shared/carePlans/schema';
import { recordHash } from '../../shared/clinical/signature';
import { encounterLockPolicy, type EncounterDoc } from '../../shared/encounters/schema';
import { computeWorklists, followUpVisitsOf } from '../../shared/followups/worklist';
import type { ObservationDoc } from '../../shared/observations/schema';
import { syncedCollections } from '../../shared/sync/collections';
import { benchToday, centreRecords, type CentreResident } from './centre';

const residents: CentreResident[] = Array.from({ length: 300 }, (_, i) => ({
  id: `0000${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`,
  birthDate: `${1935 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`,
  sex: i % 2 ? 'male' : 'female',
}));
const options = {
  orgId: 'org-chc-demo',
  doctors: [
    { id: 'staff-doc01', name: '张建国' },
    { id: 'staff-doc02', name: '刘文静' },
  ],
  nurse: { id: 'staff-nurse01', name: '李秀梅' },
  enrolled: 60,
};

function generate() {
  const carePlans: CarePlanDoc[] = [];
  const encounters: EncounterDoc[] = [];
  const observations: ObservationDoc[] = [];
  for (const batch of centreRecords(residents, options, 500)) {
    if (batch.collection === 'carePlans') carePlans.push(...batch.docs);
    else if (batch.collection === 'encounters') encounters.push(...batch.docs);
    else observations.push(...batch.docs);
  }
  return { carePlans, encounters, observations };
}

describe('the synthetic centre of the follow-up benchmark', () => {
  const centre = generate();

  it('is the same every time it is generated', () => {
    expect(generate()).toEqual(centre);
  });

  it('enrols the residents asked for, with a contract each and five years of quarterly visits and results', () => {
    const enrolments = centre.carePlans.filter((c) => c.kind === 'enrolment');
    const contracts = centre.carePlans.filter((c) => c.kind === 'contract');
    expect(enrolments).toHaveLength(60);
    expect(contracts).toHaveLength(60);
    expect(new Set(enrolments.map((e) => e.patientId)).size).toBe(60);
    const perResident = centre.encounters.length / 60;
    expect(perResident).toBeGreaterThan(17);
    expect(perResident).toBeLessThan(26);
    expect(centre.observations).toHaveLength(centre.encounters.length);
    const first = centre.encounters.map((e) => e.visitAt!).sort()[0]!;
    expect(first < `${Number(benchToday.slice(0, 4)) - 4}-12-31`).toBe(true);
  });

  it('writes documents the platform accepts: domain rules pass and every visit is signed with a valid hash', () => {
    for (const doc of centre.carePlans) expect(syncedCollections.carePlans.check(doc)).toEqual([]);
    for (const doc of centre.observations) expect(syncedCollections.observations.check(doc)).toEqual([]);
    for (const doc of centre.encounters.slice(0, 300)) {
      expect(syncedCollections.encounters.check(doc)).toEqual([]);
      expect(doc.status).toBe('signed');
      expect(doc.signature!.hash).toBe(recordHash({ ...doc, signature: null }, encounterLockPolicy));
    }
  });

  it('fills every worklist of the centre on its day', () => {
    const visits = followUpVisitsOf(centre.encounters);
    expect(visits).toHaveLength(centre.encounters.length);
    const { counts } = computeWorklists({
      today: benchToday,
      carePlans: centre.carePlans,
      visits,
      patients: residents,
    });
    expect(counts.dueThisWeek).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.lost).toBeGreaterThan(0);
    expect(counts.contractsExpiring).toBeGreaterThan(0);
    expect(counts.referralFollowUps).toBeGreaterThanOrEqual(0);
  });
});
