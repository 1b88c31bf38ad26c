/** The words of the trend charts in the interface language (./chartOption.ts `ChartLabels`). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../ui/format';
import type { ChartLabels } from './chartOption';

const ticks = new Map<string, Intl.DateTimeFormat>();
/** Ticks name days over a few months, months over longer spans. */
const tickFormat = (locale: string, days: boolean) => {
  const key = `${locale}|${days}`;
  let format = ticks.get(key);
  if (!format) {
    const en = locale.startsWith('en');
    format = new Intl.DateTimeFormat(en ? 'en-GB' : locale, {
      year: 'numeric',
      month: en ? 'short' : '2-digit',
      ...(days ? { day: en ? 'numeric' : '2-digit' } : {}),
    });
    ticks.set(key, format);
  }
  return format;
};
const dayTicksUpTo = 120 * 86_400_000;

/** The chart labels of the current language, the same object while the language stays. */
export function useChartLabels(): ChartLabels {
  const { t, i18n } = useTranslation('panorama');
  const { date, dateTime } = useFormatters();
  const locale = i18n.language;
  return useMemo<ChartLabels>(
    () => ({
      series: (key) => t(`series.${key}`),
      source: (s) =>
        s.kind === 'labExternal'
          ? t('sources.labExternal', { place: s.name })
          : t(`sources.${s.kind}`, { name: s.name }),
      classification: (c) => t(`classifications.${c}`),
      when: (at) => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? date(at) : dateTime(at)),
      tick: (ms, span) => tickFormat(locale, span <= dayTicksUpTo).format(new Date(ms)),
      band: (kind) => t(kind === 'target' ? 'charts.target' : 'charts.reference'),
      sourceLine: (text) => t('charts.source', { source: text }),
      classificationLine: (text) => t('charts.classification', { value: text }),
    }),
    [t, date, dateTime, locale],
  );
}
