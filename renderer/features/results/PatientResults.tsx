import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/auth/roles';
import { analytes } from '../../../shared/observations/analytes';
import type { LabItem, ObservationDoc } from '../../../shared/observations/schema';
import { useOperator } from '../../app/services';
import { useFormatters } from '../../ui/format';
import { PatientRecordsCard } from '../patients/PatientRecordsCard';
import { usePatientObservations } from '../triage/observationRepository';
import { labResultsOf, rangeText } from './display';

/**
 * The resident's lab results, newest test first: panel, each value with its unit and flag (the
 * range on hover and for screen readers), source (here or the other hospital) and who entered it;
 * results from an organisation the programme is shared with show too. Staff who record
 * observations get the way to enter one.
 */
export function PatientResults({ patientId }: { patientId: string }) {
  const { t } = useTranslation('results');
  const { operator } = useOperator();
  const { date } = useFormatters();
  const observations = usePatientObservations(patientId, 'lab');
  return (
    <PatientRecordsCard<ObservationDoc>
      title={t('list.title')}
      testId="patient-results"
      rows={observations && labResultsOf(observations)}
      empty={t('list.none')}
      rowTestId="result-row"
      record={
        can(operator.role, 'observation.write') && {
          to: `/patients/${patientId}/results/new`,
          label: t('list.record'),
          testId: 'results-record',
        }
      }
      columns={[
        { title: t('list.testedOn'), key: 'date', render: (_, o) => date(o.lab?.testedOn ?? '') },
        { title: t('list.panel'), key: 'panel', render: (_, o) => o.lab && t(`panels.${o.lab.panel}`) },
        {
          title: t('list.values'),
          key: 'values',
          render: (_, o) => (
            <Space size={[12, 4]} wrap>
              {o.lab?.items.map((item) => (
                <ItemValue key={item.analyte} item={item} />
              ))}
            </Space>
          ),
        },
        {
          title: t('list.source'),
          key: 'source',
          render: (_, o) =>
            o.lab && (o.lab.source === 'external' ? o.lab.sourceName : t(`sources.${o.lab.source}`)),
        },
        { title: t('list.recordedBy'), key: 'by', render: (_, o) => o.recordedByName },
      ]}
    />
  );
}

function ItemValue({ item }: { item: LabItem }) {
  const { t } = useTranslation('results');
  const range = rangeText(item);
  const name = t(analytes[item.analyte].labelKey);
  return (
    <Tooltip title={range ? t('list.range', { range }) : undefined}>
      <span
        data-testid={`result-${item.analyte}`}
        tabIndex={0}
        aria-label={range ? `${name} ${item.value} ${item.unit} ${t('list.range', { range })}` : undefined}
      >
        <Typography.Text type="secondary">{name}</Typography.Text>{' '}
        <Typography.Text strong={item.flag !== null} type={item.flag ? 'danger' : undefined}>
          {item.value} {item.unit}
        </Typography.Text>
        {item.flag && (
          <Tag color={item.flag === 'high' ? 'red' : 'blue'} style={{ marginInlineStart: 4 }}>
            {t(`flags.${item.flag}`)}
          </Tag>
        )}
      </span>
    </Tooltip>
  );
}
