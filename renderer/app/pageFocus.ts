/**
 * Where focus goes when a person chooses a page from the menu (or by a shortcut): the page's
 * first field, so typing starts there and a screen reader starts on the page, not on the menu;
 * the page's heading when it has no field. Pages render their fields when their data arrives,
 * so this watches the page for a short while; a person who moves focus first keeps it.
 */

/** Elements that take typed or chosen input. Hidden, disabled and skipped (tabindex -1) ones do not count. */
const fieldSelector = [
  'input:not([type="hidden"]):not([disabled]):not([tabindex="-1"])',
  'textarea:not([disabled]):not([tabindex="-1"])',
  'select:not([disabled]):not([tabindex="-1"])',
  '[contenteditable="true"]',
].join(', ');

const visible = (el: Element) => el.getClientRects().length > 0;

/** The page's first visible field, in document order. */
export function firstField(root: ParentNode): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>(fieldSelector)].find(visible);
}

function heading(root: ParentNode): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>('h1, h2, h3, h4')].find(visible);
}

/**
 * Focuses the first field of the page under `root` (or `prefer`, when it names one) as soon as it
 * renders, within `windowMs`; meanwhile, and when none comes, the page heading. Stops at once if
 * focus moves anywhere this did not put it. Returns a function that stops watching.
 */
export function focusPageStart(
  root: HTMLElement,
  { prefer, windowMs = 1500 }: { prefer?: string; windowMs?: number } = {},
) {
  let placed: Element | null = null;
  let stopped = false;
  const startedOn = document.activeElement;
  const personMoved = () => {
    const now = document.activeElement;
    return now !== placed && now !== startedOn && now !== document.body && now !== null;
  };
  const place = (el: HTMLElement) => {
    if (el.tabIndex < 0 && !el.matches(fieldSelector)) el.tabIndex = -1;
    el.focus();
    placed = el;
  };
  const check = () => {
    if (stopped) return;
    if (personMoved()) return stop();
    const preferred = prefer ? root.querySelector<HTMLElement>(prefer) : null;
    const field = preferred && visible(preferred) ? preferred : firstField(root);
    if (field) {
      place(field);
      return stop();
    }
    const title = heading(root);
    if (title && placed !== title) place(title);
  };
  const observer = new MutationObserver(check);
  const timer = setTimeout(() => stop(), windowMs);
  function stop() {
    stopped = true;
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(root, { childList: true, subtree: true, attributes: true });
  check();
  return stop;
}
