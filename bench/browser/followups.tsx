/**
 * Follow-up benchmark page, driven by bench/followups.mjs: a doctor's desk of a centre whose
 * platform holds the residents and years of follow-up records (bench/followups/centre.ts), with the
 * app's own client, database, SyncEngine, worklist rules and panorama screen, on real IndexedDB.
 * - `benchFirstSync(credentials)`: signs in and syncs a fresh desk with every collection, as the
 *   app does; resolves with the documents of each collection and the seconds it took;
 * - `benchWorklists({ today, runs })`: reads what the worklist screen reads from the desk (the
 *   centre's care plans, its signed follow-up visits, the residents they concern; as
 *   renderer/features/worklists/hooks.ts), once, then computes every worklist for the centre and
 *   for each family doctor `runs` times with the shared rules (shared/followups/worklist.ts);
 * - `benchPanorama({ opens })`: opens the app's panorama page (renderer/features/panorama) in a
 *   desk already on screen, for the residents with the most records, each resident once after a
 *   warm-up on another (the lazy chart chunk loaded), and resolves with the milliseconds from the
 *   navigation to every chart drawn (echarts' `finished`) and the whole timeline listed.
 */
import { App as AntApp } from 'antd';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes, useNavigate } from 'react-router';
import type { CarePlanDoc } from '../../shared/carePlans/schema';
import type { EncounterDoc } from '../../shared/encounters/schema';
import { computeWorklists } from '../../shared/followups/worklist';
import { projectFollowUpVisits } from '../../renderer/features/worklists/visitProjection';
import type { PatientDoc } from '../../shared/patients/schema';
import { openDatabase, type ClinicDatabase } from '../../renderer/db/database';
import { PatientSearchIndex } from '../../renderer/db/searchIndex';
import { PlatformClient } from '../../renderer/platform/client';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { initI18n } from '../../renderer/i18n';
import { OperatorContext, ServicesContext, type Services } from '../../renderer/app/services';
import { operatorOf, type Operator } from '../../renderer/app/operator';
import { PanoramaPage } from '../../renderer/features/panorama/PanoramaPage';

export interface FirstSyncResult {
  counts: Record<string, number>;
  total: number;
  syncSeconds: number;
  docsPerSecond: number;
}

export interface Timings {
  n: number;
  samples: number[];
}

export interface WorklistResult {
  /** Milliseconds to read what the screen reads, each read. */
  loads: number[];
  carePlans: number;
  visits: number;
  patients: number;
  /** Milliseconds per computation of every worklist of the centre. */
  centre: number[];
  /** Milliseconds per computation of one family doctor's worklists. */
  doctor: number[];
  counts: Record<string, number>;
}

export interface PanoramaResult {
  /** Milliseconds from navigation to every chart drawn and the timeline listed, per open. */
  opens: number[];
  /** Milliseconds from navigation to the view on screen (records read, timeline listed), per open. */
  listed: number[];
  charts: number;
  entries: number;
  records: number;
}

declare global {
  interface Window {
    benchFirstSync(params: { username: string; password: string }): Promise<FirstSyncResult>;
    benchWorklists(params: { today: string; runs: number; loads: number }): Promise<WorklistResult>;
    benchPanorama(params: { opens: number; patients: number }): Promise<PanoramaResult>;
    benchClose(): Promise<void>;
  }
}

const log = (line: string) => {
  const el = document.getElementById('log');
  if (el) el.textContent += `${line}\n`;
  console.log(line);
};
const ready = initI18n();
const container = document.getElementById('root')!;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

let db: ClinicDatabase | undefined;
let services: Services | undefined;
let operator: Operator | undefined;
let engine: SyncEngine | undefined;
let root: Root | undefined;

