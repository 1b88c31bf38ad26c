/**
 * Server-sent events read from a fetch body. EventSource cannot send an Authorization header, so
 * the platform's change streams are read with fetch and parsed here, after the WHATWG
 * event-stream rules: lines end in CRLF, LF or CR; a blank line ends an event; `data:` lines are
 * joined with newlines; comments (`:` lines, the platform's keep-alives), `event:`, `id:` and
 * `retry:` carry nothing the workstation uses.
 */

/** Splits text chunks into lines, holding back an unfinished line (and a CR whose LF may follow). */
export class LineSplitter {
  private rest = '';

  /** Complete lines in `chunk` (plus what was held back), without their line ends. */
  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') {
        lines.push(text.slice(start, i));
        start = i + 1;
      } else if (c === '\r') {
        if (i + 1 === text.length) break; // a CR at the very end: wait to see whether LF follows
        lines.push(text.slice(start, i));
        if (text[i + 1] === '\n') i++;
        start = i + 1;
      }
    }
    this.rest = text.slice(start);
    return lines;
  }

  /** What is left at the end of the stream (a last line without a line end). */
  end(): string[] {
    const rest = this.rest.replace(/\r$/, '');
    this.rest = '';
    return rest ? [rest] : [];
  }
}

/** Collects lines into events; `line` returns an event's data when a blank line completes one. */
export class EventAssembler {
  private data: string[] = [];

  line(line: string): string | undefined {
    if (line === '') {
      if (this.data.length === 0) return undefined;
      const data = this.data.join('\n');
      this.data = [];
      return data;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    return undefined;
  }
}

/**
 * The `data` of every event in a byte stream, in order, until the stream ends or `signal` aborts
 * (then the iteration ends quietly and the body is cancelled). An event still open when the
 * stream ends is dropped, as the standard says.
 * @throws whatever reading the body throws (a dropped connection)
 */
export async function* eventData(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const lines = new LineSplitter();
  const events = new EventAssembler();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) return;
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (signal?.aborted) return;
        throw error;
      }
      if (chunk.done) {
        for (const line of [...lines.push(decoder.decode()), ...lines.end()]) events.line(line);
        return;
      }
      for (const line of lines.push(decoder.decode(chunk.value, { stream: true }))) {
        const data = events.line(line);
        if (data !== undefined) yield data;
        if (signal?.aborted) return;
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    cancel();
  }
}
