import type { TFunction } from 'i18next';
import type { ContractFields } from '../../../shared/carePlans/schema';
import '../../print/print.css';
import './agreement.css';
import { packageTotals, yuan } from './contractForm';

/** Party B as the agreement prints it: already worded (masked identifiers where the role asks). */
export interface AgreementResident {
  name: string;
  idNumber: string;
  address: string;
  phone: string;
}

/**
 * The family doctor service agreement (DOMAIN.md §4, after the sample agreement): number, party
 * A (institution and team), party B (resident), population types, packages with price, self-pay
 * and insurance parts, term, duties, and the signature lines of doctor and resident or guardian.
 */
export function ContractAgreement({
  contract,
  institution,
  resident,
  renewsAgreementNo,
  t,
  formatDate,
}: {
  contract: ContractFields;
  institution: string;
  resident: AgreementResident;
  renewsAgreementNo: string | null;
  t: TFunction<'contracts'>;
  formatDate: (date: string) => string;
}) {
  const totals = packageTotals(contract.packages);
  const team = contract.team;
  return (
    <section className="agreement-sheet" data-testid="contract-agreement">
      <h1>{t('print.title')}</h1>
      <div className="agreement-no">
        {t('fields.agreementNo')}: <span data-testid="agreement-no">{contract.agreementNo}</span>
      </div>
      <h2>{t('print.partyA')}</h2>
      <table>
        <tbody>
          <tr>
            <th>{t('print.institution')}</th>
            <td colSpan={3}>{institution}</td>
          </tr>
          <tr>
            <th>{t('fields.teamName')}</th>
            <td>{team.name}</td>
            <th>{t('fields.doctor')}</th>
            <td data-testid="agreement-doctor">{team.doctorName}</td>
          </tr>
          <tr>
            <th>{t('fields.nurse')}</th>
            <td>{team.nurseName || t('form.none')}</td>
            <th>{t('fields.publicHealth')}</th>
            <td>{team.publicHealthName || t('form.none')}</td>
          </tr>
        </tbody>
      </table>
      <h2>{t('print.partyB')}</h2>
      <table>
        <tbody>
          <tr>
            <th>{t('print.name')}</th>
            <td data-testid="agreement-resident">{resident.name}</td>
            <th>{t('print.idNumber')}</th>
            <td>{resident.idNumber}</td>
          </tr>
          <tr>
            <th>{t('print.address')}</th>
            <td>{resident.address}</td>
            <th>{t('print.phone')}</th>
            <td>{resident.phone}</td>
          </tr>
          {contract.householdNo && (
            <tr>
              <th>{t('fields.householdNo')}</th>
              <td colSpan={3}>{contract.householdNo}</td>
            </tr>
          )}
          <tr>
            <th>{t('fields.populationTypes')}</th>
            <td colSpan={3}>
              {contract.populationTypes.map((p) => t(`populationTypes.${p}`)).join(t('separator'))}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>{t('fields.packages')}</h2>
      <table data-testid="agreement-packages">
        <thead>
          <tr>
            <th>{t('print.packageName')}</th>
            <th className="amount">{t('print.price')}</th>
            <th className="amount">{t('print.selfPay')}</th>
            <th className="amount">{t('print.insurance')}</th>
          </tr>
        </thead>
        <tbody>
          {contract.packages.map((p) => (
            <tr key={p.code}>
              <td>{p.name}</td>
              <td className="amount">{yuan(p.priceFen)}</td>
              <td className="amount">{yuan(p.selfPayFen)}</td>
              <td className="amount">{yuan(p.insuranceFen)}</td>
            </tr>
          ))}
          <tr>
            <td>{t('print.totals')}</td>
            <td className="amount" data-testid="agreement-total">
              {yuan(totals.priceFen)}
            </td>
            <td className="amount">{yuan(totals.selfPayFen)}</td>
            <td className="amount">{yuan(totals.insuranceFen)}</td>
          </tr>
        </tbody>
      </table>
      <h2>{t('fields.term')}</h2>
      <p data-testid="agreement-term">
        {t('card.term', { start: formatDate(contract.startDate), end: formatDate(contract.endDate) })}
        {' · '}
        {t('fields.channel')}: {t(`channel.${contract.channel}`)}
      </p>
      {renewsAgreementNo && <p>{t('print.renews', { agreementNo: renewsAgreementNo })}</p>}
      <h2>{t('print.duties')}</h2>
      <p>{t('print.dutyA')}</p>
      <p>{t('print.dutyB')}</p>
      <div className="agreement-signatures">
        <div>
          {t('print.signDoctor')}
          <br />
          {t('print.date')}:
        </div>
        <div>
          {t(contract.residentSignedAs === 'guardian' ? 'print.signGuardian' : 'print.signResident')}
          <br />
          {t('print.date')}:
        </div>
      </div>
    </section>
  );
}
