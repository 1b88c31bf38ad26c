// Starts the real platform bundle (build/bundle-platform.mjs → dist/platform/main.mjs) as a child
// process on the loopback address, with PGlite in a fresh temporary folder and the demo district
// seeded, and stops it again. The child is the production entry point, unchanged.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A port the kernel just handed out on 127.0.0.1 (free a moment ago). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Bundles and starts the platform; resolves once it listens. `prepare(dataDir)`, when given, fills
 * the empty data folder first (the platform then finds the demo district there and seeds nothing).
 * @returns {{ url, seedSeconds, startSeconds, stop(): Promise<void> }}
 */
export async function startPlatform({ residents, startTimeoutMs = 15 * 60_000, prepare }) {
  execFileSync(process.execPath, ['build/bundle-platform.mjs'], { stdio: 'inherit' });
  const dataDir = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-'));
  if (prepare) {
    try {
      await prepare(dataDir);
    } catch (error) {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
  }
  const port = await freePort();
  const started = performance.now();
  // BENCH_PLATFORM_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=.scratch/prof`, profiles the platform.
  const nodeArgs = (process.env.BENCH_PLATFORM_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'dist/platform/main.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      CLINICDESK_DATA_DIR: dataDir,
      CLINICDESK_SEED: '1',
      CLINICDESK_SEED_RESIDENTS: String(residents),
      CLINICDESK_TOKEN_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // However the benchmark ends (an error, its own deadline), the platform and its data go with it.
  const cleanUp = () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);

  let seedSeconds = null;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the platform did not start in time')), startTimeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the platform exited during start-up (${signal ?? code})`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const seeded = /Demo district seeded: (\d+) residents in ([\d.]+) s/.exec(line);
      if (seeded) seedSeconds = Number(seeded[2]);
      if (line.includes(`http://127.0.0.1:${port}/`)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });

  const stop = async () => {
    process.off('exit', cleanUp);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    seedSeconds,
    startSeconds: (performance.now() - started) / 1000,
    stop,
  };
}
