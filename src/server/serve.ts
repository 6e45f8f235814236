import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Runtime } from '../runtime.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(rt: Runtime, options: { port: number; host: string; webDir?: string | null }): Promise<RunningServer> {
  const { app } = createApp(rt, options.webDir === undefined ? {} : { webDir: options.webDir });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host === '127.0.0.1' || host === '[::1]' ? 'localhost' : host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections would hold close() open; end idle ones now.
            (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
