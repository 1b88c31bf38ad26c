/**
 * A desk's network link to the platform, as a TCP proxy the test controls: it can be cut (the desk
 * is offline: open connections break and new ones are refused), have its connections dropped (a
 * flaky line: what is open breaks, the next connection works), and report each push it carries
 * on its way to the platform (so the platform can be killed while one is in flight).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class LinkProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private cut = false;
  /** Called with each chunk a desk sends that starts a push, after it was passed on. */
  onPush: (() => void) | undefined;

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  /** A proxy on a free port of 127.0.0.1 to `targetPort` there. */
  static async open(targetPort: number): Promise<LinkProxy> {
    const proxy = new LinkProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get baseUrl(): string {
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}/`;
  }

  get offline(): boolean {
    return this.cut;
  }

  private accept(client: Socket) {
    if (this.cut) {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client);
    this.sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (this.onPush && /^POST \/v1\/[a-zA-Z]+\/push/.test(chunk.toString('latin1', 0, 40))) this.onPush();
    });
    upstream.pipe(client);
  }

  /** Breaks every open connection; new ones still work. */
  drop(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** Offline: breaks every open connection and refuses new ones until {@link restore}. */
  sever(): void {
    this.cut = true;
    this.drop();
  }

  restore(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.sever();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
