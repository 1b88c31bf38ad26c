import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspMeta } from './build/cspMeta.ts';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (
            id.includes('node_modules/antd') ||
            id.includes('node_modules/@ant-design') ||
            id.includes('node_modules/rc-')
          )
            return 'antd';
          if (id.includes('node_modules/rxdb') || id.includes('node_modules/dexie')) return 'db';
          return undefined;
        },
      },
    },
  },
});
