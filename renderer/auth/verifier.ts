/**
 * Offline sign-in. After a successful sign-in against the platform the desk keeps, per username,
 * a VERIFIER: PBKDF2-SHA-256 of the password with a random salt, and the staff and organisation
 * the platform answered with, sealed by an HMAC keyed from the same derivation so the summary
 * (the role, above all) cannot be edited without knowing the password. Never the password, never
 * a token. When the platform cannot be reached, the same person signs in against it; the lock
 * screen checks passwords against it too.
 *
 * Wrong passwords are counted per username: after {@link maxFailedAttempts} in a row the verifier
 * refuses every attempt for {@link lockMinutes}, as the platform's own lockout does, so a stolen
 * desk cannot be used to guess at the keyboard. (Someone who can read the browser's storage can
 * guess offline; the iteration count is what slows that down.)
 *
 * The same derivation also seals the person's DESK CREDENTIAL (shared/platform/deskCredentials.ts)
 * when the platform issued one: AES-GCM under a key drawn (HKDF) from the half of the PBKDF2
 * output that is never stored, so only the password opens it, and only an offline sign-in or
 * unlock with that password hands it to the session, which exchanges it for a platform session
 * once the platform can be reached.
 */
import { z } from 'zod';
import type { PlatformKey } from '../../shared/clinical/seal';
import { organisationSummarySchema, platformKeySchema, staffSummarySchema } from '../../shared/platform/auth';
import type { OrganisationSummary, StaffSummary } from '../../shared/platform/auth';

/** PBKDF2 iterations for new verifiers (OWASP's 2021 figure for PBKDF2-HMAC-SHA-256). */
export const defaultIterations = 310_000;
/** The lowest iteration count a stored verifier may have; weaker records are ignored. */
export const minIterations = 210_000;
export const maxFailedAttempts = 5;
export const lockMinutes = 15;

/** Who signed in: what an offline session and the lock screen show. */
export interface Profile {
  /** As the platform matches it: trimmed, lower case. */
  username: string;
  staff: StaffSummary;
  organisation: OrganisationSummary;
  /**
   * The platform's public keys, for verifying its seals on signed records offline (absent when
   * the platform did not send any). Sealed with the rest, so nobody can swap in their own key.
   */
  platformKeys?: PlatformKey[];
}

const recordSchema = z.object({
  version: z.literal(1),
  username: z.string().min(1),
  staff: staffSummarySchema,
  organisation: organisationSummarySchema,
  platformKeys: z.array(platformKeySchema).max(20).optional(),
  salt: z.string().min(16),
  iterations: z.number().int().min(minIterations),
  hash: z.string().min(16),
  /** HMAC-SHA-256 over username, staff and organisation. */
  seal: z.string().min(16),
  /** When the platform last confirmed this password (ISO time). */
  savedAt: z.string(),
  /** The desk credential, sealed (absent when the platform issued none). */
  deskCredential: z
    .object({ iv: z.string().min(16), box: z.string().min(16), expiresAt: z.string() })
    .optional(),
  failedAttempts: z.number().int().nonnegative(),
  lockedUntil: z.string().optional(),
});
export type VerifierRecord = z.infer<typeof recordSchema>;

export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

const encoder = new TextEncoder();
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * What a desk credential holds once unsealed: the platform's secret and what it is bound to.
 * Kept in memory only, by the session of the person whose password opened it.
 */
export interface DeskCredential {
  secret: string;
  staffId: string;
  deskId: string;
  expiresAt: string;
}

const deskCredentialSchema = z.object({
  secret: z.string().min(1),
  staffId: z.string().min(1),
  deskId: z.string().min(1),
  expiresAt: z.string(),
});

/**
 * 512 bits of PBKDF2: the first half is compared, the second keys the HMAC seal and, through
 * HKDF, the AES-GCM key of the desk credential.
 */
