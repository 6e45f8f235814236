import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Runtime } from '../runtime.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Keeps a keep-alive connection usable after a request is answered before its body was read
 * (413 from the body limit, 401/403 from the guard). @hono/node-server's own clean-up drains such a
 * body for at most 500 ms, stalls when the body stream was already opened, and then destroys the
 * socket — after answering `Connection: keep-alive`, so the client's next request on it fails.
 * Instead: a body of declared length up to `drainLimit` bytes is read and thrown away after the
 * answer (the connection stays open, and never more than the declared length is read); a larger
 * body, or one of unknown length (chunked), is answered with `Connection: close`, so the client
 * knows to open a new connection. Node's `requestTimeout` bounds a client that stops sending.
 */
export function keepAliveAfterRefusal(req: IncomingMessage, res: ServerResponse, drainLimit: number): void {
  const chunked = req.headers['transfer-encoding'] !== undefined;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!chunked && !(declared > 0)) return;
  if (chunked || !Number.isSafeInteger(declared) || declared > drainLimit) {
    res.setHeader('connection', 'close');
    return;
  }
  res.once('finish', () => {
    if (req.readableEnded || req.destroyed) return;
    // The web stream made of the body may hold a 'data' listener that pauses the request (and
    // with it the socket) when nobody reads it: drop it and let the rest of the body flow away.
    req.removeAllListeners('data');
    req.resume();
  });
}

export function startServer(rt: Runtime, options: { port: number; host: string; webDir?: string | null }): Promise<RunningServer> {
  const { app } = createApp(rt, options.webDir === undefined ? {} : { webDir: options.webDir });
  const drainLimit = Math.max(rt.config.bodyLimitBytes, rt.config.uploadLimitBytes);
  // autoCleanupIncoming off: keepAliveAfterRefusal does it (see there).
  const listener = getRequestListener(app.fetch, { hostname: options.host, autoCleanupIncoming: false });
  const server = createServer((req, res) => {
    keepAliveAfterRefusal(req, res, drainLimit);
    void listener(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const info = server.address() as AddressInfo;
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host === '127.0.0.1' || host === '[::1]' ? 'localhost' : host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections would hold close() open; end idle ones now.
            server.closeIdleConnections();
          }),
      });
    });
  });
}
