/**
 * The panorama's timeline: every record of the resident, newest first, filterable by kind, each
 * line linking to the record where it has a screen of its own.
 *
 * Five years of a course run to hundreds of lines, so a line is plain elements: its tags are
 * styled spans (./panorama.css, in antd's tag colours) and its link a plain anchor that the list
 * routes through one handler, instead of a component with its own hooks on every line.
 */
import { Card, Empty, Segmented } from 'antd';
import type { TFunction } from 'i18next';
import { memo, useCallback, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHref, useNavigate } from 'react-router';
import { vitalFields } from '../../../shared/encounters/vitals';
import { useFormatters } from '../../ui/format';
import { punctuationOf } from '../../ui/punctuation';
import { diagnosisText, valueText } from '../encounters/display';
import { classificationColours } from './chartOption';
import { countByKind, timelineKinds, type TimelineEntry, type TimelineKind } from './timeline';

type Filter = TimelineKind | 'all';

type TagColour = 'blue' | 'green' | 'purple' | 'orange' | 'cyan' | 'red' | 'default';

const kindColours: Record<TimelineKind, TagColour> = {
  consultation: 'blue',
  followUp: 'green',
  prescription: 'purple',
  result: 'orange',
  measurement: 'default',
  enrolment: 'cyan',
};

/** A tag: a preset colour of ./panorama.css, or `colour` (a CSS colour) for its text and tint. */
function Tag({
  colour = 'default',
  custom,
  gap = true,
  children,
  testId,
}: {
  colour?: TagColour;
  custom?: string;
  gap?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span
      className={`panorama-tag panorama-tag-${custom ? 'custom' : colour}${gap ? ' panorama-gap' : ''}`}
      style={
        custom ? { color: custom, backgroundColor: `color-mix(in srgb, ${custom} 10%, #fff)` } : undefined
      }
      data-testid={testId}
    >
      {children}
    </span>
  );
}

interface EntryProps {
  entry: TimelineEntry;
  t: TFunction<['panorama', 'encounters', 'prescriptions']>;
  /** The consultation's own wording (diagnoses, vitals). */
  te: TFunction<'encounters'>;
  locale: string;
  when(at: string): string;
  date(iso: string): string;
  /** The address of a route, as the router writes it in a link. */
  href(to: string): string;
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
          {!e.signed && <Tag>{t('panorama:timeline.draft')}</Tag>}
        </>
      );
    case 'followUp':
      return (
        <>
          <span>
            {t(`panorama:programmes.${e.programme}`)}
            {marks.aside(t(`panorama:methods.${e.method}`))}
          </span>
          <Tag custom={classificationColours[e.classification]} testId="panorama-entry-classification">
            {t(`panorama:classifications.${e.classification}`)}
          </Tag>
          {e.urgent && <Tag colour="red">{t('panorama:timeline.urgent')}</Tag>}
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
          {!e.signed && <Tag>{t('panorama:timeline.draft')}</Tag>}
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
            <Tag colour="red">{t('panorama:timeline.voided')}</Tag>
          ) : (
            !e.signed && <Tag>{t('panorama:timeline.draft')}</Tag>
          )}
        </>
      );
    case 'result':
      return (
        <>
          <span>{t(`panorama:panels.${e.panel}`)}</span>
          {e.flagged > 0 && <Tag colour="red">{t('panorama:timeline.flagged', { count: e.flagged })}</Tag>}
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
      <Tag colour={kindColours[e.kind]}>{t(`panorama:timeline.kinds.${e.kind}`)}</Tag>
    </>
  );
  return (
    <li className="panorama-entry" data-testid="panorama-entry" data-kind={e.kind}>
      {e.href ? (
        <a href={props.href(e.href)} data-to={e.href}>
          {head}
        </a>
      ) : (
        head
      )}
      {entryBody(props)}
    </li>
  );
});

/**
 * `t` remembering the words of keys asked without options: the lines repeat the same few words
 * (kinds, programmes, classifications) hundreds of times.
 */
function remembering<T>(t: T): T {
  const words = new Map<string, string>();
  const cached = (key: string, options?: unknown) => {
    if (options !== undefined) return (t as unknown as (k: string, o: unknown) => string)(key, options);
    let word = words.get(key);
    if (word === undefined) {
      word = (t as unknown as (k: string) => string)(key);
      words.set(key, word);
    }
    return word;
  };
  return cached as unknown as T;
}

/** The timeline card with its kind filter (the kinds present, with their counts). */
export function PanoramaTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t: translate, i18n } = useTranslation(['panorama', 'encounters', 'prescriptions']);
  const { t: translateEncounters } = useTranslation('encounters');
  const t = useMemo(() => remembering(translate), [translate]);
  const te = useMemo(() => remembering(translateEncounters), [translateEncounters]);
  const { date, dateTime } = useFormatters();
  const [filter, setFilter] = useState<Filter>('all');
  const counts = useMemo(() => countByKind(entries), [entries]);
  const shown = useMemo(
    () => (filter === 'all' ? entries : entries.filter((e) => e.kind === filter)),
    [entries, filter],
  );
  const when = useCallback(
    (at: string) => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? date(at) : dateTime(at)),
    [date, dateTime],
  );
  // Every line's link goes through the router, as a router link would: a plain click navigates in
  // the app; a modified click (new tab or window) is left to the browser with the link's address.
  const navigate = useNavigate();
  const root = useHref('/');
  const href = useCallback((to: string) => `${root.replace(/\/$/, '')}${to}`, [root]);
  const follow = useCallback(
    (event: MouseEvent<HTMLUListElement>) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-to]');
      if (!link || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey)
        return;
      event.preventDefault();
      void navigate(link.dataset.to!);
    },
    [navigate],
  );
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
          <ul className="panorama-timeline" onClick={follow}>
            {shown.map((e) => (
              <Entry
                key={e.key}
                entry={e}
                t={t}
                te={te}
                locale={i18n.language}
                when={when}
                date={date}
                href={href}
              />
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
