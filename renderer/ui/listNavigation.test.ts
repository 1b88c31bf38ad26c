import { describe, expect, it } from 'vitest';
import { keepActive, listKey, moveActive, type ListOption } from './listNavigation';

const options: ListOption[] = [{ key: 'a' }, { key: 'b', disabled: true }, { key: 'c' }, { key: 'd' }];

describe('moving through results with the arrow keys', () => {
  it('starts at the first (down) or the last (up), skips what cannot be taken, stops at the ends', () => {
    expect(moveActive(options, undefined, 1)).toBe('a');
    expect(moveActive(options, undefined, -1)).toBe('d');
    expect(moveActive(options, 'a', 1)).toBe('c');
    expect(moveActive(options, 'c', -1)).toBe('a');
    expect(moveActive(options, 'd', 1)).toBe('d');
    expect(moveActive(options, 'a', -1)).toBe('a');
    expect(moveActive([], undefined, 1)).toBeUndefined();
    expect(moveActive([{ key: 'x', disabled: true }], undefined, 1)).toBeUndefined();
  });

  it('keeps the highlight while its result is still shown, and drops it otherwise', () => {
    expect(keepActive(options, 'c')).toBe('c');
    expect(keepActive(options, 'b')).toBeUndefined();
    expect(keepActive([{ key: 'z' }], 'c')).toBeUndefined();
    // From a highlight that disappeared, down starts again at the top.
    expect(moveActive([{ key: 'x' }, { key: 'y' }], 'c', 1)).toBe('x');
  });
});

describe('what a key does in the search box', () => {
  it('takes only the highlighted result on Enter', () => {
    expect(listKey('Enter', options, 'c')).toEqual({ kind: 'take', key: 'c' });
    // Nothing highlighted: Enter takes nothing, not the first result.
    expect(listKey('Enter', options, undefined)).toEqual({ kind: 'none' });
    // A highlight whose result went away (the search changed) is not taken either.
    expect(listKey('Enter', [{ key: 'x' }], 'c')).toEqual({ kind: 'none' });
    expect(listKey('Enter', options, 'b')).toEqual({ kind: 'none' });
  });

  it('takes nothing on Tab or on any other key', () => {
    for (const key of ['Tab', ' ', 'a', 'Home', 'ArrowLeft'])
      expect(listKey(key, options, 'c')).toEqual({ kind: 'none' });
  });

  it('moves with the arrows and clears the highlight on Escape, leaving Escape to the dialog when none', () => {
    expect(listKey('ArrowDown', options, undefined)).toEqual({ kind: 'move', active: 'a' });
    expect(listKey('ArrowDown', options, 'a')).toEqual({ kind: 'move', active: 'c' });
    expect(listKey('ArrowUp', options, 'c')).toEqual({ kind: 'move', active: 'a' });
    expect(listKey('ArrowDown', [], undefined)).toEqual({ kind: 'none' });
    expect(listKey('Escape', options, 'c')).toEqual({ kind: 'clear' });
    expect(listKey('Escape', options, undefined)).toEqual({ kind: 'none' });
  });
});
