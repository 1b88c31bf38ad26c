// Serves the built renderer (web mode) for the e2e run: `node e2e/serve.mjs PORT`. The platform is
// env CLINICDESK_PLATFORM_URL (set by playwright.config.ts); /v1/* is forwarded to it.
import { serveRenderer } from '../build/serve.mjs';

const port = Number(process.argv[2] ?? 5199);
const server = await serveRenderer({ port });
console.log(`e2e server: ${server.url}`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
