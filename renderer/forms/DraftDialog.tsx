import { Modal, Spin } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { DraftNotice } from './DraftNotice';
import type { DraftValues } from './draftStore';
import type { FormKeeper } from './useFormKeeper';

/** What the form in a {@link DraftDialog} is given. */
export interface DraftFormProps<V> {
  /** The values the form opens with: the restored draft, or the initial values. */
  start: V;
  /** What is typed changed: keeps it as the draft. */
  onChange(values: V): void;
  /** The form was saved: forgets the draft and closes the dialog. */
  onDone(): Promise<void>;
  onCancel(): void;
}

/**
 * A dialog around a form whose draft is kept (./useFormKeeper.ts): a spinner while the draft is
 * read, then the notice of a restored draft and the form, started again when the draft is thrown
 * away. Once saved, the draft is forgotten and the dialog closes.
 */
export function DraftDialog<V extends DraftValues>({
  title,
  keeper,
  onClose,
  children,
}: {
  title: ReactNode;
  keeper: FormKeeper<V>;
  onClose(): void;
  children(form: DraftFormProps<V>): ReactNode;
}) {
  const onDone = async () => {
    await keeper.saved();
    onClose();
  };
  return (
    <Modal open title={title} footer={null} onCancel={onClose} destroyOnHidden>
      {keeper.ready && keeper.start ? (
        <>
          <DraftNotice keeper={keeper} />
          <Fragment key={keeper.generation}>
            {children({ start: keeper.start, onChange: keeper.changed, onDone, onCancel: onClose })}
          </Fragment>
        </>
      ) : (
        <Spin />
      )}
    </Modal>
  );
}
