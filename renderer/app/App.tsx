import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import type { ClinicDatabase } from '../db/database';
import type { PatientSearchIndex } from '../db/searchIndex';
import { EditPatientPage } from '../features/patients/EditPatientPage';
import { PatientListPage } from '../features/patients/PatientListPage';
import { PatientProfilePage } from '../features/patients/PatientProfilePage';
import { RegisterPatientPage } from '../features/patients/RegisterPatientPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { loadOperator, saveOperator, type Operator } from './operator';
import { OperatorForm } from './OperatorForm';
import { OperatorContext, ServicesContext } from './services';
import { Shell } from './Shell';
import { NotFound } from './NotFound';

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
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App({ db, searchIndex }: { db: ClinicDatabase; searchIndex: PatientSearchIndex }) {
  const { i18n } = useTranslation();
  const [operator, setOperator] = useState<Operator | undefined>(loadOperator);
  const choose = (next: Operator | undefined) => {
    saveOperator(next);
    setOperator(next);
  };
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#0e7c66' } }}
    >
      <AntApp>
        <ServicesContext.Provider value={{ db, searchIndex }}>
          {operator ? (
            <OperatorContext.Provider value={{ operator, signOut: () => choose(undefined) }}>
              <RouterProvider router={router} />
            </OperatorContext.Provider>
          ) : (
            <OperatorForm onDone={choose} />
          )}
        </ServicesContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
