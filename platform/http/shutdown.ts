/**
 * Stopping the platform (SIGINT, SIGTERM) so desks notice at once and nothing half-written is
 * lost: the server stops accepting, every open change stream is ended (the sync routes' preClose
 * hook: a desk's stream then ends and its indicator leaves "connected" instead of waiting for a
 * heartbeat that never comes), requests in flight finish and are answered, and only then is the
 * store closed (PGlite writes its files on close).
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../db/store';

export interface StopOptions {
  /**
   * How long requests in flight may take to finish before their connections are cut (default
   * 10 s): a stop must end even if a client never finishes sending its body.
   */
  graceMs?: number;
}

/**
 * Stops `app` and then closes `store`. Resolves when both are done; the caller exits.
 * Calling it again while a stop is in progress returns the same promise.
 */
export function stopPlatform(app: FastifyInstance, store: Store, options: StopOptions = {}): Promise<void> {
  const running = stopping.get(app);
  if (running) return running;
  const stop = (async () => {
    const grace = setTimeout(() => app.server.closeAllConnections(), options.graceMs ?? 10_000);
    // The server closes the connections idle when the stop begins; a keep-alive connection whose
    // request (or stream) ends afterwards would otherwise hold the stop until the grace runs out.
    const idle = setInterval(() => app.server.closeIdleConnections(), 50);
    try {
      await app.close();
    } finally {
      clearTimeout(grace);
      clearInterval(idle);
    }
    await store.close();
  })();
  stopping.set(app, stop);
  return stop;
}

const stopping = new WeakMap<FastifyInstance, Promise<void>>();
