// What a desk does to the platform, over plain node:http on loopback: sign in, pull a page,
// push rows, and hold a change stream open (server-sent events).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const jsonHeaders = { accept: 'application/json' };

/**
 * One request; resolves with status, the body as text and the milliseconds until its last byte.
 * @returns {Promise<{ status: number, text: string, ms: number }>}
 */
export function request(base, method, path, { token, body } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { ...jsonHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(`${base}${path}`, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export async function signIn(base, username, password) {
  const { status, text } = await request(base, 'POST', '/v1/auth/login', { body: { username, password } });
  if (status !== 200) throw new Error(`sign-in of ${username} answered ${status}: ${text}`);
  return JSON.parse(text).accessToken;
}

/**
 * Opens `/v1/:collection/stream` and calls `onEvent(event, receivedAt)` per server-sent event.
 * Resolves once the response headers arrived.
 * @returns {Promise<{ close(): void }>}
 */
export function openStream(base, collection, token, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}/v1/${collection}/stream`,
      { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk) => {
          const receivedAt = performance.now();
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n');
            if (data) onEvent(JSON.parse(data), receivedAt);
          }
        });
        res.on('error', () => undefined); // a stream we closed ourselves
        resolve({ close: () => req.destroy() });
      },
    );
    req.on('error', reject);
  });
}
