/**
 * The workstation's keyboard shortcuts: one table that both the key handler (`shortcutFor`) and
 * the help overlay read, so what the overlay lists is what the keys do.
 *
 * Keys are chosen among those Chromium and Electron leave to the page: F1 (help), F3 (find), F5
 * (reload), F6 (address bar), F7 (caret browsing), F10, F11 (full screen) and F12 (developer
 * tools) are theirs; `/`, `?`, F2, F4 and F8 are not.
 */

/** What a shortcut does anywhere in the workstation. */
export type ShortcutId = 'search' | 'register' | 'callNext' | 'help';

/** Keys that act inside a search box with its results (resident search and every picker). */
export type ListKeyId = 'move' | 'take' | 'clear';

export interface GlobalShortcut {
  id: ShortcutId;
  /**
   * `KeyboardEvent.key` values that trigger it. A printable key (`/`, `?`) types a character in
   * a text field, so there it is left to the field; a function key works while typing too.
   */
  keys: readonly string[];
}

export const globalShortcuts: readonly GlobalShortcut[] = [
  { id: 'search', keys: ['/', 'F2'] },
  { id: 'register', keys: ['F4'] },
  { id: 'callNext', keys: ['F8'] },
  { id: 'help', keys: ['?'] },
];

/** Listed on the overlay; handled by each search box (`renderer/ui/listNavigation.ts`). */
export const listKeys: readonly { id: ListKeyId; keys: readonly string[] }[] = [
  { id: 'move', keys: ['ArrowUp', 'ArrowDown'] },
  { id: 'take', keys: ['Enter'] },
  { id: 'clear', keys: ['Escape'] },
];

/** The part of a keydown event the handler reads (a DOM `KeyboardEvent` has all of it). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  /** True while an input method (拼音) is composing: its keys belong to it. */
  isComposing: boolean;
  defaultPrevented: boolean;
}

/** The focused element, as far as the handler cares. */
export interface FocusTarget {
  tagName: string;
  /** The `type` attribute of an `<input>`. */
  type?: string;
  isContentEditable?: boolean;
  /** Inside an open dialog: its own keys apply, and leaving the page under it would lose it. */
  inDialog?: boolean;
}

/** Input types that take no typed text: a `/` pressed on them is a shortcut. */
const nonTextInputs = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Whether a printable key pressed on `target` would type into it. */
export function isTextEntry(target: FocusTarget | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA') return true;
  if (tag !== 'INPUT') return false;
  return !nonTextInputs.has((target.type ?? 'text').toLowerCase());
}

/**
 * The shortcut a key press stands for, or undefined when it is not one (or belongs to someone
 * else: an input method composing, a field the character types into, a modifier combination the
 * browser or the system owns, a key held down and repeating, an open dialog).
 */
export function shortcutFor(event: KeyPress, target: FocusTarget | null | undefined): ShortcutId | undefined {
  if (event.defaultPrevented || event.isComposing || event.key === 'Process') return undefined;
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return undefined;
  if (target?.inDialog) return undefined;
  const shortcut = globalShortcuts.find((s) => s.keys.includes(event.key));
  if (!shortcut) return undefined;
  const printable = event.key.length === 1;
  // Shift makes `?` on most layouts; on a function key it is another combination.
  if (event.shiftKey && !printable) return undefined;
  if (printable && isTextEntry(target)) return undefined;
  return shortcut.id;
}

/** The residents list's search box, which `/` and F2 focus. */
export const residentSearchId = 'resident-search';
