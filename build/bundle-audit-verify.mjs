// Bundles the audit verification (npm run audit:verify) with esbuild, like the platform itself
// (build/bundle-platform.mjs): platform/audit/verifyMain.ts → dist/audit-verify/main.mjs. Its
// own folder, so verifying never touches the bundle a running platform was started from.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['platform/audit/verifyMain.ts'],
  outfile: 'dist/audit-verify/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