async function derive(password: string, salt: Uint8Array, iterations: number) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
      key,
      512,
    ),
  );
  const sealKey = await crypto.subtle.importKey(
    'raw',
    bits.slice(32),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const boxKey = await crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: encoder.encode('clinicdesk desk credential v1'),
    },
    await crypto.subtle.importKey('raw', bits.slice(32), 'HKDF', false, ['deriveKey']),
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return { hash: bits.slice(0, 32), sealKey, boxKey };
}

/** Binds a sealed credential to its record: moved into another person's record, it does not open. */
const credentialContext = (username: string, staffId: string) =>
  encoder.encode(JSON.stringify(['desk-credential', username, staffId]));

async function sealCredential(
  credential: DeskCredential,
  key: CryptoKey,
  username: string,
): Promise<NonNullable<VerifierRecord['deskCredential']>> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const box = await crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv: iv as BufferSource,
      additionalData: credentialContext(username, credential.staffId) as BufferSource,
    },
    key,
    encoder.encode(JSON.stringify(credential)) as BufferSource,
  );
  return { iv: toBase64(iv), box: toBase64(new Uint8Array(box)), expiresAt: credential.expiresAt };
}

/** The credential sealed in `record`, or undefined when none is or it does not open. */
async function openCredential(record: VerifierRecord, key: CryptoKey): Promise<DeskCredential | undefined> {
  const sealedCredential = record.deskCredential;
  if (!sealedCredential) return undefined;
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64(sealedCredential.iv) as BufferSource,
        additionalData: credentialContext(record.username, record.staff.id) as BufferSource,
      },
      key,
      fromBase64(sealedCredential.box) as BufferSource,
    );
    const parsed = deskCredentialSchema.safeParse(JSON.parse(new TextDecoder().decode(plain)));
    return parsed.success && parsed.data.staffId === record.staff.id ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What the HMAC covers; records from before platform keys existed keep their three-part form. */
const sealed = (profile: Profile) =>
  encoder.encode(
    JSON.stringify(
      profile.platformKeys
        ? [profile.username, profile.staff, profile.organisation, profile.platformKeys]
        : [profile.username, profile.staff, profile.organisation],
    ),
  );

async function seal(profile: Profile, key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, sealed(profile) as BufferSource));
}

/** Compares without stopping at the first difference. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * A fresh verifier for `password`, with a new random salt; `deskCredential`, when given, is sealed
 * into it (see the file's comment).
 */
export async function createVerifier(
  profile: Profile,
  password: string,
  {
    iterations = defaultIterations,
    now = new Date(),
    deskCredential,
  }: { iterations?: number; now?: Date; deskCredential?: DeskCredential } = {},
): Promise<VerifierRecord> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const { hash, sealKey, boxKey } = await derive(password, salt, iterations);
  const clean: Profile = {
    username: normaliseUsername(profile.username),
    staff: staffSummarySchema.parse(profile.staff),
    organisation: organisationSummarySchema.parse(profile.organisation),
    ...(profile.platformKeys
      ? { platformKeys: profile.platformKeys.map((key) => platformKeySchema.parse(key)) }
      : {}),
  };
  return {
    version: 1,
    ...clean,
    salt: toBase64(salt),
    iterations,
    hash: toBase64(hash),
    seal: toBase64(await seal(clean, sealKey)),
    savedAt: now.toISOString(),
    failedAttempts: 0,
    ...(deskCredential && deskCredential.staffId === clean.staff.id
      ? { deskCredential: await sealCredential(deskCredential, boxKey, clean.username) }
      : {}),
  };
}

/**
 * Opens the verifier with `password`: null when it is not the password the verifier was made
 * from or the summary is not as sealed; otherwise the desk credential sealed in it, if any.
 */
export async function openVerifier(
  record: VerifierRecord,
  password: string,
): Promise<{ deskCredential?: DeskCredential } | null> {
  const { hash, sealKey, boxKey } = await derive(password, fromBase64(record.salt), record.iterations);
  if (!sameBytes(hash, fromBase64(record.hash))) return null;
  if (!sameBytes(await seal(record, sealKey), fromBase64(record.seal))) return null;
  const deskCredential = await openCredential(record, boxKey);
  return deskCredential ? { deskCredential } : {};
}

