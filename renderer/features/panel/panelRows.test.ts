import { describe, expect, it } from 'vitest';
import type { CarePlanDoc, ContractDoc, EnrolmentDoc } from '../../../shared/carePlans/schema';
import type { EnrolmentStatus } from '../../../shared/followups/worklist';
import { panelRows } from './panelRows';

const contract = (
  id: string,
  patientId: string,
  doctorId: string,
  patch: Partial<ContractDoc['contract']> = {},
) =>
  ({
    id,
    orgId: 'chc',
    sharedWith: [],
    patientId,
    kind: 'contract',
    contract: {
      agreementNo: `QY-${id}`,
      team: {
        name: 't',
        doctorId,
        doctorName: 'd',
        nurseId: null,
        nurseName: '',
        publicHealthId: null,
        publicHealthName: '',
      },
      householdNo: '',
      populationTypes: ['hypertension'],
      packages: [],
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      channel: 'onSite',
      status: 'active',
      renewsContractId: null,
      terminatedAt: null,
      terminationReason: '',
      residentSignedAs: 'self',
      ...patch,
    },
    createdBy: doctorId,
    createdByName: 'd',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  }) as ContractDoc;

const status = (patientId: string, state: EnrolmentStatus['state'], programme: 'hypertension' | 'diabetes') =>
  ({
    enrolment: {
      id: `e-${patientId}-${programme}`,
      patientId,
      enrolment: { programme, status: 'active' },
    } as EnrolmentDoc,
    state,
    next: state === 'overdue' ? ({ dueDate: '2026-11-30' } as EnrolmentStatus['next']) : null,
    windows: [],
    missedInARow: 0,
    lastVisitOn: null,
  }) as EnrolmentStatus;

describe('a doctor’s panel', () => {
  const plans: CarePlanDoc[] = [
    contract('c1', 'p1', 'doc01'),
    contract('c2', 'p2', 'doc01'),
    contract('c3', 'p3', 'doc02'),
    contract('c4', 'p4', 'doc01', {
      status: 'terminated',
      terminatedAt: '2026-06-01T00:00:00Z',
      terminationReason: 'x',
    }),
    contract('c5', 'p5', 'doc01', { endDate: '2026-12-06' }),
  ];
  const statuses = [
    status('p1', 'upcoming', 'hypertension'),
    status('p2', 'overdue', 'diabetes'),
    status('p2', 'due', 'hypertension'),
  ];

  it('lists the residents with a contract in force with the doctor’s team, those needing attention first', () => {
    const rows = panelRows(plans, statuses, 'doc01', '2026-12-07');
    expect(rows.map((r) => r.patientId)).toEqual(['p2', 'p1']);
    expect(rows[0]!.programmes.map((p) => [p.programme, p.state, p.nextDue])).toEqual([
      ['diabetes', 'overdue', '2026-11-30'],
      ['hypertension', 'due', null],
    ]);
  });

  it('counts a contract through its last day, not the day after', () => {
    expect(panelRows(plans, [], 'doc01', '2026-12-06').map((r) => r.patientId)).toContain('p5');
    expect(panelRows(plans, [], 'doc01', '2026-12-07').map((r) => r.patientId)).not.toContain('p5');
  });

  it('shows every team’s residents for the centre', () => {
    expect(
      panelRows(plans, statuses, null, '2026-12-07')
        .map((r) => r.patientId)
        .sort(),
    ).toEqual(['p1', 'p2', 'p3']);
  });
});
