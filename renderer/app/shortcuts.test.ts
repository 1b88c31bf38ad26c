import { describe, expect, it } from 'vitest';
import { globalShortcuts, isTextEntry, shortcutFor, type FocusTarget, type KeyPress } from './shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: false,
  repeat: false,
  isComposing: false,
  defaultPrevented: false,
  ...extra,
});

const body: FocusTarget = { tagName: 'BODY' };
const textBox: FocusTarget = { tagName: 'INPUT', type: 'text' };
const button: FocusTarget = { tagName: 'BUTTON' };

describe('the global shortcuts', () => {
  it('maps / and F2 to search, F4 to register, F8 to the next patient and ? to help', () => {
    expect(shortcutFor(press('/'), body)).toBe('search');
    expect(shortcutFor(press('F2'), body)).toBe('search');
    expect(shortcutFor(press('F4'), body)).toBe('register');
    expect(shortcutFor(press('F8'), body)).toBe('callNext');
    expect(shortcutFor(press('?', { shiftKey: true }), body)).toBe('help');
    expect(shortcutFor(press('a'), body)).toBeUndefined();
    expect(shortcutFor(press('F5'), body)).toBeUndefined();
  });

  it('leaves / and ? to a text field, where they type, but F2 and F4 work while typing', () => {
    expect(shortcutFor(press('/'), textBox)).toBeUndefined();
    expect(shortcutFor(press('?', { shiftKey: true }), { tagName: 'TEXTAREA' })).toBeUndefined();
    expect(shortcutFor(press('/'), { tagName: 'DIV', isContentEditable: true })).toBeUndefined();
    expect(shortcutFor(press('F2'), textBox)).toBe('search');
    expect(shortcutFor(press('F4'), { tagName: 'TEXTAREA' })).toBe('register');
    // A button, a checkbox or a table row takes no text: / is the shortcut there.
    expect(shortcutFor(press('/'), button)).toBe('search');
    expect(shortcutFor(press('/'), { tagName: 'INPUT', type: 'checkbox' })).toBe('search');
    expect(shortcutFor(press('/'), null)).toBe('search');
  });

  it('ignores keys of an input method, combinations the browser owns, repeats and open dialogs', () => {
    expect(shortcutFor(press('/', { isComposing: true }), body)).toBeUndefined();
    expect(shortcutFor(press('Process'), body)).toBeUndefined();
    expect(shortcutFor(press('F4', { altKey: true }), body)).toBeUndefined();
    expect(shortcutFor(press('F2', { ctrlKey: true }), body)).toBeUndefined();
    expect(shortcutFor(press('/', { metaKey: true }), body)).toBeUndefined();
    expect(shortcutFor(press('F8', { shiftKey: true }), body)).toBeUndefined();
    // Holding F8 down calls one patient, not one per repeat.
    expect(shortcutFor(press('F8', { repeat: true }), body)).toBeUndefined();
    expect(shortcutFor(press('F2', { defaultPrevented: true }), body)).toBeUndefined();
    expect(shortcutFor(press('F4'), { tagName: 'INPUT', type: 'text', inDialog: true })).toBeUndefined();
    expect(shortcutFor(press('/'), { tagName: 'BUTTON', inDialog: true })).toBeUndefined();
  });

  it('uses no key that Chromium or Electron keep for themselves', () => {
    const reserved = ['F1', 'F3', 'F5', 'F6', 'F7', 'F10', 'F11', 'F12', 'Tab', 'Escape', 'Enter'];
    const keys = globalShortcuts.flatMap((s) => s.keys);
    expect(keys.filter((k) => reserved.includes(k))).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('tells text fields from other inputs', () => {
    expect(isTextEntry({ tagName: 'input' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTextEntry({ tagName: 'SELECT' })).toBe(false);
    expect(isTextEntry(undefined)).toBe(false);
  });
});
