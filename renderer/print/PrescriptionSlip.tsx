import type { ReactNode } from 'react';
import type { Locale } from '../../shared/ipc/contract';
import './print.css';
import { printT, type PrintT } from './printText';
import { QrCode } from './QrCode';
import { cornerLabelOf, paperColourOf, type SlipItem, type SlipView } from './slipView';

export interface PrescriptionSlipProps {
  slip: SlipView;
  /** Language of the slip's fixed words: the clinic's print language, not the interface's. */
  lng: Locale;
}

/** Printed side of the prescription-number QR code. */
const QR_SIZE_MM = 16;

/**
 * One prescription slip laid out like a handwritten one (DOMAIN.md §1.1–1.3): the header (前记)
 * with the type label in the top-right box, the body (正文) from "Rp", one drug per line, closed by
 * a "blank below" line, and the footer (后记) with the doctor's and the four pharmacists' signature
 * lines. Everything is text in the slip font, so a PDF carries selectable, searchable text. Its
 * size comes from the print area's CSS variables (see PrintPreview).
 */
export function PrescriptionSlip({ slip, lng }: PrescriptionSlipProps) {
  const t = printT(lng);
  const colon = t('colon');
  const label = cornerLabelOf(slip.type);
  const { patient } = slip;
  const field = (name: string, value: ReactNode, className?: string) => (
    <span className={className ? `rx-field ${className}` : 'rx-field'}>
      <span className="rx-label">
        {name}
        {colon}
      </span>
      <span className="rx-value">{value}</span>
    </span>
  );
  const signature = (name: string) => field(name, '', 'rx-sign');

  return (
    <article
      className={`rx-slip rx-paper-${paperColourOf(slip.type)}`}
      lang={lng}
      data-testid="prescription-slip"
    >
      {slip.voided && (
        <div className="rx-void" data-testid="slip-void">
          {t('void')}
        </div>
      )}
      <header className="rx-head">
        {slip.copy && (
          <div className="rx-copy" data-testid="slip-copy">
            {t('copy')}
          </div>
        )}
        {label && (
          <div className="rx-corner" data-testid="slip-label">
            {t(`typeLabel.${label}`)}
          </div>
        )}
        <div className="rx-institution">{slip.institutionName}</div>
        <h1 className="rx-title">{slip.title ?? t('title')}</h1>
        <div className="rx-meta">
          <div className="rx-meta-text">
            <div className="rx-row">{field(t('number'), slip.number, 'rx-number')}</div>
            <div className="rx-row">
              {field(t('feeCategory'), slip.feeCategory)}
              {field(t('issuedOn'), slip.issuedOn)}
            </div>
          </div>
          <QrCode value={slip.number} sizeMm={QR_SIZE_MM} label={t('numberQr', { number: slip.number })} />
        </div>
        <div className="rx-rule" />
        <div className="rx-row">
          {field(t('name'), patient.name, 'rx-grow')}
          {field(t('sex'), patient.sex)}
          {field(t('age'), patient.ageText)}
        </div>
        <div className="rx-row">
          {field(t('recordNumber'), patient.recordNumber, 'rx-grow')}
          {field(t('department'), slip.department, 'rx-grow')}
        </div>
        {patient.idNumber && <div className="rx-row">{field(t('idNumber'), patient.idNumber)}</div>}
        <div className="rx-row">{field(t('diagnosis'), slip.diagnosis, 'rx-grow')}</div>
        <div className="rx-rule" />
      </header>

      <section className="rx-body">
        <div className="rx-rp">{t('rp')}</div>
        <ol className="rx-items">
          {slip.items.map((item, index) => (
            <DrugLine key={index} item={item} index={index} t={t} />
          ))}
        </ol>
        {slip.reason && (
          <div className="rx-reason" data-testid="slip-reason">
            {t(`reason.${slip.reason.kind}`)}
            {colon}
            {slip.reason.text}
          </div>
        )}
        <div className="rx-blank" data-testid="slip-blank-below">
          <span>{t('blankBelow')}</span>
        </div>
      </section>

      <footer className="rx-foot">
        <div className="rx-rule" />
        <div className="rx-row">
          {field(t('doctor'), slip.doctorName, 'rx-sign rx-doctor')}
          {slip.signedAt && field(t('signedAt'), slip.signedAt)}
        </div>
        <div className="rx-row">{field(t('amount'), slip.amount ?? '', 'rx-sign')}</div>
        <div className="rx-row">
          {signature(t('pharmacist'))}
          {signature(t('dispense'))}
        </div>
        <div className="rx-row">
          {signature(t('check'))}
          {signature(t('handOut'))}
        </div>
        <div className="rx-row rx-small">
          <span>
            {slip.validityDays > 1 ? t('validity.days', { count: slip.validityDays }) : t('validity.sameDay')}
          </span>
          <span>{t('slipOf', { index: slip.slipIndex, total: slip.slipCount })}</span>
        </div>
      </footer>
    </article>
  );
}

interface DrugLineProps {
  item: SlipItem;
  index: number;
  t: PrintT;
}

/**
 * "1. name form strength × quantity", with the usage line below it, then what the pharmacist must
 * see about the line: an over-dose with its reason and second signature, an allergy override with
 * its reason, an off-formulary drug's classification.
 */
function DrugLine({ item, index, t }: DrugLineProps) {
  const colon = t('colon');
  return (
    <li className="rx-item">
      <div className="rx-drug">
        <span className="rx-index">{index + 1}.</span>{' '}
        <span className="rx-drug-name">
          {[item.name, item.form, item.strength].filter(Boolean).join(' ')}
        </span>{' '}
        <span className="rx-quantity">× {item.quantityText}</span>
      </div>
      <div className="rx-usage">
        {t('usage')}
        {colon}
        {item.usageText}
      </div>
      {item.overdoseReason && (
        <div className="rx-line-note" data-testid="slip-overdose">
          {t('overdoseSigned')}
          {t('reasonLabel')}
          {colon}
          {item.overdoseReason}
        </div>
      )}
      {item.allergyOverride && (
        <div className="rx-line-note" data-testid="slip-allergy">
          {t('allergyOverride', { allergies: item.allergyOverride.allergies })}
          {t('reasonLabel')}
          {colon}
          {item.allergyOverride.reason}
        </div>
      )}
      {item.classification && (
        <div className="rx-line-note" data-testid="slip-classification">
          {t('offFormulary')}
          {colon}
          {item.classification}
        </div>
      )}
    </li>
  );
}
