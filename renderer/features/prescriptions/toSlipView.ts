/**
 * From a stored slip to what the printed slip shows, in the print language (the clinic's setting,
 * not necessarily the interface language): drug names, forms, units, routes and frequencies come
 * from the record's codes through the `prescriptions` namespace fixed to that language.
 */
import i18next, { type Namespace, type TOptions } from 'i18next';
import { ageOn } from '../../../shared/identity/age';
import type { Locale } from '../../../shared/ipc/contract';
import { printedBefore } from '../../../shared/prescriptions/prints';
import type { PrescriptionDoc, PrescriptionItem } from '../../../shared/prescriptions/schema';
import type { SlipItem, SlipView } from '../../print/slipView';

type FixedT = (key: string, options?: TOptions) => string;

const fixedT = (lng: Locale, ns: string) => i18next.getFixedT(lng, ns as Namespace) as unknown as FixedT;

/**
 * The count a unit is named with on its own, as a choice in a list: the plural form ("tablets";
 * 片 in Chinese, which has one form). Anywhere else a unit word takes the count it goes with.
 */
export const choiceCount = 2;

const pad = (n: number) => String(n).padStart(2, '0');

/** A local calendar date (YYYY-MM-DD) of an ISO instant. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A local date and time (YYYY-MM-DD HH:mm) of an ISO instant. */
export function localDayTime(iso: string): string {
  const d = new Date(iso);
  return `${localDay(iso)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Exact age (实足年龄) on `on` as printed in `lng`: years from one, months under one, days under a month. */
export function ageText(birthDate: string, on: Date, lng: Locale): string {
  if (!birthDate) return '';
  const t = fixedT(lng, 'common');
  const { years, months, days } = ageOn(birthDate, on);
  if (years >= 1) return t('age.years', { count: years });
  if (months >= 1) return t('age.months', { count: months });
  return t('age.days', { count: days });
}

/** The usage line of an item, e.g. "每次 5 mg 口服 每日1次" / "5 mg oral once daily". */
export function usageText(item: PrescriptionItem, lng: Locale): string {
  const t = fixedT(lng, 'prescriptions');
  const usage = t('slip.usage', {
    dose: item.dose,
    unit: t(`doseUnits.${item.doseUnit}`, { count: item.dose }),
    route: t(`routes.${item.route}`),
    frequency: t(`frequencies.${item.frequency}`),
  });
  return item.note ? `${usage}${t('slip.noteSeparator')}${item.note}` : usage;
}

function slipItem(item: PrescriptionItem, lng: Locale): SlipItem {
  const t = fixedT(lng, 'prescriptions');
  const classified = item.offFormulary && item.control !== undefined && item.antimicrobial !== undefined;
  return {
    name: lng === 'en' ? item.generic.en || item.generic.zh : item.generic.zh,
    form: t(`forms.${item.form}`),
    strength: item.strength,
    quantityText: t('slip.quantity', {
      amount: item.quantity,
      unit: t(`units.${item.unit}`, { count: item.quantity }),
    }),
    usageText: usageText(item, lng),
    overdoseReason: item.overdose?.reason,
    allergyOverride: item.allergyOverride && {
      allergies: item.allergyOverride.allergies.join(lng === 'en' ? ', ' : '、'),
      reason: item.allergyOverride.reason,
    },
    classification: classified
      ? [
          t(`control.${item.control}`),
          t(item.antimicrobial ? 'builder.antimicrobialYes' : 'builder.antimicrobialNo'),
        ].join(lng === 'en' ? ', ' : '，')
      : undefined,
  };
}

/**
 * The printable view of a slip: a copy when it has been printed on paper before (a saved PDF is
 * an export and does not count), voided when a void is recorded. The outpatient number (门诊号)
 * is the resident's, as it was when the slip was written; blank when the resident had none yet.
 * A reason for a longer supply is printed with its kind.
 */
export function toSlipView(doc: PrescriptionDoc, institutionName: string, lng: Locale): SlipView {
  const t = fixedT(lng, 'prescriptions');
  const patients = fixedT(lng, 'patients');
  return {
    institutionName,
    type: doc.type,
    number: doc.number,
    feeCategory: t(`feeCategories.${doc.patient.feeCategory}`),
    patient: {
      name: doc.patient.name,
      sex: patients(`sex.${doc.patient.sex}`),
      ageText: doc.patient.ageText,
      recordNumber: doc.patient.outpatientNo ?? '',
      idNumber: doc.patient.idNumber,
    },
    department: doc.department,
    diagnosis: doc.diagnosis,
    issuedOn: localDay(doc.createdAt),
    items: doc.items.map((item) => slipItem(item, lng)),
    reason: doc.longReason.trim()
      ? { kind: doc.type === 'psychotropic2' ? 'psychotropic2' : 'long', text: doc.longReason.trim() }
      : undefined,
    doctorName: doc.doctorName,
    signedAt: doc.signature ? localDayTime(doc.signature.at) : undefined,
    copy: printedBefore(doc.prints),
    slipIndex: doc.slipIndex,
    slipCount: doc.slipCount,
    validityDays: 1,
    voided: doc.voided !== null,
  };
}
