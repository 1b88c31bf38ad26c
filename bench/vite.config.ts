import { defineConfig } from 'vite';
import { cspMeta } from '../build/cspMeta.ts';

/** Builds the in-browser benchmark page, which runs the app's own database code. */
export default defineConfig({
  root: 'bench/browser',
  base: './',
  plugins: [cspMeta()],
  define: { __APP_VERSION__: JSON.stringify('bench') },
  build: { outDir: '../../dist/bench', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  logLevel: 'warn',
});
