import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './env.js';
import { serveWeb } from './static.js';

function webDir() {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kpo</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
  return dir;
}

describe('serving the built web UI', () => {
  const app = new Hono<AppEnv>();
  const dir = webDir();
  serveWeb(app, dir);

  it('serves index.html at / and at client-side routes', async () => {
    for (const path of ['/', '/members', '/settings/tokens', '/invitations/accept']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/text\/html/);
      expect(await res.text(), path).toContain('<title>kpo</title>');
    }
  });

  it('serves hashed assets with a long cache, and other files as they are', async () => {
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await app.request('/favicon.svg')).status).toBe(200);
    const gone = await app.request('/assets/index-old999.js');
    expect(gone.status).toBe(404);
    expect(gone.headers.get('cache-control')).toBeNull();
  });

  it('picks up a rebuilt index.html without a restart', async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kpo v2</title>');
    expect(await (await app.request('/')).text()).toContain('kpo v2');
  });

  it('says how to build when the UI is missing', async () => {
    const bare = new Hono<AppEnv>();
    serveWeb(bare, join(tmpdir(), 'kpo-no-such-web-dir'));
    const res = await bare.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });
});
