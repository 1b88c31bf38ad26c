/**
 * A synthetic community centre's follow-up records, generated deterministically (the same seed
 * gives the same records, the same residents the same ids): for `enrolled` residents aged 35 or
 * more, a family doctor contract and an enrolment in hypertension or type 2 diabetes care
 * (`carePlans`), and `years` of quarterly follow-up visits (signed `encounters` of kind
 * `followUp`) each with a lab result (`observations` of kind `lab`). Most residents keep their
 * quarters; some drift towards due, some miss a visit or two (overdue), some stopped coming
 * (lost), some saw a second visit within two weeks after an unsatisfactory one or a referral.
 * Contract terms start across the last year, so some end within 30 days of `today`.
 *
 * Used by the follow-up benchmark (bench/followups.mjs) to seed the platform before a desk's first
 * sync; pure, with no database or browser.
 */
import { mulberry32 } from '../../shared/demo/synthetic';
import { signRecord } from '../../shared/clinical/signature';
import type { CarePlanDoc } from '../../shared/carePlans/schema';
import type { FollowUpForm, NextStep } from '../../shared/encounters/followUp';
import { encounterLockPolicy, type EncounterDoc } from '../../shared/encounters/schema';
import { emptyVitals } from '../../shared/encounters/vitals';
import type { AnalyteCode } from '../../shared/observations/analytes';
import type { LabItem, ObservationDoc } from '../../shared/observations/schema';

/** The benchmark's "today": every due window and worklist is computed for this day. */
export const benchToday = '2026-12-01';

export interface CentreResident {
  id: string;
  birthDate: string;
  sex: string;
}

export interface CentreStaff {
  id: string;
  name: string;
}

export interface CentreOptions {
  orgId: string;
  /** The family doctors; each contract's team is one of them (round robin). */
  doctors: readonly CentreStaff[];
  nurse: CentreStaff;
  /** Residents enrolled in a programme (default 10,000). */
  enrolled?: number;
  /** Years of quarterly visits before {@link benchToday} (default 5). */
  years?: number;
  seed?: number;
  today?: string;
}

/** One batch of generated documents of one collection. */
export type CentreBatch =
  | { collection: 'carePlans'; docs: CarePlanDoc[] }
  | { collection: 'encounters'; docs: EncounterDoc[] }
  | { collection: 'observations'; docs: ObservationDoc[] };

const dayMs = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fromDay = (day: string) => Date.parse(`${day}T00:00:00Z`);
const addDays = (day: string, days: number) => toDay(fromDay(day) + days * dayMs);
const addYears = (day: string, years: number) =>
  `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
/** A visit at 09:00–16:59 China time on `day`, as ISO 8601. */
const visitTime = (day: string, minute: number) =>
  new Date(fromDay(day) + (60 + minute) * 60_000).toISOString();

/** A well-formed UUID made of a collection tag and a counter: the same counter, the same id. */
export function benchId(tag: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${tag.toString(16).padStart(8, '0')}-be0c-4000-8000-${hex}`;
}

const ageOn = (birthDate: string, day: string) => {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
};

type Programme = 'hypertension' | 'diabetes';
type Pattern = 'regular' | 'due' | 'overdue' | 'lost';

/** The follow-up form of one visit (shared/encounters/followUp.ts), filled as a doctor would. */
function followUpForm(input: {
  programme: Programme;
  enrolmentId: string;
  windowKey: string;
  satisfactory: boolean;
  fbg: number | null;
  hba1c: number | null;
  day: string;
  nextDate: string;
  nextStep: NextStep;
  weight: number;
  bmi: number;
  /** Whether the referral's outcome (到位) is known: referrals of the last two months are not. */
  referralSettled: boolean;
}): FollowUpForm {
  const classification = input.satisfactory ? 'satisfactory' : 'unsatisfactory';
  return {
    programme: input.programme,
    enrolmentId: input.enrolmentId,
    windowKey: input.windowKey,
    method: 'clinic',
    lostReason: '',
    symptoms: ['none'],
    symptomsOther: '',
    targets: { weight: input.weight, bmi: input.bmi },
    dorsalisPedis: input.programme === 'diabetes' ? 'normal' : null,
    dorsalisSide: input.programme === 'diabetes' ? 'both' : null,
    lifestyle: {
      smokingNow: 0,
      smokingTarget: 0,
      alcoholNow: 0,
      alcoholTarget: 0,
      exerciseTimesNow: 5,
      exerciseMinutesNow: 30,
      exerciseTimesTarget: 5,
      exerciseMinutesTarget: 30,
      saltNow: 'medium',
      saltTarget: 'light',
      stapleNow: input.programme === 'diabetes' ? 300 : null,
      stapleTarget: input.programme === 'diabetes' ? 250 : null,
      psychology: 'good',
      compliance: 'good',
    },
    tests: '',
    fbg: input.fbg,
    hba1c: input.hba1c,
    hba1cDate: input.hba1c === null ? null : input.day,
    adherence: 'regular',
    adverseReaction: '',
    reactionUncontrolled: false,
    newComplication: false,
    hypoglycaemia: input.programme === 'diabetes' ? 'none' : null,
    medications:
      input.programme === 'diabetes'
        ? [{ name: '盐酸二甲双胍片', timesPerDay: 2, dosePerTime: 500, unit: 'mg' }]
        : [{ name: '苯磺酸氨氯地平片', timesPerDay: 1, dosePerTime: 5, unit: 'mg' }],
    insulin: null,
    medicationAdvice: input.satisfactory ? '继续当前方案' : '调整用药，两周内复诊',
    classification,
    computedClassification: classification,
    classificationReason: '',
    nextStep: input.nextStep,
    computedNextStep: input.nextStep,
    nextDate: input.nextDate,
    computedNextDate: input.nextDate,
    nextReason: '',
    urgentTriggers: [],
    referral:
      input.nextStep === 'referral'
        ? {
            reason: '连续两次控制不满意',
            institution: '区第二人民医院',
            department: '心血管内科',
            contact: '',
            result: input.referralSettled ? 'arrived' : null,
          }
        : null,
    residentConfirmed: true,
    gvhd: [],
  };
}

