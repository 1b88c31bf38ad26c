/**
 * The enrolment form, the lab result form and the transplant plan as a person meets them: every
 * field labelled and reachable by keyboard (native inputs and selects, a submit button), the
 * transplant centre and the consent asked for a transplant, flags and converted values shown as
 * typed, the plan worded in full, and only its centre's specialist offered to change it.
 */
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentDoc, TransplantPlanDoc } from '../../../shared/carePlans/schema';
import { resources } from '../../../shared/i18n/resources';
import { LabResultForm } from '../results/LabResultForm';
import { emptyLabDraft, withPanel, withUnit } from '../results/labForm';
import { EnrolForm } from './EnrolForm';
import { emptyEnrolDraft } from './enrolForm';
import { ConsentPanel } from './ConsentPanel';
import { TransplantPlanSummary } from './TransplantPlanSummary';

const i18n = createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    ns: ['common', 'carePlans', 'results'],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
  });
});

const render = (node: React.ReactNode) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>{node}</MemoryRouter>
    </I18nextProvider>,
  );
const noop = () => undefined;
const today = '2026-12-07';

describe('enrolment form', () => {
  it('asks for the transplant centre, the transplant date and the consent to share', () => {
    const html = render(
      <EnrolForm
        start={{ ...emptyEnrolDraft(today), programme: 'transplant' }}
        context={{
          today,
          patient: { sex: 'female', birthDate: '1980-01-01' },
          activeProgrammes: ['hypertension'],
        }}
        hospitals={[
          { id: 'org-hosp-demo', name: '区第二人民医院', kind: 'hospital', level: 2 },
          { id: 'org-hosp-haem', name: '市血液病医院', kind: 'hospital', level: 3 },
        ]}
        busy={false}
        onChange={noop}
        onSave={noop}
        onCancel={noop}
      />,
    );
    expect(html).toMatch(/<select[^>]*id="([^"]+)-org"[^>]*data-testid="enrol-transplant-org"/);
    const id = /id="([^"]+)-org"/.exec(html)?.[1];
    expect(html).toContain(`for="${id}-org"`);
    // Only a tertiary hospital can be the transplant centre.
    expect(html).toContain('<option value="org-hosp-haem">市血液病医院</option>');
    expect(html).not.toContain('区第二人民医院');
    expect(html).toMatch(/<input[^>]*type="date"[^>]*data-testid="enrol-transplant-date"/);
    expect(html).toContain('居民已同意将本项目的随访记录和检验结果与该移植中心共享');
    expect(html).toMatch(/<input[^>]*type="checkbox"/);
    // The programme already followed cannot be chosen again.
    expect(html).toMatch(
      /<input[^>]*disabled=""[^>]*value="hypertension"|value="hypertension"[^>]*disabled=""/,
    );
    expect(html).toMatch(/<button data-testid="enrol-save" type="submit"/);
    expect(html).not.toContain('tabindex="-1"');
  });
});

describe('lab result form', () => {
  it('shows a value flagged and converted to the usual unit as it is typed', () => {
    let draft = withPanel(emptyLabDraft(today, null), 'glucose', null);
    draft = {
      ...draft,
      items: draft.items.map((i) => (i.analyte === 'fbg' ? { ...withUnit(i, 'mg/dL'), value: '126' } : i)),
    };
    const html = render(
      <LabResultForm
        start={draft}
        today={today}
        sex={null}
        enrolments={[{ id: 'enr-1', label: '糖尿病' }]}
        busy={false}
        onChange={noop}
        onSave={noop}
        onCancel={noop}
      />,
    );
    expect(html).toContain('空腹血糖（FBG）');
    expect(html).toMatch(/data-testid="lab-flag-fbg"[^>]*>↑ 偏高/);
    expect(html).toMatch(/data-testid="lab-converted-fbg"[^>]*>换算为 7 mmol\/L/);
    expect(html).toMatch(/<select[^>]*data-testid="lab-unit-fbg"/);
    expect(html).toContain('<option value="enr-1">糖尿病</option>');
    expect(html).not.toContain('lab-flag-pg2h');
    expect(html).toMatch(/<button data-testid="lab-save" type="submit"/);
  });
});

