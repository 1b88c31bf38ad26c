/**
 * Clinical benchmark page, driven by bench/clinical.mjs, on real IndexedDB with the app's own
 * database, screens and print layout:
 * - `benchSeedChart(n)`: one resident with `n` past consultations (the first a first visit, the
 *   rest follow-ups), each complete under today's signing rules, signed as the desk signs and
 *   sealed as the platform seals (Ed25519, with a key made here whose public half the session
 *   holds, as a desk holds the platform's after sign-in);
 * - `benchOpenChart()`: mounts the resident's page (the app's PatientProfilePage) and resolves
 *   with the milliseconds until the page showed the resident and every past consultation
 *   (`listed`), and until every one of them showed its seal verified, 已签名，平台已确认 (`verified`);
 * - `benchRenderSlip(i)`: mounts the print preview of one five-drug slip and resolves once its
 *   font is loaded; the runner then prints the page to PDF (Chromium's printToPDF).
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { v7 as uuidv7 } from 'uuid';
import { sealMessage, type PlatformKey, type SealFacts } from '../../shared/clinical/seal';
import { clinicalRulesVersion, signRecord } from '../../shared/clinical/signature';
import { newEncounterDraft } from '../../shared/encounters/draft';
import { validateForSigning } from '../../shared/encounters/rules';
import { encounterLockPolicy, type EncounterDoc } from '../../shared/encounters/schema';
import { samplePatient } from '../../shared/testing/patients';
import type { PatientDoc } from '../../shared/patients/schema';
import { openDatabase, type ClinicDatabase } from '../../renderer/db/database';
import { PatientSearchIndex } from '../../renderer/db/searchIndex';
import { initI18n } from '../../renderer/i18n';
import { OperatorContext, ServicesContext, type Services } from '../../renderer/app/services';
import type { Session } from '../../renderer/auth/session';
import { SessionContext } from '../../renderer/auth/SessionContext';
import { SyncProvider } from '../../renderer/sync/SyncContext';
import { PatientProfilePage } from '../../renderer/features/patients/PatientProfilePage';
import { PrintPreview } from '../../renderer/print/PrintPreview';
import type { SlipView } from '../../renderer/print/slipView';
import type { Operator } from '../../renderer/app/operator';

declare global {
  interface Window {
    benchSeedChart(n: number): Promise<void>;
    benchOpenChart(): Promise<{ listed: number; verified: number }>;
    benchRenderSlip(i: number): Promise<void>;
  }
}

const operator: Operator = { id: 'staff-doc01', name: '张建国', role: 'doctor', orgId: 'org-chc-demo' };
const container = document.getElementById('root')!;
let root: Root | undefined;
let services: Services | undefined;
let session: Session | undefined;
let patient: PatientDoc | undefined;
let seeded = 0;
const ready = initI18n();

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The platform's part (platform/sync/platformKeys.ts), played with WebCrypto: an Ed25519 key pair,
 * its public half as a desk receives it, and a sealer for signed records.
 */
async function platformSealer() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const id = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', raw))).slice(0, 16);
  const key: PlatformKey = { id, publicKey: hex(raw) };
  async function seal(doc: EncounterDoc, receivedAt: string): Promise<EncounterDoc> {
    const { by, at, hash } = doc.signature!;
    const facts: SealFacts = { signer: by, signedAt: at, receivedAt, offline: false, hash, keyId: id };
    const message = utf8ToBytes(sealMessage(facts)) as BufferSource;
    const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, message));
    return { ...doc, seal: { ...facts, sig: hex(sig) } };
  }
  return { key, seal };
}

function unmount() {
  root?.unmount();
  root = undefined;
}

window.benchSeedChart = async (n) => {
  await ready;
  const db: ClinicDatabase = await openDatabase({ name: `benchclinical${Date.now()}` });
  services = { db, searchIndex: new PatientSearchIndex(db.patients) };
  const at = new Date('2026-01-05T09:00:00+08:00');
  const platform = await platformSealer();
  session = {
    username: 'doc01',
    staff: { id: operator.id, displayName: operator.name, role: operator.role },
    organisation: { id: operator.orgId, name: '某某街道社区卫生服务中心', kind: 'chc' },
    operator,
    online: false,
    client: null,
    platformUrl: null,
    platformKeys: [platform.key],
  };
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
      presentHistory: '规律服用降压、降糖药，近期偶有晨起头晕，无胸痛、无肢体麻木。',
      physicalExam: '神清，心肺听诊无异常，双下肢无水肿。',
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
    // Signed as signEncounter signs: complete under today's rules, which the record then carries.
    const missing = validateForSigning(filled, clinicalRulesVersion);
    if (missing.length) throw new Error(`consultation ${i + 1} cannot be signed: ${JSON.stringify(missing)}`);
    const signed = signRecord(
      { ...filled, rulesVersion: clinicalRulesVersion },
      { by: operator.id, byName: operator.name, at: when },
      encounterLockPolicy,
    );
    // The platform received it five minutes later, while the desk was online.
    encounters.push(await platform.seal(signed, new Date(Date.parse(when) + 300_000).toISOString()));
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
      <SessionContext.Provider value={session}>
        <OperatorContext.Provider value={{ operator, signOut: () => {}, lock: () => {} }}>
          <SyncProvider transport={null} identifier="bench">
            <MemoryRouter initialEntries={[`/patients/${patient!.id}`]}>
              <Routes>
                <Route path="/patients/:id" element={<PatientProfilePage />} />
              </Routes>
            </MemoryRouter>
          </SyncProvider>
        </OperatorContext.Provider>
      </SessionContext.Provider>
    </ServicesContext.Provider>,
  );
  let listed: number | undefined;
  for (;;) {
    const name = container.querySelector('[data-testid="patient-name"]');
    const history = container.querySelectorAll('[data-testid="clinical-encounter"]');
    const states = [
      ...container.querySelectorAll('[data-testid="clinical-encounter"] [data-testid="signature-status"]'),
    ].map((tag) => tag.getAttribute('data-state'));
    // A record that fails its check would never turn sealed: say so rather than wait forever.
    const failed = states.find((state) => state !== 'sealed');
    if (failed) throw new Error(`a consultation shows as ${failed}, not sealed`);
    // Every consultation listed: the resident's page as the doctor sees it ...
    if (listed === undefined && name && history.length >= seeded) listed = performance.now() - start;
    // ... and, a moment later, each with the platform's seal checked.
    if (listed !== undefined && states.length >= seeded) break;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await nextFrame();
  return { listed: listed!, verified: performance.now() - start };
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
  };
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
