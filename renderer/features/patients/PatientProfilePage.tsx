import { Button, Card, Descriptions, Empty, Result, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '../../../shared/auth/roles';
import type { PatientDoc, PatientField, PatientFields } from '../../../shared/patients/schema';
import { useOperator, useServices } from '../../app/services';
import { recordAuditEvent } from '../../db/audit';
import { useNumberSource } from '../../numbers/NumbersProvider';
import { ensureOutpatientNo } from '../../numbers/outpatientNumbers';
import { useFormatters } from '../../ui/format';
import { RecordSyncMark } from '../../sync/RecordSyncMark';
import { CollisionsCard } from './CollisionsCard';
import { PatientClinicalHistory } from '../encounters/PatientClinicalHistory';
import { PanoramaLink } from '../panorama/PanoramaLink';
import { PatientMeasurements } from '../triage/PatientMeasurements';
import { PatientProgrammes } from '../carePlans/PatientProgrammes';
import { PatientResults } from '../results/PatientResults';
import { ContractCard } from '../contracts/ContractCard';
import { fieldText } from './display';
import { RemovePatientButton } from './PatientRemoval';
import { usePatient } from './hooks';

/** One resident's record in full, with every change made since registration. */
export function PatientProfilePage() {
  const { t } = useTranslation(['patients', 'common']);
  const { id } = useParams();
  const patient = usePatient(id);
  const { operator } = useOperator();
  const { date, dateTime, age } = useFormatters();
  const showIds = can(operator.role, 'patient.viewIdentifiers');

  // Opening a chart is audited once per visit (DOMAIN.md §7.3: who saw what).
  const { db } = useServices();
  const patientId = patient?.id;
  useEffect(() => {
    if (patientId)
      void recordAuditEvent(db, operator, 'patient.read', { collection: 'patients', id: patientId });
  }, [db, operator, patientId]);

  // A resident registered before numbers existed gets one when their record is opened here.
  const numberSource = useNumberSource();
  const lacksNumber = patient ? !patient.outpatientNo : false;
  useEffect(() => {
    if (patientId && lacksNumber && numberSource)
      void ensureOutpatientNo(db, numberSource, patientId, operator, 'opened');
  }, [db, numberSource, operator, patientId, lacksNumber]);

  useEffect(() => {
    if (patient) document.title = `${patient.name} · ClinicDesk`;
    return () => {
      document.title = 'ClinicDesk';
    };
  }, [patient]);

  if (patient === undefined) return <Spin />;
  if (patient === null) return <Result status="404" title={t('profile.notFound')} />;

  const text = <F extends PatientField>(field: F) => fieldText(field, patient[field], t, showIds);
  const valueText = (field: PatientField, json: string) =>
    fieldText(field, JSON.parse(json) as PatientFields[typeof field], t, showIds);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="patient-name">
          {patient.name}
        </Typography.Title>
        <Typography.Text>
          {text('sex')} · {age(patient.birthDate)}
        </Typography.Text>
        <RecordSyncMark collection="patients" id={patient.id} />
        {patient.tags.map((tag) => (
          <Tag color="geekblue" key={tag}>
            {t(`tags.${tag}`)}
          </Tag>
        ))}
        {can(operator.role, 'patient.edit') && (
          <Link to={`/patients/${patient.id}/edit`}>
            <Button>{t('profile.edit')}</Button>
          </Link>
        )}
        <PanoramaLink patientId={patient.id} />
        <RemovePatientButton id={patient.id} name={patient.name} />
      </Space>
      <CollisionsCard patient={patient} showIdentifiers={showIds} />
      {can(operator.role, 'clinical.read') && <ContractCard patientId={patient.id} />}
      {can(operator.role, 'clinical.read') && <PatientClinicalHistory patient={patient} />}
      {can(operator.role, 'clinical.read') && <PatientProgrammes patient={patient} />}
      {can(operator.role, 'clinical.read') && <PatientMeasurements patientId={patient.id} />}
      {can(operator.role, 'clinical.read') && <PatientResults patientId={patient.id} />}
      <Card title={t('profile.identity')} size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('fields.outpatientNo')}>
            <span data-testid="outpatient-no">{patient.outpatientNo ?? t('numbers.none')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.idType')}>{text('idType')}</Descriptions.Item>
          <Descriptions.Item label={t('fields.idNumber')}>
            <span data-testid="id-number">{text('idNumber')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.birthDate')}>{date(patient.birthDate)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.household')}>{text('household')}</Descriptions.Item>
          <Descriptions.Item label={t('fields.createdAt')}>{dateTime(patient.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.createdBy')}>{patient.createdBy}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('profile.contact')} size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('fields.mobile')}>
            <span data-testid="mobile">{text('mobile')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.address')}>
            <span data-testid="address">{text('address')}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('profile.health')} size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('fields.allergies')}>
            <span data-testid="allergies">{text('allergies')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.tags')}>{text('tags')}</Descriptions.Item>
          <Descriptions.Item label={t('fields.familyDoctor')}>{text('familyDoctor')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('profile.history')} size="small" data-testid="history">
        {patient.history.length === 0 ? (
          <Empty description={t('profile.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline
            items={[...patient.history].reverse().map((revision: PatientDoc['history'][number], i) => ({
              key: `${revision.at}-${i}`,
              content: (
                <>
                  <Typography.Text strong>
                    {t('profile.changedBy', { name: revision.byName, at: dateTime(revision.at) })}
                  </Typography.Text>
                  {revision.changes.map((change) => (
                    <div key={change.field} className="history-change">
                      {t('profile.change', {
                        field: t(`fields.${change.field}`),
                        from: valueText(change.field, change.from),
                        to: valueText(change.field, change.to),
                      })}
                    </div>
                  ))}
                </>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}
