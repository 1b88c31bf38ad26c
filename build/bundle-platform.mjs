// Bundles the platform server with esbuild (npm run platform:start):
//   platform/main.ts → dist/platform/main.mjs   Node 20, ESM, packages left to node_modules
//   platform/db/migrations/*.sql → dist/platform/migrations/   read at start by db/migrate.ts
// Node 20 cannot run TypeScript and the project has no tsx, so the platform runs as a bundle;
// tests run the sources directly in Vitest.
import { build } from 'esbuild';
import { cp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/platform`;

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['platform/main.ts'],
  outfile: 'dist/platform/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
await cp(`${root}platform/db/migrations`, `${outdir}/migrations`, { recursive: true });

console.log('platform bundled: dist/platform/main.mjs');
