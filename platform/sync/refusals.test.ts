/**
 * A push can never jam a desk: whatever one row holds, the platform refuses that row (per field,
 * or `storageRefused` when the database itself refuses it), stores the other rows of the same
 * push, answers 4xx rather than 500 for anything a client sent, and logs ids and codes only.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEncounterDraft } from '../../shared/encounters/draft';
import type { EncounterDoc } from '../../shared/encounters/schema';
import { checkCharacter } from '../../shared/identity/idNumber';
import type { PushResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import { demoCentreId, demoHospitalId } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';

const at = '2026-11-23T02:00:00.000Z';
/** A valid resident identity number of a man born on `birthDate`. */
const idNumberOf = (birthDate: string, serial = '013') => {
  const body = `110101${birthDate.replaceAll('-', '')}${serial}`;
  return body + checkCharacter(body);
};
/** Identity number and name of the resident whose row the database refuses: never in a log line. */
const secretIdNumber = idNumberOf('1990-03-07', '777');
const secretName = '欧阳秘密';

describe.each(testBackends)('pushes that cannot jam on $name', ({ open }) => {
  let platform: TestPlatform;
  const logLines: string[] = [];
  let nextId = 0x100;

  const uuid = () => `0190d9a0-0000-7000-8000-${(nextId++).toString(16).padStart(12, '0')}`;
  const as = (who: string) => ({ authorization: `Bearer ${platform.tokens[who]}` });
  const push = (who: string, collection: string, rows: unknown[]) =>
    platform.app.inject({
      method: 'POST',
      url: `/v1/${collection}/push`,
      headers: as(who),
      payload: rows as object,
    });
  const rowOf = (doc: object) => ({ newDocumentState: { ...doc, _deleted: false } });
  const storedIds = async (collection: string) =>
    (
      await platform.store.query<{ id: string }>(`SELECT id FROM documents WHERE collection = $1`, [
        collection,
      ])
    ).map((r) => r.id);
  /** A valid resident of the centre, each with an identity number of their own. */
  let born = 1950;
  const resident = (overrides: Parameters<typeof samplePatient>[0] = {}) => {
    const birthDate = `${born++}-05-06`;
    return samplePatient({
      id: uuid(),
      orgId: demoCentreId,
      createdAt: at,
      updatedAt: at,
      birthDate,
      idNumber: idNumberOf(birthDate),
      ...overrides,
    });
  };
  const address = samplePatient().address;

  beforeAll(async () => {
    platform = await startTestPlatform(open, {
      signIn: ['reg01', 'doc01'],
      logger: {
        level: 'info',
        stream: new Writable({
          write(chunk: Buffer, _encoding, done) {
            logLines.push(chunk.toString());
            done();
          },
        }),
      },
    });
    // The database refuses one resident's row outright, quoting what it was sent (as PostgreSQL's
    // own errors do: a jsonb error names the text around the fault).
    await platform.store.exec(`
      CREATE FUNCTION refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.data->>'familyDoctor' = 'refuse-me' THEN
          RAISE EXCEPTION 'refused row %', NEW.data::text;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_marked BEFORE INSERT OR UPDATE ON documents
        FOR EACH ROW EXECUTE FUNCTION refuse_marked();`);
  }, 60_000);
  afterAll(() => platform.close(), 30_000);

  it('stores the valid resident of a push and refuses the one holding a NUL, by field', async () => {
    const valid = resident();
    const nul = resident({ address: { ...address, detail: '幸福路\u0000 1 号' } });
    const response = await push('reg01', 'patients', [rowOf(valid), rowOf(nul)]);
    expect(response.statusCode).toBe(200);
    expect((response.json() as PushResponse).rejected).toEqual([
      { id: nul.id, errors: [{ field: 'address.detail', code: 'invalidCharacter' }] },
    ]);
    const stored = await storedIds('patients');
    expect(stored).toContain(valid.id);
    expect(stored).not.toContain(nul.id);
  }, 20_000);

  it('refuses a lone surrogate in an address and in a consultation plan, storing the rest', async () => {
    const lone = resident({ address: { ...address, community: '和平\uD800社区' } });
    const fine = resident();
    const patients = await push('reg01', 'patients', [rowOf(lone), rowOf(fine)]);
    expect(patients.statusCode).toBe(200);
    expect((patients.json() as PushResponse).rejected).toEqual([
      { id: lone.id, errors: [{ field: 'address.community', code: 'invalidCharacter' }] },
    ]);
    expect(await storedIds('patients')).toContain(fine.id);

    const draft = (plan: string): EncounterDoc => ({
      ...newEncounterDraft({
        id: uuid(),
        orgId: demoCentreId,
        patient: samplePatient(),
        previous: [],
        appointmentId: null,
        doctor: { id: 'staff-doc01', name: '张建国' },
        department: '全科',
        at,
      }),
      plan,
    });
    const broken = draft('监测血压\uDC00');
    const kept = draft('监测血压\n一周后复诊\t');
    const encounters = await push('doc01', 'encounters', [rowOf(broken), rowOf(kept)]);
    expect(encounters.statusCode).toBe(200);
    expect((encounters.json() as PushResponse).rejected).toEqual([
      { id: broken.id, errors: [{ field: 'plan', code: 'invalidCharacter' }] },
    ]);
    expect(await storedIds('encounters')).toEqual([kept.id]);
  }, 20_000);

  it('refuses audit events dated in year 0000 or 10000 and appends the valid one', async () => {
    const event = (when: string) => ({
      id: uuid(),
      orgId: demoCentreId,
      actorId: 'staff-reg01',
      action: 'auth.signIn',
      at: when,
    });
    const year0 = event('0000-01-01T00:00:00.000Z');
    const year10000 = event('9999-12-31T23:30:00-02:00');
    const valid = event(at);
    const response = await push('reg01', 'auditEvents', [rowOf(year0), rowOf(year10000), rowOf(valid)]);
    expect(response.statusCode).toBe(200);
    expect((response.json() as PushResponse).rejected).toEqual([
      { id: year0.id, errors: [{ field: 'at', code: 'dateOutOfRange' }] },
      { id: year10000.id, errors: [{ field: 'at', code: 'dateOutOfRange' }] },
    ]);
    const ids = (
      await platform.store.query<{ id: string }>(`SELECT id FROM audit_events WHERE id = ANY ($1)`, [
        [year0.id, year10000.id, valid.id],
      ])
    ).map((r) => r.id);
    expect(ids).toEqual([valid.id]);
  }, 20_000);

  it('refuses alone a row the database refuses, keeps the rows around it, and logs no contents', async () => {
    const before = resident();
    const refused = resident({
      name: secretName,
      idNumber: secretIdNumber,
      birthDate: '1990-03-07',
      familyDoctor: 'refuse-me',
    });
    const after = resident();
    logLines.length = 0;
    const response = await push('reg01', 'patients', [rowOf(before), rowOf(refused), rowOf(after)]);
    expect(response.statusCode).toBe(200);
    expect((response.json() as PushResponse).rejected).toEqual([
      { id: refused.id, errors: [{ field: '(document)', code: 'storageRefused' }] },
    ]);
    const stored = await storedIds('patients');
    expect(stored).toEqual(expect.arrayContaining([before.id, after.id]));
    expect(stored).not.toContain(refused.id);
    // The refusal is in the log by id and code, the resident's identity nowhere.
    const log = logLines.join('');
    expect(log).toContain(refused.id);
    expect(log).toContain('storageRefused');
    expect(log).not.toContain(secretIdNumber);
    expect(log).not.toContain(secretName);
    expect(log).not.toContain('refused row');
  }, 20_000);

  it('refuses alone a row whose removal marker the database refuses, storing the rest', async () => {
    const shared = resident({ sharedWith: [demoHospitalId] });
    expect((await push('reg01', 'patients', [rowOf(shared)])).statusCode).toBe(200);
    // Unsharing writes a removal marker for the hospital: the database refuses that marker.
    await platform.store.exec(`
      CREATE FUNCTION refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id = '${shared.id}' THEN RAISE EXCEPTION 'refused removal'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_removal BEFORE INSERT OR UPDATE ON document_removals
        FOR EACH ROW EXECUTE FUNCTION refuse_removal();`);
    const other = resident();
    const response = await push('reg01', 'patients', [
      {
        newDocumentState: { ...shared, sharedWith: [], _deleted: false },
        assumedMasterState: rowOf(shared).newDocumentState,
      },
      rowOf(other),
    ]);
    expect(response.statusCode).toBe(200);
    expect((response.json() as PushResponse).rejected).toEqual([
      { id: shared.id, errors: [{ field: '(document)', code: 'storageRefused' }] },
    ]);
    expect(await storedIds('patients')).toContain(other.id);
    const [kept] = await platform.store.query<{ shared_with: string[] }>(
      `SELECT shared_with FROM documents WHERE collection = 'patients' AND id = $1`,
      [shared.id],
    );
    expect(kept!.shared_with).toEqual([demoHospitalId]);
  }, 20_000);

  it('logs an unexpected failure by its kind and code, never by its message', async () => {
    logLines.length = 0;
    // A failure whose text quotes a document, as a database error does.
    const failing = resident({ name: secretName, idNumber: secretIdNumber, birthDate: '1990-03-07' });
    const original = platform.store.transaction;
    platform.store.transaction = () =>
      Promise.reject(
        Object.assign(new Error(`invalid input: ${JSON.stringify(failing)}`), {
          code: '22P02',
          where: `JSON data, line 1: {"idNumber": "${secretIdNumber}"`,
        }),
      );
    try {
      const response = await push('reg01', 'patients', [rowOf(failing)]);
      expect(response.statusCode).toBe(500);
      expect(response.json()).toMatchObject({ error: { code: 'server.internal' } });
    } finally {
      platform.store.transaction = original;
    }
    const log = logLines.join('');
    expect(log).toContain('22P02');
    expect(log).not.toContain(secretIdNumber);
    expect(log).not.toContain(secretName);
  }, 20_000);

  it('answers 400 with a code for malformed JSON, wrong types, hostile nesting and bad queries', async () => {
    const raw = (url: string, body?: string) =>
      platform.app.inject({
        method: body === undefined ? 'GET' : 'POST',
        url,
        headers: { ...as('reg01'), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: body }),
      });
    const cases: [string, string | undefined][] = [
      ['/v1/patients/push', '[{"newDocumentState": {"id": "a", "_deleted": fal'],
      ['/v1/patients/push', '{"newDocumentState": {}}'],
      ['/v1/patients/push', '[{"newDocumentState": {"id": 5, "_deleted": false}}]'],
      ['/v1/patients/push', '[1, "two", null]'],
      ['/v1/patients/pull?seq=abc', undefined],
      ['/v1/patients/pull?seq=1&limit=-5', undefined],
      ['/v1/patients/pull?seq=%E0%A4%A', undefined],
      ['/v1/patients/pull?seq=1&seq=2', undefined],
      ['/v1/patients/pull?seq=99999999999999999999', undefined],
      ['/v1/patients/pull?seq=1e400', undefined],
    ];
    for (const [url, body] of cases) {
      const response = await raw(url, body);
      expect(response.statusCode, `${url} ${body ?? ''}`).toBe(400);
      expect(response.json(), url).toMatchObject({ error: { code: 'request.invalid' } });
    }
    // A row nested far deeper than any document is refused as a row, not a crash.
    const deep = `${'['.repeat(100_000)}"x"${']'.repeat(100_000)}`;
    const nested = await raw(
      '/v1/patients/push',
      `[{"newDocumentState": {"id": "deep", "orgId": "${demoCentreId}", "_deleted": false, "tags": ${deep}}}]`,
    );
    expect(nested.statusCode).toBe(200);
    expect((nested.json() as PushResponse).rejected).toEqual([
      { id: 'deep', errors: [{ field: `tags${'.0'.repeat(31)}`, code: 'tooDeep' }] },
    ]);
  }, 30_000);
});
