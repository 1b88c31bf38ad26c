import { describe, expect, it } from 'vitest';
import { emptyVitals } from '../encounters/vitals';
import { syncedCollections } from '../sync/collections';
import { sampleObservation } from '../testing/observations';
import type { LabResult } from './schema';
import {
  adoptTriage,
  currentObservations,
  keepNurseFields,
  labErrors,
  observationErrors,
  observationWriteErrors,
  triageHandover,
  triageOf,
  vitalsInputSchema,
} from './rules';

const nurse = { staffId: 'staff-nurse01', role: 'nurse' as const, orgId: 'org-chc-demo' };

describe('what an observation must hold', () => {
  it('accepts a nurse’s triage', () => {
    expect(observationErrors(sampleObservation())).toEqual([]);
  });
  it.each([
    [{ vitals: { ...emptyVitals, spo2: 120 } }, 'vitals.spo2', 'outOfRange'],
    [{ vitals: { ...emptyVitals, systolic: 90, diastolic: 95 } }, 'vitals.diastolic', 'notBelowSystolic'],
    [{ vitals: { ...emptyVitals }, chiefComplaint: '  ' }, 'vitals', 'nothingRecorded'],
    [{ appointmentId: null }, 'chiefComplaint', 'complaintOutsideVisit'],
    [{ supersedes: sampleObservation().id }, 'supersedes', 'selfSupersede'],
  ])('refuses %j: %s %s', (changes, field, code) => {
    expect(observationErrors(sampleObservation(changes))).toContainEqual({ field, code });
  });
  it('accepts vitals outside a visit without a complaint', () => {
    expect(observationErrors(sampleObservation({ appointmentId: null, chiefComplaint: '' }))).toEqual([]);
  });
  it('passes the collection’s JSON schema check only with the declared kind', () => {
    const { schema } = syncedCollections.observations;
    expect(schema.properties.kind.enum).toEqual(['vitals', 'lab']);
  });
  it('checks what the forms hand over, and defaults SpO₂ to not taken', () => {
    const input = {
      patientId: 'p',
      appointmentId: null,
      vitals: { ...emptyVitals, spo2: undefined },
      chiefComplaint: '',
    };
    expect(vitalsInputSchema.parse(input).vitals.spo2).toBeNull();
    expect(
      vitalsInputSchema.safeParse({ ...input, vitals: { ...emptyVitals, heartRate: '80' } }).success,
    ).toBe(false);
  });
});

describe('who writes an observation, and only once', () => {
  it('lets the nurse record in her own name', () => {
    expect(observationWriteErrors(sampleObservation(), undefined, nurse)).toEqual([]);
  });
  it('refuses another person’s name and a role without the permission', () => {
    expect(
      observationWriteErrors(sampleObservation({ recordedBy: 'staff-doc01' }), undefined, nurse),
    ).toEqual([{ field: 'recordedBy', code: 'notRecorder' }]);
    const registrar = { ...nurse, staffId: 'staff-reg01', role: 'registrar' as const };
    expect(
      observationWriteErrors(
        sampleObservation({ recordedBy: 'staff-reg01', createdBy: 'staff-reg01' }),
        undefined,
        registrar,
      ),
    ).toEqual([{ field: 'recordedBy', code: 'notObserver' }]);
  });
  it('refuses any change or removal of a stored one, its own recorder’s included', () => {
    const held = sampleObservation();
    const changed = { ...held, chiefComplaint: '头痛' };
    expect(observationWriteErrors(changed, held, nurse)).toEqual([
      { field: '(document)', code: 'observationLocked' },
    ]);
    expect(observationWriteErrors({ ...held, _deleted: true } as never, held, nurse)).toEqual([
      { field: '(document)', code: 'observationLocked' },
    ]);
    expect(observationWriteErrors({ ...held }, held, nurse)).toEqual([]);
  });
});

describe('a visit’s triage and the consultation that takes it over', () => {
  const first = sampleObservation({ id: 'o1', takenAt: '2026-11-23T00:40:00.000Z' });
  const correction = sampleObservation({ id: 'o2', supersedes: 'o1', takenAt: '2026-11-23T00:45:00.000Z' });
  const elsewhere = sampleObservation({
    id: 'o3',
    appointmentId: 'other',
    takenAt: '2026-11-23T00:50:00.000Z',
  });

  it('is the latest observation of the visit that nothing supersedes', () => {
    expect(triageOf([correction, first, elsewhere], first.appointmentId!)?.id).toBe('o2');
    expect(triageOf([first], 'none')).toBeNull();
    expect(currentObservations([first, correction, elsewhere]).map((o) => o.id)).toEqual(['o3', 'o2']);
  });

  it('hands over the vitals taken and the complaint, attributed to who took them', () => {
    const { vitals, chiefComplaint, triage } = triageHandover(first);
    expect(vitals).toEqual(first.vitals);
    expect(chiefComplaint).toBe('头晕三天');
    expect(triage).toEqual({
      observationId: 'o1',
      by: 'staff-nurse01',
      byName: '李秀梅',
      at: first.takenAt,
      fields: [
        'vitals.systolic',
        'vitals.diastolic',
        'vitals.heartRate',
        'vitals.temperature',
        'vitals.spo2',
        'chiefComplaint',
      ],
    });
  });

  it('makes a value the doctor changes the doctor’s, and keeps the others the nurse’s', () => {
    const { vitals, chiefComplaint, triage } = triageHandover(first);
    const before = { vitals, chiefComplaint };
    expect(keepNurseFields(triage, before, before)).toBe(triage);
    const after = { vitals: { ...vitals, systolic: 148, weight: 70 }, chiefComplaint: '头晕三天，伴恶心' };
    expect(keepNurseFields(triage, before, after).fields).toEqual([
      'vitals.diastolic',
      'vitals.heartRate',
      'vitals.temperature',
      'vitals.spo2',
    ]);
  });
});

