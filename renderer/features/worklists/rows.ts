/**
 * The worklists (shared/followups/worklist.ts) as the screens list them: one row per item, with
 * what is due as data the screen words, and where one click goes (the visit form, or a renewal).
 */
import type { Programme } from '../../../shared/carePlans/schema';
import { daysBetween } from '../../../shared/followups/dates';
import type { DueWindow } from '../../../shared/followups/windows';
import type { Worklists } from '../../../shared/followups/worklist';

export const listKeys = ['dueThisWeek', 'overdue', 'lost', 'referralFollowUps', 'contractsExpiring'] as const;
export type ListKey = (typeof listKeys)[number];

export const isListKey = (value: unknown): value is ListKey => listKeys.some((k) => k === value);

/** What is due on a row, for the screen to word. */
export type DueFact =
  | { kind: 'window'; window: DueWindow; overdueDays: number }
  | { kind: 'lost'; missedInARow: number; lastVisitOn: string | null }
  | { kind: 'referral'; dueDate: string; overdue: boolean }
  | { kind: 'contract'; endDate: string; daysLeft: number };

export interface WorklistRow {
  key: string;
  patientId: string;
  programme: Programme | 'contract';
  due: DueFact;
  /** The family doctor of the resident's contract in force; null when none. */
  doctorId: string | null;
  /** Where one click goes: the follow-up visit form, or (a contract) its renewal. */
  actionPath: string;
  action: 'visit' | 'renew';
}

/** The follow-up visit form for an enrolment, for a due window when one is named. */
export function visitPath(patientId: string, enrolmentId: string, windowKey: string | null): string {
  const query = new URLSearchParams({ enrolment: enrolmentId });
  if (windowKey) query.set('window', windowKey);
  return `/patients/${patientId}/followups/new?${query.toString()}`;
}

/** The rows of list `list` on `today`, in the worklist's own order. */
export function worklistRows(worklists: Worklists, list: ListKey, today: string): WorklistRow[] {
  switch (list) {
    case 'dueThisWeek':
    case 'overdue':
      return worklists[list].map((item) => ({
        key: `${item.enrolmentId}:${item.window.key}`,
        patientId: item.patientId,
        programme: item.programme,
        due: {
          kind: 'window',
          window: item.window,
          overdueDays: Math.max(0, daysBetween(item.window.dueDate, today)),
        },
        doctorId: item.doctorId,
        actionPath: visitPath(item.patientId, item.enrolmentId, item.window.key),
        action: 'visit',
      }));
    case 'lost':
      return worklists.lost.map((item) => ({
        key: item.enrolmentId,
        patientId: item.patientId,
        programme: item.programme,
        due: { kind: 'lost', missedInARow: item.missedInARow, lastVisitOn: item.lastVisitOn },
        doctorId: item.doctorId,
        actionPath: visitPath(item.patientId, item.enrolmentId, null),
        action: 'visit',
      }));
    case 'referralFollowUps':
      return worklists.referralFollowUps.map((item) => ({
        key: `${item.enrolmentId}:${item.visitId}`,
        patientId: item.patientId,
        programme: item.programme,
        due: { kind: 'referral', dueDate: item.dueDate, overdue: item.overdue },
        doctorId: item.doctorId,
        actionPath: visitPath(item.patientId, item.enrolmentId, null),
        action: 'visit',
      }));
    case 'contractsExpiring':
      return worklists.contractsExpiring.map((item) => ({
        key: item.contractId,
        patientId: item.patientId,
        programme: 'contract',
        due: { kind: 'contract', endDate: item.endDate, daysLeft: item.daysLeft },
        doctorId: item.doctorId,
        actionPath: `/patients/${item.patientId}/contracts/new?renews=${item.contractId}`,
        action: 'renew',
      }));
  }
}
