// Bundles Electron main and the preload with esbuild (npm run build:main):
//   main/index.ts   → dist/main/index.cjs    Node (Electron 45 ships Node 22), CommonJS
//   main/preload.ts → dist/main/preload.cjs  sandboxed preload: ONE CommonJS file whose only
//                                            require is 'electron' (sandboxed preloads cannot be
//                                            ESM nor require other modules)
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/main`;

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

await rm(outdir, { recursive: true, force: true });

const [, preload] = await Promise.all([
  build({
    ...common,
    entryPoints: ['main/index.ts'],
    outfile: 'dist/main/index.cjs',
    platform: 'node',
    target: 'node22',
  }),
  build({
    ...common,
    entryPoints: ['main/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    platform: 'browser',
    target: 'chrome140',
  }),
]);

// Guard the sandbox rule: anything but 'electron' left as a require would fail at runtime.
const requires = Object.values(preload.metafile.outputs).flatMap((output) =>
  output.imports.filter((entry) => entry.external).map((entry) => entry.path),
);
const forbidden = requires.filter((path) => path !== 'electron');
if (forbidden.length > 0) {
  console.error(`preload.cjs must require only 'electron', but requires: ${forbidden.join(', ')}`);
  process.exit(1);
}

console.log('main bundled: dist/main/index.cjs, dist/main/preload.cjs');
