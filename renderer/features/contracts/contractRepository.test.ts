import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CarePlanDoc } from '../../../shared/carePlans/schema';
import type { Operator } from '../../app/operator';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase, registrar } from '../../testing/memoryDb';
import { contractFieldsOf, newContractDraft } from './contractForm';
import {
  contractsOf,
  recordContractPrint,
  settleContracts,
  signContract,
  terminateContract,
} from './contractRepository';
import { activeContractsOf, contractStatusOn } from './contractStatus';

const doctor: Operator = { id: 'staff-doc01', name: '张建国', role: 'doctor', orgId: 'org-chc-1' };
const colleague: Operator = { id: 'staff-doc02', name: '刘文静', role: 'doctor', orgId: 'org-chc-1' };
const signedAt = new Date('2026-12-07T09:00:00+08:00');

const fieldsFor = (op: Operator, start = '2026-12-07') =>
  contractFieldsOf(
    newContractDraft({
      today: start,
      doctorId: op.id,
      teamName: `${op.name}团队`,
      householdNo: '',
      populationTypes: ['hypertension'],
    }),
    { agreementNo: '', staff: [{ id: op.id, name: op.name }], packageName: (c) => c },
  );

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase(['carePlans', 'auditEvents']);
});
afterEach(async () => {
  await db.remove();
});

const sign = async (op = doctor, at = signedAt, renews: string | null = null, start?: string) => {
  const result = await signContract(db, op, 'chc', 'patient-1', fieldsFor(op, start), { now: at, renews });
  if (!result.ok) throw new Error(`not signed: ${result.reason}`);
  return result.contract;
};

describe('signing a contract', () => {
  it('stores an active contract with an agreement number, in the doctor’s name', async () => {
    const contract = await sign();
    expect(contract.contract?.agreementNo).toMatch(/^QY-20261207-[0-9A-F]{4}$/);
    expect(contract.contract?.status).toBe('active');
    expect(contract.createdBy).toBe('staff-doc01');
    expect(contract.contract?.endDate).toBe('2027-12-06');
    const audit = await db.auditEvents.find().exec();
    expect(audit.map((a) => a.action)).toEqual(['carePlan.create']);
  });

  it('is refused to a registrar and at a hospital', async () => {
    const byRegistrar = await signContract(db, registrar, 'chc', 'patient-1', fieldsFor(doctor), {
      now: signedAt,
    });
    expect(byRegistrar).toEqual({ ok: false, reason: 'forbidden' });
    const atHospital = await signContract(db, doctor, 'hospital', 'patient-1', fieldsFor(doctor), {
      now: signedAt,
    });
    expect(atHospital).toEqual({ ok: false, reason: 'forbidden' });
    expect(await contractsOf(db, 'patient-1')).toEqual([]);
  });

  it('is refused while the resident has an active contract on this desk', async () => {
    await sign();
    const second = await signContract(db, colleague, 'chc', 'patient-1', fieldsFor(colleague), {
      now: signedAt,
    });
    expect(second).toEqual({ ok: false, reason: 'alreadyActive' });
  });

  it('is allowed again the day after the last one ends', async () => {
    await sign();
    const lastDay = await signContract(
      db,
      colleague,
      'chc',
      'patient-1',
      fieldsFor(colleague, '2027-12-06'),
      {
        now: new Date('2027-12-06T10:00:00+08:00'),
      },
    );
    expect(lastDay).toEqual({ ok: false, reason: 'alreadyActive' });
    const dayAfter = await signContract(
      db,
      colleague,
      'chc',
      'patient-1',
      fieldsFor(colleague, '2027-12-07'),
      {
        now: new Date('2027-12-07T10:00:00+08:00'),
      },
    );
    expect(dayAfter.ok).toBe(true);
  });
});

describe('status on a day', () => {
  it('is active on the last day and expired the day after', async () => {
    const contract = (await sign()).contract!;
    expect(contractStatusOn(contract, '2026-12-07')).toBe('active');
    expect(contractStatusOn(contract, '2027-12-06')).toBe('active');
    expect(contractStatusOn(contract, '2027-12-07')).toBe('expired');
    expect(contractStatusOn(contract, '2026-12-06')).toBe('upcoming');
  });
});

describe('renewal', () => {
  it('signs the next term and marks the renewed contract renewed', async () => {
    const first = await sign();
    const renewal = await sign(doctor, new Date('2027-11-20T09:00:00+08:00'), first.id, '2027-12-07');
    expect(renewal.contract?.renewsContractId).toBe(first.id);
    const all = await contractsOf(db, 'patient-1');
    const old = all.find((c) => c.id === first.id)!;
    expect(old.contract?.status).toBe('renewed');
    expect(activeContractsOf(all, '2027-11-20').map((c) => c.id)).toEqual([renewal.id]);
  });
});

