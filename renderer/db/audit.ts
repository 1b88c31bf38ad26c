/**
 * Records what a person did at this desk (opened a chart, registered, edited) as an audit event,
 * pushed to the platform's hash-chained trail by sync. Written in the same breath as the action,
 * so an action made offline is audited too.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuditAction, AuditDetails } from '../../shared/audit/schema';
import type { Operator } from '../app/operator';
import type { ClinicDatabase } from './database';

export async function recordAuditEvent(
  db: ClinicDatabase,
  operator: Operator,
  action: AuditAction,
  record?: { collection: string; id: string },
  details?: AuditDetails,
  at: Date = new Date(),
): Promise<void> {
  await db.auditEvents.insert({
    id: uuidv7(),
    orgId: operator.orgId,
    actorId: operator.id,
    action,
    at: at.toISOString(),
    ...(record ? { recordCollection: record.collection, recordId: record.id } : {}),
    ...(details ? { details } : {}),
  });
}
