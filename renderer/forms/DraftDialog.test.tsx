/**
 * A dialog around a form whose draft is kept: a spinner while the draft is read, then the form
 * opening with the draft and the notice of a restored one; once saved, the draft is forgotten
 * before the dialog closes.
 */
import { createInstance } from 'i18next';
import type * as Antd from 'antd';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { resources } from '../../shared/i18n/resources';
import { DraftDialog, type DraftFormProps } from './DraftDialog';
import type { FormKeeper } from './useFormKeeper';

// antd draws a dialog into a portal, which a server render leaves out: drawn in place here.
vi.mock('antd', async (original) => ({
  ...(await original<typeof Antd>()),
  Modal: ({ title, children }: { title: ReactNode; children: ReactNode }) => (
    <div data-testid="modal">
      <h2>{title}</h2>
      {children}
    </div>
  ),
}));

const i18n = createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    ns: ['common'],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
  });
});

type Draft = { reason: string };
const keeper = (over: Partial<FormKeeper<Draft>> = {}): FormKeeper<Draft> => ({
  ready: true,
  start: { reason: '' },
  generation: 0,
  restoredAt: null,
  keptAt: null,
  changed: () => undefined,
  discard: async () => undefined,
  saved: async () => undefined,
  ...over,
});

const render = (
  k: FormKeeper<Draft>,
  onClose: () => void = () => undefined,
  onForm: (form: DraftFormProps<Draft>) => void = () => undefined,
) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <DraftDialog title="调整随访日期" keeper={k} onClose={onClose}>
        {(form) => {
          onForm(form);
          return <p data-testid="the-form">{form.start.reason || '（空）'}</p>;
        }}
      </DraftDialog>
    </I18nextProvider>,
  );

describe('a dialog with a kept draft', () => {
  it('waits for the draft, then opens the form with it', () => {
    const waiting = render(keeper({ ready: false, start: undefined }));
    expect(waiting).toContain('调整随访日期');
    expect(waiting).toContain('ant-spin');
    expect(waiting).not.toContain('the-form');

    const fresh = render(keeper());
    expect(fresh).toContain('<p data-testid="the-form">（空）</p>');
    expect(fresh).not.toContain('draft-restored');

    const restored = render(keeper({ start: { reason: '外出务工' }, restoredAt: new Date() }));
    expect(restored).toContain('<p data-testid="the-form">外出务工</p>');
    expect(restored).toContain('data-testid="draft-restored"');
  });

  it('keeps what is typed, forgets the draft once saved and closes; cancel just closes', async () => {
    const steps: string[] = [];
    let form: DraftFormProps<Draft> | undefined;
    render(
      keeper({
        changed: (values) => steps.push(`kept ${values.reason}`),
        saved: async () => {
          await Promise.resolve();
          steps.push('draft forgotten');
        },
      }),
      () => steps.push('closed'),
      (f) => (form = f),
    );
    form?.onChange({ reason: '住院' });
    await form?.onDone();
    expect(steps).toEqual(['kept 住院', 'draft forgotten', 'closed']);
    form?.onCancel();
    expect(steps).toEqual(['kept 住院', 'draft forgotten', 'closed', 'closed']);
  });
});
