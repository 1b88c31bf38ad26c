/**
 * What a reader may trust of a signed record (shared/clinical/seal.ts `sealState`): "已签名，平台已确认"
 * when the platform's seal verifies, "已签名，待平台确认" while the record has not reached it
 * (signed offline, or not synced yet), and a warning when the record or its seal does not check
 * out. Drafts show nothing. Drop {@link SignatureStatus} into any view of one encounter or
 * prescription slip; a list checks all its records at once with {@link useSealStates}, hands the
 * states down with {@link SealStatesProvider} and shows each with {@link ListedSealTag}.
 */
import { Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sealable, SealState } from '../../shared/clinical/seal';
import type { LockPolicy } from '../../shared/clinical/signature';
import { seesIdentifiers } from '../../shared/sync/disclosure';
import { useSession } from '../auth/SessionContext';
import { useFormatters } from '../ui/format';
import './sealTag.css';
import { checkSeals, knownSealStates } from './verify';

/**
 * The seal states of `docs` at this desk, by record id, checked together in one pass: at once when
 * every one was checked earlier this session (the page opened again), else once the check is
 * done, undefined until then (a record checked before keeps its state meanwhile, so a list that
 * re-renders as records sync does not flicker). `docs` should keep its identity between renders.
 */
export function useSealStates(
  docs: readonly Sealable[],
  policy: LockPolicy,
): ReadonlyMap<string, SealState> | undefined {
  const { platformKeys, operator } = useSession();
  // A role that may not see identifiers receives records with them masked (shared/sync/disclosure.ts).
  const masked = !seesIdentifiers(operator.role);
  const known = useMemo(
    () => knownSealStates(docs, policy, platformKeys, masked),
    [docs, policy, platformKeys, masked],
  );
  const [checked, setChecked] = useState<ReadonlyMap<string, SealState>>();
  // Kept, so that a record still to be checked does not blank the others meanwhile (state adjusted
  // while rendering, as React advises for state that follows a prop).
  if (known && checked !== known) setChecked(known);
  useEffect(() => {
    if (known) return;
    let live = true;
    void checkSeals(docs, policy, platformKeys, masked).then((s) => live && setChecked(s));
    return () => {
      live = false;
    };
  }, [known, docs, policy, platformKeys, masked]);
  return known ?? checked;
}

/** The seal state of one record at this desk; undefined while it is being checked. */
export function useSealState(doc: Sealable, policy: LockPolicy): SealState | undefined {
  const docs = useMemo(() => [doc], [doc]);
  return useSealStates(docs, policy)?.get(doc.id);
}

export interface SealTagProps {
  /** The record's seal state; nothing shows for a draft or while it is being checked. */
  state: SealState | undefined;
  seal: Sealable['seal'];
  t: TFunction<'auth'>;
  dateTime(iso: string): string;
}

/**
 * A record's signature status as a tag, its details (signing and receipt times, or what to do) in
 * a tooltip on hover or keyboard focus (Escape hides it). The tooltip is only set up the first time
 * it is wanted (a list shows hundreds of tags, and a tooltip each costs more than the rest of its
 * row); the span around the tag follows the pointer and the focus meanwhile, so nothing is missed
 * when the tag moves into the tooltip. Translation and formatting come from the caller, so rows
 * set up no hooks of their own.
 */
export function SealTag({ state, seal, t, dateTime }: SealTagProps) {
  /** Whether the details show; undefined until they are first wanted. */
  const [open, setOpen] = useState<boolean>();
  const tagRef = useRef<HTMLSpanElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    // The tag was mounted anew inside the tooltip: give it back the focus that asked for it.
    if (open && refocus.current) tagRef.current?.focus();
    refocus.current = false;
  }, [open]);
  if (!state || state === 'draft') return null;
  const tag = (
    <span
      ref={tagRef}
      className={`seal-tag seal-tag-${state}`}
      data-testid="signature-status"
      data-state={state}
      tabIndex={0}
    >
      {t(`seal.state.${state}`)}
    </span>
  );
  const detail = () =>
    state === 'sealed' && seal
      ? t(seal.offline ? 'seal.detailOffline' : 'seal.detail', {
          signedAt: dateTime(seal.signedAt),
          receivedAt: dateTime(seal.receivedAt),
        })
      : t(`seal.hint.${state === 'sealed' ? 'pending' : state}`);
  return (
    <span
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => {
        if (open === undefined) refocus.current = true;
        setOpen(true);
      }}
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
    >
      {open === undefined ? (
        tag
      ) : (
        <Tooltip title={detail()} open={open}>
          {tag}
        </Tooltip>
      )}
    </span>
  );
}

/** The seal states of a list's records (from {@link useSealStates}), for its rows' tags. */
const SealStatesContext = createContext<ReadonlyMap<string, SealState> | undefined>(undefined);

/** Gives a list's rows the seal states its records were checked to, by record id. */
export const SealStatesProvider = SealStatesContext.Provider;

/**
 * The tag of record `id` in a list under a {@link SealStatesProvider}: when the states arrive only
 * the tags re-render, not the rows around them.
 */
export function ListedSealTag({ id, ...tag }: Omit<SealTagProps, 'state'> & { id: string }) {
  const state = useContext(SealStatesContext)?.get(id);
  return <SealTag state={state} {...tag} />;
}

/** One record's signature status as a tag (nothing for a draft or while checking). */
export function SignatureStatus({ doc, policy }: { doc: Sealable; policy: LockPolicy }) {
  const { t } = useTranslation('auth');
  const { dateTime } = useFormatters();
  const state = useSealState(doc, policy);
  return <SealTag state={state} seal={doc.seal} t={t} dateTime={dateTime} />;
}
