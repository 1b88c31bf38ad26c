/**
 * The renderer's only door to its host: the Electron preload bridge when present, otherwise the
 * browser implementation (web mode). Features import `host` and never ask which one it is.
 */
import type { ClinicHost } from '../../shared/ipc/contract';
import { webHost } from './webHost';

export const host: ClinicHost = window.clinic ?? webHost;
