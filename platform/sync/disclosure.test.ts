/**
 * What leaves the platform for whom, over real HTTP on a real database: identity numbers and
 * mobiles masked for roles that may not see them (pull, stream), never written back masked; and
 * the removal marker an organisation gets in its pull and stream once a record is no longer
 * shared with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile } from '../../shared/identity/mask';
import type { PatientDoc } from '../../shared/patients/schema';
import type { PullResponse, PushResponse, ReplicatedDocument, StreamEvent } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import { demoCentreId, demoHospitalId } from '../seed/demo';
import { testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';

const idNumber = '120101198001010012';
const mobile = '13812345678';
const earlierId = '120104197506150031';

type Patient = PatientDoc & { _deleted: boolean };

function patient(id: string, overrides: Partial<PatientDoc> = {}): Patient {
  return {
    ...samplePatient({
      id,
      orgId: demoCentreId,
      createdBy: '王丽华',
      createdAt: '2026-11-23T01:00:00.000Z',
      updatedAt: '2026-11-23T01:00:00.000Z',
      idNumber,
      mobile,
      // The number was corrected once: the history keeps the earlier one as JSON text.
      history: [
        {
          at: '2026-11-23T02:00:00.000Z',
          byId: 'staff-reg01',
          byName: '王丽华',
          changes: [
            { field: 'idNumber', from: JSON.stringify(earlierId), to: JSON.stringify(idNumber) },
            { field: 'name', from: JSON.stringify('张山'), to: JSON.stringify('张三') },
          ],
        },
      ],
      ...overrides,
    }),
    _deleted: false,
  };
}

/** Reads server-sent events of one stream, one at a time. */
async function openStream(url: string, token: string) {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const queued: StreamEvent[] = [];
  let buffer = '';
  return {
    async next(timeoutMs = 5000): Promise<StreamEvent> {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs).unref(),
      );
      while (!queued.length) {
        const chunk = await Promise.race([reader.read(), timeout]);
        if (chunk.done) throw new Error('stream ended');
        buffer += chunk.value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          buffer = buffer.slice(end + 2);
          if (data) queued.push(JSON.parse(data) as StreamEvent);
        }
      }
      return queued.shift()!;
    },
    close: () => abort.abort(),
  };
}

