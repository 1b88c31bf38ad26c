import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultNamespace, namespaces, resources } from '../../shared/i18n/resources';
import { signedSlipErrorCodes } from '../../shared/prescriptions/slipChecks';
import { rejectionReason, rejectionText, type RejectionT } from './rejectionText';

const translators: Record<'zh-CN' | 'en', RejectionT> = {} as never;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'zh-CN',
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    resources,
    interpolation: { escapeValue: false },
  });
  translators['zh-CN'] = i18n.getFixedT('zh-CN', ['sync', 'patients', 'encounters', 'prescriptions']);
  translators.en = i18n.getFixedT('en', ['sync', 'patients', 'encounters', 'prescriptions']);
});

/** What the platform refuses a clinical record with, by field (shared/sync/clinicalRecords.ts, lock.ts). */
const clinicalRefusals: [collection: string, field: string, code: string][] = [
  ['encounters', 'signature', 'notSigner'],
  ['encounters', 'signature', 'futureTime'],
  ['encounters', 'signature', 'staleTime'],
  ['encounters', 'signature', 'invalidTime'],
  ['encounters', 'signature', 'hashMismatch'],
  ['encounters', 'doctorId', 'notAuthor'],
  ['encounters', 'doctorId', 'authorChanged'],
  ['encounters', 'doctorId', 'notPrescriber'],
  ['encounters', 'physicalExam', 'required'],
  ['encounters', 'vitals', 'fieldChanged'],
  ['encounters', 'status', 'unsign'],
  ['prescriptions', 'voided', 'notPrescriber'],
  ['prescriptions', 'voided', 'notSignedInPerson'],
  ['prescriptions', 'voided', 'alreadySet'],
  ['prescriptions', 'prints', 'notSignedInPerson'],
  ['prescriptions', 'prints', 'notAppended'],
  ['prescriptions', 'prints', 'futureTime'],
  ...signedSlipErrorCodes.map((code): [string, string, string] => ['prescriptions', 'items.0.days', code]),
  ['patients', 'outpatientNo', 'outpatientNoTaken'],
  ['patients', 'outpatientNo', 'outpatientNoChanged'],
  ['appointments', 'ticket', 'ticketTaken'],
  ['patients', 'name', 'notNormalised'],
  // The shared text rule and the database's own refusal (shared/validation/text.ts, platform rowWrites).
  ['patients', 'address.detail', 'invalidCharacter'],
  ['encounters', 'plan', 'invalidCharacter'],
  ['encounters', 'diagnoses.0.name.zh', 'invalidCharacter'],
  ['auditEvents', 'at', 'dateOutOfRange'],
  ['patients', 'tags', 'tooDeep'],
  ['patients', '(document)', 'storageRefused'],
  // Observations (shared/observations/rules.ts), vitals codes included.
  ['observations', 'recordedBy', 'notRecorder'],
  ['observations', 'recordedBy', 'notObserver'],
  ['observations', '(document)', 'observationLocked'],
  ['observations', 'vitals', 'nothingRecorded'],
  ['observations', 'vitals.spo2', 'outOfRange'],
  ['observations', 'chiefComplaint', 'complaintOutsideVisit'],
];

describe('a refused record is worded in the user’s language', () => {
  it.each(clinicalRefusals)('%s %s %s has words in zh-CN and English', (collection, field, code) => {
    for (const lng of ['zh-CN', 'en'] as const) {
      const text = rejectionReason(translators[lng], collection, { field, code });
      expect(text, lng).not.toContain(code);
      expect(text.startsWith(field), lng).toBe(false);
    }
  });

  it('names the slip line and the field, and joins reasons as each language does', () => {
    const errors = [
      { field: 'items.1.days', code: 'longPrescriptionExcluded' },
      { field: 'signature', code: 'futureTime' },
    ];
    expect(rejectionText(translators['zh-CN'], 'prescriptions', errors)).toBe(
      '第 2 种药的天数：' +
        resources['zh-CN'].prescriptions.errors.longPrescriptionExcluded +
        '；签名：时间晚于平台时间，请核对本机时钟',
    );
    expect(rejectionText(translators.en, 'prescriptions', errors)).toMatch(
      /^Drug 2, .+: .+; Signature: the time is later than the platform's clock/,
    );
  });

  it('shows a code nobody words as it is, rather than hiding the refusal', () => {
    expect(rejectionReason(translators['zh-CN'], 'patients', { field: 'name', code: 'somethingNew' })).toBe(
      '姓名：somethingNew',
    );
  });
});
