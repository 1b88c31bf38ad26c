import i18next from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resources } from '../../shared/i18n/resources';
import type { PatientFields } from '../../shared/patients/schema';
import type { ClinicDatabase } from '../db/database';
import { registerPatient } from '../features/patients/patientRepository';
import { openMemoryDatabase, registrar } from '../testing/memoryDb';
import { attemptSave, saveFailureKind, watchUnhandledFailures } from './failure';
import { RouteErrorBoundary } from './RouteErrorBoundary';
import { SaveFailureAlert } from './SaveFailureAlert';

const idNumber = '120101198001010012';

/** Tags dropped, entities decoded: what a reader sees. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

const render = (node: ReactNode) => textOf(renderToStaticMarkup(<MemoryRouter>{node}</MemoryRouter>));

let logged: string[] = [];
beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    ns: ['common'],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
  });
});
beforeEach(async () => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
  await i18next.changeLanguage('zh-CN');
});
afterEach(() => vi.restoreAllMocks());

/**
 * React's part of an error boundary, played in its order (the unit tests run without a DOM): the
 * boundary takes new props (the address), renders the page at that address unless it has failed,
 * and when the page throws takes its error state and renders again.
 */
class BoundaryRun {
  private readonly boundary = new RouteErrorBoundary({ resetKey: '', children: null });
  constructor(private readonly pages: Record<string, () => ReactNode>) {
    this.boundary.setState = (patch) => Object.assign(this.boundary.state, patch);
  }
  /** The page area at `address` (where the navigation leads). */
  render(address: string): string {
    const b = this.boundary;
    Object.assign(
      b.state,
      RouteErrorBoundary.getDerivedStateFromProps({ resetKey: address, children: null }, b.state),
    );
    let children: ReactNode = null;
    if (!b.state.failed)
      try {
        children = this.pages[address]!();
      } catch (error) {
        Object.assign(b.state, RouteErrorBoundary.getDerivedStateFromError(error));
      }
    (b as { props: unknown }).props = { resetKey: address, children };
    return render(b.render());
  }
  retry(): void {
    this.boundary.retry();
  }
}

describe('a page that throws while rendering', () => {
  it('shows the translated error screen with a retry and a way back; the navigation still leads elsewhere', () => {
    const run = new BoundaryRun({
      '/patients/p1': () => {
        throw new Error(`cannot read ${idNumber}`);
      },
      '/today': () => <p>today queue</p>,
    });
    const failed = run.render('/patients/p1');
    expect(failed).toContain('此页面出错了');
    expect(failed).toContain('其他页面仍可正常使用');
    expect(failed).toContain('重试');
    expect(failed).toContain('返回居民档案');
    expect(failed).not.toContain(idNumber);
    expect(run.render('/today')).toContain('today queue');
    expect(run.render('/patients/p1')).toContain('此页面出错了');
  });

  it('retry renders the page again once it no longer throws', () => {
    let broken = true;
    const run = new BoundaryRun({
      '/encounters/e1': () => {
        if (broken) throw new Error('boom');
        return <p>consultation</p>;
      },
    });
    expect(run.render('/encounters/e1')).toContain('此页面出错了');
    broken = false;
    expect(run.render('/encounters/e1')).toContain('此页面出错了');
    run.retry();
    expect(run.render('/encounters/e1')).toContain('consultation');
  });

  it('speaks English when the desk does', async () => {
    await i18next.changeLanguage('en');
    const failed = new BoundaryRun({
      '/x': () => {
        throw new Error('boom');
      },
    }).render('/x');
    expect(failed).toContain('This page ran into a problem');
    expect(failed).toContain('Try again');
  });
});

/** An unhandled rejection as the browser dispatches it (Node has no PromiseRejectionEvent). */
const rejection = (reason: unknown) =>
  Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason });

describe('an error nobody handled', () => {
  it('shows the notice, logs kind and code but not the message, and stops the browser printing it', () => {
    const target = new EventTarget();
    const notices: number[] = [];
    const stop = watchUnhandledFailures(target, () => notices.push(1));
    const event = rejection(Object.assign(new Error(`document ${idNumber} refused`), { code: 'VD2' }));
    target.dispatchEvent(event);
    expect(notices).toHaveLength(1);
    expect(event.defaultPrevented).toBe(true);
    expect(logged.join('\n')).toContain('VD2');
    expect(logged.join('\n')).not.toContain(idNumber);
    const thrown = Object.assign(new Event('error', { cancelable: true }), {
      error: new TypeError(idNumber),
    });
    target.dispatchEvent(thrown);
    expect(notices).toHaveLength(2);
    expect(logged.join('\n')).toContain('TypeError');
    expect(logged.join('\n')).not.toContain(idNumber);
    stop();
    target.dispatchEvent(rejection(new Error('later')));
    expect(notices).toHaveLength(2);
  });
});

const fields: PatientFields = {
  name: '张三',
  sex: 'unknown',
  birthDate: '',
  idType: 'resident',
  idNumber,
  mobile: '138-1234-5678',
  address: {
    provinceCode: '12',
    province: '天津市',
    cityCode: '1201',
    city: '市辖区',
    districtCode: '120101',
    district: '和平区',
    streetCode: '',
    street: '',
    community: '',
    detail: '3号楼',
  },
  household: { number: '', relation: 'self' },
  allergies: ['青霉素'],
  tags: [],
  familyDoctor: '',
};

describe('a save the database refuses', () => {
  let db: ClinicDatabase;
  beforeEach(async () => {
    db = await openMemoryDatabase(['patients']);
  });
  afterEach(async () => {
    await db.remove();
  });

  it('registering on a full disk: a translated error, nothing saved, the typed fields untouched', async () => {
    const typed = structuredClone(fields);
    vi.spyOn(db.patients, 'insert').mockRejectedValue(new DOMException('quota', 'QuotaExceededError'));
    const attempt = await attemptSave(() => registerPatient(db.patients, typed, registrar));
    expect(attempt.ok).toBe(false);
    if (attempt.ok) return;
    expect(render(<SaveFailureAlert error={attempt.error} />)).toContain(
      '本机存储空间已满，未能保存。已填写的内容仍在页面上',
    );
    await i18next.changeLanguage('en');
    expect(render(<SaveFailureAlert error={attempt.error} />)).toContain("This computer's storage is full");
    expect(typed).toEqual(fields);
    expect(await db.patients.count().exec()).toBe(0);
  });

  it("RxDB's own validation refusal is worded as refused content, and the log names no patient", async () => {
    const attempt = await attemptSave(() => db.patients.insert({ id: 'p1', idNumber, name: 42 } as never));
    expect(attempt.ok).toBe(false);
    if (attempt.ok) return;
    expect(attempt.kind).toBe('invalid');
    expect(render(<SaveFailureAlert error={attempt.error} />)).toContain('本机数据库拒绝了这些内容');
    expect(logged.join('\n')).toContain('Save failed');
    expect(logged.join('\n')).not.toContain(idNumber);
  });

  it('anything else is worded as a refused save to try again', () => {
    expect(saveFailureKind(new Error('closed'))).toBe('refused');
    expect(saveFailureKind({ inner: { name: 'QuotaExceededError' } })).toBe('quota');
  });
});
