/**
 * The `appointments` collection: one patient's place in a day's outpatient queue, booked ahead
 * for a time or taken as a walk-in. It carries a snapshot of the patient's name so the queue can
 * be shown and called without opening every resident record, and links to the consultation
 * record (`encounterId`) once the doctor starts one.
 */
import { nullableText, stringList, text } from '../json/schemaParts';
export const appointmentKinds = ['booked', 'walkIn'] as const;
export type AppointmentKind = (typeof appointmentKinds)[number];

/**
 * scheduled → arrived (checked in) → inConsultation (called) → done; scheduled or arrived →
 * cancelled or noShow. The moves are in queue.ts.
 */
export const appointmentStatuses = [
  'scheduled',
  'arrived',
  'inConsultation',
  'done',
  'cancelled',
  'noShow',
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export interface AppointmentDoc {
  id: string;
  orgId: string;
  sharedWith: string[];
  patientId: string;
  /** The patient's name when booked, for the queue display. */
  patientName: string;
  /** Day of the visit, YYYY-MM-DD (the desk's local date). */
  date: string;
  /** Booked slot, HH:mm local time; null for a walk-in. */
  time: string | null;
  kind: AppointmentKind;
  /** The doctor booked or who called the patient; null while any doctor may take them. */
  doctorId: string | null;
  department: string;
  status: AppointmentStatus;
  /** Queue number shown and called out: A012 (booked), W003 (walk-in). */
  ticket: string;
  arrivedAt: string | null;
  calledAt: string | null;
  doneAt: string | null;
  encounterId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const appointmentSchemaVersion = 0;

export const appointmentSchema = {
  title: 'appointments',
  description: "The day's outpatient queue: bookings and walk-ins",
  version: appointmentSchemaVersion,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    orgId: text(64),
    sharedWith: stringList(50, 64),
    patientId: text(36),
    patientName: text(50),
    date: text(10),
    time: nullableText(5),
    kind: { type: 'string', enum: [...appointmentKinds] },
    doctorId: nullableText(64),
    department: text(60),
    status: { type: 'string', enum: [...appointmentStatuses] },
    ticket: text(8),
    arrivedAt: nullableText(40),
    calledAt: nullableText(40),
    doneAt: nullableText(40),
    encounterId: nullableText(36),
    createdBy: text(64),
    createdAt: text(40),
    updatedAt: text(40),
  },
  required: [
    'id',
    'orgId',
    'sharedWith',
    'patientId',
    'patientName',
    'date',
    'time',
    'kind',
    'doctorId',
    'department',
    'status',
    'ticket',
    'arrivedAt',
    'calledAt',
    'doneAt',
    'encounterId',
    'createdBy',
    'createdAt',
    'updatedAt',
  ],
  indexes: [['date', 'ticket'], 'patientId'],
  additionalProperties: false,
} as const;
