import { Button, Input, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  codedDiagnosis,
  freeTextDiagnosis,
  localizedDiagnosisName,
  type DiagnosisEntry,
} from '../../../shared/diagnoses/codes';
import type { EncounterFieldError } from '../../../shared/encounters/rules';
import { encounterTextLimits, type EncounterDiagnosis } from '../../../shared/encounters/schema';
import { searchFavourites } from '../../clinical/diagnoses';
import { useDiagnosisUsage } from '../../clinical/diagnosisUsage';
import { useListbox } from '../../ui/useListbox';

interface Props {
  value: EncounterDiagnosis[];
  onChange(next: EncounterDiagnosis[]): void;
  /** Rule errors of the diagnoses, keyed by path (`diagnoses.1.code`). */
  errors: Map<string, EncounterFieldError>;
}

/** Keeps exactly one primary diagnosis when the list has any: the first, unless one is marked. */
function withPrimary(list: EncounterDiagnosis[]): EncounterDiagnosis[] {
  if (!list.length || list.some((d) => d.primary)) return list;
  return list.map((d, i) => ({ ...d, primary: i === 0 }));
}

/**
 * Diagnoses of the visit: a search over the GP favourites by code, pinyin initials or name, shown
 * as an inline list of buttons (the arrow keys move through them, Enter takes the highlighted one
 * and nothing else: `useListbox`); a free-text diagnosis from what was typed; the chosen list with
 * the primary diagnosis marked.
 */
export function DiagnosisPicker({ value, onChange, errors }: Props) {
  const { t, i18n } = useTranslation('encounters');
  const [query, setQuery] = useState('');
  const usage = useDiagnosisUsage();
  const matches = useMemo(() => searchFavourites(query, 8, usage), [query, usage]);
  const chosen = new Set(value.map((d) => d.code).filter(Boolean));

  const add = (d: EncounterDiagnosis) => {
    onChange(withPrimary([...value, d]));
    setQuery('');
  };
  const pick = (entry: DiagnosisEntry) => add(codedDiagnosis(entry, value.length === 0));
  const addFree = () => {
    const text = query.trim();
    if (!text) return;
    const name = i18n.language.startsWith('zh') ? { zh: text, en: '' } : { zh: '', en: text };
    add(freeTextDiagnosis(name, value.length === 0));
  };
  const listbox = useListbox({
    options: query.trim()
      ? matches.map(({ entry }) => ({ key: entry.code, disabled: chosen.has(entry.code) }))
      : [],
    onTake: (code) => {
      const match = matches.find((m) => m.entry.code === code);
      if (match) pick(match.entry);
    },
    label: t('diagnosis.search'),
  });
  const setPrimary = (index: number) => onChange(value.map((d, i) => ({ ...d, primary: i === index })));
  const remove = (index: number) => onChange(withPrimary(value.filter((_, i) => i !== index)));

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {value.map((d, i) => {
        const error = errors.get(`diagnoses.${i}.code`) ?? errors.get(`diagnoses.${i}.name`);
        return (
          <div key={`${d.code}-${i}`} data-testid="diagnosis-item" className="diagnosis-item">
            <Space wrap>
              {d.primary ? (
                <Tag color="blue" data-testid="diagnosis-primary-mark">
                  {t('diagnosis.primary')}
                </Tag>
              ) : (
                <Button size="small" data-testid="diagnosis-set-primary" onClick={() => setPrimary(i)}>
                  {t('diagnosis.setPrimary')}
                </Button>
              )}
              {d.code ? (
                <Typography.Text code>{d.code}</Typography.Text>
              ) : (
                <Tag>{t('diagnosis.freeText')}</Tag>
              )}
              <span>{localizedDiagnosisName(d.name, i18n.language)}</span>
              <Button
                size="small"
                type="link"
                danger
                data-testid="diagnosis-remove"
                onClick={() => remove(i)}
              >
                ×
              </Button>
              {error && <Typography.Text type="danger">{t(`errors.${error.code}`)}</Typography.Text>}
            </Space>
          </div>
        );
      })}
      <Space.Compact style={{ width: '100%' }}>
        <Input
          data-testid="diagnosis-search"
          aria-label={t('diagnosis.search')}
          placeholder={t('diagnosis.search')}
          value={query}
          maxLength={encounterTextLimits.diagnosisName}
          onChange={(e) => setQuery(e.target.value)}
          {...listbox.inputProps}
          allowClear
        />
        <Button data-testid="diagnosis-add-free" disabled={!query.trim()} onClick={addFree}>
          {t('diagnosis.addFreeText')}
        </Button>
      </Space.Compact>
      {query.trim() && (
        <div className="diagnosis-options" data-testid="diagnosis-options">
          {matches.length === 0 ? (
            <Typography.Text type="secondary">{t('diagnosis.noMatch')}</Typography.Text>
          ) : (
            <Space wrap size={[4, 4]} {...listbox.listProps}>
              {matches.map(({ entry }) => (
                <Button
                  key={entry.code}
                  size="small"
                  {...listbox.optionProps(entry.code)}
                  data-testid="diagnosis-option"
                  disabled={chosen.has(entry.code)}
                  onClick={() => pick(entry)}
                >
                  {entry.code} {i18n.language.startsWith('zh') ? entry['zh-CN'] : entry.en}
                </Button>
              ))}
            </Space>
          )}
        </div>
      )}
    </Space>
  );
}
