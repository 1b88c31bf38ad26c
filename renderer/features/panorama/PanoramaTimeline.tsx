/**
 * The panorama's timeline: every record of the resident, newest first, filterable by kind, each
 * line linking to the record where it has a screen of its own.
 */
import { Card, Empty, Segmented, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { memo, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { vitalFields } from '../../../shared/encounters/vitals';
import { useFormatters } from '../../ui/format';
import { punctuationOf } from '../../ui/punctuation';
import { diagnosisText, valueText } from '../encounters/display';
import { classificationColours } from './chartOption';
import { countByKind, timelineKinds, type TimelineEntry, type TimelineKind } from './timeline';

type Filter = TimelineKind | 'all';

const kindColours: Record<TimelineKind, string> = {
  consultation: 'blue',
  followUp: 'green',
  prescription: 'purple',
  result: 'orange',
  measurement: 'gray',
  enrolment: 'cyan',
};

interface EntryProps {
  entry: TimelineEntry;
  t: TFunction<['panorama', 'encounters', 'prescriptions']>;
  /** The consultation's own wording (diagnoses, vitals). */
  te: TFunction<'encounters'>;
  locale: string;
  when(at: string): string;
  date(iso: string): string;
}

/** What one entry says after its date and kind. */
function entryBody({ entry: e, t, te, locale, date }: EntryProps): ReactNode {
  const marks = punctuationOf(t);
  const bp = (reading: { systolic: number; diastolic: number } | null) =>
    reading && <span className="panorama-gap">{t('panorama:timeline.bp', reading)}</span>;
  switch (e.kind) {
    case 'consultation':
      return (
        <>
          <span>
            {e.diagnoses.map((d) => diagnosisText(d, locale, te)).join(marks.clauses) ||
              t('panorama:timeline.noDiagnosis')}
          </span>
          {bp(e.bp)}
          <span className="panorama-gap panorama-muted">{e.doctorName}</span>
          {!e.signed && <Tag className="panorama-gap">{t('panorama:timeline.draft')}</Tag>}
        </>
      );
    case 'followUp':
      return (
        <>
          <span>
            {t(`panorama:programmes.${e.programme}`)}
            {marks.aside(t(`panorama:methods.${e.method}`))}
          </span>
          <Tag
            className="panorama-gap"
            color={classificationColours[e.classification]}
            data-testid="panorama-entry-classification"
          >
            {t(`panorama:classifications.${e.classification}`)}
          </Tag>
          {e.urgent && <Tag color="red">{t('panorama:timeline.urgent')}</Tag>}
          {bp(e.bp)}
          {e.fbg !== null && (
            <span className="panorama-gap">
              {t('panorama:series.fbg')} {e.fbg} mmol/L
            </span>
          )}
          {e.nextDate && (
            <span className="panorama-gap">
              {t('panorama:timeline.next', {
                date: date(e.nextDate),
                step: t(`panorama:nextSteps.${e.nextStep}`),
              })}
            </span>
          )}
          <span className="panorama-gap panorama-muted">{e.doctorName}</span>
          {!e.signed && <Tag className="panorama-gap">{t('panorama:timeline.draft')}</Tag>}
        </>
      );
    case 'prescription':
      return (
        <>
          <span>
            {e.number || '—'} {t(`prescriptions:types.${e.type}`)}
          </span>
          <span className="panorama-gap">
            {e.drugs.map((d) => (locale === 'en' ? d.en || d.zh : d.zh)).join(marks.list)}
          </span>
          <span className="panorama-gap panorama-muted">{e.doctorName}</span>
          {e.voided ? (
            <Tag className="panorama-gap" color="red">
              {t('panorama:timeline.voided')}
            </Tag>
          ) : (
            !e.signed && <Tag className="panorama-gap">{t('panorama:timeline.draft')}</Tag>
          )}
        </>
      );
    case 'result':
      return (
        <>
          <span>{t(`panorama:panels.${e.panel}`)}</span>
          {e.flagged > 0 && (
            <Tag className="panorama-gap" color="red">
              {t('panorama:timeline.flagged', { count: e.flagged })}
            </Tag>
          )}
          {e.items.map((i) => (
            <span
              key={i.analyte}
              className={i.flag ? 'panorama-gap panorama-flagged' : 'panorama-gap'}
              data-testid="panorama-result-item"
            >
              {t(`panorama:series.${i.analyte}`)} {i.value} {i.unit}
              {i.flag && ` ${t(`panorama:flags.${i.flag}`)}`}
            </span>
          ))}
          <span className="panorama-gap panorama-muted">
            {t(e.source === 'external' ? 'panorama:sources.labExternal' : 'panorama:sources.labHere', {
              place: e.sourceName,
              name: e.sourceName,
            })}
          </span>
        </>
      );
    case 'measurement':
      return (
        <>
          <span>
            {vitalFields
              .filter((f) => (e.vitals[f] ?? null) !== null)
              .map(
                (f) => `${t(`encounters:vitals.${f}`)} ${valueText(`vitals.${f}`, e.vitals[f], locale, te)}`,
              )
              .join(t('encounters:page.listSeparator'))}
          </span>
          <span className="panorama-gap panorama-muted">
            {t(e.atTriage ? 'panorama:sources.triage' : 'panorama:sources.measurement', {
              name: e.recordedByName,
            })}
          </span>
        </>
      );
    case 'enrolment':
      return (
        <span>
          {t(e.event === 'enrolled' ? 'panorama:timeline.enrolled' : 'panorama:timeline.left', {
            programme: t(`panorama:programmes.${e.programme}`),
          })}
        </span>
      );
  }
}

const Entry = memo(function Entry(props: EntryProps) {
  const { entry: e, t, when } = props;
  const head = (
    <>
      <span className="panorama-when">{when(e.at)}</span>
      <Tag color={kindColours[e.kind]} className="panorama-gap">
        {t(`panorama:timeline.kinds.${e.kind}`)}
      </Tag>
    </>
  );
  return (
    <li className="panorama-entry" data-testid="panorama-entry" data-kind={e.kind}>
      {e.href ? <Link to={e.href}>{head}</Link> : head}
      {entryBody(props)}
    </li>
  );
});

/** The timeline card with its kind filter (the kinds present, with their counts). */
export function PanoramaTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t, i18n } = useTranslation(['panorama', 'encounters', 'prescriptions']);
  const { t: te } = useTranslation('encounters');
  const { date, dateTime } = useFormatters();
  const [filter, setFilter] = useState<Filter>('all');
  const counts = useMemo(() => countByKind(entries), [entries]);
  const shown = useMemo(
    () => (filter === 'all' ? entries : entries.filter((e) => e.kind === filter)),
    [entries, filter],
  );
  const when = (at: string) => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? date(at) : dateTime(at));
  const options = [
    { value: 'all' as Filter, label: `${t('panorama:timeline.all')} ${entries.length}` },
    ...timelineKinds
      .filter((k) => counts[k] > 0)
      .map((k) => ({ value: k as Filter, label: `${t(`panorama:timeline.kinds.${k}`)} ${counts[k]}` })),
  ];
  return (
    <Card
      size="small"
      title={t('panorama:timeline.title')}
      data-testid="panorama-timeline"
      extra={<span className="panorama-muted">{t('panorama:timeline.count', { count: shown.length })}</span>}
    >
      {entries.length === 0 ? (
        <Empty description={t('panorama:timeline.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <Segmented
            className="panorama-no-print"
            size="small"
            options={options}
            value={filter}
            onChange={(v) => setFilter(v)}
            data-testid="panorama-filter"
          />
          <ul className="panorama-timeline">
            {shown.map((e) => (
              <Entry key={e.key} entry={e} t={t} te={te} locale={i18n.language} when={when} date={date} />
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
