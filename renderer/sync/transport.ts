/**
 * What replication needs from the platform connection: JSON requests and a stream of server-sent
 * events. The workstation's platform client provides it; tests pass one over a real platform.
 */
export interface SyncTransport {
  /** A JSON request; rejects on network failure or an error status. */
  request<T>(
    path: string,
    init?: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal },
  ): Promise<T>;
  /** Parsed `data:` payloads of a server-sent event stream, until `signal` aborts or it ends. */
  stream(path: string, signal: AbortSignal): AsyncIterable<unknown>;
}
