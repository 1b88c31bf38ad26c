import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../shared/i18n/locales/en/print.json';
import zh from '../../shared/i18n/locales/zh-CN/print.json';
import { PrescriptionSlip } from './PrescriptionSlip';
import { printNamespace, printTitle } from './printText';
import type { SlipView } from './slipView';

const slip: SlipView = {
  institutionName: '东湖社区卫生服务中心',
  type: 'emergency',
  number: 'RX20240501-0001',
  feeCategory: '城镇职工医保',
  patient: { name: '王秀英', sex: '女', ageText: '67岁', recordNumber: 'MZ0001234' },
  department: '全科',
  diagnosis: '原发性高血压',
  issuedOn: '2024-05-01',
  items: [
    {
      name: '苯磺酸氨氯地平片',
      form: '片剂',
      strength: '5 mg',
      quantityText: '7片',
      usageText: '每次 5 mg 口服 每日1次',
    },
    {
      name: '二甲双胍缓释片',
      form: '片剂',
      strength: '0.5 g',
      quantityText: '14片',
      usageText: '每次 0.5 g 口服 每日2次',
    },
  ],
  doctorName: '李明',
  signedAt: '2024-05-01 09:30',
  amount: '¥ 23.50',
  copy: false,
  slipIndex: 1,
  slipCount: 1,
  validityDays: 1,
  voided: false,
};

