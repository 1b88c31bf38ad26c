/**
 * Keyboard rules of a search box with a list of results under it (the ARIA combobox pattern):
 * focus stays in the box, the arrow keys move a highlight through the results, Enter takes the
 * highlighted one and only that one. Nothing is highlighted until an arrow key is pressed, so an
 * Enter typed out of habit, or a Tab away, never takes a result the person did not move to.
 */

export interface ListOption {
  /** Stable across renders (a resident's id, a diagnosis code). */
  key: string;
  /** Shown but not selectable (a diagnosis already on the record). */
  disabled?: boolean;
}

/** What a key press in the search box does to the list. */
export type ListKeyOutcome =
  { kind: 'move'; active: string } | { kind: 'take'; key: string } | { kind: 'clear' } | { kind: 'none' };

/**
 * The highlighted key after the results changed: kept when it is still there and selectable,
 * dropped otherwise (a new search starts with nothing highlighted).
 */
export function keepActive(options: readonly ListOption[], active: string | undefined): string | undefined {
  return options.some((o) => o.key === active && !o.disabled) ? active : undefined;
}

/**
 * The next selectable option below (`step` 1) or above (`step` -1) `active`. From no highlight,
 * down starts at the first and up at the last; at either end the highlight stays where it is.
 */
export function moveActive(
  options: readonly ListOption[],
  active: string | undefined,
  step: 1 | -1,
): string | undefined {
  const current = options.findIndex((o) => o.key === keepActive(options, active));
  let index = current === -1 ? (step === 1 ? -1 : options.length) : current;
  for (index += step; index >= 0 && index < options.length; index += step) {
    if (!options[index]!.disabled) return options[index]!.key;
  }
  return current === -1 ? undefined : options[current]!.key;
}

/**
 * What `key` (a `KeyboardEvent.key`) does in the search box. `none` means the box keeps its
 * ordinary behaviour: the caller must not prevent it (Tab moves focus on, Escape closes the
 * dialog when nothing is highlighted, Enter with nothing highlighted takes nothing).
 */
export function listKey(
  key: string,
  options: readonly ListOption[],
  active: string | undefined,
): ListKeyOutcome {
  const current = keepActive(options, active);
  switch (key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      const next = moveActive(options, current, key === 'ArrowDown' ? 1 : -1);
      return next === undefined ? { kind: 'none' } : { kind: 'move', active: next };
    }
    case 'Enter':
      return current === undefined ? { kind: 'none' } : { kind: 'take', key: current };
    case 'Escape':
      return current === undefined ? { kind: 'none' } : { kind: 'clear' };
    default:
      return { kind: 'none' };
  }
}
