/**
 * Care plans kept by a desk under schema version 0 open under version 1: an enrolment's single
 * consent becomes the first entry of its consent register (none when it was withdrawn or never
 * given), and contracts and plans are unchanged.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { carePlanSchema, type CarePlanDoc, type EnrolmentDoc } from '../../../shared/carePlans/schema';
import {
  sampleContract,
  sampleEnrolment,
  sampleTransplantEnrolment,
  sampleTransplantPlan,
} from '../../../shared/testing/carePlans';
import { openDatabase, type collectionDefinitions } from '../../db/database';

/** The carePlans schema as version 0 shipped it: one `consent`, required; no register, no corrections. */
function carePlansVersion0() {
  const enrolment = carePlanSchema.properties.enrolment;
  const { consents: _consents, centreCorrections: _corrections, ...properties } = enrolment.properties;
  return {
    carePlans: {
      schema: {
        ...carePlanSchema,
        version: 0,
        properties: {
          ...carePlanSchema.properties,
          enrolment: { ...enrolment, properties, required: [...enrolment.required, 'consent'] },
        },
      },
    },
  } as unknown as typeof collectionDefinitions;
}

/** `doc` as version 0 kept it: the register's first entry as the single consent, or null. */
function asVersion0(doc: EnrolmentDoc): CarePlanDoc {
  const { consents, centreCorrections: _none, ...fields } = doc.enrolment;
  const first = consents?.[0];
  const consent = first ? { at: first.at, by: first.by, byName: first.byName, note: first.note } : null;
  return { ...doc, enrolment: { ...fields, consent } };
}

describe('care plan schema version 1 (the consent register)', () => {
  it('turns a version-0 consent into the register’s first entry, and keeps everything else', async () => {
    const storage = getRxStorageMemory();
    const name = `migrateCarePlans${Date.now()}`;
    const old = await openDatabase({ name, storage, collections: carePlansVersion0() });
    const consented = sampleTransplantEnrolment();
    const withdrawn = {
      ...sampleTransplantEnrolment({ consents: [] }),
      id: '0190d9a0-0000-7000-8000-0000000c0009',
    };
    const hypertension = sampleEnrolment();
    const contract = sampleContract();
    const plan = sampleTransplantPlan();
    for (const doc of [
      asVersion0(consented),
      asVersion0(withdrawn),
      asVersion0(hypertension),
      contract,
      plan,
    ])
      await old.carePlans.insert(doc);
    await old.close();

    const current = await openDatabase({ name, storage });
    const read = async (id: string) => (await current.carePlans.findOne(id).exec())!.toJSON() as CarePlanDoc;
    expect(await read(consented.id)).toEqual(consented);
    expect((await read(consented.id)).enrolment!.consents).toEqual([
      expect.objectContaining({ action: 'given', byName: '张建国' }),
    ]);
    expect(await read(withdrawn.id)).toEqual(withdrawn);
    expect(await read(hypertension.id)).toEqual(hypertension);
    expect(await read(contract.id)).toEqual(contract);
    expect(await read(plan.id)).toEqual(plan);
    await current.remove();
  });
});