describe('a draft that started before its triage arrived', () => {
  it('takes the nurse’s values only where the doctor wrote nothing, attributed to her', () => {
    const triage = sampleObservation({
      vitals: { ...emptyVitals, systolic: 152, diastolic: 94, glucose: 8.1, glucoseKind: 'random' },
    });
    const doctorWrote = { vitals: { ...emptyVitals, systolic: 140 }, chiefComplaint: '' };
    const taken = adoptTriage(doctorWrote, triage);
    expect(taken.vitals).toEqual({
      ...emptyVitals,
      systolic: 140,
      diastolic: 94,
      glucose: 8.1,
      glucoseKind: 'random',
    });
    expect(taken.chiefComplaint).toBe('头晕三天');
    expect(taken.triage.fields).toEqual(['vitals.diastolic', 'vitals.glucose', 'chiefComplaint']);
    expect(adoptTriage({ ...doctorWrote, chiefComplaint: '胸闷' }, triage).chiefComplaint).toBe('胸闷');
  });
});

describe('lab results (检验结果)', () => {
  const lab: LabResult = {
    panel: 'cbc',
    items: [
      { analyte: 'wbc', value: 3.1, unit: '10^9/L', refLow: 3.5, refHigh: 9.5, flag: 'low' },
      { analyte: 'hb', value: 130, unit: 'g/L', refLow: 115, refHigh: 150, flag: null },
    ],
    testedOn: '2026-12-05',
    source: 'external',
    sourceName: '市第一人民医院',
  };
  const result = (changes: Partial<LabResult> = {}) =>
    sampleObservation({
      kind: 'lab',
      appointmentId: null,
      vitals: { ...emptyVitals, spo2: null },
      chiefComplaint: '',
      lab: { ...lab, ...changes },
      enrolmentId: '0190d9a0-0000-7000-8000-0000000c0003',
    });

  it('accepts a blood count brought from another hospital, flagged by the shared rule', () => {
    expect(observationErrors(result())).toEqual([]);
    expect(syncedCollections.observations.check(result())).toEqual([]);
  });

  it.each([
    [{ items: [] }, 'lab.items', 'required'],
    [{ sourceName: ' ' }, 'lab.sourceName', 'required'],
    [{ testedOn: '2026-12-32' }, 'lab.testedOn', 'dateFormat'],
    [{ items: [{ ...lab.items[0]!, flag: null }] }, 'lab.items.0.flag', 'flagMismatch'],
    [{ items: [{ ...lab.items[0]!, analyte: 'unicorn' as never }] }, 'lab.items.0.analyte', 'unknownAnalyte'],
    [{ items: [{ ...lab.items[0]!, unit: 'mmol/L' }] }, 'lab.items.0.unit', 'unitNotAccepted'],
    [{ items: [lab.items[1]!, lab.items[1]!] }, 'lab.items.1.analyte', 'duplicate'],
  ])('refuses %j: %s %s', (changes, field, code) => {
    expect(observationErrors(result(changes))).toContainEqual({ field, code });
  });

  it('flags exactly outside the range: the bounds themselves are within', () => {
    const at = (value: number) => result({ items: [{ ...lab.items[1]!, value, flag: null }] });
    expect(observationErrors(at(115))).toEqual([]);
    expect(observationErrors(at(150))).toEqual([]);
    expect(observationErrors(at(114.9))).toContainEqual({ field: 'lab.items.0.flag', code: 'flagMismatch' });
  });

  it('refuses a result dated after today, and the result is no triage', () => {
    expect(labErrors(lab, '2026-12-04')).toEqual([{ field: 'lab.testedOn', code: 'testedInFuture' }]);
    expect(labErrors(lab, '2026-12-05')).toEqual([]);
    expect(triageOf([{ ...result(), appointmentId: 'appt-1' }], 'appt-1')).toBeNull();
  });

  it('keeps results and vitals apart', () => {
    expect(observationErrors({ ...result(), lab: undefined })).toEqual([
      { field: 'lab', code: 'kindMismatch' },
    ]);
    expect(observationErrors({ ...result(), vitals: { ...emptyVitals, systolic: 140 } })).toContainEqual({
      field: 'vitals',
      code: 'kindMismatch',
    });
    expect(observationErrors({ ...sampleObservation(), lab })).toEqual([
      { field: 'lab', code: 'kindMismatch' },
    ]);
  });
});
