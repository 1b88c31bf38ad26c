// `npm start` (after `npm run build`): the platform first (embedded PGlite with the demo district,
// on http://127.0.0.1:8720/, env PLATFORM_PORT; its demo accounts print to this console), then the
// workstation signing in against it: in Electron where its binary is installed, otherwise in web
// mode — the built renderer served on http://127.0.0.1:5180/ (env PORT). Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectron } from './electronBinary.mjs';
import { serveRenderer } from './serve.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_PORT = 5180;
const DEFAULT_PLATFORM_PORT = 8720;
/** The first start seeds 5,000 residents, which takes a while on a slow machine. */
const PLATFORM_START_TIMEOUT_MS = 180_000;

/** Whether a ClinicDesk platform answers /v1/health at `url`. */
async function platformAnswers(url) {
  try {
    const res = await fetch(new URL('/v1/health', url), { signal: AbortSignal.timeout(2000) });
    return res.ok && (await res.json()).ok === true;
  } catch {
    return false;
  }
}

/** Runs a Node script to completion. */
function runNode(script) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

/**
 * Bundles and starts the platform as a child process and waits until it answers. Reuses one that
 * already answers on the port (a second `npm start`, or `npm run platform:start` in another shell).
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
async function startPlatform() {
  const port = Number(process.env.PLATFORM_PORT) || DEFAULT_PLATFORM_PORT;
  const url = `http://127.0.0.1:${port}`;
  if (await platformAnswers(url)) {
    console.log(`平台已在运行，直接使用。 / A platform already answers at ${url}/; using it.`);
    return { url, stop: async () => undefined };
  }
  console.log('正在启动平台… / Starting the platform…');
  await runNode('build/bundle-platform.mjs');
  const child = spawn(process.execPath, ['dist/platform/main.mjs'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let running = true;
  void exited.then(() => (running = false));

  const deadline = Date.now() + PLATFORM_START_TIMEOUT_MS;
  while (!(await platformAnswers(url))) {
    if (!running) throw new Error(`The platform stopped before it answered (see above).`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`The platform did not answer at ${url}/ within ${PLATFORM_START_TIMEOUT_MS / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    url,
    // The platform closes its database on SIGINT/SIGTERM (PGlite writes its files then); wait for it.
    async stop() {
      if (!running) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `electron .` on the repository against the platform; resolves with its exit code. */
function runElectron(binary, platformUrl) {
  const env = { ...process.env, CLINICDESK_PLATFORM_URL: platformUrl };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: repoRoot, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** Serves the renderer on PORT (5180 by default, any free port if that one is taken). */
async function runWebMode(platformUrl) {
  const port = Number(process.env.PORT) || DEFAULT_PORT;
  let server;
  try {
    server = await serveRenderer({ port, platformUrl });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    console.warn(`端口 ${port} 已被占用，改用空闲端口。 / Port ${port} is in use; using a free port.`);
    server = await serveRenderer({ port: 0, platformUrl });
  }
  console.log('未找到 Electron，以网页模式运行。 / Electron was not found: running in web mode.');
  console.log(`平台 Platform: ${platformUrl}/`);
  console.log(`ClinicDesk 网页模式：${server.url}`);
  console.log(`ClinicDesk web mode: ${server.url}`);
  console.log('按 Ctrl+C 停止。 / Press Ctrl+C to stop.');
  return server;
}

async function main() {
  const platform = await startPlatform();
  const electron = findElectron();
  if (electron) {
    const code = await runElectron(electron, platform.url);
    await platform.stop();
    process.exit(code);
  }

  let server;
  try {
    server = await runWebMode(platform.url);
  } catch (error) {
    await platform.stop();
    throw error;
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled([server.close(), platform.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
