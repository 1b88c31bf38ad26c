/**
 * The panorama screen as a reader sees it: who, the programmes, the charts (or that there is
 * nothing to chart) and the timeline of every record with what matters in each line.
 */
import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import { namespaces, resources } from '../../../shared/i18n/resources';
import { sampleEnrolment } from '../../../shared/testing/carePlans';
import { samplePatient } from '../../../shared/testing/patients';
import type { PanoramaRecords } from './panoramaData';
import { PanoramaView } from './PanoramaView';
import { followUpVisit, item, labResult, patientId, slip, visit } from './testRecords';

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    ns: [...namespaces],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
  });
});

const patient = samplePatient({ id: patientId, name: '张三', birthDate: '1958-03-02' });
const none: PanoramaRecords = { encounters: [], prescriptions: [], observations: [], carePlans: [] };

const render = (records: PanoramaRecords) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <PanoramaView patient={patient} records={records} today="2026-12-07" onPrint={() => undefined} />
    </MemoryRouter>,
  );

describe('PanoramaView', () => {
  it('says there is nothing yet for a resident with no records', () => {
    const html = render(none);
    const text = textOf(html);
    expect(text).toContain('全景视图');
    expect(text).toContain('张三');
    expect(text).toContain('未纳入专病管理');
    expect(text).toContain('暂无可绘制的数据');
    expect(text).toContain('暂无记录');
    expect(html).not.toContain('panorama-chart-card');
  });

  it('lists every record in the timeline with what a doctor looks for, newest first', () => {
    const records: PanoramaRecords = {
      encounters: [
        visit('e1', '2026-01-05T01:00:00.000Z', { systolic: 150, diastolic: 95 }),
        followUpVisit(
          'e2',
          '2026-04-02T01:00:00.000Z',
          { systolic: 146, diastolic: 92 },
          { classification: 'unsatisfactory', nextStep: 'twoWeek', nextDate: '2026-04-16' },
        ),
      ],
      prescriptions: [slip('p1', 'e1', '2026-01-05T01:20:00.000Z')],
      observations: [
        labResult('o1', '2026-03-01', [item('wbc', 12.5, '10^9/L', 3.5, 9.5, 'high')], {
          source: 'external',
          sourceName: '区第二人民医院',
        }),
      ],
      carePlans: [sampleEnrolment({ enrolledOn: '2026-01-06' })],
    };
    const html = render(records);
    const text = textOf(html);
    expect(html.match(/data-testid="panorama-entry"/g)).toHaveLength(5);
    expect(html.match(/data-kind="(\w+)"/g)).toEqual([
      'data-kind="followUp"',
      'data-kind="result"',
      'data-kind="enrolment"',
      'data-kind="prescription"',
      'data-kind="consultation"',
    ]);
    // The programme the resident is in.
    expect(text).toContain('高血压');
    // The follow-up: classification, BP and the next visit with its step.
    expect(text).toContain('控制不满意');
    expect(text).toContain('血压 146/92 mmHg');
    expect(text).toMatch(/下次随访：2026\/04\/16（2周内复诊）/);
    // The result: the flagged value and where it was done.
    expect(text).toContain('白细胞 12.5 10^9/L ↑');
    expect(text).toContain('1 项异常');
    expect(text).toContain('外院检验 · 区第二人民医院');
    // The slip and the consultation, linked to their screens.
    expect(text).toContain('苯磺酸氨氯地平片');
    expect(html).toContain('href="/prescriptions/group-p1"');
    expect(html).toContain('I10 原发性高血压');
    expect(html).toContain('href="/encounters/e1"');
    // The charts load with echarts after the page is on screen.
    expect(text).toContain('趋势图');
    expect(html).not.toContain('暂无可绘制的数据');
  });

  it('links a line to its record at the address the router gives it', () => {
    const html = renderToStaticMarkup(
      <MemoryRouter basename="/desk" initialEntries={['/desk/patients/p/panorama']}>
        <PanoramaView
          patient={patient}
          records={{ ...none, encounters: [visit('e1', '2026-01-05T01:00:00.000Z')] }}
          today="2026-12-07"
        />
      </MemoryRouter>,
    );
    expect(html).toContain('href="/desk/encounters/e1"');
    expect(html).toContain('data-to="/encounters/e1"');
  });

  it('reads in English', async () => {
    await i18next.changeLanguage('en');
    try {
      const text = textOf(
        render({
          ...none,
          encounters: [followUpVisit('e2', '2026-04-02T01:00:00.000Z', { systolic: 146, diastolic: 92 })],
        }),
      );
      expect(text).toContain('Panorama');
      expect(text).toContain('Controlled');
      expect(text).toContain('BP 146/92 mmHg');
    } finally {
      await i18next.changeLanguage('zh-CN');
    }
  });
});
