/**
 * What one printed prescription slip shows, as plain strings, independent of the database. The
 * caller formats names, dates, ages and money in the print language; the slip's fixed vocabulary
 * (处方笺, 姓名, 以下空白 …) comes from the `print` namespace (DOMAIN.md §1.1–1.3).
 */

/** Slip types the workstation prints. Narcotic and psychotropic class I slips are not issued here. */
export const slipTypes = ['ordinary', 'emergency', 'paediatric', 'psychotropic2'] as const;
export type SlipType = (typeof slipTypes)[number];

/** Paper each type is printed on (DOMAIN.md §1.3); the preview tells the user which tray to use. */
export type PaperColour = 'white' | 'lightYellow' | 'lightGreen';

/** Key under `print:typeLabel` of the type's top-right label; ordinary slips carry none. */
export type CornerLabel = Exclude<SlipType, 'ordinary'>;

const typeStyle: Record<SlipType, { label: CornerLabel | null; paper: PaperColour }> = {
  ordinary: { label: null, paper: 'white' },
  emergency: { label: 'emergency', paper: 'lightYellow' },
  paediatric: { label: 'paediatric', paper: 'lightGreen' },
  psychotropic2: { label: 'psychotropic2', paper: 'white' },
};

/** The top-right label of a slip type (急诊, 儿科, 精二), or null for an ordinary slip. */
export function cornerLabelOf(type: SlipType): CornerLabel | null {
  return typeStyle[type].label;
}

/** The paper colour a slip type is printed on. */
export function paperColourOf(type: SlipType): PaperColour {
  return typeStyle[type].paper;
}

/** Header facts about the patient, already formatted. */
export interface SlipPatient {
  readonly name: string;
  /** Localised sex, e.g. 男. */
  readonly sex: string;
  /** Exact age (实足年龄), e.g. 45岁, 8个月, 12天. */
  readonly ageText: string;
  /** Outpatient number (门诊号); blank when the resident has none yet. */
  readonly recordNumber: string;
  /** ID number, printed when present (required on controlled-drug slips). */
  readonly idNumber?: string | undefined;
}

/** One drug line: "name form strength × quantity", with its usage on the line below. */
export interface SlipItem {
  /** Generic name (药品通用名称). */
  readonly name: string;
  /** Dosage form, e.g. 片剂. */
  readonly form: string;
  /** Strength, e.g. 5 mg. */
  readonly strength: string;
  /** Quantity with its count unit, e.g. 28片. */
  readonly quantityText: string;
  /** Usage and dose, e.g. 每次 5 mg 口服 每日1次. */
  readonly usageText: string;
  /** A dose above the maximum: the doctor's reason (printed with 超剂量，已再次签名). */
  readonly overdoseReason?: string | undefined;
  /** Prescribed despite a recorded allergy: the allergies and the doctor's reason. */
  readonly allergyOverride?: { readonly allergies: string; readonly reason: string } | undefined;
  /** An off-formulary drug: the prescriber's classification, formatted (普通药品，非抗菌药物). */
  readonly classification?: string | undefined;
}

/** Why the slip supplies more than usual: a long or chronic supply, or a 精二 extension. */
export interface SlipReason {
  readonly kind: 'long' | 'psychotropic2';
  readonly text: string;
}

/** One printed slip. */
export interface SlipView {
  readonly institutionName: string;
  /** Overrides the printed title; the default is the `print:title` word (处方笺). */
  readonly title?: string | undefined;
  readonly type: SlipType;
  /** Prescription number (处方编号), also printed as a QR code. */
  readonly number: string;
  /** Fee category (费别), e.g. 自费, 城镇职工医保. */
  readonly feeCategory: string;
  readonly patient: SlipPatient;
  /** Department (科别). */
  readonly department: string;
  /** Clinical diagnosis (临床诊断). */
  readonly diagnosis: string;
  /** Date issued (开具日期), formatted. */
  readonly issuedOn: string;
  /** At most five drugs per slip (DOMAIN.md §1.2); the caller splits longer prescriptions. */
  readonly items: readonly SlipItem[];
  /** The written reason for a supply beyond the usual 7 days, printed above 以下空白. */
  readonly reason?: SlipReason | undefined;
  readonly doctorName: string;
  /** When the doctor signed the record electronically, formatted; omitted before signing. */
  readonly signedAt?: string | undefined;
  /** Drug amount (药品金额), formatted with its currency; a blank line when omitted. */
  readonly amount?: string | undefined;
  /** A reprint: the slip carries a prominent 副本 (COPY) mark. */
  readonly copy: boolean;
  /** 1-based position of this slip among the prescription's slips. */
  readonly slipIndex: number;
  readonly slipCount: number;
  /** Days the slip is valid: 1 is "valid on the day issued" (the rule), at most 3 when extended. */
  readonly validityDays: number;
  /** The prescription was voided: the slip carries a 作废 (VOID) watermark. */
  readonly voided: boolean;
}
