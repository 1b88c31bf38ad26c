/** The printed agreement carries what the sample agreement asks for, in the chosen language. */
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/locales/en/contracts.json';
import zh from '../../../shared/i18n/locales/zh-CN/contracts.json';
import { ContractAgreement } from './ContractAgreement';
import { contractFieldsOf, newContractDraft } from './contractForm';

const i18n = createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    ns: ['contracts'],
    defaultNS: 'contracts',
    resources: { 'zh-CN': { contracts: zh }, en: { contracts: en } },
    interpolation: { escapeValue: false },
  });
});

const contract = contractFieldsOf(
  {
    ...newContractDraft({
      today: '2026-12-07',
      doctorId: 'staff-doc01',
      teamName: '张建国团队',
      householdNo: '',
      populationTypes: ['hypertension', 'elderly'],
    }),
    nurseId: 'staff-nurse01',
    packages: ['basic', 'chronic'],
    residentSignedAs: 'guardian',
  },
  {
    agreementNo: 'QY-20261207-4A5B',
    staff: [
      { id: 'staff-doc01', name: '张建国' },
      { id: 'staff-nurse01', name: '李秀梅' },
    ],
    packageName: (code) => zh.packages[code],
  },
);

const render = (lng: string) =>
  renderToStaticMarkup(
    <ContractAgreement
      contract={contract}
      institution="某某街道社区卫生服务中心"
      resident={{
        name: '岳长青',
        idNumber: '110105********1214',
        address: '北京市东城区',
        phone: '138****0071',
      }}
      renewsAgreementNo="QY-20251207-0001"
      t={i18n.getFixedT(lng, 'contracts')}
      formatDate={(d) => d}
    />,
  );

describe('the printed agreement', () => {
  it('names both parties, the team, the packages with totals, the term and the signature lines', () => {
    const html = render('zh-CN');
    for (const text of [
      '家庭医生签约服务协议书',
      'QY-20261207-4A5B',
      '某某街道社区卫生服务中心',
      '张建国团队',
      '李秀梅',
      '岳长青',
      '110105********1214',
      '65 岁及以上老年人、高血压',
      '慢病管理包',
      '120.00',
      '40.00',
      '80.00',
      '2026-12-07 至 2027-12-06',
      '现场签约',
      '本协议续签原协议 QY-20251207-0001。',
      '甲方家庭医生（签字）',
      '乙方监护人（签字）',
    ])
      expect(html).toContain(text);
  });

  it('prints in English when asked', () => {
    const html = render('en');
    expect(html).toContain('Family Doctor Service Agreement');
    expect(html).toContain('Guardian of Party B (signature)');
    expect(html).toContain('2026-12-07 to 2027-12-06');
  });
});
