import { Modal, Typography } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { globalShortcuts, listKeys } from './shortcuts';
import './shortcuts.css';

/** A key cap: arrows, Enter and Escape by their translated label, F-keys and `/` `?` as they are. */
function Key({ name }: { name: string }) {
  const { t } = useTranslation('common');
  const label =
    name === 'ArrowUp' || name === 'ArrowDown' || name === 'Enter' || name === 'Escape'
      ? t(`shortcuts.keys.${name}`)
      : name;
  return <kbd className="shortcut-key">{label}</kbd>;
}

function Keys({ keys }: { keys: readonly string[] }) {
  const { t } = useTranslation('common');
  return (
    <span>
      {keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 && ` ${t('shortcuts.or')} `}
          <Key name={key} />
        </Fragment>
      ))}
    </span>
  );
}

/** The list itself, from the same table the key handler reads (`shortcuts.ts`). */
export function ShortcutsList() {
  const { t } = useTranslation('common');
  return (
    <div data-testid="shortcuts-list">
      <Typography.Title level={5}>{t('shortcuts.global')}</Typography.Title>
      <dl className="shortcut-table">
        {globalShortcuts.map((s) => (
          <Fragment key={s.id}>
            <dt>
              <Keys keys={s.keys} />
            </dt>
            <dd data-testid={`shortcut-${s.id}`}>{t(`shortcuts.actions.${s.id}`)}</dd>
          </Fragment>
        ))}
      </dl>
      <Typography.Title level={5}>{t('shortcuts.lists')}</Typography.Title>
      <dl className="shortcut-table">
        {listKeys.map((s) => (
          <Fragment key={s.id}>
            <dt>
              <Keys keys={s.keys} />
            </dt>
            <dd>{t(`shortcuts.listActions.${s.id}`)}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}

/**
 * The help overlay `?` opens. Escape closes it and focus returns to where it was (antd's dialog
 * remembers the element focused when it opened).
 */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('common');
  return (
    <Modal
      open={open}
      title={t('shortcuts.title')}
      footer={<Typography.Text type="secondary">{t('shortcuts.hint')}</Typography.Text>}
      onCancel={onClose}
      destroyOnHidden
    >
      <ShortcutsList />
    </Modal>
  );
}
