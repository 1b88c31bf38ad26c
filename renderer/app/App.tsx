import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { watchIdle } from '../auth/idle';
import { LockScreen } from '../auth/LockScreen';
import { ReauthProvider } from '../auth/reauth';
import type { Session } from '../auth/session';
import {
  DeskAuthContext,
  SessionContext,
  useDeskAuth,
  useIdleMinutes,
  useSessionState,
  type DeskAuth,
} from '../auth/SessionContext';
import { SignInPage } from '../auth/SignInPage';
import { EncounterPage } from '../features/encounters/EncounterPage';
import { NewEncounterPage } from '../features/encounters/NewEncounterPage';
import { ConflictsPage } from '../features/patients/ConflictsPage';
import { PrescribePage } from '../features/prescriptions/PrescribePage';
import { PrescriptionGroupPage } from '../features/prescriptions/PrescriptionGroupPage';
import { TodayPage } from '../features/today/TodayPage';
import { TriagePage } from '../features/triage/TriagePage';
import { PatientVitalsPage } from '../features/triage/PatientVitalsPage';
import { NewFollowUpPage } from '../features/followups/NewFollowUpPage';
import { EnrolPage } from '../features/carePlans/EnrolPage';
import { TransplantPlanPage } from '../features/carePlans/TransplantPlanPage';
import { LabResultPage } from '../features/results/LabResultPage';
import { PanoramaPage } from '../features/panorama/PanoramaPage';
import { ContractFormPage } from '../features/contracts/ContractFormPage';
import { ContractPrintPage } from '../features/contracts/ContractPrintPage';
import { PanelPage } from '../features/panel/PanelPage';
import { WorklistsPage } from '../features/worklists/WorklistsPage';
import { HomeVisitListPage } from '../features/worklists/HomeVisitListPage';
import { EditPatientPage } from '../features/patients/EditPatientPage';
import { PatientListPage } from '../features/patients/PatientListPage';
import { PatientProfilePage } from '../features/patients/PatientProfilePage';
import { RegisterPatientPage } from '../features/patients/RegisterPatientPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncProvider } from '../sync/SyncContext';
import { NumbersProvider } from '../numbers/NumbersProvider';
import { recordAuditEvent } from '../db/audit';
import { useDraftsClearedAtSignOut } from '../forms/clearDrafts';
import { NotFound } from './NotFound';
import { UnhandledFailureNotice } from './UnhandledFailureNotice';
import { OperatorContext, useServices, type OperatorState } from './services';
import { Shell } from './Shell';
import { Workspace } from './Workspace';

const router = createHashRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/patients" replace /> },
      { path: 'patients', element: <PatientListPage /> },
      { path: 'patients/new', element: <RegisterPatientPage /> },
      { path: 'patients/:id', element: <PatientProfilePage /> },
      { path: 'patients/:id/edit', element: <EditPatientPage /> },
      { path: 'patients/:id/panorama', element: <PanoramaPage /> },
      { path: 'today', element: <TodayPage /> },
      // The nurse's station: ?appointment=<id> opens that visit's triage.
      { path: 'triage', element: <TriagePage /> },
      { path: 'patients/:id/vitals/new', element: <PatientVitalsPage /> },
      // ?programme=<programme> preselects one.
      { path: 'patients/:id/enrol', element: <EnrolPage /> },
      // ?enrolment=<enrolment id>: the transplant centre's plan for that enrolment.
      { path: 'patients/:id/transplant-plan', element: <TransplantPlanPage /> },
      // ?enrolment=<enrolment id> links the result to a programme.
      { path: 'patients/:id/results/new', element: <LabResultPage /> },
      // ?renews=<contract id> for a renewal.
      { path: 'patients/:id/contracts/new', element: <ContractFormPage /> },
      { path: 'contracts/:id/print', element: <ContractPrintPage /> },
      { path: 'panel', element: <PanelPage /> },
      // ?doctor=<staff id> narrows to one family doctor's residents.
      { path: 'worklists', element: <WorklistsPage /> },
      { path: 'worklists/print', element: <HomeVisitListPage /> },
      // ?appointment=<id> when the consultation starts from the queue.
      { path: 'patients/:id/encounters/new', element: <NewEncounterPage /> },
      // ?enrolment=<enrolment id>&window=<window key>[&from=<consultation id>]: a follow-up visit.
      { path: 'patients/:id/followups/new', element: <NewFollowUpPage /> },
      { path: 'encounters/:id', element: <EncounterPage /> },
      { path: 'encounters/:id/prescribe', element: <PrescribePage /> },
      { path: 'prescriptions/:groupId', element: <PrescriptionGroupPage /> },
      { path: 'conflicts', element: <ConflictsPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/**
 * The workstation: sign-in first; once signed in, the organisation's database and the screens;
 * when locked, only the lock screen (the router stays where it was, so unlocking returns there).
 */
export function App({ auth }: { auth: DeskAuth }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      // Components take the desk's one font stack (renderer/ui/fonts.css), not Ant Design's own.
      // No motion: a dialog, menu or message appears and goes at once. Staff use the desk all
      // day, and a closing dialog still lying over the page for its animation swallows the next
      // click or key.
      theme={{
        token: {
          motion: false,
          colorPrimary: '#0e7c66',
          fontFamily: 'var(--cd-font-sans)',
          fontFamilyCode: 'var(--cd-font-mono)',
        },
      }}
    >
      <AntApp>
        <UnhandledFailureNotice />
        <DeskAuthContext.Provider value={auth}>
          <Desk />
        </DeskAuthContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}

function Desk() {
  const state = useSessionState();
  useDraftsClearedAtSignOut(state);
  useEffect(() => {
    // Whoever signs in next starts on the residents list, not on the last person's page.
    if (state.status === 'signedOut' && router.state.location.pathname !== '/') void router.navigate('/');
  }, [state.status]);
  if (state.status === 'signedOut') return <SignInPage />;
  const orgId = state.status === 'active' ? state.session.organisation.id : state.profile.organisation.id;
  return (
    <Workspace key={orgId} orgId={orgId}>
      {state.status === 'locked' ? (
        <LockScreen profile={state.profile} reason={state.reason} />
      ) : (
        <SignedIn session={state.session} />
      )}
    </Workspace>
  );
}

function SignedIn({ session }: { session: Session }) {
  const { controller } = useDeskAuth();
  const minutes = useIdleMinutes();
  const { db } = useServices();
  useEffect(() => watchIdle(minutes * 60_000, () => controller.lock('idle')), [controller, minutes]);
  // Every sign-in (and unlock, which signs in again) joins the audit trail, online or not.
  useEffect(() => {
    void recordAuditEvent(db, session.operator, session.client ? 'auth.signIn' : 'auth.signInOffline');
  }, [db, session]);
  const operatorState = useMemo<OperatorState>(
    () => ({
      operator: session.operator,
      signOut: () => void controller.signOut(),
      lock: () => controller.lock('manual'),
    }),
    [controller, session.operator],
  );
  return (
    <SessionContext.Provider value={session}>
      <OperatorContext.Provider value={operatorState}>
        <SyncProvider
          transport={session.client}
          identifier={`${session.platformUrl ?? 'none'}|${session.organisation.id}`}
        >
          <ReauthProvider>
            <NumbersProvider>
              <RouterProvider router={router} />
            </NumbersProvider>
          </ReauthProvider>
        </SyncProvider>
      </OperatorContext.Provider>
    </SessionContext.Provider>
  );
}
