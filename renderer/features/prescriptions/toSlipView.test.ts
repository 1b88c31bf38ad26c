import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../../shared/i18n/resources';
import type { PrescriptionDoc } from '../../../shared/prescriptions/schema';
import { slipItem } from '../../../shared/testing/prescriptions';
import { toSlipView, usageText } from './toSlipView';

const slip: PrescriptionDoc = {
  id: 'rx-1',
  orgId: 'org-1',
  sharedWith: [],
  patientId: '0192a7c4-aaaa-7bbb-8ccc-1234abcd5678',
  encounterId: 'enc-1',
  groupId: 'g-1',
  slipIndex: 1,
  slipCount: 2,
  number: 'RX20261123-0001',
  type: 'emergency',
  items: [slipItem({ days: 3, quantity: 3 })],
  days: 3,
  longReason: '',
  longAcknowledged: false,
  diagnosis: '原发性高血压',
  patient: { name: '张三', sex: 'male', ageText: '56岁', feeCategory: 'selfPay' },
  department: '全科',
  doctorId: 'doc-1',
  doctorName: '李医生',
  status: 'signed',
  signature: { by: 'doc-1', byName: '李医生', at: '2026-11-23T01:00:00.000Z', hash: 'x' },
  voided: null,
  prints: [],
  createdAt: '2026-11-23T01:00:00.000Z',
  updatedAt: '2026-11-23T01:00:00.000Z',
};

beforeAll(async () => {
  await i18next.init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    resources,
    interpolation: { escapeValue: false },
  });
});

describe('toSlipView', () => {
  it('writes the slip in the print language', () => {
    const zh = toSlipView(slip, '东湖社区卫生服务中心', 'zh-CN');
    expect(zh.items[0]).toMatchObject({
      name: '苯磺酸氨氯地平片',
      form: '片剂',
      quantityText: '3片',
      usageText: '每次 5 mg 口服 每日1次',
    });
    // No outpatient number yet: the field stays blank rather than showing a piece of the record id.
    expect(zh.patient).toMatchObject({ sex: '男', recordNumber: '' });
    expect(
      toSlipView({ ...slip, patient: { ...slip.patient, outpatientNo: 'MZ0012345' } }, 'C', 'zh-CN').patient
        .recordNumber,
    ).toBe('MZ0012345');
    expect(zh.feeCategory).toBe('自费');
    expect([zh.copy, zh.voided, zh.slipIndex, zh.slipCount]).toEqual([false, false, 1, 2]);
    const en = toSlipView(slip, 'Donghu CHC', 'en');
    expect(en.items[0]?.name).toBe('Amlodipine Besylate Tablets');
    expect(en.items[0]?.usageText).toBe('5 mg oral once daily');
    expect(en.items[0]?.quantityText).toBe('3 tablets');
  });

  it('words a counted unit in the form its count takes in English', () => {
    const one = { ...slip.items[0]!, quantity: 1, dose: 1, doseUnit: 'tablet' as const };
    const en = toSlipView({ ...slip, items: [one] }, 'C', 'en').items[0];
    expect([en?.quantityText, en?.usageText]).toEqual(['1 tablet', '1 tablet oral once daily']);
    const two = { ...one, dose: 2 };
    expect(usageText(two, 'en')).toBe('2 tablets oral once daily');
    expect(usageText(two, 'zh-CN')).toBe('每次 2 片 口服 每日1次');
  });

  it('marks a reprint as a copy and a voided slip as void', () => {
    const printed = {
      ...slip,
      prints: [{ at: 'x', by: 'doc-1', copy: false, pageSize: 'A5', target: 'printer' as const }],
    };
    expect(toSlipView(printed, 'C', 'zh-CN').copy).toBe(true);
    const exported = { ...slip, prints: [{ ...printed.prints[0]!, target: 'pdf' as const }] };
    expect(toSlipView(exported, 'C', 'zh-CN').copy).toBe(false);
    const voided = { ...slip, voided: { at: 'x', by: 'doc-1', byName: '李医生', reason: '开错' } };
    expect(toSlipView(voided, 'C', 'zh-CN').voided).toBe(true);
  });

  it('adds the usage note', () => {
    expect(usageText({ ...slip.items[0]!, note: '饭后' }, 'zh-CN')).toBe('每次 5 mg 口服 每日1次，饭后');
  });

  it('carries the reasons and markers the pharmacist must see', () => {
    const doc: PrescriptionDoc = {
      ...slip,
      type: 'ordinary',
      days: 14,
      longReason: '高血压稳定期',
      items: [
        {
          ...slip.items[0]!,
          dose: 15,
          overdose: { reason: '难治性高血压', confirmedBy: 'doc-1', confirmedAt: 'x' },
        },
        {
          ...slip.items[0]!,
          drugCode: 'amoxicillin-0-25g-cap',
          allergyOverride: { allergies: ['青霉素', '头孢'], reason: '皮试阴性' },
        },
        { ...slip.items[0]!, drugCode: '', offFormulary: true, control: 'toxic', antimicrobial: false },
      ],
    };
    const zh = toSlipView(doc, 'C', 'zh-CN');
    expect(zh.items.map((i) => [i.overdoseReason, i.allergyOverride, i.classification])).toEqual([
      ['难治性高血压', undefined, undefined],
      [undefined, { allergies: '青霉素、头孢', reason: '皮试阴性' }, undefined],
      [undefined, undefined, '医疗用毒性药品，非抗菌药物'],
    ]);
    expect(zh.reason).toEqual({ kind: 'long', text: '高血压稳定期' });
    expect(toSlipView({ ...doc, type: 'psychotropic2' }, 'C', 'zh-CN').reason?.kind).toBe('psychotropic2');
    expect(toSlipView(slip, 'C', 'zh-CN').reason).toBeUndefined();
  });
});