/** Whether `password` is the one the verifier was made from, and its summary is as sealed. */
export async function checkVerifier(record: VerifierRecord, password: string): Promise<boolean> {
  return (await openVerifier(record, password)) !== null;
}

export const profileOf = ({ username, staff, organisation, platformKeys }: VerifierRecord): Profile => ({
  username,
  staff,
  organisation,
  ...(platformKeys ? { platformKeys } : {}),
});

/** What checking a password against the desk's verifiers found. */
export type OfflineCheck =
  | { ok: true; profile: Profile; deskCredential?: DeskCredential }
  | { ok: false; reason: 'noVerifier' }
  | { ok: false; reason: 'wrongPassword' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

const storageKey = 'clinicdesk.auth.verifiers';

/** The desk's verifiers, one per username, in localStorage (or any Storage, in tests). */
export class VerifierStore {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private readAll(): Record<string, VerifierRecord> {
    let raw: unknown;
    try {
      raw = JSON.parse(this.storage.getItem(storageKey) ?? '{}');
    } catch {
      return {};
    }
    if (!raw || typeof raw !== 'object') return {};
    const records: Record<string, VerifierRecord> = {};
    for (const [name, value] of Object.entries(raw)) {
      const parsed = recordSchema.safeParse(value);
      if (parsed.success && parsed.data.username === name) records[name] = parsed.data;
    }
    return records;
  }

  private writeAll(records: Record<string, VerifierRecord>): void {
    this.storage.setItem(storageKey, JSON.stringify(records));
  }

  get(username: string): VerifierRecord | undefined {
    return this.readAll()[normaliseUsername(username)];
  }

  save(record: VerifierRecord): void {
    this.writeAll({ ...this.readAll(), [record.username]: record });
  }

  remove(username: string): void {
    const records = this.readAll();
    delete records[normaliseUsername(username)];
    this.writeAll(records);
  }

  /** Drops the sealed desk credential of `username` (the platform refused it); the verifier stays. */
  dropDeskCredential(username: string): void {
    const record = this.get(username);
    if (!record?.deskCredential) return;
    const { deskCredential: _dropped, ...rest } = record;
    this.save(rest);
  }

  /** Usernames whose verifiers belong to organisation `orgId`: who has used its data here. */
  usersOf(orgId: string): string[] {
    return Object.values(this.readAll())
      .filter((record) => record.organisation.id === orgId)
      .map((record) => record.username);
  }

  /** Seconds the username's verifier still refuses attempts; 0 when it does not. */
  lockedFor(username: string): number {
    const until = this.get(username)?.lockedUntil;
    const seconds = until ? (new Date(until).getTime() - this.now().getTime()) / 1000 : 0;
    return seconds > 0 ? Math.ceil(seconds) : 0;
  }

  /**
   * Checks `password` for `username`, counting failures towards the lock and clearing them on
   * success.
   */
  async check(username: string, password: string): Promise<OfflineCheck> {
    const record = this.get(username);
    if (!record) return { ok: false, reason: 'noVerifier' };
    const locked = this.lockedFor(username);
    if (locked > 0) return { ok: false, reason: 'locked', retryAfterSeconds: locked };
    const opened = await openVerifier(record, password);
    if (opened) {
      const current = this.get(username);
      if (current && (current.failedAttempts > 0 || current.lockedUntil)) {
        const { lockedUntil: _dropped, ...rest } = current;
        this.save({ ...rest, failedAttempts: 0 });
      }
      return { ok: true, profile: profileOf(record), ...opened };
    }
    const current = this.get(username) ?? record;
    const failures = current.failedAttempts + 1;
    if (failures >= maxFailedAttempts) {
      const lockedUntil = new Date(this.now().getTime() + lockMinutes * 60_000).toISOString();
      this.save({ ...current, failedAttempts: 0, lockedUntil });
      return { ok: false, reason: 'locked', retryAfterSeconds: lockMinutes * 60 };
    }
    this.save({ ...current, failedAttempts: failures });
    return { ok: false, reason: 'wrongPassword' };
  }
}
