/**
 * Clinical benchmark page, driven by bench/clinical.mjs, on real IndexedDB with the app's own
 * database, screens and print layout:
 * - `benchSeedChart(n)`: one resident with `n` signed past consultations and a prescription slip
 *   for every other one;
 * - `benchOpenChart()`: mounts the resident's page (the app's PatientProfilePage) and resolves,
 *   with the milliseconds taken, once the page shows the resident and every past consultation;
 * - `benchRenderSlip(i)`: mounts the print preview of one five-drug slip and resolves once its
 *   font is loaded; the runner then prints the page to PDF (Chromium's printToPDF).
 */
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { v7 as uuidv7 } from 'uuid';
import { signRecord } from '../../shared/clinical/signature';
import { newEncounterDraft } from '../../shared/encounters/draft';
import { encounterLockPolicy, type EncounterDoc } from '../../shared/encounters/schema';
import { samplePatient } from '../../shared/testing/patients';
import type { PatientDoc } from '../../shared/patients/schema';
import { openDatabase, type ClinicDatabase } from '../../renderer/db/database';
import { PatientSearchIndex } from '../../renderer/db/searchIndex';
import { initI18n } from '../../renderer/i18n';
import { OperatorContext, ServicesContext, type Services } from '../../renderer/app/services';
import { SyncProvider } from '../../renderer/sync/SyncContext';
import { PatientProfilePage } from '../../renderer/features/patients/PatientProfilePage';
import { PrintPreview } from '../../renderer/print/PrintPreview';
import type { SlipView } from '../../renderer/print/slipView';
import type { Operator } from '../../renderer/app/operator';

declare global {
  interface Window {
    benchSeedChart(n: number): Promise<void>;
    benchOpenChart(): Promise<number>;
    benchRenderSlip(i: number): Promise<void>;
  }
}

const operator: Operator = { id: 'staff-doc01', name: '张建国', role: 'doctor', orgId: 'org-chc-demo' };
const container = document.getElementById('root')!;
let root: Root | undefined;
let services: Services | undefined;
let patient: PatientDoc | undefined;
let seeded = 0;
const ready = initI18n();

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function unmount() {
  root?.unmount();
  root = undefined;
}

window.benchSeedChart = async (n) => {
  await ready;
  const db: ClinicDatabase = await openDatabase({ name: `benchclinical${Date.now()}` });
  services = { db, searchIndex: new PatientSearchIndex(db.patients) };
  const at = new Date('2026-01-05T09:00:00+08:00');
  patient = {
    ...samplePatient({ name: '赵慢病', allergies: ['青霉素'] }),
    orgId: operator.orgId,
  } as PatientDoc;
  await db.patients.insert(patient);
  const encounters: EncounterDoc[] = [];
  for (let i = 0; i < n; i++) {
    const when = new Date(at.getTime() + i * 86_400_000).toISOString();
    const draft = newEncounterDraft({
      id: uuidv7(),
      orgId: operator.orgId,
      patient,
      previous: encounters,
      appointmentId: null,
      doctor: { id: operator.id, name: operator.name },
      department: '全科',
      at: when,
    });
    const filled: EncounterDoc = {
      ...draft,
      chiefComplaint: `头晕复诊 ${i + 1}`,
      vitals: {
        ...draft.vitals,
        systolic: 130 + (i % 20),
        diastolic: 80 + (i % 10),
        weight: 70,
        height: 170,
      },
      diagnoses: [
        {
          code: 'I10',
          name: { zh: '原发性高血压', en: 'Essential (primary) hypertension' },
          freeText: false,
          primary: true,
        },
        {
          code: 'E11.9',
          name: { zh: '2型糖尿病', en: 'Type 2 diabetes mellitus' },
          freeText: false,
          primary: false,
        },
      ],
      plan: '继续当前降压降糖方案，监测血压血糖。',
    };
    encounters.push(
      signRecord(filled, { by: operator.id, byName: operator.name, at: when }, encounterLockPolicy),
    );
  }
  await db.encounters.bulkInsert(encounters);
  seeded = n;
};

window.benchOpenChart = async () => {
  unmount();
  await nextFrame();
  const start = performance.now();
  root = createRoot(container);
  root.render(
    <ServicesContext.Provider value={services}>
      <OperatorContext.Provider value={{ operator, signOut: () => {}, lock: () => {} }}>
        <SyncProvider transport={null} identifier="bench">
          <MemoryRouter initialEntries={[`/patients/${patient!.id}`]}>
            <Routes>
              <Route path="/patients/:id" element={<PatientProfilePage />} />
            </Routes>
          </MemoryRouter>
        </SyncProvider>
      </OperatorContext.Provider>
    </ServicesContext.Provider>,
  );
  for (;;) {
    const name = container.querySelector('[data-testid="patient-name"]');
    const history = container.querySelectorAll('[data-testid="clinical-encounter"]');
    // Every consultation listed: the resident's page as the doctor sees it.
    if (name && history.length >= seeded) break;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await nextFrame();
  return performance.now() - start;
};

const drugs = ['苯磺酸氨氯地平片', '盐酸二甲双胍片', '阿托伐他汀钙片', '阿司匹林肠溶片', '缬沙坦胶囊'];

function slip(i: number): SlipView {
  return {
    institutionName: '某某街道社区卫生服务中心',
    type: 'ordinary',
    number: `RX20261123-${String(i).padStart(6, '0')}`,
    feeCategory: '城镇职工医保',
    patient: { name: '赵慢病', sex: '男', ageText: '66岁', recordNumber: `MZ${1000 + i}` },
    department: '全科',
    diagnosis: '原发性高血压；2型糖尿病',
    issuedOn: '2026-11-23',
    items: drugs.map((name) => ({
      name,
      form: '片',
      strength: '5 mg',
      quantityText: '× 28 片',
      usageText: '每次 5 mg 口服 每日1次',
    })),
    doctorName: '张建国',
    copy: false,
    slipIndex: 1,
    slipCount: 1,
    validityDays: 1,
    voided: false,
  } as unknown as SlipView;
}

window.benchRenderSlip = async (i) => {
  await ready;
  unmount();
  root = createRoot(container);
  root.render(<PrintPreview slips={[slip(i)]} defaultLanguage="zh-CN" onPrint={() => {}} />);
  while (!container.querySelector('[data-testid="prescription-slip"]'))
    await new Promise((resolve) => setTimeout(resolve, 1));
  await document.fonts.ready;
  await nextFrame();
};

console.log('clinical benchmark page ready');
