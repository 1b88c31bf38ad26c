/**
 * A family doctor's panel (签约居民): the residents with a contract in force with the doctor's
 * team on a day, each with their programmes and where each schedule stands. Pure.
 */
import type { CarePlanDoc, ContractDoc, Programme } from '../../../shared/carePlans/schema';
import { isContract } from '../../../shared/carePlans/schema';
import { inForceOn } from '../../../shared/followups/contracts';
import type { ScheduleState } from '../../../shared/followups/windows';
import type { EnrolmentStatus } from '../../../shared/followups/worklist';

export interface PanelProgramme {
  enrolmentId: string;
  programme: Programme;
  state: ScheduleState;
  /** The next window's due date, when there is one. */
  nextDue: string | null;
}

export interface PanelRow {
  patientId: string;
  contract: ContractDoc;
  programmes: PanelProgramme[];
}

/** States that need the doctor first: overdue and lost before due, due before the rest. */
const urgency: Record<ScheduleState, number> = {
  lost: 0,
  overdue: 1,
  due: 2,
  upcoming: 3,
  noPlan: 4,
  complete: 5,
  left: 6,
};

/**
 * The panel of `doctorId` (every doctor's when null) on `today`: one row per resident with a
 * contract in force (the latest signed, should two collide), their active programmes, most
 * pressing first, and the residents who need attention first.
 */
export function panelRows(
  carePlans: readonly CarePlanDoc[],
  statuses: readonly EnrolmentStatus[],
  doctorId: string | null,
  today: string,
): PanelRow[] {
  const contracts = new Map<string, ContractDoc>();
  for (const doc of carePlans) {
    if (!isContract(doc) || !inForceOn(doc.contract, today)) continue;
    if (doctorId && doc.contract.team.doctorId !== doctorId) continue;
    const seen = contracts.get(doc.patientId);
    if (!seen || doc.createdAt > seen.createdAt) contracts.set(doc.patientId, doc);
  }
  const programmes = new Map<string, PanelProgramme[]>();
  for (const s of statuses) {
    if (s.enrolment.enrolment.status !== 'active' || !contracts.has(s.enrolment.patientId)) continue;
    const list = programmes.get(s.enrolment.patientId) ?? [];
    list.push({
      enrolmentId: s.enrolment.id,
      programme: s.enrolment.enrolment.programme,
      state: s.state,
      nextDue: s.next?.dueDate ?? null,
    });
    programmes.set(s.enrolment.patientId, list);
  }
  const rows = [...contracts.values()].map((contract) => ({
    patientId: contract.patientId,
    contract,
    programmes: (programmes.get(contract.patientId) ?? []).sort(
      (a, b) => urgency[a.state] - urgency[b.state],
    ),
  }));
  const worst = (row: PanelRow) => Math.min(99, ...row.programmes.map((p) => urgency[p.state]));
  return rows.sort(
    (a, b) => worst(a) - worst(b) || a.contract.contract.endDate.localeCompare(b.contract.contract.endDate),
  );
}
