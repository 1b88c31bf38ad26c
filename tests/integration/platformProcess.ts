/**
 * The platform as a process of its own, as a district runs it: platform/main.ts bundled with
 * esbuild (as build/bundle-platform.mjs does, but into a folder of this run, so the shared dist/ is
 * never touched and `npm run build` need not have run), started with node, stopped gracefully
 * (SIGTERM) or killed outright (SIGKILL), and started again on the same port and database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles the platform into a fresh folder under node_modules/.cache (inside the repository, so the
 * bundle's packages resolve from node_modules), with the migrations beside it. Returns the bundle
 * and a function that removes the folder.
 */
export async function bundlePlatform(): Promise<{ entry: string; remove: () => Promise<void> }> {
  const cache = join(root, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'clinicdesk-platform-'));
  await build({
    absWorkingDir: root,
    entryPoints: ['platform/main.ts'],
    outfile: join(dir, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  await cp(join(root, 'platform/db/migrations'), join(dir, 'migrations'), { recursive: true });
  return { entry: join(dir, 'main.mjs'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A free TCP port of 127.0.0.1 (free when asked; nothing holds it afterwards). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface PlatformDatabase {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
}

/** One platform process at a time, on a fixed port and database; restartable. */
export class PlatformProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** The last lines the process wrote, for a failure's message. */
  private readonly output: string[] = [];
  /** The key tokens are signed with: the same across restarts, so desks stay signed in. */
  private readonly tokenSecret = randomBytes(32).toString('base64url');

  constructor(
    private readonly entry: string,
    readonly port: number,
    private readonly database: PlatformDatabase,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** What the process wrote last (for messages when something goes wrong). */
  get log(): string {
    return this.output.slice(-40).join('');
  }

  /** Starts the process and resolves once it listens. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) throw new Error('the platform is already running');
    const child = spawn(process.execPath, [this.entry], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATABASE_URL: this.database.databaseUrl ?? '',
        CLINICDESK_DATA_DIR: this.database.dataDir ?? '',
        CLINICDESK_SEED: '1',
        CLINICDESK_SEED_RESIDENTS: '0',
        CLINICDESK_TOKEN_SECRET: this.tokenSecret,
        CLINICDESK_ACCESS_TTL_SECONDS: '3600',
        LOG_LEVEL: 'error',
      },
    });
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        if (this.child === child) this.child = undefined;
        resolve();
      }),
    );
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.splice(0, 100);
    };
    child.stderr!.on('data', keep);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the platform did not start within ${timeoutMs} ms:\n${this.log}`));
      }, timeoutMs);
      const done = (error?: Error) => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      let seen = '';
      const onData = (chunk: Buffer) => {
        keep(chunk);
        seen += chunk.toString();
        if (seen.includes(`platform: http://127.0.0.1:${this.port}/`)) done();
      };
      const onExit = (code: number | null) =>
        done(new Error(`the platform exited (${code}) while starting:\n${this.log}`));
      child.stdout!.on('data', onData);
      child.once('exit', onExit);
    });
    child.stdout!.on('data', keep);
  }

  /** SIGTERM: streams end, requests in flight finish, the database closes; resolves on exit. */
  async stop(timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL: the process ends at once, whatever it was doing. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
  }
}
