/**
 * What a change stream sends is a read like a pull: the desk stores it and moves its checkpoint
 * past it, so no pull of it follows. The platform notes each delivery of residents or clinical
 * records for the stream's actor, resolvable to the residents it named. Over real HTTP (a
 * listening platform read as server-sent events), on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse, StreamEvent } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import { demoCentreId } from '../seed/demo';
import { databaseSetupTimeout, testBackends } from '../testing/backends';
import { startTestPlatform, type TestPlatform } from '../testing/platform';
import { flushPulls, resolvePull } from './platformAudit';
import { verifyAudit } from './verify';

interface PullLogRow {
  id: number;
  org_id: string;
  collection: string;
  from_seq: number;
  to_seq: number;
  count: number;
  audit_seq: number | null;
}

/** The events of a server-sent event stream: `next` reads until one satisfies `wanted`. */
function eventsOf(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return async (wanted: (event: StreamEvent) => boolean, timeoutMs: number): Promise<StreamEvent> => {
    const timer = setTimeout(() => void reader.cancel(), timeoutMs);
    try {
      for (;;) {
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          buffer = buffer.slice(end + 2);
          const event = data ? (JSON.parse(data) as StreamEvent) : null;
          if (event && wanted(event)) return event;
        }
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`no such event within ${timeoutMs} ms`);
        buffer += chunk.value;
      }
    } finally {
      clearTimeout(timer);
    }
  };
}

describe.each(testBackends)('stream deliveries in the platform’s audit on $name', ({ open }) => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    platform = await startTestPlatform(open, { signIn: ['reg01', 'doc01'] });
    base = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  }, databaseSetupTimeout);
  afterAll(async () => {
    platform.app.server.closeAllConnections();
    await platform.close();
  }, 60_000);

  it(
    'notes a resident sent over a doctor’s stream as read by that doctor, resolvable to the resident',
    { timeout: 60_000 },
    async () => {
      const abort = new AbortController();
      const stream = await fetch(`${base}/v1/patients/stream`, {
        headers: { authorization: `Bearer ${platform.tokens.doc01}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      expect(stream.status).toBe(200);
      try {
        const resident = samplePatient({ id: '0190d9a0-0000-7000-8000-5a0000000001', orgId: demoCentreId });
        const next = eventsOf(stream);
        // The stream is subscribed by the time its first event (resync) arrives.
        await next((e) => e.type === 'resync', 20_000);
        const pushed = await fetch(`${base}/v1/patients/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${platform.tokens.reg01}`, 'content-type': 'application/json' },
          body: JSON.stringify([{ newDocumentState: { ...resident, _deleted: false } }]),
        });
        expect(((await pushed.json()) as PushResponse).rejected).toEqual([]);
        await next((e) => e.type === 'changes' && e.documents.some((d) => d.id === resident.id), 20_000);

        // Noting a delivery does not hold up the fan-out: wait for its row, then for its batch.
        const deadline = Date.now() + 10_000;
        let noted: PullLogRow | undefined;
        while (!noted && Date.now() < deadline) {
          [noted] = await platform.store.query<PullLogRow>(
            `SELECT * FROM pull_log WHERE actor_id = 'staff-doc01' ORDER BY id DESC LIMIT 1`,
          );
          if (!noted) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(noted).toMatchObject({ collection: 'patients', count: 1, org_id: demoCentreId });
        await flushPulls(platform.store, new Date());
        const [batched] = await platform.store.query<{ action: string }>(
          `SELECT e.action FROM audit_events e JOIN pull_log p ON p.audit_seq = e.seq WHERE p.id = $1`,
          [noted!.id],
        );
        expect(batched).toEqual({ action: 'sync.pulls' });
        const resolved = await resolvePull(platform.store, {
          orgId: noted!.org_id,
          collection: noted!.collection,
          fromSeq: Number(noted!.from_seq),
          toSeq: Number(noted!.to_seq),
        });
        expect(resolved.patientIds).toEqual([resident.id]);
        expect((await verifyAudit(platform.store)).problems).toEqual([]);
      } finally {
        abort.abort();
      }
    },
  );
});
