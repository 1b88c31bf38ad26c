/**
 * What a reader may trust of a signed record (shared/clinical/seal.ts `sealState`): "已签名，平台已确认"
 * when the platform's seal verifies, "已签名，待平台确认" while the record has not reached it
 * (signed offline, or not synced yet), and a warning when the record or its seal does not check
 * out. Drafts show nothing. Drop it into any view of an encounter or a prescription slip.
 */
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sealState, type PlatformSeal, type SealState } from '../../shared/clinical/seal';
import type { LockPolicy, SignableRecord } from '../../shared/clinical/signature';
import { useSession } from '../auth/SessionContext';
import { useFormatters } from '../ui/format';
import { verifyWithWebCrypto } from './verify';

type Sealable = SignableRecord & { seal?: PlatformSeal | null };

/** The seal state of `doc` at this desk; undefined while it is being checked. */
export function useSealState(doc: Sealable, policy: LockPolicy): SealState | undefined {
  const { platformKeys } = useSession();
  const [state, setState] = useState<SealState>();
  useEffect(() => {
    let live = true;
    void sealState(doc, policy, platformKeys, verifyWithWebCrypto).then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [doc, policy, platformKeys]);
  return state;
}

const colours: Record<Exclude<SealState, 'draft'>, string> = {
  sealed: 'green',
  pending: 'gold',
  tampered: 'red',
  unverified: 'default',
};

/** The record's signature status as a tag (nothing for a draft or while checking). */
export function SignatureStatus({ doc, policy }: { doc: Sealable; policy: LockPolicy }) {
  const { t } = useTranslation('auth');
  const { dateTime } = useFormatters();
  const state = useSealState(doc, policy);
  if (!state || state === 'draft') return null;
  const seal = doc.seal;
  const detail =
    state === 'sealed' && seal
      ? t(seal.offline ? 'seal.detailOffline' : 'seal.detail', {
          signedAt: dateTime(seal.signedAt),
          receivedAt: dateTime(seal.receivedAt),
        })
      : t(`seal.hint.${state === 'sealed' ? 'pending' : state}`);
  return (
    <Tooltip title={detail}>
      <Tag color={colours[state]} data-testid="signature-status" data-state={state} tabIndex={0}>
        {t(`seal.state.${state}`)}
      </Tag>
    </Tooltip>
  );
}
