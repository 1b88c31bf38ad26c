import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Path of the installed Electron binary, or undefined. Mirrors what `require('electron')` resolves
 * but never calls it: electron's index.js tries to DOWNLOAD the binary when it is missing.
 * @returns {string | undefined}
 */
export function findElectron() {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const executable = readFileSync(pathFile, 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
    const binary = join(distDir, executable);
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}
