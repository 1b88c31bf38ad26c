/**
 * Imported first by the desk's entry (main.tsx), before any module defines a schema: the desk's
 * CSP forbids eval, so zod must neither probe for it (the refused probe is reported as a CSP
 * violation) nor compile its parsers with it.
 */
import { config } from 'zod';

config({ jitless: true });
