/**
 * What the platform discloses of a replicated document to a role: identity numbers and mobile
 * numbers leave the platform masked for a role without `patient.viewIdentifiers`, and for every
 * role of an organisation that reads the document across organisations (another organisation's
 * resident shared with it by a grant: a hospital admin sees them masked too) (PIPL data
 * minimisation), in every answer that carries documents (pull, stream, push). The masking is the
 * screen's own (shared/identity/mask.ts), so a desk shows the same text whether it masked a value
 * itself or received it masked.
 *
 * Identifiers sit in more places than the two fields of a resident: a resident's edit history and
 * open collisions keep earlier values as JSON text, and a prescription slip prints the patient's
 * identity number in its header. Consultation records and the queue carry none.
 *
 * A masked value is never a new value: a desk that received the masked form (a masked role, or a
 * desk a masked role synced before) and pushes it back means "unchanged", and
 * {@link keepStoredIdentifiers} puts the stored value back before the platform checks and stores
 * the document.
 */
import { can, type Role } from '../auth/roles';
import { canonicalJson } from '../json/canonicalJson';
import { maskIdNumber, maskMobile } from '../identity/mask';

type Doc = Record<string, unknown>;
type Mask = (value: string) => string;

/** Whether `role` receives identity numbers and mobiles in full. */
export const seesIdentifiers = (role: Role): boolean => can(role, 'patient.viewIdentifiers');

/** A resident's identifier fields and their masks. */
const patientIdentifiers: Readonly<Record<string, Mask>> = { idNumber: maskIdNumber, mobile: maskMobile };

/** JSON text of an identifier (history and collisions keep values so), masked. */
function maskJsonText(text: unknown, mask: Mask): unknown {
  if (typeof text !== 'string') return text;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'string') return JSON.stringify(mask(value));
  } catch {
    // Not JSON after all: masked as it stands, below.
  }
  // Not the JSON text of a string (a bare number, say): masked as it stands rather than sent in full.
  return mask(text);
}

function maskPatient(doc: Doc): Doc {
  const masked: Doc = { ...doc };
  for (const [field, mask] of Object.entries(patientIdentifiers))
    if (typeof doc[field] === 'string') masked[field] = mask(doc[field]);
  if (Array.isArray(doc.history))
    masked.history = (doc.history as Doc[]).map((revision) =>
      Array.isArray(revision?.changes)
        ? {
            ...revision,
            changes: (revision.changes as Doc[]).map((change) => {
              const mask = patientIdentifiers[String(change?.field)];
              return mask
                ? { ...change, from: maskJsonText(change.from, mask), to: maskJsonText(change.to, mask) }
                : change;
            }),
          }
        : revision,
    );
  if (Array.isArray(doc.collisions))
    masked.collisions = (doc.collisions as Doc[]).map((collision) => {
      const mask = patientIdentifiers[String(collision?.field)];
      if (!mask) return collision;
      return {
        ...collision,
        base: maskJsonText(collision.base, mask),
        values: Array.isArray(collision.values)
          ? collision.values.map((value) => maskJsonText(value, mask))
          : collision.values,
      };
    });
  return masked;
}

/** A slip's header keeps the patient's identity number where the slip needs it printed. */
function maskPrescription(doc: Doc): Doc {
  const patient = doc.patient as Doc | undefined;
  if (!patient || typeof patient.idNumber !== 'string') return doc;
  return { ...doc, patient: { ...patient, idNumber: maskIdNumber(patient.idNumber) } };
}

/** Collections whose documents carry identifiers, and how to mask them. */
const maskers: Readonly<Record<string, (doc: Doc) => Doc>> = {
  patients: maskPatient,
  prescriptions: maskPrescription,
};

/**
 * Whether `role` receives `collection`'s documents masked (false: as stored); `crossed` when the
 * document is another organisation's, shared with the reader's: masked for every role then.
 */
export const masksIdentifiers = (collection: string, role: Role, crossed = false): boolean =>
  Object.hasOwn(maskers, collection) && (crossed || !seesIdentifiers(role));

/**
 * `doc` as `role` may receive it: identifiers masked where the role may not see them, or where
 * the document crossed organisations (`crossed`: it is not the reader's organisation's own).
 */
export function disclosedTo<D extends object>(collection: string, role: Role, doc: D, crossed = false): D {
  return masksIdentifiers(collection, role, crossed) ? (maskers[collection]!(doc as Doc) as D) : doc;
}

/**
 * `pushed` with every identifier that is the masked form of `stored`'s (and not `stored`'s value
 * itself) replaced by the stored value: top-level fields, a slip's patient header, and each entry
 * of a resident's history and collisions by position. Anything else, including a real change of
 * an identifier, is left as pushed.
 */
export function keepStoredIdentifiers<D extends object>(collection: string, pushed: D, stored: object): D {
  const mask = maskers[collection];
  if (!mask) return pushed;
  const masked = mask(stored as Doc);
  const source = stored as Doc;
  const out: Doc = { ...(pushed as Doc) };
  const isMaskOf = (value: unknown, maskedValue: unknown, storedValue: unknown) =>
    canonicalJson(value) === canonicalJson(maskedValue) &&
    canonicalJson(value) !== canonicalJson(storedValue);
  for (const field of Object.keys(patientIdentifiers))
    if (collection === 'patients' && isMaskOf(out[field], masked[field], source[field]))
      out[field] = source[field];
  for (const list of ['history', 'collisions'])
    if (Array.isArray(out[list]) && Array.isArray(masked[list]))
      out[list] = (out[list] as unknown[]).map((entry, i) =>
        isMaskOf(entry, (masked[list] as unknown[])[i], (source[list] as unknown[])[i])
          ? (source[list] as unknown[])[i]
          : entry,
      );
  const header = out.patient as Doc | undefined;
  const storedHeader = source.patient as Doc | undefined;
  if (
    collection === 'prescriptions' &&
    header &&
    storedHeader &&
    isMaskOf(header.idNumber, (masked.patient as Doc).idNumber, storedHeader.idNumber)
  )
    out.patient = { ...header, idNumber: storedHeader.idNumber };
  return out as D;
}

/**
 * Whether `doc` may hold a masked identifier (a star where masks put them): the platform looks
 * up stored identifiers only for such documents, so ordinary pushes cost nothing more.
 */
export function mayHoldMaskedIdentifiers(collection: string, doc: object): boolean {
  return Object.hasOwn(maskers, collection) && JSON.stringify(doc).includes('*');
}