window.benchFirstSync = async ({ username, password }) => {
  await ready;
  const client = new PlatformClient({ baseUrl: location.origin, timeoutMs: 120_000 });
  const login = await client.login(username, password);
  const name = `benchfollowups${Date.now()}`;
  db = await openDatabase({ name });
  services = { db, searchIndex: new PatientSearchIndex(db.patients) };
  operator = operatorOf(login.staff, login.organisation);
  engine = new SyncEngine(
    { ...db.collections },
    {
      transport: client,
      outbox: new Outbox(name),
      identifier: `${location.origin}/${login.organisation.id}/${name}`,
      role: operator.role,
      staffId: operator.id,
    },
  );
  const release = services.searchIndex.holdWhile(engine.firstSyncOf('patients'));
  const start = performance.now();
  await engine.awaitInSync();
  const syncSeconds = (performance.now() - start) / 1000;
  // The benchmark then measures the desk on its own: no pushes or pulls in between.
  await engine.stop();
  release();
  engine = undefined;
  const counts: Record<string, number> = {};
  for (const [collection, c] of Object.entries(db.collections)) counts[collection] = await c.count().exec();
  const total = ['patients', 'carePlans', 'encounters', 'observations'].reduce(
    (sum, c) => sum + (counts[c] ?? 0),
    0,
  );
  return { counts, total, syncSeconds, docsPerSecond: total / syncSeconds };
};

/**
 * What renderer/features/worklists/hooks.ts reads, read the same way: the first read projects every
 * visit; a later read, as the screen's query emits again, projects only documents it has not seen.
 */
async function readWorklistData(desk: ClinicDatabase) {
  const [carePlanDocs, encounterDocs] = await Promise.all([
    desk.carePlans.find().exec(),
    desk.encounters.find({ selector: { kind: 'followUp' } }).exec(),
  ]);
  const carePlans = carePlanDocs.map((d) => d.toJSON() as CarePlanDoc);
  const visits = projectFollowUpVisits(encounterDocs, (d) => d.toJSON() as EncounterDoc);
  const ids = [...new Set(carePlans.map((c) => c.patientId))];
  const found = await desk.patients.findByIds(ids).exec();
  const patients = [...found.values()].map((d) => {
    const p = d.toJSON() as PatientDoc;
    return { id: p.id, birthDate: p.birthDate || null };
  });
  return { carePlans, visits, patients };
}

window.benchWorklists = async ({ today, runs, loads }) => {
  const desk = db!;
  const loadTimes: number[] = [];
  let data: Awaited<ReturnType<typeof readWorklistData>> | undefined;
  for (let i = 0; i < loads; i++) {
    const start = performance.now();
    data = await readWorklistData(desk);
    loadTimes.push(performance.now() - start);
  }
  const { carePlans } = data!;
  const doctors = [
    ...new Set(carePlans.flatMap((c) => (c.contract ? [c.contract.team.doctorId] : []))),
  ].sort();
  // Warm-up: the code compiled, as on a screen opened before.
  let counts = computeWorklists({ today, ...structuredClone(data!) }).counts;
  const centre: number[] = [];
  const doctor: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Fresh copies each time, as the screen gets them from a new query after any change: the
    // rules remember what they computed for the same arrays, and a repeat on the same arrays
    // would time that memory, not the computation. Copying is not timed.
    let input = structuredClone(data!);
    let start = performance.now();
    counts = computeWorklists({ today, ...input }).counts;
    centre.push(performance.now() - start);
    input = structuredClone(data!);
    start = performance.now();
    computeWorklists({ today, ...input, doctorId: doctors[i % doctors.length]! });
    doctor.push(performance.now() - start);
    // Let the page breathe between runs, as between two screens.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return {
    loads: loadTimes,
    carePlans: data!.carePlans.length,
    visits: data!.visits.length,
    patients: data!.patients.length,
    centre,
    doctor,
    counts,
  };
};

/** Moves the desk's router, set once the desk is on screen. */
let navigateTo: ((path: string) => void) | undefined;

function Navigator() {
  const navigate = useNavigate();
  navigateTo = (path) => void navigate(path);
  return null;
}

/**
 * The desk around the panorama, on screen before any panorama opens, as it is when a doctor opens
 * one: the app's providers and a router with an empty start screen and the panorama's route.
 */
function mountDesk() {
  root = createRoot(container);
  root.render(
    <AntApp>
      <ServicesContext.Provider value={services}>
        <OperatorContext.Provider value={{ operator: operator!, signOut: () => {}, lock: () => {} }}>
          <MemoryRouter initialEntries={['/']}>
            <Navigator />
            <Routes>
              <Route path="/" element={null} />
              <Route path="/patients/:id/panorama" element={<PanoramaPage />} />
            </Routes>
          </MemoryRouter>
        </OperatorContext.Provider>
      </ServicesContext.Provider>
    </AntApp>,
  );
}