/** The slip's text as a reader (or pdftotext) sees it: tags dropped, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('PrescriptionSlip', () => {
  beforeAll(async () => {
    await i18next.init({
      lng: 'zh-CN',
      fallbackLng: 'zh-CN',
      resources: { 'zh-CN': { [printNamespace]: zh }, en: { [printNamespace]: en } },
      interpolation: { escapeValue: false },
    });
  });

  it('prints header, every drug, the closing line and the type label in Chinese', () => {
    const text = textOf(renderToStaticMarkup(<PrescriptionSlip slip={slip} lng="zh-CN" />));
    for (const expected of [
      '东湖社区卫生服务中心',
      '处方笺',
      '急诊',
      '处方编号：',
      'RX20240501-0001',
      '费别：',
      '姓名：',
      '王秀英',
      '67岁',
      '门诊号：',
      '临床诊断：',
      '原发性高血压',
      'Rp',
      '苯磺酸氨氯地平片 片剂 5 mg',
      '× 7片',
      '用法：每次 5 mg 口服 每日1次',
      '二甲双胍缓释片 片剂 0.5 g',
      '以下空白',
      '医师：',
      '李明',
      '审核药师：',
      '调配：',
      '核对：',
      '发药：',
      '药品金额：',
      '¥ 23.50',
      '当日有效',
      '第 1 张 / 共 1 张',
    ])
      expect(text).toContain(expected);
    expect(text.indexOf('二甲双胍缓释片')).toBeLessThan(text.indexOf('以下空白'));
    expect(text).not.toContain('副本');
    expect(text).not.toContain('作废');
  });

  it('prints its fixed words in the chosen language, whatever the interface language', () => {
    expect(i18next.language).toBe('zh-CN');
    const text = textOf(
      renderToStaticMarkup(
        <PrescriptionSlip slip={{ ...slip, type: 'paediatric', validityDays: 3 }} lng="en" />,
      ),
    );
    for (const expected of [
      'Prescription',
      'Paediatric',
      'Name:',
      'Blank below',
      'Valid for 3 days',
      '王秀英',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('处方笺');
  });

  it('marks a reprint as a copy and a voided prescription as void', () => {
    const html = renderToStaticMarkup(
      <PrescriptionSlip slip={{ ...slip, copy: true, voided: true }} lng="zh-CN" />,
    );
    expect(html).toContain('data-testid="slip-copy"');
    expect(textOf(html)).toContain('副本');
    expect(textOf(html)).toContain('作废');
  });

  it('has no corner label on an ordinary slip and shows the ID number when given', () => {
    const html = renderToStaticMarkup(
      <PrescriptionSlip
        slip={{ ...slip, type: 'ordinary', patient: { ...slip.patient, idNumber: '110101195701010023' } }}
        lng="zh-CN"
      />,
    );
    expect(html).not.toContain('data-testid="slip-label"');
    expect(textOf(html)).toContain('110101195701010023');
  });

  it('draws the number as an inline SVG QR code, not an image', () => {
    const html = renderToStaticMarkup(<PrescriptionSlip slip={slip} lng="zh-CN" />);
    expect(html).toMatch(/<svg[^>]*class="rx-qr"[^>]*aria-label="处方编号 RX20240501-0001 的二维码"/);
    expect(html).not.toContain('<img');
  });

  it('titles a print job with the slip title and the prescription numbers', () => {
    expect(printTitle([slip, slip, { number: 'RX2' }], 'zh-CN')).toBe('处方笺 RX20240501-0001 RX2');
    expect(printTitle([slip], 'en')).toBe('Prescription RX20240501-0001');
  });

  describe('reasons and markers beside the lines', () => {
    const marked: SlipView = {
      ...slip,
      type: 'ordinary',
      items: [
        { ...slip.items[0]!, overdoseReason: '难治性高血压，已请示上级医师' },
        {
          ...slip.items[1]!,
          name: '阿莫西林胶囊',
          allergyOverride: { allergies: '青霉素', reason: '青霉素皮试阴性' },
        },
        { ...slip.items[1]!, name: '某进口降压药', classification: '普通药品，非抗菌药物' },
      ],
      reason: { kind: 'long', text: '高血压稳定期，慢性病长期用药' },
    };

    it.each<[string, string]>([
      ['the over-dose marker and its reason', '超剂量，已再次签名；理由：难治性高血压，已请示上级医师'],
      ['the allergy override and its reason', '过敏史（青霉素）仍予开具；理由：青霉素皮试阴性'],
      ["an off-formulary drug's classification", '目录外药品：普通药品，非抗菌药物'],
      ['the long-supply reason', '延长用量理由：高血压稳定期，慢性病长期用药'],
    ])('prints %s', (_name, expected) => {
      expect(textOf(renderToStaticMarkup(<PrescriptionSlip slip={marked} lng="zh-CN" />))).toContain(
        expected,
      );
    });

    it('prints each marker under its own line, all above 以下空白', () => {
      const text = textOf(renderToStaticMarkup(<PrescriptionSlip slip={marked} lng="zh-CN" />));
      const at = (word: string) => text.indexOf(word);
      expect(at('苯磺酸氨氯地平片')).toBeLessThan(at('超剂量'));
      expect(at('超剂量')).toBeLessThan(at('阿莫西林胶囊'));
      expect(at('阿莫西林胶囊')).toBeLessThan(at('过敏史（青霉素）'));
      expect(at('目录外药品')).toBeLessThan(at('延长用量理由'));
      expect(at('延长用量理由')).toBeLessThan(at('以下空白'));
    });

    it('names a 精二 extension reason as such, and prints in English', () => {
      const psychotropic = {
        ...marked,
        type: 'psychotropic2' as const,
        reason: { kind: 'psychotropic2' as const, text: '焦虑障碍' },
      };
      expect(textOf(renderToStaticMarkup(<PrescriptionSlip slip={psychotropic} lng="zh-CN" />))).toContain(
        '精二延长用量理由：焦虑障碍',
      );
      const english = textOf(renderToStaticMarkup(<PrescriptionSlip slip={marked} lng="en" />));
      expect(english).toContain('Above the maximum dose, signed again; reason: 难治性高血压');
      expect(english).toContain('Reason for the longer supply: 高血压稳定期');
    });

    it('prints no marker on a plain slip, and a blank outpatient number when there is none', () => {
      const html = renderToStaticMarkup(
        <PrescriptionSlip slip={{ ...slip, patient: { ...slip.patient, recordNumber: '' } }} lng="zh-CN" />,
      );
      for (const id of ['slip-overdose', 'slip-allergy', 'slip-classification', 'slip-reason'])
        expect(html).not.toContain(`data-testid="${id}"`);
      expect(textOf(html)).toContain('门诊号：');
      expect(textOf(html)).not.toContain('MZ0001234');
    });
  });
});
