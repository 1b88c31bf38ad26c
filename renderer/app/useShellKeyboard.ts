import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { can } from '../../shared/auth/roles';
import { focusPageStart } from './pageFocus';
import { useOperator } from './services';
import { PageShortcuts, useGlobalShortcuts } from './shortcutKeys';
import { residentSearchId, type ShortcutId } from './shortcuts';

interface FocusRequest {
  path: string;
  prefer?: string;
  serial: number;
}

/**
 * The Shell's keyboard: the global shortcuts (`shortcuts.ts`), the help overlay's state, and focus
 * at the start of a page chosen from the menu or by a shortcut. `contentRef` goes on the element
 * around the page; `go` is what the menu calls.
 */
export function useShellKeyboard() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { operator } = useOperator();
  const contentRef = useRef<HTMLElement>(null);
  const [pageShortcuts] = useState(() => new PageShortcuts());
  const [helpOpen, setHelpOpen] = useState(false);
  const [request, setRequest] = useState<FocusRequest>();
  const handled = useRef(0);

  /** Opens `path` (or stays on it) and puts focus at the start of its page. */
  const go = (path: string, prefer?: string) => {
    setRequest((r) => ({ path, prefer, serial: (r?.serial ?? 0) + 1 }));
    if (path !== pathname) void navigate(path);
  };

  // Runs once the new page is the one shown (navigation may commit after the request).
  useEffect(() => {
    const root = contentRef.current;
    if (!request || request.serial === handled.current || request.path !== pathname || !root)
      return undefined;
    handled.current = request.serial;
    return focusPageStart(root, { prefer: request.prefer });
  }, [request, pathname]);

  useGlobalShortcuts((id: ShortcutId) => {
    switch (id) {
      case 'help':
        setHelpOpen(true);
        return true;
      case 'search': {
        const box = document.getElementById(residentSearchId);
        if (box instanceof HTMLInputElement) {
          box.focus();
          box.select();
        } else go('/patients', `#${residentSearchId}`);
        return true;
      }
      case 'register':
        if (!can(operator.role, 'patient.register')) return false;
        go('/patients/new');
        return true;
      case 'callNext':
        return pageShortcuts.run('callNext');
    }
  });

  return { contentRef, go, pageShortcuts, helpOpen, closeHelp: () => setHelpOpen(false) };
}
