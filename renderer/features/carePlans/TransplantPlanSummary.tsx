import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentConsent } from '../../../shared/carePlans/consent';
import type { EnrolmentDoc, TransplantPlanDoc } from '../../../shared/carePlans/schema';
import { analytes } from '../../../shared/observations/analytes';
import { useFormatters } from '../../ui/format';

/**
 * A transplant enrolment's centre, date and consent, and the plan its transplant centre set
 * (intervals, tests each visit, instructions, revision): the community centre reads it, the
 * centre's specialist sets or revises it from here.
 */
export function TransplantPlanSummary({
  patientId,
  enrolment,
  plan,
  centreName,
  maySet,
}: {
  patientId: string;
  enrolment: EnrolmentDoc;
  plan: TransplantPlanDoc | null;
  centreName: string;
  maySet: boolean;
}) {
  const { t } = useTranslation(['carePlans', 'results']);
  const { date } = useFormatters();
  const e = enrolment.enrolment;
  const consent = currentConsent(e);
  const p = plan?.transplantPlan;
  return (
    <div data-testid="transplant-plan" style={{ marginBottom: 8 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('card.transplantCentre', { name: centreName })}
        {e.transplantDate && ` · ${t('card.transplantDate', { date: date(e.transplantDate) })}`}
        {consent && ` · ${t('card.consent', { name: consent.byName, date: date(consent.at.slice(0, 10)) })}`}
      </Typography.Paragraph>
      {p ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          title={
            <Space>
              {t('plan.title')}
              <Typography.Text type="secondary" data-testid="plan-revision">
                {t('plan.revision', { revision: p.revision })}
              </Typography.Text>
            </Space>
          }
          extra={
            maySet && (
              <Link to={`/patients/${patientId}/transplant-plan?enrolment=${enrolment.id}`}>
                <Button size="small" data-testid="plan-revise">
                  {t('plan.revise')}
                </Button>
              </Link>
            )
          }
        >
          <Descriptions.Item label={t('plan.phases')}>
            <span data-testid="plan-phases">
              {p.phases
                .map((ph) =>
                  t('plan.phase', { from: ph.fromMonth, to: ph.toMonth, count: ph.intervalMonths }),
                )
                .join('；')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.tests')}>
            <span data-testid="plan-tests-list">
              {p.tests.map((code) => t(`results:${analytes[code].labelKey}`)).join('、')}
            </span>
          </Descriptions.Item>
          {p.instructions && (
            <Descriptions.Item label={t('plan.instructions')}>
              <span data-testid="plan-instructions-text" style={{ whiteSpace: 'pre-wrap' }}>
                {p.instructions}
              </span>
            </Descriptions.Item>
          )}
          {p.revision > 1 && p.revisionReason && (
            <Descriptions.Item label={t('plan.reason')}>{p.revisionReason}</Descriptions.Item>
          )}
          {plan && (
            <Descriptions.Item label={t('plan.revision', { revision: p.revision })}>
              {t('plan.setBy', {
                org: centreName,
                name: plan.createdByName,
                date: date(plan.updatedAt.slice(0, 10)),
              })}
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Alert
          type="info"
          showIcon
          data-testid="plan-none"
          title={t('plan.none')}
          action={
            maySet && (
              <Link to={`/patients/${patientId}/transplant-plan?enrolment=${enrolment.id}`}>
                <Button size="small" type="primary" data-testid="plan-set">
                  {t('plan.set')}
                </Button>
              </Link>
            )
          }
        />
      )}
    </div>
  );
}
