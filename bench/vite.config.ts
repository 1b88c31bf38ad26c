import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspMeta } from '../build/cspMeta.ts';

/** Builds the in-browser benchmark pages, which run the app's own database and sync code. */
export default defineConfig({
  root: 'bench/browser',
  base: './',
  plugins: [react(), cspMeta()],
  define: { __APP_VERSION__: JSON.stringify('bench') },
  build: {
    outDir: '../../dist/bench',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('browser/index.html', import.meta.url)),
        sync: fileURLToPath(new URL('browser/sync.html', import.meta.url)),
        clinical: fileURLToPath(new URL('browser/clinical.html', import.meta.url)),
        followups: fileURLToPath(new URL('browser/followups.html', import.meta.url)),
      },
    },
  },
  logLevel: 'warn',
});