describe.each(testBackends)('disclosure on $name', ({ open }) => {
  let platform: TestPlatform;
  let base: string;

  const as = (who: string) => ({ authorization: `Bearer ${platform.tokens[who]}` });
  const pull = async (who: string, seq = 0, limit = 1000, collection = 'patients') => {
    const response = await platform.app.inject({
      method: 'GET',
      url: `/v1/${collection}/pull?seq=${seq}&limit=${limit}`,
      headers: as(who),
    });
    expect(response.statusCode).toBe(200);
    return response.json() as PullResponse;
  };
  const push = async (who: string, rows: unknown[]) => {
    const response = await platform.app.inject({
      method: 'POST',
      url: '/v1/patients/push',
      headers: as(who),
      payload: rows as object[],
    });
    return { status: response.statusCode, body: response.json() as PushResponse };
  };
  const byId = (page: PullResponse, id: string) => page.documents.find((d) => d.id === id);

  beforeAll(async () => {
    platform = await startTestPlatform(open, { signIn: ['reg01', 'doc01', 'spec01'] });
    base = await platform.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(() => platform.close(), 30_000);

  describe('identifiers, for a role without patient.viewIdentifiers', () => {
    const sharedId = '0190d9a0-0000-7000-8000-00000000b001';

    beforeAll(async () => {
      const shared = patient(sharedId, { sharedWith: [demoHospitalId] });
      expect(await push('reg01', [{ newDocumentState: shared }])).toEqual({
        status: 200,
        body: { conflicts: [], rejected: [] },
      });
    }, 30_000);

    it('a specialist pulls the identity number, mobile and the history masked', async () => {
      const seen = byId(await pull('spec01'), sharedId) as unknown as Patient;
      expect(seen.idNumber).toBe(maskIdNumber(idNumber));
      expect(seen.idNumber).toBe('1201**********0012');
      expect(seen.mobile).toBe('138****5678');
      expect(seen.history[0]!.changes).toEqual([
        {
          field: 'idNumber',
          from: JSON.stringify(maskIdNumber(earlierId)),
          to: JSON.stringify(maskIdNumber(idNumber)),
        },
        { field: 'name', from: JSON.stringify('张山'), to: JSON.stringify('张三') },
      ]);
      expect(JSON.stringify(seen)).not.toContain('198001010012');
      expect(JSON.stringify(seen)).not.toContain('197506150031');
      expect(JSON.stringify(seen)).not.toContain(mobile);
      // Everything else arrives as stored.
      expect(seen.name).toBe('张三');
      expect(seen.birthDate).toBe('1980-01-01');
    });

    it('a doctor and a registrar pull them in full', async () => {
      for (const who of ['doc01', 'reg01']) {
        const seen = byId(await pull(who), sharedId) as unknown as Patient;
        expect(seen.idNumber).toBe(idNumber);
        expect(seen.mobile).toBe(mobile);
        expect(seen.history[0]!.changes[0]!.from).toBe(JSON.stringify(earlierId));
      }
    });

    it('a prescription slip shared with the hospital carries the patient’s number masked', async () => {
      // Stored as it stands (the pull does not look at how it got there): the slip's header.
      const slip = { id: 'rx-disclosure-1', orgId: demoCentreId, sharedWith: [demoHospitalId] };
      await platform.store.query(
        `INSERT INTO documents (collection, id, org_id, shared_with, data) VALUES ('prescriptions', $1, $2, $3, $4)`,
        [
          slip.id,
          slip.orgId,
          slip.sharedWith,
          JSON.stringify({ ...slip, patient: { name: '张三', idNumber } }),
        ],
      );
      const specialist = byId(await pull('spec01', 0, 1000, 'prescriptions'), slip.id) as unknown as {
        patient: { idNumber: string; name: string };
      };
      expect(specialist.patient).toEqual({ name: '张三', idNumber: maskIdNumber(idNumber) });
      const doctor = byId(await pull('doc01', 0, 1000, 'prescriptions'), slip.id) as unknown as {
        patient: { idNumber: string };
      };
      expect(doctor.patient.idNumber).toBe(idNumber);
    });

    it('a specialist’s stream carries them masked, a doctor’s in full', async () => {
      const specialist = await openStream(`${base}/v1/patients/stream`, platform.tokens.spec01!);
      const doctor = await openStream(`${base}/v1/patients/stream`, platform.tokens.doc01!);
      try {
        expect(await specialist.next()).toEqual({ type: 'resync' });
        expect(await doctor.next()).toEqual({ type: 'resync' });
        const [current] = (await pull('reg01')).documents.filter((d) => d.id === sharedId);
        const edited = { ...current!, familyDoctor: '张建国' };
        expect(
          (await push('reg01', [{ newDocumentState: edited, assumedMasterState: current }])).status,
        ).toBe(200);
        const masked = await specialist.next();
        const full = await doctor.next();
        expect(masked.type === 'changes' && (masked.documents[0] as unknown as Patient)).toMatchObject({
          id: sharedId,
          familyDoctor: '张建国',
          idNumber: maskIdNumber(idNumber),
          mobile: maskMobile(mobile),
        });
        expect(JSON.stringify(masked)).not.toContain('198001010012');
        expect(full.type === 'changes' && (full.documents[0] as unknown as Patient)).toMatchObject({
          id: sharedId,
          idNumber,
          mobile,
        });
      } finally {
        specialist.close();
        doctor.close();
      }
    }, 30_000);

    it('a specialist cannot push residents at all, so no masked value of theirs reaches the store', async () => {
      const current = byId(await pull('spec01'), sharedId)!;
      const { status } = await push('spec01', [{ newDocumentState: current, assumedMasterState: current }]);
      expect(status).toBe(403);
      expect((byId(await pull('doc01'), sharedId) as unknown as Patient).idNumber).toBe(idNumber);
    });

    it('a desk that holds the masked form and pushes it back keeps the stored numbers', async () => {
      // A doctor at a desk a specialist synced before: the desk holds what the specialist received.
      const stored = byId(await pull('reg01'), sharedId) as unknown as Patient;
      const masked: Patient = {
        ...stored,
        idNumber: maskIdNumber(stored.idNumber),
        mobile: maskMobile(stored.mobile),
        history: stored.history.map((revision) => ({
          ...revision,
          changes: revision.changes.map((change) =>
            change.field === 'idNumber'
              ? {
                  ...change,
                  from: JSON.stringify(maskIdNumber(JSON.parse(change.from) as string)),
                  to: JSON.stringify(maskIdNumber(JSON.parse(change.to) as string)),
                }
              : change,
          ),
        })),
      };
      const edited = { ...masked, familyDoctor: '刘文静' };
      expect(await push('doc01', [{ newDocumentState: edited, assumedMasterState: masked }])).toEqual({
        status: 200,
        body: { conflicts: [], rejected: [] },
      });
      const after = byId(await pull('doc01'), sharedId) as unknown as Patient;
      expect(after.familyDoctor).toBe('刘文静');
      expect(after.idNumber).toBe(idNumber);
      expect(after.mobile).toBe(mobile);
      expect(after.history).toEqual(stored.history);
    });

    it('a real change of the number is still a change', async () => {
      const stored = byId(await pull('reg01'), sharedId) as unknown as Patient;
      const changed = { ...stored, mobile: '13987654321' };
      expect((await push('reg01', [{ newDocumentState: changed, assumedMasterState: stored }])).body).toEqual(
        {
          conflicts: [],
          rejected: [],
        },
      );
      expect((byId(await pull('doc01'), sharedId) as unknown as Patient).mobile).toBe('13987654321');
    });
  });

  describe('removal markers, when a record is no longer shared', () => {
    const removedId = '0190d9a0-0000-7000-8000-00000000c001';
    const laterId = '0190d9a0-0000-7000-8000-00000000c002';

    it('the organisation that lost access finds the marker at its next pull, in sequence order', async () => {
      const shared = patient(removedId, { sharedWith: [demoHospitalId] });
      expect((await push('reg01', [{ newDocumentState: shared }])).body.rejected).toEqual([]);
      const before = await pull('spec01');
      expect(byId(before, removedId)).toBeDefined();
      const centreBefore = await pull('reg01');

      const unshared = { ...shared, sharedWith: [] };
      expect(
        (await push('reg01', [{ newDocumentState: unshared, assumedMasterState: shared }])).body,
      ).toEqual({
        conflicts: [],
        rejected: [],
      });
      // Then another resident is shared: the marker comes before it, by sequence.
      const later = patient(laterId, {
        sharedWith: [demoHospitalId],
        idNumber: earlierId,
        birthDate: '1975-06-15',
      });
      expect((await push('reg01', [{ newDocumentState: later }])).body.rejected).toEqual([]);

      const next = await pull('spec01', before.checkpoint.seq);
      expect(next.documents.map((d) => d.id)).toEqual([laterId]);
      expect(next.removed).toEqual([removedId]);
      // One at a time: the marker first, with its own checkpoint, then the later resident.
      const first = await pull('spec01', before.checkpoint.seq, 1);
      expect(first).toMatchObject({ documents: [], removed: [removedId] });
      expect(first.checkpoint.seq).toBeGreaterThan(before.checkpoint.seq);
      const second = await pull('spec01', first.checkpoint.seq, 1);
      expect(second.documents.map((d) => d.id)).toEqual([laterId]);
      expect(second.removed).toBeUndefined();
      // A marker carries no content: the answer never names the resident.
      expect(JSON.stringify(first)).not.toContain('张三');

      // The owner's own pull has no marker: it still reads the record.
      const centre = await pull('reg01', centreBefore.checkpoint.seq);
      expect(centre.removed).toBeUndefined();
      expect(centre.documents.map((d) => d.id)).toEqual([removedId, laterId]);
    });

    it('a desk starting from nothing gets the marker too (harmless), never the record', async () => {
      const all = await pull('spec01');
      expect(byId(all, removedId)).toBeUndefined();
      expect(all.removed).toContain(removedId);
    });

    it('its open streams are told at once; streams of other organisations are not', async () => {
      const specialist = await openStream(`${base}/v1/patients/stream`, platform.tokens.spec01!);
      const registrar = await openStream(`${base}/v1/patients/stream`, platform.tokens.reg01!);
      try {
        expect(await specialist.next()).toEqual({ type: 'resync' });
        expect(await registrar.next()).toEqual({ type: 'resync' });
        const current = byId(await pull('reg01'), laterId)!;
        const unshared = { ...current, sharedWith: [] } as ReplicatedDocument;
        expect(
          (await push('reg01', [{ newDocumentState: unshared, assumedMasterState: current }])).status,
        ).toBe(200);
        const told = await specialist.next();
        expect(told).toMatchObject({ type: 'changes', documents: [], removed: [laterId] });
        const own = await registrar.next();
        expect(own).toMatchObject({ type: 'changes', documents: [{ id: laterId, sharedWith: [] }] });
        expect((own as { removed?: string[] }).removed).toBeUndefined();
        const markers = await platform.store.query<{ org_id: string }>(
          `SELECT org_id FROM document_removals WHERE id = $1`,
          [laterId],
        );
        expect(markers).toEqual([{ org_id: demoHospitalId }]);
      } finally {
        specialist.close();
        registrar.close();
      }
    }, 30_000);

    it('sharing again brings the record back after its marker', async () => {
      const current = byId(await pull('reg01'), removedId)!;
      const before = await pull('spec01');
      const again = { ...current, sharedWith: [demoHospitalId] } as ReplicatedDocument;
      expect((await push('reg01', [{ newDocumentState: again, assumedMasterState: current }])).status).toBe(
        200,
      );
      const next = await pull('spec01', before.checkpoint.seq);
      expect(next.documents.map((d) => d.id)).toEqual([removedId]);
      expect(next.removed).toBeUndefined();
    });
  });
});