/**
 * The centre's follow-up records for `residents`, in batches of about `batchSize` documents,
 * contracts and enrolments first.
 */
export function* centreRecords(
  residents: readonly CentreResident[],
  options: CentreOptions,
  batchSize = 2000,
): Generator<CentreBatch> {
  const today = options.today ?? benchToday;
  const years = options.years ?? 5;
  const random = mulberry32(options.seed ?? 12);
  const adults = residents.filter((r) => ageOn(r.birthDate, today) >= 35);
  const wanted = Math.min(options.enrolled ?? 10_000, adults.length);
  // Every k-th adult, so the enrolled spread over the whole registry as the seeded order has it.
  const step = adults.length / wanted;
  const chosen = Array.from({ length: wanted }, (_, i) => adults[Math.floor(i * step)]!);

  let carePlans: CarePlanDoc[] = [];
  let encounters: EncounterDoc[] = [];
  let observations: ObservationDoc[] = [];
  let counter = 0;
  const createdAt = visitTime(addYears(today, -years), 0);

  for (const [i, resident] of chosen.entries()) {
    const doctor = options.doctors[i % options.doctors.length]!;
    const programme: Programme = random() < 0.65 ? 'hypertension' : 'diabetes';
    const enrolledOn = addDays(addYears(today, -years), Math.floor(random() * 20));
    const contractStart = addDays(today, -Math.floor(random() * 365));
    const contractId = benchId(0xc0, i);
    const enrolmentId = benchId(0xe0, i);
    const team = {
      name: `${doctor.name}团队`,
      doctorId: doctor.id,
      doctorName: doctor.name,
      nurseId: options.nurse.id,
      nurseName: options.nurse.name,
      publicHealthId: null,
      publicHealthName: '',
    };
    const base = {
      orgId: options.orgId,
      sharedWith: [] as string[],
      patientId: resident.id,
      createdBy: doctor.id,
      createdByName: doctor.name,
    };
    carePlans.push({
      ...base,
      id: contractId,
      kind: 'contract',
      contract: {
        agreementNo: `QY-${contractStart.replaceAll('-', '')}-${String(i).padStart(5, '0')}`,
        team,
        householdNo: '',
        populationTypes: [programme],
        packages: [{ code: 'basic', name: '基础包', priceFen: 12000, selfPayFen: 0, insuranceFen: 12000 }],
        startDate: contractStart,
        endDate: addDays(addYears(contractStart, 1), -1),
        channel: 'onSite',
        status: 'active',
        renewsContractId: null,
        terminatedAt: null,
        terminationReason: '',
        residentSignedAs: 'self',
      },
      createdAt: visitTime(contractStart, 0),
      updatedAt: visitTime(contractStart, 0),
    });
    carePlans.push({
      ...base,
      id: enrolmentId,
      kind: 'enrolment',
      enrolment: {
        programme,
        enrolledOn,
        status: 'active',
        leftOn: null,
        leftReason: null,
        leftNote: '',
        lmp: null,
        dueDate: null,
        transplantOrgId: null,
        transplantDate: null,
        consent: null,
        scheduleEdits: [],
      },
      createdAt,
      updatedAt: createdAt,
    });

    // How this resident keeps their quarters: the last visit's distance from today.
    const roll = random();
    const pattern: Pattern = roll < 0.8 ? 'regular' : roll < 0.9 ? 'due' : roll < 0.96 ? 'overdue' : 'lost';
    const stopBefore =
      pattern === 'lost'
        ? addDays(today, -(300 + Math.floor(random() * 400)))
        : pattern === 'overdue'
          ? addDays(today, -(110 + Math.floor(random() * 60)))
          : pattern === 'due'
            ? addDays(today, -(80 + Math.floor(random() * 14)))
            : today;
    const height = 150 + Math.floor(random() * 30);
    const weight = Math.round((height - 105) * (0.9 + random() * 0.4) * 10) / 10;
    const bmiValue = Math.round((weight / (height / 100) ** 2) * 10) / 10;
    const adult = ageOn(resident.birthDate, today) >= 65;
    let unsatisfiedBefore = false;
    let day = enrolledOn;
    let quarter = 0;
    while (day < stopBefore) {
      const systolic = 115 + Math.floor(random() * 28) + (adult ? 6 : 0);
      const diastolic = 68 + Math.floor(random() * 23);
      const fbg = programme === 'diabetes' ? Math.round((5.0 + random() * 2.3) * 10) / 10 : null;
      const satisfactory = systolic < (adult ? 150 : 140) && diastolic < 90 && (fbg === null || fbg < 7.0);
      const nextStep: NextStep = satisfactory ? 'routine' : unsatisfiedBefore ? 'referral' : 'twoWeek';
      const nextDate = addDays(day, satisfactory ? 91 : 14);
      const hba1c =
        programme === 'diabetes' && quarter % 2 === 0 ? Math.round((6 + random() * 2.5) * 10) / 10 : null;
      const id = benchId(0xf0, counter);
      const at = visitTime(day, Math.floor(random() * 420));
      const content: EncounterDoc = {
        id,
        recordId: id,
        revisionNo: 1,
        supersedes: null,
        amendReason: '',
        orgId: options.orgId,
        sharedWith: [],
        patientId: resident.id,
        appointmentId: null,
        doctorId: doctor.id,
        doctorName: doctor.name,
        department: '全科诊室',
        visitType: 'followUp',
        kind: 'followUp',
        chiefComplaint: programme === 'diabetes' ? '糖尿病随访' : '高血压随访',
        presentHistory: '',
        pastHistory: '',
        allergies: [],
        vitals: {
          ...emptyVitals,
          systolic,
          diastolic,
          heartRate: 62 + Math.floor(random() * 30),
          weight,
          height,
          glucose: fbg,
          glucoseKind: 'fasting',
          spo2: null,
        },
        physicalExam: '',
        auxiliaryExams: '',
        diagnoses: [],
        plan: '',
        advice: '',
        followUp: followUpForm({
          programme,
          enrolmentId,
          windowKey: `v${quarter + 1}`,
          satisfactory,
          fbg,
          hba1c,
          day,
          nextDate,
          nextStep,
          weight,
          bmi: bmiValue,
          referralSettled: day < addDays(today, -60),
        }),
        status: 'draft',
        signature: null,
        createdBy: doctor.id,
        createdAt: at,
        updatedAt: at,
        visitAt: at,
      };
      encounters.push(signRecord(content, { by: doctor.id, byName: doctor.name, at }, encounterLockPolicy));

      const items =
        programme === 'diabetes'
          ? [
              labItem('fbg', fbg!, 'mmol/L', 3.9, 6.1),
              ...(hba1c === null ? [] : [labItem('hba1c', hba1c, '%', 4, 6)]),
            ]
          : [
              labItem('tc', round1(3.6 + random() * 3), 'mmol/L', null, 5.2),
              labItem('ldl', round1(1.8 + random() * 2.4), 'mmol/L', null, 3.4),
              labItem('creatinine', Math.round(55 + random() * 60), 'µmol/L', 44, 133),
            ];
      observations.push({
        id: benchId(0x0b, counter),
        orgId: options.orgId,
        sharedWith: [],
        patientId: resident.id,
        kind: 'lab',
        appointmentId: null,
        vitals: { ...emptyVitals, spo2: null },
        chiefComplaint: '',
        takenAt: at,
        recordedBy: options.nurse.id,
        recordedByName: options.nurse.name,
        supersedes: null,
        createdBy: options.nurse.id,
        createdAt: at,
        updatedAt: at,
        enrolmentId,
        lab: {
          panel: programme === 'diabetes' ? (hba1c === null ? 'glucose' : 'hba1c') : 'lipids',
          items,
          testedOn: day,
          source: 'here',
          sourceName: '',
        },
      });
      counter++;
      unsatisfiedBefore = !satisfactory;
      // The next visit: as planned, a few days either side.
      day = addDays(nextDate, Math.floor(random() * 15) - 7);
      quarter++;
      if (carePlans.length + encounters.length + observations.length >= batchSize) {
        yield* flush();
      }
    }
  }
  yield* flush();

  function* flush(): Generator<CentreBatch> {
    if (carePlans.length) yield { collection: 'carePlans', docs: carePlans };
    if (encounters.length) yield { collection: 'encounters', docs: encounters };
    if (observations.length) yield { collection: 'observations', docs: observations };
    carePlans = [];
    encounters = [];
    observations = [];
  }

  function round1(value: number) {
    return Math.round(value * 10) / 10;
  }

  function labItem(
    analyte: AnalyteCode,
    value: number,
    unit: string,
    refLow: number | null,
    refHigh: number | null,
  ): LabItem {
    const flag =
      refLow !== null && value < refLow ? 'low' : refHigh !== null && value > refHigh ? 'high' : null;
    return { analyte, value, unit, refLow, refHigh, flag };
  }
}
