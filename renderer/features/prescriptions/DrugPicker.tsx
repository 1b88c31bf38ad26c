import { Button, Flex, Input, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormularyDrug } from '../../../shared/prescriptions/formulary';
import { formularyDrugs } from '../../clinical/formulary';
import { useListbox } from '../../ui/useListbox';
import { searchDrugs } from './builder';

/**
 * The builder's drug search: formulary matches as buttons under the box (the arrow keys move
 * through them, Enter takes the highlighted one and nothing else: `useListbox`), and a button to
 * add what was typed as a drug by name.
 */
export function DrugPicker({
  onPick,
  onAddTyped,
}: {
  onPick: (drug: FormularyDrug) => void;
  onAddTyped: (name: string) => void;
}) {
  const { t, i18n } = useTranslation('prescriptions');
  const en = i18n.language === 'en';
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchDrugs(formularyDrugs(), query), [query]);
  const take = (drug: FormularyDrug) => {
    onPick(drug);
    setQuery('');
  };
  const listbox = useListbox({
    options: results.map((drug) => ({ key: drug.code })),
    onTake: (code) => {
      const drug = results.find((d) => d.code === code);
      if (drug) take(drug);
    },
    label: t('builder.searchPlaceholder'),
  });
  return (
    <Flex vertical gap="small">
      <Input
        data-testid="rx-drug-search"
        allowClear
        aria-label={t('builder.searchPlaceholder')}
        placeholder={t('builder.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        {...listbox.inputProps}
      />
      {query.trim() && (
        <Flex wrap gap="small">
          {results.length > 0 && (
            <Flex wrap gap="small" {...listbox.listProps}>
              {results.map((drug) => (
                <Button
                  key={drug.code}
                  {...listbox.optionProps(drug.code)}
                  data-testid="rx-drug-option"
                  onClick={() => take(drug)}
                >
                  {en ? drug.generic.en : drug.generic['zh-CN']} · {t(`forms.${drug.form}`)} · {drug.strength}
                  {drug.control !== 'none' && (
                    <Tag color="red" style={{ marginInlineStart: 6 }}>
                      {t(`control.${drug.control}`)}
                    </Tag>
                  )}
                </Button>
              ))}
            </Flex>
          )}
          {results.length === 0 && (
            <Typography.Text type="secondary">{t('builder.noResults')}</Typography.Text>
          )}
          <Button
            type="dashed"
            data-testid="rx-add-off-formulary"
            onClick={() => {
              onAddTyped(query);
              setQuery('');
            }}
          >
            {t('builder.addOffFormulary')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
