/**
 * The frame of a resident's form page and the cards of a resident's records, as a person meets
 * them: refused, loading, "not found" for a resident the desk does not have (also while no draft
 * can be read for them), the card titled for the resident with a restored draft's notice; a
 * records card's rows, its empty line and its record button only for staff who may record.
 */
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../../shared/i18n/resources';
import type { PatientDoc } from '../../../shared/patients/schema';
import type { FormKeeper } from '../../forms/useFormKeeper';
import { PatientRecordsCard } from './PatientRecordsCard';
import { PatientSubPage, type SubPageFormProps } from './PatientSubPage';

const i18n = createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    ns: ['common', 'encounters'],
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

type Draft = { note: string };
const keeper = (over: Partial<FormKeeper<Draft>> = {}): FormKeeper<Draft> => ({
  ready: true,
  start: { note: '已打印' },
  generation: 0,
  restoredAt: null,
  keptAt: null,
  changed: () => undefined,
  discard: async () => undefined,
  saved: async () => undefined,
  ...over,
});
const patient = { id: 'p1', name: '王秀英' } as PatientDoc;

const page = (
  props: Partial<React.ComponentProps<typeof PatientSubPage<Draft>>>,
  onForm: (form: SubPageFormProps<Draft>) => void = () => undefined,
) =>
  render(
    <PatientSubPage<Draft>
      patient={patient}
      allowed
      forbidden="无权录入"
      keeper={keeper()}
      saving={{ busy: false, refused: null }}
      onSave={async () => undefined}
      onCancel={() => undefined}
      title={(p) => `为${p.name}录入`}
      testId="some-page"
      {...props}
    >
      {(form) => {
        onForm(form);
        return (
          <p data-testid="the-form">
            {form.start.note}
            {form.busy && '（保存中）'}
            {form.refused}
          </p>
        );
      }}
    </PatientSubPage>,
  );

describe('a form page about one resident', () => {
  it('shows the form in a card titled for the resident, with the draft as kept', () => {
    const html = page({});
    expect(html).toContain('data-testid="some-page"');
    expect(html).toContain('为王秀英录入');
    expect(html).toContain('<p data-testid="the-form">已打印</p>');
    expect(html).not.toContain('draft-restored');

    const restored = page({
      keeper: keeper({ start: { note: '未打印' }, restoredAt: new Date('2026-12-07T08:00:00Z') }),
    });
    expect(restored).toContain('data-testid="draft-restored"');
    expect(restored).toContain('<p data-testid="the-form">未打印</p>');
    expect(restored).not.toContain('draft-kept');
    expect(page({ keeper: keeper({ keptAt: new Date() }) })).toContain('data-testid="draft-kept"');
  });

  it('gives the form the save’s state; a save is for the resident, typing is kept, cancel goes back', () => {
    expect(page({ saving: { busy: true, refused: '该项目已退出' } })).toContain(
      '<p data-testid="the-form">已打印（保存中）该项目已退出</p>',
    );
    const heard: string[] = [];
    let form: SubPageFormProps<Draft> | undefined;
    page(
      {
        keeper: keeper({ changed: (v) => heard.push(`kept ${v.note}`) }),
        onSave: async (p, v) => void heard.push(`save ${v.note} for ${p.name}`),
        onCancel: () => heard.push('back'),
      },
      (f) => (form = f),
    );
    form?.onChange({ note: '未打印' });
    form?.onSave({ note: '未打印' });
    form?.onCancel();
    expect(heard).toEqual(['kept 未打印', 'save 未打印 for 王秀英', 'back']);
  });

  it('refuses an operator who may not use it, before anything else', () => {
    const html = page({ allowed: false, patient: undefined });
    expect(html).toContain('无权录入');
    expect(html).not.toContain('the-form');
  });

  it('says the resident is not found, even though no draft can be read for nobody', () => {
    const html = page({ patient: null, keeper: keeper({ ready: false, start: undefined }) });
    expect(html).toContain('未找到该患者');
    expect(html).not.toContain('ant-spin');
    expect(html).not.toContain('the-form');
  });

  it('waits for the resident, the page’s own data and the draft', () => {
    for (const html of [
      page({ patient: undefined }),
      page({ loading: true }),
      page({ keeper: keeper({ ready: false, start: undefined }) }),
    ]) {
      expect(html).toContain('ant-spin');
      expect(html).not.toContain('the-form');
    }
  });
});

describe('a card of a resident’s records', () => {
  const card = (
    props: Partial<React.ComponentProps<typeof PatientRecordsCard<{ id: string; what: string }>>>,
  ) =>
    render(
      <PatientRecordsCard<{ id: string; what: string }>
        title="检验结果"
        testId="some-records"
        rows={[
          { id: 'a', what: '血常规' },
          { id: 'b', what: '肝功能' },
        ]}
        empty="暂无记录"
        rowTestId="some-row"
        columns={[{ title: '项目', key: 'what', render: (_, r) => r.what }]}
        {...props}
      />,
    );

  it('lists the rows, and offers to record one more only to staff who may', () => {
    const html = card({ record: { to: '/patients/p1/results/new', label: '录入检验结果', testId: 'rec' } });
    expect(html).toContain('data-testid="some-records"');
    expect(html).toContain('检验结果');
    expect(html.match(/data-testid="some-row"/g)).toHaveLength(2);
    expect(html).toContain('肝功能');
    expect(html).toMatch(/href="\/patients\/p1\/results\/new"[^>]*>.*data-testid="rec"/);
    expect(html).toContain('录入检验结果');

    expect(card({ record: false })).not.toContain('data-testid="rec"');
  });

  it('says when there are none, and shows a spinner while they load', () => {
    expect(card({ rows: [] })).toContain('暂无记录');
    expect(card({ rows: undefined })).toContain('ant-spin');
  });
});