describe('one writer with the care plans', () => {
  it('audits the renewal: the new term names the one it renews, the old one is marked renewed', async () => {
    const first = await sign();
    const renewal = await sign(doctor, new Date('2027-11-20T09:00:00+08:00'), first.id, '2027-12-07');
    const audit = (await db.auditEvents.find().exec()).map((a) => a.toJSON());
    expect(audit.map((a) => [a.action, a.recordId, a.details])).toEqual([
      ['carePlan.create', first.id, { kind: 'contract' }],
      ['carePlan.create', renewal.id, { kind: 'contract', renews: first.id }],
      ['carePlan.update', first.id, { kind: 'contract', change: 'renewed' }],
    ]);
  });

  it('does not change another centre’s contract that reached this desk', async () => {
    const mine = await sign();
    const elsewhere: CarePlanDoc = {
      ...mine,
      id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
      orgId: 'org-chc-2',
    };
    await db.carePlans.insert(elsewhere);
    expect(await terminateContract(db, doctor, 'chc', elsewhere.id, '迁出', signedAt)).toEqual({
      ok: false,
      reason: 'notFound',
    });
  });

  it('answers writeFailed, and audits nothing, when the database refuses the contract', async () => {
    const insert = db.carePlans.insert.bind(db.carePlans);
    db.carePlans.insert = () => Promise.reject(new Error('disk full'));
    const result = await signContract(db, doctor, 'chc', 'patient-1', fieldsFor(doctor), { now: signedAt });
    db.carePlans.insert = insert;
    expect(result).toEqual({ ok: false, reason: 'writeFailed' });
    expect(await db.auditEvents.find().exec()).toHaveLength(0);
  });
});

describe('printing the agreement', () => {
  it('audits a print that came out, naming the contract, and leaves the contract as it was', async () => {
    const contract = await sign();
    const at = new Date('2026-12-07T09:05:00+08:00');
    const result = await recordContractPrint(
      db,
      doctor,
      contract.id,
      { pageSize: 'A4', target: 'browser' },
      at,
    );
    expect(result).toEqual({ ok: true, contract });
    const prints = (await db.auditEvents.find({ selector: { action: 'carePlan.print' } }).exec()).map((a) =>
      a.toJSON(),
    );
    expect(prints.map((a) => [a.recordCollection, a.recordId, a.details, a.at])).toEqual([
      ['carePlans', contract.id, { kind: 'contract', pageSize: 'A4', target: 'browser' }, at.toISOString()],
    ]);
    expect(await contractsOf(db, 'patient-1')).toEqual([contract]);
  });

  it('records nothing for a contract not on this desk', async () => {
    expect(
      await recordContractPrint(db, doctor, 'no-such-contract', { pageSize: 'A4', target: 'printer' }),
    ).toEqual({ ok: false, reason: 'notFound' });
    expect(await db.auditEvents.find().exec()).toHaveLength(0);
  });
});

describe('termination', () => {
  it('needs a reason, then records it and when', async () => {
    const contract = await sign();
    const at = new Date('2027-03-01T10:00:00+08:00');
    expect(await terminateContract(db, doctor, 'chc', contract.id, '  ', at)).toEqual({
      ok: false,
      reason: 'reasonRequired',
    });
    const result = await terminateContract(db, doctor, 'chc', contract.id, '迁出本辖区', at);
    expect(result.ok).toBe(true);
    const [stored] = await contractsOf(db, 'patient-1');
    expect(stored!.contract).toMatchObject({
      status: 'terminated',
      terminationReason: '迁出本辖区',
      terminatedAt: at.toISOString(),
    });
    // Terminated once is terminated: a second termination is refused.
    expect(await terminateContract(db, doctor, 'chc', contract.id, '再次', at)).toEqual({
      ok: false,
      reason: 'notActive',
    });
  });
});

describe('a collision of two desks', () => {
  it('keeps the chosen contract and terminates the other, naming it', async () => {
    // Two desks signed while apart: both land on this desk through sync.
    const mine = await sign();
    const theirs: CarePlanDoc = {
      ...mine,
      id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      createdBy: colleague.id,
      createdByName: colleague.name,
      contract: {
        ...mine.contract!,
        agreementNo: 'QY-20261207-4A5B',
        team: { ...mine.contract!.team, doctorId: colleague.id },
      },
    };
    await db.carePlans.insert(theirs);
    expect(activeContractsOf(await contractsOf(db, 'patient-1'), '2026-12-08')).toHaveLength(2);

    const result = await settleContracts(
      db,
      doctor,
      'chc',
      'patient-1',
      theirs.id,
      '重复签约，保留 QY-20261207-4A5B',
    );
    expect(result.ok).toBe(true);
    const all = await contractsOf(db, 'patient-1');
    expect(activeContractsOf(all, '2026-12-08').map((c) => c.id)).toEqual([theirs.id]);
    expect(all.find((c) => c.id === mine.id)!.contract).toMatchObject({
      status: 'terminated',
      terminationReason: '重复签约，保留 QY-20261207-4A5B',
    });
  });
});
