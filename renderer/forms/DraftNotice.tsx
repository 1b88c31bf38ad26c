import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../ui/format';
import type { FormKeeper } from './useFormKeeper';

/**
 * Above a form whose draft was restored: says so, and offers to throw the draft away. Below it
 * (`kept`), a quiet line once what is typed is kept on this desk.
 */
export function DraftNotice({ keeper }: { keeper: Pick<FormKeeper<never>, 'restoredAt' | 'discard'> }) {
  const { t } = useTranslation('common');
  const { dateTime } = useFormatters();
  if (!keeper.restoredAt) return null;
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      data-testid="draft-restored"
      style={{ marginBottom: 16 }}
      message={t('forms.draft.restored')}
      description={t('forms.draft.restoredAt', { time: dateTime(keeper.restoredAt.toISOString()) })}
      action={
        <Button size="small" onClick={() => void keeper.discard()}>
          {t('forms.draft.discard')}
        </Button>
      }
    />
  );
}

/** Says that what was typed is kept on this desk (it survives a reload), once it is. */
export function DraftKept({ keptAt }: { keptAt: Date | null }) {
  const { t } = useTranslation('common');
  if (!keptAt) return null;
  return (
    <Typography.Text type="secondary" data-testid="draft-kept">
      {t('forms.draft.kept')}
    </Typography.Text>
  );
}

/** The legend of the required-field marker, shown at the top of a form that has one. */
export function RequiredLegend() {
  const { t } = useTranslation('common');
  return (
    <Typography.Paragraph type="secondary" data-testid="required-legend">
      {t('forms.requiredLegend')}
    </Typography.Paragraph>
  );
}
