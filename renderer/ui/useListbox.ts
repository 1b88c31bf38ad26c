import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { keepActive, listKey, type ListOption } from './listNavigation';
import './listbox.css';

/**
 * A search box and its results as an ARIA combobox with a listbox: the box keeps focus and names
 * the highlighted result with `aria-activedescendant`; the rules are `listNavigation.ts`.
 * Spread `inputProps` on the box, `listProps` on the results' container and `optionProps(key)`
 * on each result (which must also call the same take on click).
 */
export function useListbox({
  options,
  onTake,
  label,
  popup = 'listbox',
}: {
  /** The results in the order shown. */
  options: readonly ListOption[];
  /** Called with the key of the result taken by Enter. */
  onTake: (key: string) => void;
  /** The results' accessible name. */
  label: string;
  /**
   * `table` when the results are the rows of a table: the table keeps its own semantics (rows
   * and cells, which readers and tests rely on) and its rows are named as the active descendant.
   */
  popup?: 'listbox' | 'table';
}) {
  const listId = useId();
  const [chosen, setActive] = useState<string>();
  // Results change under the highlight as the search runs: keep it only while it is still there.
  const active = keepActive(options, chosen);
  const optionId = (key: string) => `${listId}-${options.findIndex((o) => o.key === key)}`;
  const activeId = active === undefined ? undefined : optionId(active);
  const open = options.length > 0;
  // Stable, so a table can build its element around it once.
  const listProps = useMemo(
    () => ({ id: listId, role: popup === 'listbox' ? 'listbox' : undefined, 'aria-label': label }),
    [listId, popup, label],
  );

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.nativeEvent.isComposing) return;
    const outcome = listKey(event.key, options, active);
    if (outcome.kind === 'none') return;
    event.preventDefault();
    event.stopPropagation();
    if (outcome.kind === 'move') setActive(outcome.active);
    else if (outcome.kind === 'clear') setActive(undefined);
    else {
      setActive(undefined);
      onTake(outcome.key);
    }
  };

  return {
    active,
    /** Forgets the highlight (after a take made with the mouse). */
    reset: () => setActive(undefined),
    inputProps: {
      role: 'combobox',
      'aria-autocomplete': 'list' as const,
      'aria-haspopup': popup === 'listbox' ? ('listbox' as const) : undefined,
      'aria-expanded': open,
      'aria-controls': listId,
      'aria-activedescendant': activeId,
      onKeyDown,
    },
    listProps,
    optionProps: (key: string) => {
      const option = options.find((o) => o.key === key);
      return {
        id: optionId(key),
        role: popup === 'listbox' ? 'option' : undefined,
        'aria-selected': key === active,
        'aria-disabled': option?.disabled || undefined,
        'data-active': key === active || undefined,
        className: key === active ? 'listbox-option-active' : undefined,
        // The box keeps focus: results are reached with the arrow keys, not with Tab.
        tabIndex: -1,
      };
    },
  };
}
