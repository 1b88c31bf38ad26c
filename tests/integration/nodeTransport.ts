/**
 * A SyncTransport over Node's fetch, for running the workstation's sync engine against a real
 * platform process in tests: bearer token, protocol header, and the workstation's own
 * server-sent events reader.
 */
import { PROTOCOL_VERSION, protocolHeader } from '../../shared/platform/protocol';
import { eventData } from '../../renderer/platform/sse';
import type { SyncTransport } from '../../renderer/sync/transport';

export class TransportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

export function nodeTransport(
  baseUrl: string,
  token: () => string,
  online: () => boolean = () => true,
): SyncTransport {
  const headers = () => ({ authorization: `Bearer ${token()}`, [protocolHeader]: String(PROTOCOL_VERSION) });
  const guard = () => {
    if (!online()) throw new TransportError(0, 'network.offline');
  };
  return {
    async request<T>(
      path: string,
      init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {},
    ) {
      guard();
      const response = await fetch(new URL(path, baseUrl), {
        method: init.method ?? 'GET',
        headers: { ...headers(), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
      const payload = (await response.json()) as T & { error?: { code: string } };
      if (!response.ok) throw new TransportError(response.status, payload.error?.code ?? 'server.internal');
      return payload;
    },
    async *stream(path: string, signal: AbortSignal) {
      guard();
      const response = await fetch(new URL(path, baseUrl), { headers: headers(), signal });
      if (!response.ok || !response.body) throw new TransportError(response.status, 'stream.failed');
      for await (const data of eventData(response.body, signal)) {
        if (!online()) return;
        yield JSON.parse(data) as unknown;
      }
    },
  };
}
