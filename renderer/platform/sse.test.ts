import { describe, expect, it } from 'vitest';
import { EventAssembler, eventData, LineSplitter } from './sse';

const bytes = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

const collect = async (body: ReadableStream<Uint8Array>, signal?: AbortSignal) => {
  const out: string[] = [];
  for await (const data of eventData(body, signal)) out.push(data);
  return out;
};

describe('LineSplitter', () => {
  it('splits on LF, CRLF and CR, holding back a CR at a chunk end', () => {
    const lines = new LineSplitter();
    expect(lines.push('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c']);
    expect(lines.push('e\r')).toEqual([]);
    expect(lines.push('\nf')).toEqual(['de']);
    expect(lines.end()).toEqual(['f']);
  });
});

describe('EventAssembler', () => {
  it('joins data lines, skips comments and other fields, ends an event on a blank line', () => {
    const events = new EventAssembler();
    const feed = (lines: string[]) => lines.map((l) => events.line(l)).filter((d) => d !== undefined);
    expect(feed([': keep-alive', '', 'event: x', 'id: 4', 'data: {"a":', 'data:1}', ''])).toEqual([
      '{"a":\n1}',
    ]);
    expect(feed(['data', ''])).toEqual(['']);
    expect(feed(['retry: 10', ''])).toEqual([]);
  });
});

describe('eventData', () => {
  it('yields every event, whatever the chunking, in order', async () => {
    const text = 'data: {"type":"resync"}\n\n: keep-alive\n\ndata: {"type":"changes"}\r\n\r\n';
    const expected = ['{"type":"resync"}', '{"type":"changes"}'];
    expect(await collect(bytes([text]))).toEqual(expected);
    expect(await collect(bytes(text.split('')))).toEqual(expected);
    // Multi-byte characters cut between chunks.
    const zh = new TextEncoder().encode('data: "张三"\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const b of zh) controller.enqueue(new Uint8Array([b]));
        controller.close();
      },
    });
    expect(await collect(stream)).toEqual(['"张三"']);
  });

  it('drops an event the stream ends in the middle of', async () => {
    expect(await collect(bytes(['data: 1\n\ndata: 2\n']))).toEqual(['1']);
  });

  it('ends quietly when the signal aborts, and cancels the body', async () => {
    let cancelled = false;
    let push: ((s: string) => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (s) => controller.enqueue(new TextEncoder().encode(s));
      },
      cancel() {
        cancelled = true;
      },
    });
    const abort = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const data of eventData(body, abort.signal)) {
        seen.push(data);
        if (seen.length === 1) setTimeout(() => abort.abort(), 5);
      }
    })();
    push!('data: 1\n\n');
    await done;
    expect(seen).toEqual(['1']);
    expect(cancelled).toBe(true);
  });
});
