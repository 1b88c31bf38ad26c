/** How the worklist screens word a row: the programme and what is due. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../ui/format';
import { windowNameKey } from '../carePlans/schedule';
import type { WorklistRow } from './rows';

export function useRowWording() {
  const { t } = useTranslation('worklists');
  const { t: tc } = useTranslation('carePlans');
  const { date } = useFormatters();
  const programme = useCallback((row: WorklistRow) => t(`programmes.${row.programme}`), [t]);
  const due = useCallback(
    (row: WorklistRow): string => {
      const fact = row.due;
      switch (fact.kind) {
        case 'window': {
          const name = windowNameKey(fact.window);
          const text = t('due.window', {
            date: date(fact.window.dueDate),
            window: tc(name.key as 'windowNames.visit', name.values),
          });
          return fact.overdueDays > 0
            ? `${text} · ${t('due.overdueDays', { count: fact.overdueDays })}`
            : text;
        }
        case 'lost':
          return t('due.missed', { count: fact.missedInARow });
        case 'referral':
          return t('due.referral', { date: date(fact.dueDate) });
        case 'contract':
          return t('due.contractEnds', { date: date(fact.endDate) });
      }
    },
    [t, tc, date],
  );
  return { programme, due };
}