/**
 * Until every chart is drawn and the timeline listed; the number of charts and entries, and when
 * the view was first on screen with its timeline (records read), from `start`. The page is watched
 * for changes rather than polled, so the watching takes no time from the page it times.
 */
function panoramaShown(
  start: number,
  expectedEntries: number,
): Promise<{ charts: number; entries: number; listed: number }> {
  return new Promise((resolve, reject) => {
    let listed: number | undefined;
    const finish = (error?: Error, result?: { charts: number; entries: number; listed: number }) => {
      observer.disconnect();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(result!);
    };
    const check = () => {
      const cards = container.querySelectorAll('[data-testid="panorama-chart-card"]').length;
      const drawn = container.querySelectorAll('[data-drawn="true"]').length;
      const entries = container.querySelectorAll('[data-testid="panorama-entry"]').length;
      if (listed === undefined && entries >= expectedEntries) listed = performance.now() - start;
      if (cards > 0 && drawn >= cards && entries >= expectedEntries)
        finish(undefined, { charts: cards, entries, listed: listed! });
      else if (container.querySelector('[data-testid="panorama-charts-empty"]'))
        finish(new Error('the panorama shows no charts'));
      return { cards, drawn, entries };
    };
    const observer = new MutationObserver(() => void check());
    const timer = setTimeout(() => {
      const { cards, drawn, entries } = check();
      finish(new Error(`panorama not drawn in 60 s (${drawn}/${cards} charts, ${entries} entries)`));
    }, 60_000);
    observer.observe(container, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-drawn'],
    });
    check();
  });
}

window.benchPanorama = async ({ opens, patients }) => {
  await ready;
  const desk = db!;
  // The enrolled residents with the most visits: five years of quarters and their revisits.
  const enrolments = await desk.carePlans.find({ selector: { kind: 'enrolment' } }).exec();
  const sizes: { id: string; records: number }[] = [];
  for (const e of enrolments.slice(0, 400)) {
    const [encounters, observations] = await Promise.all([
      desk.encounters.count({ selector: { patientId: e.patientId } }).exec(),
      desk.observations.count({ selector: { patientId: e.patientId } }).exec(),
    ]);
    sizes.push({ id: e.patientId, records: encounters + observations });
  }
  sizes.sort((a, b) => b.records - a.records);
  // One resident per open, each opened once: no open finds the records of an earlier one in the
  // database's query cache, as a doctor's first open of a resident would not.
  const chosen = sizes.slice(0, Math.max(patients, opens + 1));
  log(
    `panorama: ${chosen.length} residents with ${chosen.at(-1)?.records}–${chosen[0]?.records} records each`,
  );

  mountDesk();
  await nextFrame();
  const open = async (i: number) => {
    // Back to the empty screen, and on it, before the next panorama opens.
    navigateTo!('/');
    while (container.querySelector('[data-testid="panorama"]')) await nextFrame();
    await nextFrame();
    const { id, records } = chosen[i]!;
    const start = performance.now();
    navigateTo!(`/patients/${id}/panorama`);
    // Every follow-up visit and result is an entry (plus the enrolment; the contract is none).
    const shown = await panoramaShown(start, records);
    const ms = performance.now() - start;
    return { ms, ...shown, records };
  };
  // Warm-up on a resident not opened again: the lazy chart chunk loaded and the code compiled, as
  // on a desk where a panorama was opened before.
  await open(chosen.length - 1);
  const times: number[] = [];
  const listed: number[] = [];
  let last = { charts: 0, entries: 0, records: 0 };
  for (let i = 0; i < opens; i++) {
    const r = await open(i);
    times.push(r.ms);
    listed.push(r.listed);
    last = r;
  }
  root?.unmount();
  root = undefined;
  return { opens: times, listed, charts: last.charts, entries: last.entries, records: last.records };
};

window.benchClose = async () => {
  root?.unmount();
  await engine?.stop();
  services?.searchIndex.close();
  await db?.close();
};

log('follow-up benchmark page ready');
