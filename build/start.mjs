// `npm start` (after `npm run build`): the workstation in Electron where its binary is installed,
// otherwise in web mode — the built renderer served on http://127.0.0.1:5180/ (env PORT).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectron } from './electronBinary.mjs';
import { serveRenderer } from './serve.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_PORT = 5180;

/** Runs `electron .` on the repository and exits with it. */
function runElectron(binary) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: repoRoot, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Serves the renderer on PORT (5180 by default, any free port if that one is taken). */
async function runWebMode() {
  const port = Number(process.env.PORT) || DEFAULT_PORT;
  let server;
  try {
    server = await serveRenderer({ port });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    console.warn(`端口 ${port} 已被占用，改用空闲端口。 / Port ${port} is in use; using a free port.`);
    server = await serveRenderer({ port: 0 });
  }
  console.log('未找到 Electron，以网页模式运行。 / Electron was not found: running in web mode.');
  console.log(`ClinicDesk 网页模式：${server.url}`);
  console.log(`ClinicDesk web mode: ${server.url}`);
  console.log('按 Ctrl+C 停止。 / Press Ctrl+C to stop.');
  return server;
}

async function main() {
  const electron = findElectron();
  if (electron) return runElectron(electron);

  const services = [await runWebMode()];
  const stop = async () => {
    await Promise.allSettled(services.map((service) => service.close()));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
