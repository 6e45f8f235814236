import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from '../testing/runtime.js';
import { type RunningServer, startServer } from './serve.js';

interface Answer {
  status: number;
  connection: string | undefined;
  reusedSocket: boolean;
  body: string;
}

/** One HTTP/1.1 request through `agent`; the body is sent with its Content-Length unless `chunked`. */
function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
  chunked = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
    if (body && !chunked) h['content-length'] = String(body.length);
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: h }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, reusedSocket: req.reusedSocket, body: text }),
      );
    });
    req.on('error', reject);
    if (body && chunked) {
      // Several writes before end: Node sends them with Transfer-Encoding: chunked.
      for (let i = 0; i < body.length; i += 65_536) req.write(body.subarray(i, i + 65_536));
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** A JSON-looking body of about `bytes` bytes. */
const bigJson = (bytes: number) => Buffer.from(JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(bytes) }));

/** Reads one HTTP/1.1 response (Content-Length framed) from a raw socket. */
function readResponse(socket: Socket, buffered: { data: Buffer }): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const tryParse = () => {
      const end = buffered.data.indexOf('\r\n\r\n');
      if (end < 0) return false;
      const head = buffered.data.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffered.data.length < end + 4 + length) return false;
      const body = buffered.data.subarray(end + 4, end + 4 + length).toString('utf8');
      buffered.data = buffered.data.subarray(end + 4 + length);
      resolve({ head, body });
      return true;
    };
    const onData = (chunk: Buffer) => {
      buffered.data = Buffer.concat([buffered.data, chunk]);
      if (tryParse()) cleanup();
    };
    const onGone = (e?: Error) => {
      cleanup();
      reject(e ?? new Error('The server closed the connection.'));
    };
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onGone);
      socket.off('close', onGone);
    };
    if (tryParse()) return;
    socket.on('data', onData);
    socket.on('error', onGone);
    socket.on('close', onGone);
  });
}

describe('keep-alive connections survive a request refused before its body is read', () => {
  let kit: TestKit & { close(): Promise<void> };
  let server: RunningServer;
  let port: number;

  beforeAll(async () => {
    // The largest body kpo reads is the upload limit: up to that, a refused body is drained.
    kit = await createTestKit('pglite', { KPO_UPLOAD_LIMIT_BYTES: String(3 * 1024 * 1024) });
    server = await startServer(kit.rt, { port: 0, host: '127.0.0.1', webDir: null });
    port = Number(new URL(server.url).port);
  });

  afterAll(async () => {
    await server?.close();
    await kit?.close();
  });

  it('a body over the limit gets 413, and the next request on the same connection works', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await send(agent, port, 'POST', '/api/session', bigJson(2 * 1024 * 1024));
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body).error.code).toBe('payload_too_large');
      expect(refused.connection).toBe('keep-alive');
      const next = await send(agent, port, 'GET', '/api/health');
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('an unauthenticated or cross-origin POST with a large body is refused, and the connection stays usable', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = bigJson(900 * 1024); // under the body limit: refused by the guard, not the limit
      const unauthenticated = await send(agent, port, 'POST', '/api/tokens', body);
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.connection).toBe('keep-alive');
      const crossOrigin = await send(agent, port, 'POST', '/api/tokens', body, { origin: 'https://evil.example' });
      expect(crossOrigin.status).toBe(403);
      expect(crossOrigin.reusedSocket).toBe(true);
      const next = await send(agent, port, 'GET', '/api/health');
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('on one raw socket: a refused 1 MB body, then a second request, both answered', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const buffered = { data: Buffer.alloc(0) };
    try {
      const body = bigJson(1024 * 1024);
      socket.write(
        `POST /api/tokens HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      socket.write(body);
      const first = await readResponse(socket, buffered);
      expect(first.head).toMatch(/^HTTP\/1\.1 413 /);
      expect(first.head).toMatch(/\r\nconnection: keep-alive/i);
      socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      const second = await readResponse(socket, buffered);
      expect(second.head).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      socket.destroy();
    }
  });

  it('a body too large to drain, or of unknown length, is answered with Connection: close, and the client reconnects', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const huge = await send(agent, port, 'POST', '/api/session', bigJson(4 * 1024 * 1024));
      expect(huge.status).toBe(413);
      expect(huge.connection).toBe('close');
      const chunked = await send(agent, port, 'POST', '/api/tokens', bigJson(2 * 1024 * 1024), {}, true);
      expect(chunked.status).toBe(413);
      expect(chunked.connection).toBe('close');
      expect(chunked.reusedSocket).toBe(false);
      const next = await send(agent, port, 'GET', '/api/health');
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(false);
    } finally {
      agent.destroy();
    }
  });
});
