/** The platform's build version: the application's package version (bundled in by esbuild). */
import packageJson from '../package.json';

export const platformVersion: string = packageJson.version;
