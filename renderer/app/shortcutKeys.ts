import { createContext, useContext, useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutId } from './shortcuts';

type Action = () => void;

/**
 * What the current page does for a shortcut that only means something there (F8 on Today). The
 * Shell holds one; a page registers while it is shown.
 */
export class PageShortcuts {
  private readonly actions = new Map<ShortcutId, Action>();

  /** Registers `action` for `id`; the returned function removes it again. */
  set(id: ShortcutId, action: Action): () => void {
    this.actions.set(id, action);
    return () => {
      if (this.actions.get(id) === action) this.actions.delete(id);
    };
  }

  /** Runs the page's action for `id`; false when the page has none. */
  run(id: ShortcutId): boolean {
    const action = this.actions.get(id);
    action?.();
    return action !== undefined;
  }
}

export const PageShortcutsContext = createContext<PageShortcuts | undefined>(undefined);

/** Lets the shown page answer `id`; `action` undefined means not now (e.g. nobody to call). */
export function useShortcutAction(id: ShortcutId, action: Action | undefined) {
  const shortcuts = useContext(PageShortcutsContext);
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  const enabled = action !== undefined;
  useEffect(() => {
    if (!shortcuts || !enabled) return undefined;
    return shortcuts.set(id, () => latest.current?.());
  }, [shortcuts, id, enabled]);
}

/**
 * Listens for the global shortcuts on the window and hands each to `onShortcut`, which returns
 * whether it acted (only then is the key's default, e.g. typing `/`, prevented).
 */
export function useGlobalShortcuts(onShortcut: (id: ShortcutId) => boolean) {
  const latest = useRef(onShortcut);
  useEffect(() => {
    latest.current = onShortcut;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const id = shortcutFor(
        event,
        focused && {
          tagName: focused.tagName,
          type: focused instanceof HTMLInputElement ? focused.type : undefined,
          isContentEditable: focused.isContentEditable,
          // An open modal counts even when focus fell to the page behind it (a click on its mask).
          inDialog:
            focused.closest('[role="dialog"]') !== null ||
            document.querySelector('[role="dialog"][aria-modal="true"]') !== null,
        },
      );
      if (id && latest.current(id)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
