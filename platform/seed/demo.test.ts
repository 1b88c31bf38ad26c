import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ZSchema from 'z-schema';
import { patientSchema, type PatientDoc } from '../../shared/patients/schema';
import { syncedCollections } from '../../shared/sync/collections';
import { verifyAuditChain } from '../audit/audit';
import { verifyPassword } from '../auth/passwords';
import type { Store } from '../db/store';
import { openTestStore } from '../testing/backends';
import {
  demoAccounts,
  demoCentreId,
  demoHospitalId,
  demoPassword,
  demoTransplantCentreId,
  seedDemo,
} from './demo';
import { carePlanErrors } from '../../shared/carePlans/rules';
import { carePlanSchema, type CarePlanDoc } from '../../shared/carePlans/schema';
import { demoContractCount } from './demoCarePlans';

describe('demo seed', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('creates the centre, the hospital, their staff and the residents, once', async () => {
    expect(await seedDemo(store, { residents: 200, batchSize: 64 })).toEqual({
      created: true,
      residents: 200,
    });
    expect(await seedDemo(store, { residents: 200 })).toEqual({ created: false, residents: 200 });

    const orgs = await store.query('SELECT id, name, kind, level FROM organisations ORDER BY id');
    expect(orgs).toEqual([
      { id: demoCentreId, name: '某某街道社区卫生服务中心', kind: 'chc', level: null },
      { id: demoHospitalId, name: '区第二人民医院', kind: 'hospital', level: 2 },
      { id: demoTransplantCentreId, name: '市血液病医院', kind: 'hospital', level: 3 },
    ]);
    const staff = await store.query<{ username: string; role: string; org_id: string }>(
      'SELECT username, role, org_id FROM staff ORDER BY username',
    );
    expect(staff).toEqual(
      [
        ['admin01', 'admin', demoCentreId],
        ['doc01', 'doctor', demoCentreId],
        ['doc02', 'doctor', demoCentreId],
        ['nurse01', 'nurse', demoCentreId],
        ['reg01', 'registrar', demoCentreId],
        ['spec01', 'specialist', demoHospitalId],
        ['spec02', 'specialist', demoHospitalId],
        ['spec03', 'specialist', demoTransplantCentreId],
      ].map(([username, role, org_id]) => ({ username, role, org_id })),
    );
    expect(
      await store.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'seed.demo'"),
    ).toEqual([{ n: 1 }]);
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 1 });
  });

  it('adds the transplant centre and its specialist to a district seeded without them', async () => {
    await store.query(`DELETE FROM staff WHERE id = 'staff-spec03'`);
    await store.query(`DELETE FROM departments WHERE org_id = $1`, [demoTransplantCentreId]);
    await store.query(`DELETE FROM organisations WHERE id = $1`, [demoTransplantCentreId]);
    expect(await seedDemo(store, { residents: 200 })).toEqual({ created: false, residents: 200 });
    expect(await store.query('SELECT username, org_id FROM staff WHERE id = $1', ['staff-spec03'])).toEqual([
      { username: 'spec03', org_id: demoTransplantCentreId },
    ]);
    expect(
      await store.query(
        `SELECT data->>'name' AS name FROM documents WHERE collection = 'directory' AND id = $1`,
        [demoTransplantCentreId],
      ),
    ).toEqual([{ name: '市血液病医院' }]);
  });

  it('stores argon2id hashes of the demo password, with distinct salts', async () => {
    const rows = await store.query<{ password_hash: string }>('SELECT password_hash FROM staff');
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(demoAccounts.length);
    for (const { password_hash } of rows.slice(0, 2)) {
      expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(password_hash, demoPassword)).toBe(true);
      expect(await verifyPassword(password_hash, 'demo@2026')).toBe(false);
    }
  });

  it('signs contracts with the first key-population residents and enrols them, as sync would accept', async () => {
    const rows = await store.query<{ org_id: string; data: CarePlanDoc }>(
      "SELECT org_id, data FROM documents WHERE collection = 'carePlans' ORDER BY server_seq",
    );
    const contracts = rows.filter((r) => r.data.kind === 'contract');
    expect(contracts).toHaveLength(demoContractCount);
    expect(rows.filter((r) => r.data.kind === 'enrolment').length).toBeGreaterThan(0);
    const validator = ZSchema.create({ strictMode: false });
    const schema = carePlanSchema as unknown as Parameters<typeof validator.validateSafe>[1];
    const patients = await store.query<{ id: string; data: PatientDoc }>(
      "SELECT id, data FROM documents WHERE collection = 'patients'",
    );
    for (const { org_id, data } of rows) {
      expect(org_id).toBe(demoCentreId);
      expect(validator.validateSafe(data, schema).valid).toBe(true);
      expect(carePlanErrors(data)).toEqual([]);
      const patient = patients.find((p) => p.id === data.patientId)!.data;
      if (data.contract) expect(data.contract.team.doctorName).toBe(patient.familyDoctor);
      if (data.enrolment) expect(patient.tags).toContain(data.enrolment.programme);
    }
  });

  it('writes residents as complete patient documents that sync would accept', async () => {
    const rows = await store.query<{ id: string; org_id: string; shared_with: string[]; data: PatientDoc }>(
      "SELECT id, org_id, shared_with, data FROM documents WHERE collection = 'patients' ORDER BY server_seq",
    );
    expect(rows).toHaveLength(200);
    const validator = ZSchema.create({ strictMode: false });
    // The literal is deeply readonly; z-schema's types want mutable arrays, its runtime does not care.
    const schema = patientSchema as unknown as Parameters<typeof validator.validateSafe>[1];
    const now = new Date();
    for (const row of rows) {
      expect(row.id).toBe(row.data.id);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.org_id).toBe(demoCentreId);
      expect(row.shared_with).toEqual([]);
      expect(row.data).toMatchObject({ createdBy: 'seed', history: [], collisions: [] });
      expect(validator.validateSafe(row.data, schema).valid).toBe(true);
      expect(syncedCollections.patients.check(row.data, now)).toEqual([]);
    }
    const broken = { ...rows[0]!.data, sex: 'robot' };
    expect(validator.validateSafe(broken, schema).valid).toBe(false);
    // Distinct residents, and in the order they were generated (the pull order).
    expect(new Set(rows.map((r) => r.data.idNumber)).size).toBe(200);
    const ids = rows.map((r) => r.id);
    expect([...ids].sort()).toEqual(ids);
  });
});
