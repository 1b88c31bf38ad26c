/**
 * Rules of an audit event beyond its JSON schema. Who may record it (the signed-in staff member of
 * the signed-in organisation) is the platform's check, not this one: it depends on the session.
 */
import type { FieldError } from '../sync/collections';
import { recordActions, type AuditEventDoc } from './schema';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** An instant, with its offset: `2026-11-23T09:30:00.000Z` or `…+08:00`. */
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Field errors of `event` ([] when valid). Assumes it passed the JSON schema. */
export function checkAuditEvent(event: AuditEventDoc): FieldError[] {
  const errors: FieldError[] = [];
  if (!uuidV7.test(event.id)) errors.push({ field: 'id', code: 'uuidV7' });
  if (!instant.test(event.at) || Number.isNaN(Date.parse(event.at)))
    errors.push({ field: 'at', code: 'instant' });
  const aboutRecord = recordActions.includes(event.action);
  for (const field of ['recordCollection', 'recordId'] as const) {
    if (aboutRecord && !event[field]) errors.push({ field, code: 'required' });
    if (!aboutRecord && event[field] !== undefined) errors.push({ field, code: 'notForAction' });
  }
  return errors;
}
