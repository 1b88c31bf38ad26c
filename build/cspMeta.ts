import type { Plugin } from 'vite';
import { buildCsp } from '../shared/security/csp.ts';

/**
 * Writes the renderer's Content-Security-Policy into the built index.html as a meta tag, so web
 * mode, Electron and the benchmark page all run under the same policy (main and the static server
 * also send it as a header). The dev server does without: Vite's client needs inline scripts.
 */
export function cspMeta(): Plugin {
  return {
    name: 'clinicdesk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: buildCsp({ forMeta: true }) },
        injectTo: 'head-prepend',
      },
    ],
  };
}
