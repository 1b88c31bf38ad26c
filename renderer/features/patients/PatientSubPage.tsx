import { Card, Result, Spin } from 'antd';
import { Fragment, useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { PatientDoc } from '../../../shared/patients/schema';
import { DraftKept, DraftNotice } from '../../forms/DraftNotice';
import type { DraftValues } from '../../forms/draftStore';
import type { FormKeeper } from '../../forms/useFormKeeper';
import { usePatient } from './hooks';

/**
 * The resident a page under `/patients/:id/` is about: the id the route names; the resident,
 * undefined while it loads, null when this desk has none; and the way back to the resident's page.
 */
export function useRoutePatient(): {
  id: string | undefined;
  patient: PatientDoc | null | undefined;
  back(): void;
} {
  const { id } = useParams();
  const patient = usePatient(id);
  const navigate = useNavigate();
  const back = useCallback(() => void navigate(`/patients/${id}`), [navigate, id]);
  return { id, patient, back };
}

/** What the form on a {@link PatientSubPage} is given. */
export interface SubPageFormProps<V> {
  /** The values the form opens with: the restored draft, or the initial values. */
  start: V;
  busy: boolean;
  /** Why the last save did not go through. */
  refused: string | null;
  /** What is typed changed: keeps it as the draft. */
  onChange(values: V): void;
  onSave(values: V): void;
  onCancel(): void;
}

/**
 * A page with one form about a resident, reached from the resident's page: refused to an operator
 * who may not use it, a spinner while the resident loads, "not found" for a resident this desk
 * does not have, a spinner while the page's own data and the kept draft load; then a card titled
 * for the resident, with the notice of a restored draft, the form (started again when the draft is
 * thrown away) and, under it, whether what is typed is kept.
 */
export function PatientSubPage<V extends DraftValues>({
  patient,
  allowed,
  forbidden,
  loading = false,
  keeper,
  saving,
  onSave,
  onCancel,
  title,
  testId,
  children,
}: {
  patient: PatientDoc | null | undefined;
  /** Whether the operator may use the page; if not, `forbidden` says so. */
  allowed: boolean;
  forbidden: string;
  /** The page's own data is still loading. */
  loading?: boolean;
  keeper: FormKeeper<V>;
  /** The save's state (../../forms/useDialogForm.ts). */
  saving: { busy: boolean; refused: string | null };
  onSave(patient: PatientDoc, values: V): Promise<void>;
  /** Back to the resident's page. */
  onCancel(): void;
  title(patient: PatientDoc): ReactNode;
  testId: string;
  children(form: SubPageFormProps<V>): ReactNode;
}) {
  const { t } = useTranslation('encounters');
  if (!allowed) return <Result status="403" title={forbidden} />;
  if (patient === undefined) return <Spin />;
  if (patient === null) return <Result status="404" title={t('page.patientNotFound')} />;
  if (loading || !keeper.ready || !keeper.start) return <Spin />;
  return (
    <Card size="small" title={title(patient)} data-testid={testId}>
      <DraftNotice keeper={keeper} />
      <Fragment key={keeper.generation}>
        {children({
          start: keeper.start,
          busy: saving.busy,
          refused: saving.refused,
          onChange: keeper.changed,
          onSave: (values) => void onSave(patient, values),
          onCancel,
        })}
      </Fragment>
      <DraftKept keptAt={keeper.keptAt} />
    </Card>
  );
}
