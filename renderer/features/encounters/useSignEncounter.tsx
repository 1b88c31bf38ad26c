/**
 * Signing a draft encounter, for every kind of record the editor writes (a consultation, a
 * follow-up visit): the sign button, its confirmation, the password again when the last
 * confirmation is too old (re-authentication), the pending autosave written first, and the record
 * locked by {@link signEncounter}. What is still missing is listed where the signer looks.
 */
import { Alert, Button, Modal, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EncounterFieldError } from '../../../shared/encounters/rules';
import { logFailure, saveFailureText } from '../../app/failure';
import { useOperator, useServices } from '../../app/services';
import { useReauth } from '../../auth/reauth';
import { errorLine } from './display';
import { signEncounter, type EncounterResult } from './encounterRepository';

export interface SignEncounterOptions {
  /** The draft to sign. */
  id: string;
  /** Writes what the autosave still holds (useAutosave's `flush`). */
  flush(): Promise<EncounterResult | null>;
  /** What keeps the draft from being signed now, in words; [] when it may be signed. */
  blockers(): string[];
}

export interface SignEncounter {
  /** Whether signing was tried: the editor then marks the fields still missing. */
  attempted: boolean;
  /** The sign button (`enc-sign`) with its confirmation dialog (`enc-sign-confirm`). */
  control: ReactNode;
  /** Why the last try did not sign (`enc-sign-errors`), or null. */
  errors: ReactNode;
}

export function useSignEncounter({ id, flush, blockers }: SignEncounterOptions): SignEncounter {
  const { t } = useTranslation('encounters');
  const { db } = useServices();
  const { operator } = useOperator();
  const reauth = useReauth();
  const [signing, setSigning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [signErrors, setSignErrors] = useState<string[]>([]);
  const [attempted, setAttempted] = useState(false);

  const sign = async () => {
    setBusy(true);
    setAttempted(true);
    try {
      const blocked = blockers();
      if (blocked.length) {
        setSignErrors(blocked);
        return;
      }
      setSigning(false);
      if (!(await reauth({ purpose: 'sign' }))) return;
      const saved = await flush();
      if (saved && !saved.ok) {
        setSignErrors(
          saved.reason === 'invalid'
            ? saved.errors.map((e: EncounterFieldError) => errorLine(e, t))
            : [t(`writeErrors.${saved.reason}`)],
        );
        return;
      }
      const result = await signEncounter(db, id, operator);
      if (result.ok) setSignErrors([]);
      else
        setSignErrors(
          result.reason === 'invalid'
            ? result.errors.map((e) => errorLine(e, t))
            : [t('page.signFailed', { reason: t(`writeErrors.${result.reason}`) })],
        );
    } catch (error) {
      // The database threw (full, closed): say so where the signer looks; the draft stays.
      logFailure('Signing failed', error);
      setSignErrors([saveFailureText(error)]);
    } finally {
      setBusy(false);
      setSigning(false);
    }
  };

  const control = (
    <>
      <Button type="primary" data-testid="enc-sign" onClick={() => setSigning(true)}>
        {t('signing.sign')}
      </Button>
      <Modal
        open={signing}
        title={t('signing.sign')}
        confirmLoading={busy}
        onOk={() => void sign()}
        onCancel={() => setSigning(false)}
        okButtonProps={{ 'data-testid': 'enc-sign-confirm' } as ButtonProps}
      >
        {t('signing.confirm')}
      </Modal>
    </>
  );

  const errors =
    signErrors.length > 0 ? (
      <Alert
        type="error"
        showIcon
        data-testid="enc-sign-errors"
        style={{ marginBottom: 16 }}
        title={t('page.signErrorsTitle')}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {signErrors.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        }
      />
    ) : null;

  return { attempted, control, errors };
}
