// Worklists of a synthetic centre computed in Node (bench/followups/worklistsNode.ts): the rules
// alone, without a desk or a browser. `node bench/worklists.mjs`; sizes from BENCH_ENROLLED
// (10000), BENCH_FOLLOWUP_RESIDENTS (100000) and BENCH_WORKLIST_RUNS (20).
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const outfile = 'dist/bench-worklists/run.mjs';
await build({
  entryPoints: ['bench/followups/worklistsNode.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await import(pathToFileURL(resolve(outfile)).href);
