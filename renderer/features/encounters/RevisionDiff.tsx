import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { diffRevisions } from '../../../shared/clinical/revisions';
import { writerNameOf } from '../../../shared/encounters/record';
import { encounterContentFields, type EncounterDoc } from '../../../shared/encounters/schema';
import { useFormatters } from '../../ui/format';
import { fieldLabel, valueText } from './display';

/**
 * A revision with the examination fields a record written before they existed lacks, as '' (what
 * the editor saves for them), so amending such a record does not list them as changed.
 */
const withExams = (doc: EncounterDoc): EncounterDoc => ({
  ...doc,
  physicalExam: doc.physicalExam ?? '',
  auxiliaryExams: doc.auxiliaryExams ?? '',
});

/**
 * What each amendment of a record changed: per revision after the first, who amended it, when and
 * why, and the fields that differ from the revision before (vitals per measurement). `chain` is
 * the record's revisions, oldest first.
 */
export function RevisionDiff({ chain }: { chain: readonly EncounterDoc[] }) {
  const { t, i18n } = useTranslation('encounters');
  const { dateTime } = useFormatters();
  return (
    <div className="revision-diff-body">
      {chain.slice(1).map((newer, i) => {
        const older = chain[i]!;
        const changes = diffRevisions(withExams(older), withExams(newer), encounterContentFields);
        return (
          <div key={newer.id} data-testid="revision-diff-entry" style={{ marginBlock: 8 }}>
            <Typography.Text strong>
              {t('history.amendedBy', {
                n: newer.revisionNo,
                name: writerNameOf(newer),
                time: dateTime(newer.signature?.at ?? newer.createdAt),
                reason: newer.amendReason,
              })}
              {newer.status === 'draft' && ` · ${t('statuses.draft')}`}
            </Typography.Text>
            {changes.length === 0 ? (
              <div>{t('revisions.noChanges')}</div>
            ) : (
              <table className="revision-diff-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
                <thead>
                  <tr>
                    <th style={{ textAlign: 'start' }}>{t('revisions.field')}</th>
                    <th style={{ textAlign: 'start' }}>{t('revisions.before')}</th>
                    <th style={{ textAlign: 'start' }}>{t('revisions.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.field} data-testid="revision-change">
                      <td>{fieldLabel(c.field, t)}</td>
                      <td style={{ whiteSpace: 'pre-wrap' }}>
                        <del>{valueText(c.field, c.before, i18n.language, t)}</del>
                      </td>
                      <td style={{ whiteSpace: 'pre-wrap' }}>
                        <ins>{valueText(c.field, c.after, i18n.language, t)}</ins>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        );
      })}
    </div>
  );
}