describe('transplant plan on the resident page', () => {
  const enrolment: EnrolmentDoc = {
    id: 'enr-1',
    orgId: 'org-chc-demo',
    sharedWith: [],
    patientId: 'p1',
    kind: 'enrolment',
    enrolment: {
      programme: 'transplant',
      enrolledOn: '2026-07-01',
      status: 'active',
      leftOn: null,
      leftReason: null,
      leftNote: '',
      lmp: null,
      dueDate: null,
      transplantOrgId: 'org-hosp-demo',
      transplantDate: '2026-06-01',
      consents: [
        { action: 'given', at: '2026-07-01T02:00:00.000Z', by: 'staff-doc01', byName: '张建国', note: '' },
      ],
      scheduleEdits: [],
    },
    createdBy: 'staff-doc01',
    createdByName: '张建国',
    createdAt: '2026-07-01T02:00:00.000Z',
    updatedAt: '2026-07-01T02:00:00.000Z',
  };
  const plan: TransplantPlanDoc = {
    id: 'plan-1',
    orgId: 'org-hosp-demo',
    sharedWith: [],
    patientId: 'p1',
    kind: 'transplantPlan',
    transplantPlan: {
      enrolmentId: 'enr-1',
      centreOrgId: 'org-chc-demo',
      transplantDate: '2026-06-01',
      phases: [
        { fromMonth: 0, toMonth: 12, intervalMonths: 3 },
        { fromMonth: 12, toMonth: 60, intervalMonths: 6 },
      ],
      tests: ['wbc', 'tacrolimus'],
      instructions: '避免去人多的地方',
      revision: 2,
      revisionReason: '加测他克莫司',
    },
    createdBy: 'staff-spec01',
    createdByName: '陈立新',
    createdAt: '2026-07-02T02:00:00.000Z',
    updatedAt: '2026-07-03T02:00:00.000Z',
  };
  const summary = (p: TransplantPlanDoc | null, maySet: boolean) =>
    render(
      <TransplantPlanSummary
        patientId="p1"
        enrolment={enrolment}
        plan={p}
        centreName="区第二人民医院"
        maySet={maySet}
      />,
    );

  it('words the plan in full for the centre, with no way to change it', () => {
    const html = summary(plan, false);
    expect(html).toContain('第 0–12 个月：每 3 个月一次；第 12–60 个月：每 6 个月一次');
    expect(html).toContain('白细胞计数（WBC）、他克莫司血药浓度');
    expect(html).toContain('第 2 版');
    expect(html).toContain('加测他克莫司');
    expect(html).toContain('移植中心：区第二人民医院');
    expect(html).not.toContain('plan-revise');
  });

  it('shows who consented, when, and whether the consent stands', () => {
    expect(summary(plan, false)).toContain('已同意与移植中心共享（张建国，');
    const withdrawn: EnrolmentDoc = {
      ...enrolment,
      enrolment: {
        ...enrolment.enrolment,
        consents: [
          ...enrolment.enrolment.consents!,
          {
            action: 'withdrawn',
            at: '2026-08-01T02:00:00.000Z',
            by: 'staff-doc02',
            byName: '刘文静',
            note: '本人要求',
          },
        ],
      },
    };
    const organisations = [
      { id: 'org-hosp-demo', name: '区第二人民医院', kind: 'hospital' as const, level: 2 },
      { id: 'org-hosp-haem', name: '市血液病医院', kind: 'hospital' as const, level: 3 },
    ];
    const panel = (doc: EnrolmentDoc, mayChange: boolean) =>
      render(<ConsentPanel enrolment={doc} organisations={organisations} mayChange={mayChange} />);
    const given = panel(enrolment, true);
    expect(given).toMatch(/data-testid="consent-state"[^>]*>已同意共享</);
    expect(given).toContain('data-testid="consent-withdraw"');
    expect(given).not.toContain('data-testid="consent-give"');
    const html = panel(withdrawn, true);
    expect(html).toMatch(/data-testid="consent-state"[^>]*>已撤回同意</);
    expect(html).toContain('data-testid="consent-give"');
    expect(html).not.toContain('data-testid="consent-withdraw"');
    // The whole register, oldest first: who consented is kept after the withdrawal.
    const entries = [...html.matchAll(/data-testid="consent-entry" data-action="(\w+)"/g)].map((m) => m[1]);
    expect(entries).toEqual(['given', 'withdrawn']);
    expect(html).toContain('张建国 记录居民同意共享');
    expect(html).toContain('刘文静 记录居民撤回同意');
    expect(html).toContain('：本人要求');
    // Read-only for anyone who may not change the enrolment (the hospital, another centre).
    expect(panel(withdrawn, false)).not.toContain('<button');
    const corrected: EnrolmentDoc = {
      ...enrolment,
      enrolment: {
        ...enrolment.enrolment,
        transplantOrgId: 'org-hosp-haem',
        centreCorrections: [
          {
            from: 'org-hosp-demo',
            to: 'org-hosp-haem',
            reason: '出院小结写错',
            at: '2026-07-02T02:00:00.000Z',
            by: 'staff-doc01',
            byName: '张建国',
          },
        ],
      },
    };
    expect(panel(corrected, false)).toMatch(
      /data-testid="centre-correction".*将移植中心由区第二人民医院更正为市血液病医院：出院小结写错/,
    );
  });

  it('offers the specialist to set the plan, or to revise it', () => {
    expect(summary(null, false)).toContain('移植中心尚未制定随访计划。');
    expect(summary(null, false)).not.toContain('plan-set');
    expect(summary(null, true)).toMatch(/href="\/patients\/p1\/transplant-plan\?enrolment=enr-1"/);
    expect(summary(plan, true)).toContain('data-testid="plan-revise"');
  });
});
